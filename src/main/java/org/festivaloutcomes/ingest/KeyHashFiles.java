package org.festivaloutcomes.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The 64-bit key hashes of one parse task's keyed rows (attendance record_id, deal key), sorted, each
 * with the row's record number, kept in a store entry ({@code _keys-<task>.bin}). Finding the hashes
 * that occur more than once across a run's files is then a merge of sorted files on the driver: no
 * shuffle and no aggregation over every row, and nothing at all for a clean run beyond reading 16 bytes
 * per row. The record numbers say which rows of a file to read again to compare their exact keys.
 *
 * <p>Layout: the magic {@code FOKEYS02}, the count as a long, then (hash, record number) pairs by
 * ascending hash (signed), all big-endian. A file whose size does not match its count is damaged.
 */
final class KeyHashFiles {

    private static final long MAGIC = 0x464F4B4559533032L; // "FOKEYS02"
    private static final int HEADER = 16;
    private static final int PAIR = 2 * Long.BYTES;
    private static final int BUFFER = 1 << 18;

    private KeyHashFiles() {
    }

    /**
     * A key's 64-bit hash ({@link Hash64}). Cheap (a tenth of a parse task's time went to hashing keys
     * with a general-purpose hash); keys whose hashes are equal are compared on their text, so a
     * collision only costs reading them again.
     */
    static long hash(String key) {
        return Hash64.finish(Hash64.add(Hash64.START, key));
    }

    /** {@link #hash(String)} of the key whose chars are the ASCII bytes {@code bytes[from, to)}. */
    static long hashAscii(byte[] bytes, int from, int to) {
        return Hash64.finish(Hash64.addAscii(Hash64.START, bytes, from, to));
    }

    static String name(int task) {
        return String.format("_keys-%05d.bin", task);
    }

