package org.festivaloutcomes.metrics;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

import org.apache.spark.SparkEnv;

/**
 * Pairs of (key, payload) longs, gathered in any order and then read back sorted by key, then by
 * payload as an unsigned number: the rows of one attendee side by side, in payload order.
 *
 * <p>Why not Spark's sort: it sorts pointers to rows and the walk then reads each row at a random
 * place in memory, one cache miss or more per row (the largest cost of the attendance walk). Here the
 * pairs are scattered once into buckets by the top bits of the key - keys are 64-bit hashes, so
 * buckets are even and a few hundred pairs long - and each bucket, a few kilobytes, is sorted where it
 * is in cache.
 *
 * <p>Memory is bounded as Spark's sort bounds it: past {@code limit} pairs the pairs held are sorted
 * and written to a file in Spark's local directories (a spill), and reading merges the sorted files.
 */
final class KeyedRows implements AutoCloseable {

    /** At most 4M pairs held: 64 MB, and as much again while they are sorted. */
    static final int MAX_LIMIT = 1 << 22;
    private static final int MIN_LIMIT = 1 << 16;

    /** About this many pairs per bucket; small enough for an in-cache sort. */
    private static final int PAIRS_PER_BUCKET = 256;
    private static final int MAX_BUCKET_BITS = 16;
    private static final int INSERTION_SORT_MAX = 24;
    private static final int IO_BUFFER = 1 << 16;

    private final int limit;
    private long[] keys;
    private long[] payloads;
    private int size;
    private long total;
    private final List<File> spills = new ArrayList<>();

    KeyedRows() {
        this(defaultLimit());
    }

    /**
     * The pairs one task may hold: an eighth of its share of the heap (one task per core runs at a
     * time), at 32 bytes a pair while sorted, between 64K and 4M pairs. With -Xmx2g on 2 cores that is
     * 4M; on 16 cores, 512K.
     */
    static int defaultLimit() {
        Runtime runtime = Runtime.getRuntime();
        long perTask = runtime.maxMemory() / Math.max(1, runtime.availableProcessors());
        return (int) Math.max(MIN_LIMIT, Math.min(MAX_LIMIT, perTask / 8 / 32));
    }

    /** @param limit the most pairs held in memory before they are spilled */
    KeyedRows(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        this.limit = limit;
        keys = new long[Math.min(limit, 1024)];
        payloads = new long[keys.length];
    }

    void add(long key, long payload) {
        if (size == limit) {
            spill();
        }
        if (size == keys.length) {
            int grown = (int) Math.min(limit, keys.length * 2L);
            keys = Arrays.copyOf(keys, grown);
            payloads = Arrays.copyOf(payloads, grown);
        }
        keys[size] = key;
        payloads[size++] = payload;
        total++;
    }

    /** Pairs added. */
    long size() {
        return total;
    }

    /** Files written so far (for tests). */
    int spills() {
        return spills.size();
    }

    /** The pairs in order; call once, after the last {@link #add}. */
    Cursor sorted() {
        sortHeld();
        if (spills.isEmpty()) {
            return new ArrayCursor(keys, payloads, size);
        }
        List<Cursor> runs = new ArrayList<>();
        for (File spill : spills) {
            runs.add(new FileCursor(spill));
        }
        runs.add(new ArrayCursor(keys, payloads, size));
        return new MergeCursor(runs);
    }

    /** Removes the spill files. */
    @Override
    public void close() {
        for (File spill : spills) {
            spill.delete();
        }
        spills.clear();
    }

    /** Reads sorted pairs one at a time. */
    interface Cursor {
        /** Moves to the next pair; false after the last. */
        boolean next();

        long key();

        long payload();
    }

