package org.festivaloutcomes.ingest;

import static org.festivaloutcomes.ingest.SectionFiles.readFully;
import static org.festivaloutcomes.ingest.SectionFiles.writeFully;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * A run's accepted attendance rows as the attendance pass reads them, written by the parse tasks
 * ({@code _facts-<task>.bin} of an attendance entry): 32 bytes per row, grouped by attendee, so that
 * the pass neither parses again nor shuffles. Each file holds its part's distinct
 * combinations of the text columns the metrics read (festival, event, channel, attendee type, origin
 * region and country) and every row as (attendee_key, day, combination, admissions, record number), in
 * sections by attendee_key ({@link #BUCKETS} of them), so that one task reads one range of sections
 * from every file and sees every row of its attendees. Rows set aside after the parse (a record_id
 * repeated across files) are listed per file and skipped by the reader.
 *
 * <p>Layout: the magic {@code FOFACTS1}, the header's length as an int, the header (sections, the
 * combinations, the first row of every section; big-endian), then the rows as four little-endian longs
 * each - the key (0 when there is none); the day (high 32 bits), whether the row has a key (bit 31) and
 * its combination (low 31 bits); admissions; the record number in its file - and the magic again. A file
 * whose size does not match its header is damaged.
 *
 * @param files the files of the run's rows: a file whose content repeats another's is listed again
 * @param setAside for each file of {@code files}, the record numbers of its rows that were set aside
 *     after the parse, ascending (usually none)
 * @param rows at most this many rows in the files (the rows read from their input files), which sizes
 *     the pass's tasks
 */
public record AttendanceFacts(List<String> files, List<long[]> setAside, long rows) implements Serializable {

    /** Sections per file: the most tasks one attendance pass can spread over. */
    public static final int BUCKETS = 64;
    /** Positions in a combination. */
    public static final int FESTIVAL = 0;
    public static final int EVENT = 1;
    public static final int CHANNEL = 2;
    public static final int TYPE = 3;
    public static final int REGION = 4;
    public static final int COUNTRY = 5;
    private static final int WIDTH = 6;
    private static final long MAGIC = 0x464F464143545332L; // "FOFACTS2"
    private static final int LONGS = 4;
    private static final int ROW_BYTES = LONGS * Long.BYTES;
    private static final long KEYED = 1L << 31;

    /** The section of a row with this key: its low bits, so every section spans the whole key range. */
    static int bucket(long key) {
        return (int) (key & (BUCKETS - 1));
    }

    /** Collects one parse task's accepted rows ({@code Staged.ATTENDANCE} values) and writes its file. */
    public static final class Writer {
        /** Rows of a section are kept in chunks of this many longs: no copying as sections grow. */
        private static final int CHUNK = LONGS * 1024;
        private final List<String[]> combinations = new java.util.ArrayList<>();
        /** Open addressing from the six values to their combination: no object per row. */
        private String[][] keys = new String[256][];
        private int[] hashes = new int[256];
        private int[] idOf = new int[256];
        private final long[][][] chunks = new long[BUCKETS][][];
        private final int[] chunkCount = new int[BUCKETS];
        private final int[] fill = new int[BUCKETS];
        private long loose;

        public void add(Object[] staged, long recordNumber) {
            Long key = (Long) staged[2];
            add((String) staged[0], (String) staged[1], (String) staged[5], (String) staged[6], (String) staged[7],
                    (String) staged[8], key != null, key == null ? 0 : key,
                    (int) ((LocalDate) staged[4]).toEpochDay(), (Long) staged[9], recordNumber);
        }

        /** One accepted row by its values (text values null when empty; the key meaningful when keyed). */
        public void add(String festival, String event, String channel, String type, String region, String country,
                boolean keyed, long key, int day, long admissions, long recordNumber) {
            int id = combination(festival, event, channel, type, region, country);
            // rows without a key count one by one wherever they are: spread them evenly
            int b = keyed ? bucket(key) : (int) (loose++ & (BUCKETS - 1));
            long[] chunk = chunkCount[b] == 0 ? null : chunks[b][chunkCount[b] - 1];
            int n = fill[b];
            if (chunk == null || n == CHUNK) {
                if (chunks[b] == null) {
                    chunks[b] = new long[4][];
                } else if (chunkCount[b] == chunks[b].length) {
                    chunks[b] = Arrays.copyOf(chunks[b], chunkCount[b] * 2);
                }
                chunk = chunks[b][chunkCount[b]++] = new long[CHUNK];
                n = 0;
            }
            chunk[n] = keyed ? key : 0;
            chunk[n + 1] = ((long) day << 32) | (keyed ? KEYED : 0) | id;
            chunk[n + 2] = admissions;
            chunk[n + 3] = recordNumber;
            fill[b] = n + LONGS;
        }

        private long rows(int b) {
            return chunkCount[b] == 0 ? 0 : ((long) (chunkCount[b] - 1) * CHUNK + fill[b]) / LONGS;
        }

        private int combination(String festival, String event, String channel, String type, String region,
                String country) {
            int h = hash(festival);
            h = 31 * h + hash(event);
            h = 31 * h + hash(channel);
            h = 31 * h + hash(type);
            h = 31 * h + hash(region);
            h = 31 * h + hash(country);
            h ^= h >>> 16;
            int mask = keys.length - 1;
            int i = h & mask;
            for (String[] k; (k = keys[i]) != null; i = (i + 1) & mask) {
                if (hashes[i] == h && java.util.Objects.equals(k[0], festival) && java.util.Objects.equals(k[1], event)
                        && java.util.Objects.equals(k[2], channel) && java.util.Objects.equals(k[3], type)
                        && java.util.Objects.equals(k[4], region) && java.util.Objects.equals(k[5], country)) {
                    return idOf[i];
                }
            }
            int id = combinations.size();
            String[] values = {festival, event, channel, type, region, country};
            combinations.add(values);
            keys[i] = values;
            hashes[i] = h;
            idOf[i] = id;
            if (2 * combinations.size() > keys.length) {
                grow();
            }
            return id;
        }

        private static int hash(String value) {
            return value == null ? 0 : value.hashCode();
        }

        private void grow() {
            String[][] oldKeys = keys;
            int[] oldHashes = hashes;
            int[] oldIds = idOf;
            keys = new String[oldKeys.length * 2][];
            hashes = new int[oldKeys.length * 2];
            idOf = new int[oldKeys.length * 2];
            int mask = keys.length - 1;
            for (int j = 0; j < oldKeys.length; j++) {
                if (oldKeys[j] != null) {
                    int i = oldHashes[j] & mask;
                    while (keys[i] != null) {
                        i = (i + 1) & mask;
                    }
                    keys[i] = oldKeys[j];
                    hashes[i] = oldHashes[j];
                    idOf[i] = oldIds[j];
                }
            }
        }

        /** Writes the file aside, then renames it over any earlier attempt's. */
        public void write(Path file) throws IOException {
            ByteArrayOutputStream headerBytes = new ByteArrayOutputStream();
            try (DataOutputStream header = new DataOutputStream(headerBytes)) {
                header.writeInt(BUCKETS);
                header.writeInt(combinations.size());
                for (String[] c : combinations) {
                    for (String value : c) {
                        SectionFiles.writeText(header, value);
                    }
                }
                long row = 0;
                for (int b = 0; b < BUCKETS; b++) {
                    header.writeLong(row);
                    row += rows(b);
                }
                header.writeLong(row);
            }
            byte[] h = headerBytes.toByteArray();
            SectionFiles.writeAside(file, out -> {
                writeFully(out, ByteBuffer.allocate(12 + h.length).putLong(MAGIC).putInt(h.length).put(h).flip());
                ByteBuffer rows = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
                LongBuffer longs = rows.asLongBuffer();
                for (int b = 0; b < BUCKETS; b++) {
                    for (int c = 0; c < chunkCount[b]; c++) {
                        int length = c == chunkCount[b] - 1 ? fill[b] : CHUNK;
                        for (int at = 0; at < length; ) {
                            int n = Math.min(longs.remaining(), length - at);
                            longs.put(chunks[b][c], at, n);
                            at += n;
                            if (!longs.hasRemaining()) {
                                writeFully(out, rows.clear());
                                longs.clear();
                            }
                        }
                    }
                }
                writeFully(out, rows.clear().limit(longs.position() * Long.BYTES));
                writeFully(out, ByteBuffer.allocate(Long.BYTES).putLong(MAGIC).flip());
            });
        }
    }

    /**
     * The rows of sections {@code from} (inclusive) to {@code to} (exclusive) of one file, read one at a
     * time: {@link #next()}, then the current row's values.
     */
    public static final class Section {
        private final String[][] combinations;
        private final LongBuffer rows;
        private long key;
        private long dayAndCombination;
        private long admissions;
        private long record;

        private Section(String[][] combinations, LongBuffer rows) {
            this.combinations = combinations;
            this.rows = rows;
        }

        /** Reads a range of sections of a file; a file cut short or not of this format is an error. */
        public static Section read(String file, int from, int to) {
            Path path = Path.of(file);
            try (FileChannel in = FileChannel.open(path, StandardOpenOption.READ)) {
                ByteBuffer start = ByteBuffer.allocate(12);
                readFully(in, start, 0);
                if (start.getLong(0) != MAGIC) {
                    throw damaged(file);
                }
                int headerLength = start.getInt(8);
                ByteBuffer headerBytes = ByteBuffer.allocate(headerLength);
                readFully(in, headerBytes, 12);
                DataInputStream header = new DataInputStream(new java.io.ByteArrayInputStream(headerBytes.array()));
                if (header.readInt() != BUCKETS) {
                    throw damaged(file);
                }
                String[][] combinations = new String[header.readInt()][WIDTH];
                for (String[] c : combinations) {
                    for (int i = 0; i < WIDTH; i++) {
                        c[i] = SectionFiles.readText(header);
                    }
                }
                long[] firstRows = new long[BUCKETS + 1];
                for (int b = 0; b <= BUCKETS; b++) {
                    firstRows[b] = header.readLong();
                }
                long dataStart = 12L + headerLength;
                if (in.size() != dataStart + firstRows[BUCKETS] * ROW_BYTES + Long.BYTES) {
                    throw damaged(file);
                }
                long bytes = (firstRows[to] - firstRows[from]) * ROW_BYTES;
                ByteBuffer data = ByteBuffer.allocate(Math.toIntExact(bytes)).order(ByteOrder.LITTLE_ENDIAN);
                readFully(in, data, dataStart + firstRows[from] * ROW_BYTES);
                return new Section(combinations, data.flip().asLongBuffer());
            } catch (IOException e) {
                throw new UncheckedIOException("attendance facts " + file + ": " + e.getMessage(), e);
            }
        }

        private static IOException damaged(String file) {
            return new IOException("not a complete attendance facts file (damaged store entry): " + file);
        }

        /** The file's combinations of text values (FESTIVAL .. COUNTRY; null = empty). */
        public String[][] combinations() {
            return combinations;
        }

        /** Moves to the next row; false after the last. */
        public boolean next() {
            if (!rows.hasRemaining()) {
                return false;
            }
            key = rows.get();
            dayAndCombination = rows.get();
            admissions = rows.get();
            record = rows.get();
            return true;
        }

        public boolean keyed() {
            return (dayAndCombination & KEYED) != 0;
        }

        /** The attendee_key; meaningful when {@link #keyed()}. */
        public long key() {
            return key;
        }

        /** The day as days since 1970-01-01. */
        public int day() {
            return (int) (dayAndCombination >> 32);
        }

        public int combination() {
            return (int) (dayAndCombination & (KEYED - 1));
        }

        public long admissions() {
            return admissions;
        }

        /** The row's record number in its file. */
        public long record() {
            return record;
        }
    }

    /** Whether a file is whole: its size is what its header says (a store entry with one that is not is made again). */
    static boolean complete(Path file) {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer start = ByteBuffer.allocate(12);
            readFully(in, start, 0);
            int headerLength = start.getInt(8);
            if (start.getLong(0) != MAGIC || headerLength < Long.BYTES || 12L + headerLength > in.size()) {
                return false;
            }
            ByteBuffer last = ByteBuffer.allocate(Long.BYTES);
            readFully(in, last, 12L + headerLength - Long.BYTES);
            return in.size() == 12L + headerLength + last.getLong(0) * ROW_BYTES + Long.BYTES;
        } catch (IOException e) {
            return false;
        }
    }

    /** The number of rows in a file, from its header. */
    public static long rows(Path file) {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer start = ByteBuffer.allocate(12);
            readFully(in, start, 0);
            if (start.getLong(0) != MAGIC) {
                throw Section.damaged(file.toString());
            }
            ByteBuffer last = ByteBuffer.allocate(Long.BYTES);
            readFully(in, last, 12L + start.getInt(8) - Long.BYTES);
            return last.getLong(0);
        } catch (IOException e) {
            throw new UncheckedIOException("attendance facts " + file + ": " + e.getMessage(), e);
        }
    }
}
