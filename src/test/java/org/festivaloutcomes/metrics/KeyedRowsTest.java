package org.festivaloutcomes.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The pair sort against a plain sort of the same pairs, on the sizes around its cut-offs. */
class KeyedRowsTest {

    @Test
    void sortsLikeAPlainSortOfUnsignedPairs() {
        Random random = new Random(42);
        for (int size : new int[] {0, 1, 2, 23, 24, 25, 255, 256, 257, 1000, 5000, 70_000}) {
            for (int variant = 0; variant < 3; variant++) {
                long[][] pairs = new long[size][];
                KeyedRows rows = new KeyedRows(4);
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
                rows.sort();
                Arrays.sort(pairs, Comparator.<long[]>comparingLong(p -> p[0] ^ Long.MIN_VALUE)
                        .thenComparingLong(p -> p[1] ^ Long.MIN_VALUE));
                assertEquals(size, rows.size());
                long[][] actual = new long[size][];
                for (int i = 0; i < size; i++) {
                    actual[i] = new long[] {rows.key(i), rows.payload(i)};
                }
                assertArrayEquals(pairs, actual, "size " + size + ", variant " + variant);
            }
        }
    }
}
