package org.festivaloutcomes.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The pair sort against a plain sort of the same pairs, on the sizes around its cut-offs, held in
 * memory and spilled to files in runs of a few pairs.
 */
class KeyedRowsTest {

    @Test
    void sortsLikeAPlainSortOfUnsignedPairs() {
        check(Integer.MAX_VALUE, 0, 1, 2, 23, 24, 25, 255, 256, 257, 1000, 5000, 70_000);
    }

    @Test
    void spilledRunsMergeInTheSameOrder() {
        check(7, 0, 1, 6, 7, 8, 14, 15, 257, 1000);
        check(1000, 999, 1000, 1001, 5000, 70_000);
    }

    private static void check(int limit, int... sizes) {
        Random random = new Random(42);
        for (int size : sizes) {
            for (int variant = 0; variant < 3; variant++) {
                long[][] pairs = new long[size][];
                try (KeyedRows rows = new KeyedRows(limit)) {
                    for (int i = 0; i < size; i++) {
                        long key = switch (variant) {
                            // random 64-bit keys, as visitor keys are
                            case 0 -> random.nextLong();
                            // few keys with many rows each, negative ones included
                            case 1 -> random.nextInt(40) - 20;
                            // the extremes and their neighbours, which a signed sort puts elsewhere
                            default -> new long[] {Long.MIN_VALUE, Long.MAX_VALUE, -1, 0, 1,
                                Long.MIN_VALUE + 1}[random.nextInt(6)];
                        };
                        long payload = random.nextInt(4) == 0 ? random.nextLong() : random.nextInt(8);
                        pairs[i] = new long[] {key, payload};
                        rows.add(key, payload);
                    }
                    Arrays.sort(pairs, Comparator.<long[]>comparingLong(p -> p[0] ^ Long.MIN_VALUE)
                            .thenComparingLong(p -> p[1] ^ Long.MIN_VALUE));
                    assertEquals(size, rows.size());
                    assertEquals(size == 0 ? 0 : (size - 1) / limit, rows.spills(), "spills of " + size);
                    long[][] actual = new long[size][];
                    KeyedRows.Cursor sorted = rows.sorted();
                    int n = 0;
                    while (sorted.next()) {
                        assertTrue(n < size, "no more pairs than added");
                        actual[n++] = new long[] {sorted.key(), sorted.payload()};
                    }
                    assertEquals(size, n);
                    assertArrayEquals(pairs, actual, "size " + size + ", variant " + variant + ", limit " + limit);
                }
            }
        }
    }
}