    /**
     * Writes the first {@code n} hashes with their records, sorted in place first by hash, aside then
     * renamed over any earlier attempt.
     */
    static void write(Path file, long[] hashes, long[] records, int n) throws IOException {
        sort(hashes, records, n);
        Path written = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + Thread.currentThread().getId() + ".tmp");
        try (FileChannel out = FileChannel.open(written, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.allocate(BUFFER);
            buf.putLong(MAGIC).putLong(n);
            for (int i = 0; i < n; i++) {
                if (!buf.hasRemaining()) {
                    drain(out, buf);
                }
                buf.putLong(hashes[i]).putLong(records[i]);
            }
            drain(out, buf);
        }
        Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Sorts the first n values in signed order, moving each companion with its value: a stable radix
     * sort, 16 bits per pass, for a parse task's hundreds of thousands of hashes (several times faster
     * there than a comparison sort).
     */
    static void sort(long[] values, long[] companions, int n) {
        long[] from = values;
        long[] fromCompanions = companions;
        long[] to = new long[n];
        long[] toCompanions = new long[n];
        int[] counts = new int[1 << 16];
        for (int shift = 0; shift < Long.SIZE; shift += 16) {
            Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                counts[digit(from[i], shift)]++;
            }
            int sum = 0;
            for (int d = 0; d < counts.length; d++) {
                int c = counts[d];
                counts[d] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                long v = from[i];
                int at = counts[digit(v, shift)]++;
                to[at] = v;
                toCompanions[at] = fromCompanions[i];
            }
            long[] swap = from;
            from = to;
            to = swap;
            swap = fromCompanions;
            fromCompanions = toCompanions;
            toCompanions = swap;
        }
        // four passes: the sorted values are back in the caller's array
    }

    /** A 16-bit digit; the top one with its sign bit flipped, so that negative values come first. */
    private static int digit(long value, int shift) {
        return (int) (((shift == 48 ? value ^ Long.MIN_VALUE : value) >>> shift) & 0xFFFF);
    }

    private static void drain(FileChannel out, ByteBuffer buf) throws IOException {
        buf.flip();
        while (buf.hasRemaining()) {
            out.write(buf);
        }
        buf.clear();
    }

    /** Whether the file is whole: the magic, and a size that matches its count (as a reader checks). */
    static boolean valid(Path file) {
        try (Reader reader = new Reader(file)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The hashes found more than once over all files (a file listed twice counts twice), ascending:
     * one k-way merge.
     */
    static long[] repeated(List<Path> files) throws IOException {
        List<Reader> readers = new ArrayList<>();
        try {
            for (Path file : files) {
                Reader reader = new Reader(file);
                readers.add(reader);
            }
            // a binary min-heap of the readers' current values
            Reader[] heap = new Reader[readers.size()];
            int size = 0;
            for (Reader reader : readers) {
                if (reader.advance()) {
                    heap[size++] = reader;
                }
            }
            for (int i = size / 2 - 1; i >= 0; i--) {
                siftDown(heap, i, size);
            }
            long[] out = new long[16];
            int found = 0;
            boolean first = true;
            long previous = 0;
            boolean previousRepeated = false;
            while (size > 0) {
                Reader top = heap[0];
                long value = top.current;
                if (!first && value == previous) {
                    if (!previousRepeated) {
                        if (found == out.length) {
                            out = Arrays.copyOf(out, found * 2);
                        }
                        out[found++] = value;
                        previousRepeated = true;
                    }
                } else {
                    previous = value;
                    previousRepeated = false;
                    first = false;
                }
                if (top.advance()) {
                    siftDown(heap, 0, size);
                } else {
                    heap[0] = heap[--size];
                    siftDown(heap, 0, size);
                }
            }
            return Arrays.copyOf(out, found);
        } finally {
            for (Reader reader : readers) {
                reader.close();
            }
        }
    }

    /**
     * The record numbers of a file's rows whose hash is one of {@code hashes} (ascending), in hash order:
     * the rows to compare on their exact keys.
     */
    static long[] records(Path file, long[] hashes) throws IOException {
        long[] out = new long[16];
        int found = 0;
        if (hashes.length == 0) {
            return new long[0];
        }
        try (Reader reader = new Reader(file)) {
            int next = 0;
            while (next < hashes.length && reader.advance()) {
                while (next < hashes.length && hashes[next] < reader.current) {
                    next++;
                }
                if (next < hashes.length && hashes[next] == reader.current) {
                    if (found == out.length) {
                        out = Arrays.copyOf(out, found * 2);
                    }
                    out[found++] = reader.currentRecord;
                }
            }
        }
        return Arrays.copyOf(out, found);
    }

    private static void siftDown(Reader[] heap, int i, int size) {
        Reader moving = heap[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && heap[child + 1].current < heap[child].current) {
                child++;
            }
            if (heap[child].current >= moving.current) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = moving;
    }

    /** Reads one file's hashes in order. */
    private static final class Reader implements AutoCloseable {
        private final Path file;
        private final FileChannel in;
        private final ByteBuffer buf = ByteBuffer.allocate(BUFFER);
        private long remaining;
        private long current;
        private long currentRecord;

        Reader(Path file) throws IOException {
            this.file = file;
            this.in = FileChannel.open(file, StandardOpenOption.READ);
            buf.limit(0);
            if (!fill(HEADER) || buf.getLong() != MAGIC) {
                throw damaged();
            }
            remaining = buf.getLong();
            if (remaining < 0 || in.size() != HEADER + remaining * PAIR) {
                throw damaged();
            }
        }

        private IOException damaged() {
            return new IOException(file + ": damaged key hash file");
        }

        /** Moves to the next hash and its record; false at the end. */
        boolean advance() throws IOException {
            if (remaining == 0) {
                return false;
            }
            if (buf.remaining() < PAIR && !fill(PAIR)) {
                throw damaged();
            }
            current = buf.getLong();
            currentRecord = buf.getLong();
            remaining--;
            return true;
        }

        private boolean fill(int atLeast) throws IOException {
            buf.compact();
            while (buf.position() < atLeast) {
                if (in.read(buf) < 0) {
                    buf.flip();
                    return false;
                }
            }
            buf.flip();
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
