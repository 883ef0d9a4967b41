package org.festivaloutcomes.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.festivaloutcomes.ingest.csv.CsvRecord;
import org.festivaloutcomes.ingest.csv.StrictCsvReader;
import org.festivaloutcomes.storage.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing a file in parts, cut where {@link FileScan} says, gives exactly the records of one pass. */
class FileScanTest {

    @TempDir
    Path dir;

    private static final String[] TRICKY = {
        "a,b,c\n1,2,3\n4,5,6\n",
        "a,b\r\n1,2\r\n\r\n\r\n3,4\r\n",
        "a,b\n\"x\ny\",1\n\"q\"\"\",2\n,\n",
        "a,b\n1,x\"y\n2,\"ok\"junk,3\n4,5\n",
        "a,b\n1,\"still open\n2,3\n4,5\n",
        "a,b\n1,2\n\"multi\n\nline\",3\n\n5,6",
        "a,b\r1,2\r3,4\r",
        "\uFEFFa,b\n\uFEFF1,2\n3,4\n",
        "a,b\n\"a\"\"\nb\",\"c\"x\n\"open,5\n6,7\n",
        "a\n\n\n",
        "a,b\n",
    };

    @Test
    void partsGiveTheRecordsOfOnePassWhereverTheCutsFall() throws IOException {
        for (String text : TRICKY) {
            for (Charset charset : List.of(StandardCharsets.UTF_8, Charset.forName("GB18030"))) {
                checkEveryCut(text.replace("b", "展b"), charset);
            }
        }
    }

