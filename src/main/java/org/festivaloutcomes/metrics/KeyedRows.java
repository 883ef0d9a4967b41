package org.festivaloutcomes.metrics;

import java.util.Arrays;

/**
 * Pairs of (key, payload) longs, gathered in any order and then sorted by key, then by payload as an
 * unsigned number: the rows of one attendee (or deal) side by side, in payload order.
 *
 * <p>Why not Spark's sort: it sorts pointers to rows and the walk then reads each row at a random
 * place in memory, one cache miss or more per row (the largest cost of the attendance walk). Here the pairs are
 * scattered once into buckets by the top bits of the key - keys are 64-bit hashes, so buckets are even
 * and a few hundred pairs long - and each bucket, a few kilobytes, is sorted where it is in cache.
 */
final class KeyedRows {

    /** About this many pairs per bucket; small enough for an in-cache sort. */
    private static final int PAIRS_PER_BUCKET = 256;
    private static final int MAX_BUCKET_BITS = 16;
    private static final int INSERTION_SORT_MAX = 24;

    private long[] keys;
    private long[] payloads;
    private int size;

    KeyedRows() {
        this(1024);
    }

    KeyedRows(int capacity) {
        keys = new long[Math.max(16, capacity)];
        payloads = new long[keys.length];
    }

    void add(long key, long payload) {
        if (size == keys.length) {
            int grown = (int) Math.min(Integer.MAX_VALUE - 8, keys.length * 2L);
            if (grown == size) {
                throw new IllegalStateException("more than " + size + " rows in one partition");
            }
            keys = Arrays.copyOf(keys, grown);
            payloads = Arrays.copyOf(payloads, grown);
        }
        keys[size] = key;
        payloads[size++] = payload;
    }

    int size() {
        return size;
    }

    long key(int i) {
        return keys[i];
    }

    long payload(int i) {
        return payloads[i];
    }

    /** Sorts the pairs by key, then by unsigned payload. */
    void sort() {
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
        long[] sortedKeys = new long[size];
        long[] sortedPayloads = new long[size];
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

    private static int compare(long keyA, long payloadA, long keyB, long payloadB) {
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
}