    private void spill() {
        sortHeld();
        File file = spillFile();
        spills.add(file);
        try (DataOutputStream out = new DataOutputStream(
                new BufferedOutputStream(Files.newOutputStream(file.toPath()), IO_BUFFER))) {
            for (int i = 0; i < size; i++) {
                out.writeLong(keys[i]);
                out.writeLong(payloads[i]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not spill the walk's rows to " + file, e);
        }
        size = 0;
    }

    private static File spillFile() {
        try {
            SparkEnv env = SparkEnv.get();
            if (env != null) {
                // Spark's own local directories, removed with the executor
                return env.blockManager().diskBlockManager().createTempLocalBlock()._2();
            }
            File file = Files.createTempFile("keyed-rows-", ".bin").toFile();
            file.deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a file to spill the walk's rows", e);
        }
    }

    /** Sorts the pairs held in memory. */
    private void sortHeld() {
        if (size <= INSERTION_SORT_MAX) {
            sortRange(keys, payloads, 0, size);
            return;
        }
        int bits = Math.min(MAX_BUCKET_BITS, 64 - Long.numberOfLeadingZeros(Math.max(1, size / PAIRS_PER_BUCKET)));
        int buckets = 1 << bits;
        int shift = 64 - bits;
        // the top bits as an unsigned bucket number: bucket order is unsigned key order, so the key order
        // within buckets is unsigned as well
        int[] starts = new int[buckets + 1];
        for (int i = 0; i < size; i++) {
            starts[(int) (keys[i] >>> shift) + 1]++;
        }
        for (int b = 0; b < buckets; b++) {
            starts[b + 1] += starts[b];
        }
        int[] next = Arrays.copyOf(starts, buckets);
        long[] sortedKeys = new long[keys.length];
        long[] sortedPayloads = new long[keys.length];
        for (int i = 0; i < size; i++) {
            int at = next[(int) (keys[i] >>> shift)]++;
            sortedKeys[at] = keys[i];
            sortedPayloads[at] = payloads[i];
        }
        for (int b = 0; b < buckets; b++) {
            sortRange(sortedKeys, sortedPayloads, starts[b], starts[b + 1]);
        }
        keys = sortedKeys;
        payloads = sortedPayloads;
    }

    /** Quicksort of [from, to) on (unsigned key, unsigned payload), insertion sort for short ranges. */
    private static void sortRange(long[] k, long[] p, int from, int to) {
        while (to - from > INSERTION_SORT_MAX) {
            int mid = (from + to) >>> 1;
            // median of three as the pivot
            int m = median(k, p, from, mid, to - 1);
            long pivotKey = k[m];
            long pivotPayload = p[m];
            int i = from;
            int j = to - 1;
            while (i <= j) {
                while (compare(k[i], p[i], pivotKey, pivotPayload) < 0) {
                    i++;
                }
                while (compare(k[j], p[j], pivotKey, pivotPayload) > 0) {
                    j--;
                }
                if (i <= j) {
                    swap(k, p, i++, j--);
                }
            }
            // recurse into the smaller side, loop on the larger: the stack stays logarithmic
            if (j - from < to - i) {
                sortRange(k, p, from, j + 1);
                from = i;
            } else {
                sortRange(k, p, i, to);
                to = j + 1;
            }
        }
        for (int i = from + 1; i < to; i++) {
            long key = k[i];
            long payload = p[i];
            int j = i - 1;
            while (j >= from && compare(k[j], p[j], key, payload) > 0) {
                k[j + 1] = k[j];
                p[j + 1] = p[j];
                j--;
            }
            k[j + 1] = key;
            p[j + 1] = payload;
        }
    }

    private static int median(long[] k, long[] p, int a, int b, int c) {
        if (compare(k[a], p[a], k[b], p[b]) < 0) {
            if (compare(k[b], p[b], k[c], p[c]) < 0) {
                return b;
            }
            return compare(k[a], p[a], k[c], p[c]) < 0 ? c : a;
        }
        if (compare(k[a], p[a], k[c], p[c]) < 0) {
            return a;
        }
        return compare(k[b], p[b], k[c], p[c]) < 0 ? c : b;
    }

    static int compare(long keyA, long payloadA, long keyB, long payloadB) {
        int c = Long.compareUnsigned(keyA, keyB);
        return c != 0 ? c : Long.compareUnsigned(payloadA, payloadB);
    }

    private static void swap(long[] k, long[] p, int i, int j) {
        long t = k[i];
        k[i] = k[j];
        k[j] = t;
        t = p[i];
        p[i] = p[j];
        p[j] = t;
    }

    private static final class ArrayCursor implements Cursor {
        private final long[] keys;
        private final long[] payloads;
        private final int size;
        private int at = -1;

        ArrayCursor(long[] keys, long[] payloads, int size) {
            this.keys = keys;
            this.payloads = payloads;
            this.size = size;
        }

        @Override
        public boolean next() {
            return ++at < size;
        }

        @Override
        public long key() {
            return keys[at];
        }

        @Override
        public long payload() {
            return payloads[at];
        }
    }

    /** A spilled run, read in order. */
    private static final class FileCursor implements Cursor {
        private final File file;
        private DataInputStream in;
        private long key;
        private long payload;

        FileCursor(File file) {
            this.file = file;
        }

        @Override
        public boolean next() {
            try {
                if (in == null) {
                    in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file.toPath()), IO_BUFFER));
                }
                try {
                    key = in.readLong();
                } catch (EOFException end) {
                    in.close();
                    return false;
                }
                payload = in.readLong();
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException("could not read the walk's spilled rows from " + file, e);
            }
        }

        @Override
        public long key() {
            return key;
        }

        @Override
        public long payload() {
            return payload;
        }
    }

    /** The sorted runs merged: the smallest head first. */
    private static final class MergeCursor implements Cursor {
        private final PriorityQueue<Cursor> heads = new PriorityQueue<>(
                (a, b) -> compare(a.key(), a.payload(), b.key(), b.payload()));
        private final List<Cursor> pending;
        private Cursor current;

        MergeCursor(List<Cursor> runs) {
            this.pending = runs;
        }

        @Override
        public boolean next() {
            if (pending != null && !pending.isEmpty()) {
                for (Cursor run : pending) {
                    if (run.next()) {
                        heads.add(run);
                    }
                }
                pending.clear();
            } else if (current != null && current.next()) {
                heads.add(current);
            }
            current = heads.poll();
            return current != null;
        }

        @Override
        public long key() {
            return current.key();
        }

        @Override
        public long payload() {
            return current.payload();
        }
    }
}
