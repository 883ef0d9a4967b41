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
 * The 64-bit key hashes of one parse task's keyed rows (attendance record_id, deal key), sorted, kept
 * beside the task's Parquet part in a store entry ({@code _keys-<task>.bin}; Spark's readers skip names
 * starting with an underscore). Finding the hashes that occur more than once across a run's files is
 * then a merge of sorted files on the driver: no shuffle and no aggregation over every row, and nothing
 * at all for a clean run beyond reading 8 bytes per row.
 *
 * <p>Layout: the magic {@code FOKEYS01}, the count as a long, then the hashes ascending (signed), all
 * big-endian. A file whose size does not match its count is damaged.
 */
final class KeyHashFiles {

    private static final long MAGIC = 0x464F4B4559533031L; // "FOKEYS01"
    private static final int HEADER = 16;
    private static final int BUFFER = 1 << 18;

    private KeyHashFiles() {
    }

    static String name(int task) {
        return String.format("_keys-%05d.bin", task);
    }

    /** Writes the first {@code n} hashes, sorted in place first, aside then renamed over any earlier attempt. */
    static void write(Path file, long[] hashes, int n) throws IOException {
        sort(hashes, n);
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
                buf.putLong(hashes[i]);
            }
            drain(out, buf);
        }
        Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Sorts the first n values in signed order: a radix sort, 16 bits per pass, for a parse task's
     * hundreds of thousands of hashes (several times faster there than a comparison sort).
     */
    static void sort(long[] values, int n) {
        if (n < 4096) {
            Arrays.sort(values, 0, n);
            return;
        }
        long[] from = values;
        long[] to = new long[n];
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
                to[counts[digit(v, shift)]++] = v;
            }
            long[] swap = from;
            from = to;
            to = swap;
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

        Reader(Path file) throws IOException {
            this.file = file;
            this.in = FileChannel.open(file, StandardOpenOption.READ);
            buf.limit(0);
            if (!fill(HEADER) || buf.getLong() != MAGIC) {
                throw damaged();
            }
            remaining = buf.getLong();
            if (remaining < 0 || in.size() != HEADER + remaining * Long.BYTES) {
                throw damaged();
            }
        }

        private IOException damaged() {
            return new IOException(file + ": damaged key hash file");
        }

        /** Moves to the next hash; false at the end. */
        boolean advance() throws IOException {
            if (remaining == 0) {
                return false;
            }
            if (buf.remaining() < Long.BYTES && !fill(Long.BYTES)) {
                throw damaged();
            }
            current = buf.getLong();
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
