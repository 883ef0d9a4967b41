package org.festivaloutcomes.ingest;

import static org.festivaloutcomes.ingest.SectionFiles.readFully;
import static org.festivaloutcomes.ingest.SectionFiles.writeFully;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * The accepted deal rows as the deal pass reads them, written by the parse tasks ({@code _facts-<task>.bin}
 * of a deals entry): each row's values in sections by a 64-bit hash of (festival_id, deal_id)
 * ({@link #BUCKETS} of them), so that one task reads one range of sections from every file and gets every
 * row of its deals, with no shuffle. Rows set aside after the parse (duplicates and conflicts across files) are listed per
 * file by record number and skipped by the reader.
 *
 * <p>Layout: the magic {@code FODEALS1}, the byte offset of every section and of the end (65 longs),
 * the sections, the magic again (big-endian). A row: the deal hash, the record number, status_date and
 * signed_on (epoch days), is_key_project, amount_cny and funds_cny (scale 12, unscaled two's complement
 * bytes; length -1 for none), then festival_id, deal_id, status, industry, deal_type, event_id,
 * enterprise_id, project_name, counterparty (UTF-8; length -1 for none).
 *
 * @param files the files of the run's rows: a file whose content repeats another's is listed again
 * @param setAside for each file of {@code files}, the record numbers of its rows set aside after the
 *     parse, ascending (usually none)
 * @param rows at most this many rows in the files (the rows read from their input files), which sizes
 *     the pass's tasks
 */
public record DealFacts(List<String> files, List<long[]> setAside, long rows) implements Serializable {

    public static final int BUCKETS = 64;
    /** The text values of a row, in the order they are written. */
    public static final int FESTIVAL = 0;
    public static final int DEAL = 1;
    public static final int STATUS = 2;
    public static final int INDUSTRY = 3;
    public static final int DEAL_TYPE = 4;
    public static final int EVENT = 5;
    public static final int ENTERPRISE = 6;
    public static final int PROJECT = 7;
    public static final int COUNTERPARTY = 8;
    public static final int TEXTS = 9;
    /** Positions of the written values in {@code Staged.DEALS}. */
    private static final int[] TEXT_COLUMNS = {1, 0, 12, 7, 6, 2, 3, 4, 5};
    private static final int SIGNED_ON = 11;
    private static final int STATUS_DATE = 13;
    private static final int KEY_PROJECT = 14;
    private static final int AMOUNT_CNY = 16;
    private static final int FUNDS_CNY = 17;
    private static final int SCALE = 12;
    private static final long MAGIC = 0x464F4445414C5331L; // "FODEALS1"

    /** The 64-bit hash a deal's rows are grouped and sorted by. */
    public static long dealHash(String festivalId, String dealId) {
        // the sections take the low bits
        return Hash64.finish(Hash64.add(Hash64.add(Hash64.add(Hash64.START, festivalId), 0xFFFF), dealId));
    }

    /** Collects one parse task's accepted rows ({@code Staged.DEALS} values) and writes its file. */
    public static final class Writer {
        private final Bytes[] sections = new Bytes[BUCKETS];

        /** Reused for the text values of the row being added. */
        private final byte[][] texts = new byte[TEXTS][];
        private final int[] textFrom = new int[TEXTS];
        private final int[] textTo = new int[TEXTS];

        public void add(Object[] staged, long recordNumber) {
            for (int i = 0; i < TEXTS; i++) {
                String value = (String) staged[TEXT_COLUMNS[i]];
                texts[i] = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
                textFrom[i] = 0;
                textTo[i] = value == null ? 0 : texts[i].length;
            }
            add(dealHash((String) staged[1], (String) staged[0]), recordNumber,
                    (int) ((LocalDate) staged[STATUS_DATE]).toEpochDay(), (int) ((LocalDate) staged[SIGNED_ON]).toEpochDay(),
                    (Boolean) staged[KEY_PROJECT], (BigDecimal) staged[AMOUNT_CNY], (BigDecimal) staged[FUNDS_CNY], texts,
                    textFrom, textTo);
        }

        /**
         * One accepted row by its values: text value i (FESTIVAL .. COUNTERPARTY) is the UTF-8 bytes
         * {@code texts[i][from[i], to[i])}, none when {@code texts[i]} is null.
         */
        public void add(long hash, long recordNumber, int statusDate, int signedOn, boolean keyProject,
                BigDecimal amountCny, BigDecimal fundsCny, byte[][] texts, int[] from, int[] to) {
            int b = (int) (hash & (BUCKETS - 1));
            Bytes o = sections[b];
            if (o == null) {
                o = sections[b] = new Bytes();
            }
            o.putLong(hash);
            o.putLong(recordNumber);
            o.putInt(statusDate);
            o.putInt(signedOn);
            o.put(keyProject ? (byte) 1 : (byte) 0);
            writeDecimal(o, amountCny);
            writeDecimal(o, fundsCny);
            for (int i = 0; i < TEXTS; i++) {
                if (texts[i] == null) {
                    o.putInt(-1);
                } else {
                    o.putInt(to[i] - from[i]);
                    o.put(texts[i], from[i], to[i]);
                }
            }
        }

        private static void writeDecimal(Bytes o, BigDecimal value) {
            if (value == null) {
                o.putInt(-1);
                return;
            }
            byte[] unscaled = value.setScale(SCALE).unscaledValue().toByteArray();
            o.putInt(unscaled.length);
            o.put(unscaled);
        }

        /** Writes the file aside, then renames it over any earlier attempt's. */
        public void write(Path file) throws IOException {
            SectionFiles.writeAside(file, channel -> {
                ByteBuffer header = ByteBuffer.allocate(Long.BYTES * (BUCKETS + 2));
                header.putLong(MAGIC);
                long offset = header.capacity();
                for (int b = 0; b < BUCKETS; b++) {
                    header.putLong(offset);
                    offset += sections[b] == null ? 0 : sections[b].size;
                }
                header.putLong(offset);
                writeFully(channel, header.flip());
                for (Bytes section : sections) {
                    if (section != null) {
                        writeFully(channel, ByteBuffer.wrap(section.data, 0, section.size));
                    }
                }
                writeFully(channel, ByteBuffer.allocate(Long.BYTES).putLong(MAGIC).flip());
            });
        }
    }

    /**
     * A growing byte array written big-endian, as a DataOutputStream over a ByteArrayOutputStream would,
     * without their lock and calls per value (a fifth of the deal parse went there).
     */
    private static final class Bytes {
        private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
                ByteOrder.BIG_ENDIAN);
        private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class,
                ByteOrder.BIG_ENDIAN);
        private byte[] data = new byte[1 << 12];
        private int size;

        private void room(int more) {
            if (size + more > data.length) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, size + more));
            }
        }

        void putLong(long value) {
            room(Long.BYTES);
            LONG.set(data, size, value);
            size += Long.BYTES;
        }

        void putInt(int value) {
            room(Integer.BYTES);
            INT.set(data, size, value);
            size += Integer.BYTES;
        }

        void put(byte value) {
            room(1);
            data[size++] = value;
        }

        void put(byte[] values) {
            put(values, 0, values.length);
        }

        void put(byte[] values, int from, int to) {
            room(to - from);
            System.arraycopy(values, from, data, size, to - from);
            size += to - from;
        }
    }

    /** Whether a file is whole: its size is what its header says (a store entry with one that is not is made again). */
    static boolean complete(Path file) {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(Long.BYTES * (BUCKETS + 2));
            readFully(in, header, 0);
            return header.getLong(0) == MAGIC && in.size() == header.getLong(Long.BYTES * (BUCKETS + 1)) + Long.BYTES;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The rows of sections {@code from} (inclusive) to {@code to} (exclusive) of one file: {@link #next()}
     * moves through them, reading only what locates a row; {@link #at(int)} then reads a row's values.
     */
    public static final class Section {
        private final ByteBuffer data;
        private int row = -1;
        private int nextRow;
        private long hash;
        private long record;
        private int statusDate;
        private int signedOn;
        private boolean keyProject;
        private BigDecimal amountCny;
        private BigDecimal fundsCny;
        private final int[] textAt = new int[TEXTS];
        private final int[] textLength = new int[TEXTS];

        private Section(ByteBuffer data) {
            this.data = data;
        }

        /** Reads a range of sections of a file; a file cut short or not of this format is an error. */
        public static Section read(String file, int from, int to) {
            try (FileChannel in = FileChannel.open(Path.of(file), StandardOpenOption.READ)) {
                ByteBuffer header = ByteBuffer.allocate(Long.BYTES * (BUCKETS + 2));
                readFully(in, header, 0);
                long end = header.getLong(Long.BYTES * (BUCKETS + 1));
                if (header.getLong(0) != MAGIC || in.size() != end + Long.BYTES) {
                    throw new IOException("not a complete deal facts file (damaged store entry): " + file);
                }
                long start = header.getLong(Long.BYTES * (1 + from));
                long stop = header.getLong(Long.BYTES * (1 + to));
                ByteBuffer data = ByteBuffer.allocate(Math.toIntExact(stop - start));
                readFully(in, data, start);
                return new Section(data.flip());
            } catch (IOException e) {
                throw new UncheckedIOException("deal facts " + file + ": " + e.getMessage(), e);
            }
        }

        /** Moves to the next row and reads its hash and record number; false after the last. */
        public boolean next() {
            if (nextRow >= data.limit()) {
                return false;
            }
            row = nextRow;
            hash = data.getLong(row);
            record = data.getLong(row + Long.BYTES);
            int at = row + 2 * Long.BYTES + 2 * Integer.BYTES + 1;
            for (int i = 0; i < 2; i++) {
                at += Integer.BYTES + Math.max(0, data.getInt(at));
            }
            for (int i = 0; i < TEXTS; i++) {
                at += Integer.BYTES + Math.max(0, data.getInt(at));
            }
            nextRow = at;
            return true;
        }

        /** Where the current row starts, for {@link #at(int)}. */
        public int position() {
            return row;
        }

        /** Reads every value of the row that starts at {@code position}. */
        public void at(int position) {
            row = position;
            hash = data.getLong(row);
            record = data.getLong(row + Long.BYTES);
            int at = row + 2 * Long.BYTES;
            statusDate = data.getInt(at);
            signedOn = data.getInt(at + Integer.BYTES);
            keyProject = data.get(at + 2 * Integer.BYTES) != 0;
            at += 2 * Integer.BYTES + 1;
            int length = data.getInt(at);
            amountCny = decimal(at + Integer.BYTES, length);
            at += Integer.BYTES + Math.max(0, length);
            length = data.getInt(at);
            fundsCny = decimal(at + Integer.BYTES, length);
            at += Integer.BYTES + Math.max(0, length);
            for (int i = 0; i < TEXTS; i++) {
                textLength[i] = data.getInt(at);
                textAt[i] = at + Integer.BYTES;
                at += Integer.BYTES + Math.max(0, textLength[i]);
            }
        }

        private BigDecimal decimal(int at, int length) {
            if (length < 0) {
                return null;
            }
            return new BigDecimal(new BigInteger(data.array(), data.arrayOffset() + at, length), SCALE);
        }

        public long hash() {
            return hash;
        }

        public long record() {
            return record;
        }

        public int statusDate() {
            return statusDate;
        }

        public int signedOn() {
            return signedOn;
        }

        public boolean keyProject() {
            return keyProject;
        }

        public BigDecimal amountCny() {
            return amountCny;
        }

        /** Null when funds_in_place was empty. */
        public BigDecimal fundsCny() {
            return fundsCny;
        }

        /** The bytes backing the text values ({@link #textOffset}, {@link #textLength}). */
        public byte[] bytes() {
            return data.array();
        }

        /** Where a text value (FESTIVAL .. COUNTERPARTY) starts in {@link #bytes()}. */
        public int textOffset(int i) {
            return data.arrayOffset() + textAt[i];
        }

        /** A text value's length in bytes (UTF-8); -1 when empty. */
        public int textLength(int i) {
            return textLength[i];
        }

        /** A text value; null when empty. */
        public String text(int i) {
            return textLength[i] < 0 ? null
                    : new String(data.array(), textOffset(i), textLength[i], StandardCharsets.UTF_8);
        }
    }
}