    @Test
    void randomFilesOfQuotesCommasAndLineEnds() throws IOException {
        Random random = new Random(7);
        char[] alphabet = {'a', 'b', ',', ',', '"', '"', '\n', '\n', '\r', ' ', '中'};
        for (int n = 0; n < 300; n++) {
            StringBuilder text = new StringBuilder("h1,h2\n");
            int length = random.nextInt(80);
            for (int i = 0; i < length; i++) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            checkEveryCut(text.toString(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Longer random files, read through buffers of every small size: the cut scans eight bytes at a time
     * and carries the byte before a buffer across, so matches at word and buffer edges are checked.
     */
    @Test
    void longFilesThroughSmallBuffers() throws IOException {
        Random random = new Random(11);
        String[] pieces = {"abcdefgh", "ab", ",", ",", "\"", "\"\"", "\n", "\r\n", "\r", "中文", "x,\"q\"", ",\"a\nb\","};
        for (int n = 0; n < 60; n++) {
            StringBuilder text = new StringBuilder("h1,h2\n");
            int length = 20 + random.nextInt(200);
            for (int i = 0; i < length; i++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            Path file = dir.resolve("long.csv");
            Files.write(file, bytes);
            List<String> expected = records(bytes, 0, bytes.length, 0, StandardCharsets.UTF_8, true);
            for (int buffer : new int[] {1, 2, 3, 7, 8, 9, 15, 16, 17, 64, 1 << 20}) {
                for (long chunkBytes : new long[] {1, 5, 13, 40, 1 << 20}) {
                    List<String> actual = new ArrayList<>();
                    for (FileScan.Chunk chunk : FileScan.cut(Storage.standalone(), file.toString(), "long.csv",
                            chunkBytes, () -> false, buffer).chunks()) {
                        actual.addAll(records(bytes, (int) chunk.start(), (int) chunk.end(), chunk.firstRecord(),
                                StandardCharsets.UTF_8, false));
                    }
                    assertEquals(expected, actual, "buffer " + buffer + ", cut every " + chunkBytes + " bytes: "
                            + text.toString().replace("\n", "\\n").replace("\r", "\\r"));
                }
            }
        }
    }

    @Test
    void fingerprintIsTheFilesSha256AndSize() throws Exception {
        byte[] bytes = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve("f.csv");
        Files.write(file, bytes);
        FileScan.Scanned scan = FileScan.withHash(FileScan.cut(Storage.standalone(), file.toString(), "f.csv", 1 << 20,
                () -> false), FileScan.hash(Storage.standalone(), file.toString(), "f.csv"), "f.csv");
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), scan.sha256());
        assertEquals(bytes.length, scan.bytes());
        assertEquals(List.of(new FileScan.Chunk(4, 8, 1)), scan.chunks());
        // hashing alone, then cutting without hashing again, gives the same scan
        FileScan.Hashed hashed = FileScan.hash(Storage.standalone(), file.toString(), "f.csv");
        assertEquals(new FileScan.Hashed(scan.sha256(), scan.bytes()), hashed);
        assertEquals(scan, FileScan.withHash(FileScan.cut(Storage.standalone(), file.toString(), "f.csv", 1 << 20,
                () -> false), hashed, "f.csv"));
        // a cut abandoned on the way gives nothing
        assertEquals(null, FileScan.cut(Storage.standalone(), file.toString(), "f.csv", 1 << 20, () -> true));
        // a file that changed between the two reads is an error, not parts of another content
        Files.write(file, "a,b\n1,2\n3,4\n".getBytes(StandardCharsets.UTF_8));
        org.festivaloutcomes.model.BadInputException changed = org.junit.jupiter.api.Assertions.assertThrows(
                org.festivaloutcomes.model.BadInputException.class,
                () -> FileScan.withHash(FileScan.cut(Storage.standalone(), file.toString(), "f.csv", 1 << 20,
                        () -> false), hashed, "f.csv"));
        assertEquals("f.csv: changed while being read (8 bytes, then 12)", changed.getMessage());
    }

    @Test
    void aHeaderOnlyFileHasNoParts() throws IOException {
        Path file = dir.resolve("h.csv");
        Files.writeString(file, "a,b\n\n");
        assertTrue(FileScan.cut(Storage.standalone(), file.toString(), "h.csv", 1, () -> false).chunks().isEmpty());
    }

    @Test
    void anUnclosedQuoteKeepsTheRestInOnePart() throws IOException {
        Path file = dir.resolve("u.csv");
        Files.writeString(file, "a,b\n1,2\n3,\"open\n4,5\n6,7\n");
        List<FileScan.Chunk> chunks = FileScan.cut(Storage.standalone(), file.toString(), "u.csv", 1, () -> false)
                .chunks();
        assertEquals(2, chunks.size());
        assertEquals(file.toFile().length(), chunks.get(1).end());
        assertFalse(chunks.get(1).start() > 8);
    }

    private void checkEveryCut(String text, Charset charset) throws IOException {
        byte[] bytes = text.getBytes(charset);
        Path file = dir.resolve("t.csv");
        Files.write(file, bytes);
        List<String> expected = records(bytes, 0, bytes.length, 0, charset, true);
        for (long chunkBytes = 1; chunkBytes <= bytes.length + 1; chunkBytes++) {
            List<String> actual = new ArrayList<>();
            for (FileScan.Chunk chunk : FileScan.cut(Storage.standalone(), file.toString(), "t.csv", chunkBytes,
                    () -> false).chunks()) {
                actual.addAll(records(bytes, (int) chunk.start(), (int) chunk.end(), chunk.firstRecord(), charset,
                        false));
            }
            assertEquals(expected, actual, "cut every " + chunkBytes + " bytes: " + text.replace("\n", "\\n")
                    .replace("\r", "\\r"));
        }
    }

    /** The records of bytes [from, to) as comparable strings; the whole file's header is dropped. */
    private static List<String> records(byte[] bytes, int from, int to, long firstNumber, Charset charset,
            boolean wholeFile) throws IOException {
        List<String> out = new ArrayList<>();
        StrictCsvReader reader = new StrictCsvReader(new InputStreamReader(
                new ByteArrayInputStream(Arrays.copyOfRange(bytes, from, to)), charset), 16, firstNumber);
        if (wholeFile) {
            reader.next();
        }
        for (CsvRecord r = reader.next(); r != null; r = reader.next()) {
            out.add(r.number() + "|" + r.raw() + "|" + r.fields() + "|" + r.problem());
        }
        return out;
    }
}
