package org.festivaloutcomes.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyHashFilesTest {

    @TempDir
    Path dir;

    /** A key file of these hashes; the i-th row's record number is 100 + i. */
    private Path file(String name, long... hashes) throws IOException {
        Path file = dir.resolve(name);
        long[] records = new long[hashes.length + 5];
        for (int i = 0; i < records.length; i++) {
            records[i] = 100 + i;
        }
        // more room than hashes, as the parse tasks' growing arrays have
        KeyHashFiles.write(file, Arrays.copyOf(hashes, hashes.length + 5), records, hashes.length);
        return file;
    }

    @Test
    void theRecordsOfRepeatedHashesAreFoundInHashOrder() throws IOException {
        Path a = file("a", 5, -3, Long.MIN_VALUE, 9, 5);
        Path b = file("b", 9, Long.MAX_VALUE, 0, Long.MIN_VALUE);
        long[] repeated = KeyHashFiles.repeated(List.of(a, b));
        // MIN is a's row 2; 5 its rows 0 and 4; 9 its row 3
        assertArrayEquals(new long[] {102, 100, 104, 103}, KeyHashFiles.records(a, repeated));
        assertArrayEquals(new long[] {103, 100}, KeyHashFiles.records(b, repeated));
        assertArrayEquals(new long[] {}, KeyHashFiles.records(b, new long[0]));
        assertArrayEquals(new long[] {}, KeyHashFiles.records(file("empty"), repeated));
    }

    @Test
    void repeatsAcrossFilesWithinAFileAndOfAFileListedTwice() throws IOException {
        Path a = file("a", 5, -3, Long.MIN_VALUE, 9, 5);
        Path b = file("b", 9, Long.MAX_VALUE, 0, Long.MIN_VALUE);
        Path c = file("c", 42);
        Path empty = file("empty");
        // 5 twice in a; 9 and MIN in a and b
        assertArrayEquals(new long[] {Long.MIN_VALUE, 5, 9}, KeyHashFiles.repeated(List.of(a, b, c, empty)));
        assertArrayEquals(new long[] {}, KeyHashFiles.repeated(List.of(c, empty)));
        assertArrayEquals(new long[] {}, KeyHashFiles.repeated(List.of()));
        // a file read twice in a run (the same content under two names) repeats every hash
        assertArrayEquals(new long[] {42}, KeyHashFiles.repeated(List.of(c, empty, c)));
    }

    @Test
    void agreesWithCountingOverManyFilesAndBuffers() throws IOException {
        Random random = new Random(7);
        TreeMap<Long, Integer> counts = new TreeMap<>();
        Path[] files = new Path[9];
        for (int f = 0; f < files.length; f++) {
            // spans several read buffers; a narrow range makes repeats common
            long[] hashes = new long[40_000 + random.nextInt(40_000)];
            for (int i = 0; i < hashes.length; i++) {
                hashes[i] = random.nextInt(2_000_000) - 1_000_000L;
                counts.merge(hashes[i], 1, Integer::sum);
            }
            files[f] = file("f" + f, hashes);
        }
        long[] expected = counts.entrySet().stream().filter(e -> e.getValue() > 1).mapToLong(e -> e.getKey())
                .toArray();
        assertTrue(expected.length > 1000);
        assertArrayEquals(expected, KeyHashFiles.repeated(List.of(files)));
    }

    @Test
    void aDamagedFileIsNeverRead() throws IOException {
        Path whole = file("whole", 1, 2, 3);
        assertTrue(KeyHashFiles.valid(whole));
        Path cut = dir.resolve("cut");
        byte[] bytes = Files.readAllBytes(whole);
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 1));
        Path foreign = dir.resolve("foreign");
        Files.writeString(foreign, "part-00000 garbage, long enough to hold a header");
        for (Path bad : List.of(cut, foreign, dir.resolve("missing"))) {
            assertFalse(KeyHashFiles.valid(bad), bad.toString());
            assertThrows(IOException.class, () -> KeyHashFiles.repeated(List.of(whole, bad)));
        }
        assertEquals("_keys-00012.bin", KeyHashFiles.name(12));
    }

    /**
     * The radix sort gives Arrays.sort's signed order (extremes, repeats, several sizes), and each
     * companion stays with its value, equal values in their first order (stable).
     */
    @Test
    void sortIsSignedOrderWithCompanions() {
        java.util.Random random = new java.util.Random(5);
        for (int n : new int[] {0, 1, 2, 4095, 100_000}) {
            long[] values = new long[n + 3];
            for (int i = 0; i < values.length; i++) {
                values[i] = switch (random.nextInt(6)) {
                    case 0 -> Long.MIN_VALUE;
                    case 1 -> Long.MAX_VALUE;
                    case 2 -> random.nextInt(100) - 50;
                    default -> random.nextLong();
                };
            }
            long[] companions = new long[values.length];
            Long[][] pairs = new Long[n][];
            for (int i = 0; i < values.length; i++) {
                companions[i] = i;
                if (i < n) {
                    pairs[i] = new Long[] {values[i], (long) i};
                }
            }
            Arrays.sort(pairs, java.util.Comparator.comparing((Long[] p) -> p[0]).thenComparing(p -> p[1]));
            KeyHashFiles.sort(values, companions, n);
            for (int i = 0; i < n; i++) {
                assertEquals(pairs[i][0], values[i], "n = " + n + ", value " + i);
                assertEquals(pairs[i][1], companions[i], "n = " + n + ", companion " + i);
            }
        }
    }

    /** The key hash is fixed (store entries are compared across runs) and tells close keys apart. */
    @Test
    void keyHashIsStableAndSpreadsCloseKeys() {
        assertEquals(KeyHashFiles.hash("QD23-00000019"), KeyHashFiles.hash(new String("QD23-00000019")));
        java.util.Set<Long> hashes = new java.util.HashSet<>();
        java.util.Set<Long> topBits = new java.util.HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            long h = KeyHashFiles.hash(String.format("QD23-%08d", i));
            hashes.add(h);
            topBits.add(h >>> 48);
        }
        assertEquals(200_000, hashes.size());
        // sequential ids spread over the high bits too (the sort's last radix pass)
        assertTrue(topBits.size() > 60_000, "distinct top 16 bits: " + topBits.size());
        org.junit.jupiter.api.Assertions.assertNotEquals(KeyHashFiles.hash("ab"), KeyHashFiles.hash("ba"));
        org.junit.jupiter.api.Assertions.assertNotEquals(KeyHashFiles.hash(""), KeyHashFiles.hash("\u0000"));
    }
}
