package org.festivaloutcomes.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.festivaloutcomes.model.BadInputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attendance parse from bytes writes exactly what the strict reader and {@link RowChecker} write for
 * the same part: the same facts, key hashes and rejected rows, byte for byte, on hand-made records of
 * every kind the strict path decides and on random files, in UTF-8 and GB18030, with buffers small enough
 * that records cross their ends.
 */
class AttendanceByteReaderTest {

    private static final String HEADER = "record_id,festival_id,event_id,attendee_id,attended_at,channel,"
            + "attendee_type,origin_region,origin_country,admissions";
    private static final References REFERENCES = new References(Set.of("F1", "F2", "展会"),
            Map.of("E1", new References.EventRef("F1", "onsite"), "E2", new References.EventRef("F1", "hybrid"),
                    "E3", new References.EventRef("F2", "online"), "活动", new References.EventRef("展会", "online")),
            Set.of());
    private static final Pseudonymizer PSEUDONYMIZER = ByteReaderComparison.PSEUDONYMIZER;

    @TempDir
    Path dir;

    private ByteReaderComparison comparison;

    @BeforeEach
    void comparison() {
        comparison = new ByteReaderComparison(dir, DatasetKind.ATTENDANCE, REFERENCES, Map.of("CNY", BigDecimal.ONE),
                (file, parser, buffer, maxRecord) -> new AttendanceByteReader(file, parser, PSEUDONYMIZER, buffer,
                        maxRecord));
    }

    private ByteReaderComparison.ByteRun compare(String text, Charset charset, DatasetFormat format, int buffer,
            int maxRecord) throws IOException {
        return comparison.compare(text, charset, format, buffer, maxRecord, 1 << 20);
    }

    @Test
    void plainRecordsAreReadByteByByteAndWriteWhatTheStrictPathWrites() throws IOException {
        String text = HEADER + "\n"
                + "R1,F1,E1,A1,2023-04-06 09:11,onsite,trade,Hubei,CN,1\n"
                + "R2,F1,,,2023-04-06T20:10:35,,,Jinan,cn,25\n"
                + "R3,F2,E3,A2,2023/4/6 14:04,online,public,,,\n"
                + ",F1,E2,A3,2023-04-07 9:05:59,online,vip,Hubei,US,0\n";
        ByteReaderComparison.ByteRun run = compare(text, StandardCharsets.UTF_8, DatasetFormat.DEFAULT, 1 << 20, 8 << 20);
        assertEquals(4, run.fast());
        assertEquals(4L, run.outcomes().get(""));
    }

    @Test
    void everyRecordTheFastReadingDoesNotKnowGoesToTheStrictPath() throws IOException {
        List<String> rows = List.of(
                "R1,F1,E1,A1,2023-04-06 09:11,onsite,trade,Hubei,CN,1",
                "\"R2\",\"F1\",\"E1\",\"A2\",\"2023-04-06 09:11\",\"onsite\",\"trade\",\"Hu,bei\",\"CN\",\"1\"",
                "R3,F1,E1,A1,2023-04-06 09:11,onsite,trade,\"say \"\"hi\"\"\",CN,1",
                "R4,F1,E1,A1,2023-04-06 09:11,onsite,trade,\"two\nlines\",CN,1",
                "R5,F1,E1,A1,2023-04-06 09:11,onsite,trade,Hu\"bei,CN,1",
                "R6,F1,E1,A1,2023-04-06 09:11,onsite,trade,\"Hubei\"x,CN,1",
                "R7,F1,E1,A1,2023-04-06 09:11,onsite,trade,Hubei,CN",
                "R8,F1,E1,A1,2023-04-06 09:11,onsite,trade,Hubei,CN,1,extra",
                " R9 ,F1,E1, A1 ,2023-04-06 09:11 , onsite , Trade , Hubei , cn , 1 ",
                "R10,F9,E1,A1,2023-04-06 09:11,onsite,trade,Hubei,CN,1",
                "R11,F2,E1,A1,2023-04-06 09:11,onsite,trade,Hubei,CN,1",
                "R12,F1,E9,A1,2023-04-06 09:11,onsite,trade,Hubei,CN,1",
                "R13,F1,E2,A1,2023-04-06 09:11,,trade,Hubei,CN,1",
                "R14,F1,E1,A1,2023-04-06 09:11,hybrid,trade,Hubei,CN,1",
                "R15,F1,E1,A1,2023-02-29 09:11,onsite,trade,Hubei,CN,1",
                "R16,F1,E1,A1,2023-04-06,onsite,trade,Hubei,CN,1",
                "R17,F1,E1,A1,2023-04-06 24:00,onsite,trade,Hubei,CN,1",
                "R18,F1,E1,A1,2023-04-06 09:11,onsite,trade,Hubei,CN,2",
                "R19,F1,E1,,2023-04-06 09:11,onsite,trade,Hubei,CN,\"1,500\"",
                "R20,F1,E1,,2023-04-06 09:11,onsite,trade,Hubei,CN,99999999999999999999",
                "R21,F1,E1,,2023-04-06 09:11,onsite,trade,Hubei,CN,-1",
                "R22,F1,E1,A1,2023-04-06 09:11,ONLINE,专业观众,湖北,CN,1",
                "R23,展会,活动,张三,2023-04-06 09:11,线上,嘉宾,湖北,cn,1",
                "Ř24,F1,E1,A1,2023-04-06 09:11,onsite,trade,Hubei,CN,1",
                "R25,,E1,A1,2023-04-06 09:11,onsite,trade,Hubei,CN,1",
                "R26,F1,E1,A1,,onsite,trade,Hubei,CN,1",
                "R27,F1,E1,A1,2023-04-06 09:11,onsite,bogus,Hubei,CN,1",
                "R28,F1,E1,A1,2023年4月6日 9:05,onsite,trade,Hubei,CN,1",
                "R29,F1,E1,A\t1,2023-04-06 09:11,onsite,trade,　Hubei　,CN,1",
                "R30,F1,E1,A1,2023-04-06 09:11,onsite,trade,\"\",\"\",\"\"",
                ",,,,,,,,,",
                "R31,\"F1\"\"\",E1,A1,2023-04-06 09:11,onsite,trade,Hubei,CN,1");
        for (Charset charset : List.of(StandardCharsets.UTF_8, Charset.forName("GB18030"))) {
            DatasetFormat format = new DatasetFormat(charset.name(), Map.of(), Map.of(), null);
            for (String lineEnd : List.of("\n", "\r\n", "\r")) {
                String text = HEADER + lineEnd + String.join(lineEnd, rows) + lineEnd;
                ByteReaderComparison.ByteRun run = compare(text, charset, format, 1 << 20, 8 << 20);
                // R1, R2 (quoted), R22 (synonyms and case), R29 (a tab inside an id, ideographic spaces
                // around a region) and R30 (quoted empty fields); every other goes to the strict path
                assertEquals(5, run.fast());
                compare(text, charset, format, 64, 1 << 20);
            }
        }
    }

    @Test
    void extraSpellingsAndAPatternOfTheJobAreTheStrictPaths() throws IOException {
        DatasetFormat format = new DatasetFormat("UTF-8", Map.of(),
                Map.of("channel", Map.of("offline", "onsite", "现场", "onsite"), "attendee_type", Map.of("trade", "public")),
                "yyyy年M月d日 H:mm");
        String text = HEADER + "\n"
                + "R1,F1,E1,A1,2023-04-06 09:11,offline,trade,Hubei,CN,1\n"
                + "R2,F1,E1,A1,2023年4月6日 9:05,现场,public,Hubei,CN,1\n"
                + "R3,F1,E1,A1,2023-04-06 09:11,Offline,TRADE,Hubei,CN,1\n";
        ByteReaderComparison.ByteRun run = compare(text, StandardCharsets.UTF_8, format, 1 << 20, 8 << 20);
        assertEquals(2, run.fast(), "the job's spellings are typed once per text; its pattern is the strict path's");
    }

    @Test
    void columnsInAnotherOrderMissingOrExtra() throws IOException {
        String text = "attended_at,ignored,festival_id,attendee_id,channel\n"
                + "2023-04-06 09:11,x,F1,A1,online\n"
                + "2023-04-06 09:12,é,F1,A2,\n"
                + "2023-04-06 09:13,,F2,,\n";
        ByteReaderComparison.ByteRun run = compare(text, StandardCharsets.UTF_8, DatasetFormat.DEFAULT, 1 << 20, 8 << 20);
        assertEquals(3, run.fast());
        assertEquals(3L, run.outcomes().get(""));
    }

    @Test
    void aQuoteLeftOpenOrARecordLongerThanTheBufferHandsTheRestToTheStrictReader() throws IOException {
        String text = HEADER + "\n"
                + "R1,F1,E1,A1,2023-04-06 09:11,onsite,trade,Hubei,CN,1\n"
                + "R2,F1,E1,A1,2023-04-06 09:11,onsite,trade,\"open,CN,1\n"
                + "R3,F1,E1,A1,2023-04-06 09:11,onsite,trade,Hubei,CN,1\n"
                + "R4,F1,E1,A1,2023-04-06 09:11,onsite,trade,Hubei,CN,1";
        assertEquals(1, compare(text, StandardCharsets.UTF_8, DatasetFormat.DEFAULT, 1 << 20, 8 << 20).fast());
        String longRecord = HEADER + "\n" + "R1,F1,E1,A1,2023-04-06 09:11,onsite,trade," + "x".repeat(500)
                + ",CN,1\nR2,F1,E1,A1,2023-04-06 09:11,onsite,trade,Hubei,CN,1\n";
        assertEquals(0, compare(longRecord, StandardCharsets.UTF_8, DatasetFormat.DEFAULT, 32, 256).fast(),
                "the long record and the one after it in its part are the strict reader's");
    }

    @Test
    void bytesThatDoNotDecodeAreTheStrictPathsError() throws IOException {
        // past the first 64 Ki chars, which the header's reader decodes
        byte[] good = (HEADER + "\n" + "R1,F1,E1,A1,2023-04-06 09:11,onsite,trade,Hubei,CN,1\n".repeat(2000))
                .getBytes(StandardCharsets.UTF_8);
        for (String bad : List.of("R2,F1,E1,A1,2023-04-06 09:11,onsite,trade,Hu\u00FFbei,CN,1\n",
                "R2\u00FF,F1,E1,A1,2023-04-06 09:11,onsite,trade,Hubei,CN,1\n")) {
            byte[] tail = bad.getBytes(StandardCharsets.ISO_8859_1);
            byte[] bytes = new byte[good.length + tail.length];
            System.arraycopy(good, 0, bytes, 0, good.length);
            System.arraycopy(tail, 0, bytes, good.length, tail.length);
            Path csv = dir.resolve("bad-" + bytes.length + ".csv");
            Files.write(csv, bytes);
            ByteReaderComparison.Fixture fixture = comparison.fixture(csv, DatasetFormat.DEFAULT, 1 << 20);
            FileScan.Chunk chunk = fixture.chunks().get(0);
            BadInputException strict = assertThrows(BadInputException.class, () -> fixture.writer().write(0,
                    LargeDatasetReader.rows(false, fixture.parser(), PSEUDONYMIZER, fixture.file(), chunk),
                    comparison.dirFor("s").toString(), comparison.dirFor("s").toString()));
            BadInputException fast = assertThrows(BadInputException.class, () -> fixture.writer().write(0,
                    writer -> new AttendanceByteReader(fixture.file(), fixture.parser(), PSEUDONYMIZER)
                            .read(chunk, writer), comparison.dirFor("f").toString(), comparison.dirFor("f").toString()));
            assertTrue(strict.getMessage().contains("do not decode as UTF-8"), strict.getMessage());
            assertTrue(fast.getMessage().contains("do not decode as UTF-8"), fast.getMessage());
        }
    }

    @Test
    void randomFilesOfGoodBadAndOddRecords() throws IOException {
        long[] taken = comparison.compareRandom(new Random(20261122), 120, Map.of("channel", Map.of("offline", "onsite")),
                "yyyy年M月d日 H:mm", random -> randomFile(random, 40 + random.nextInt(120)),
                new ByteReaderComparison.Sizes(16, 200, 50, 400));
        assertTrue(taken[0] > 2000 && taken[1] > 2000, "both paths taken: " + taken[0] + " fast, " + taken[1] + " strict");
    }

    @Test
    void aPartOfMostlyStrictRecordsIsReadOnByTheStrictReader() throws IOException {
        DatasetFormat format = new DatasetFormat("UTF-8", Map.of(), Map.of(), "yyyy年M月d日 H:mm");
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (int r = 1; r <= 3000; r++) {
            // the job's own pattern for the first 1,100 rows, then built-in timestamps
            String at = r <= 1100 ? "2023年4月6日 9:05" : "2023-04-06 09:05";
            text.append("R").append(r).append(",F1,E1,A").append(r % 97).append(',').append(at)
                    .append(",onsite,trade,Hubei,CN,1\n");
        }
        ByteReaderComparison.ByteRun run = compare(text.toString(), StandardCharsets.UTF_8, format, 1 << 20, 8 << 20);
        assertEquals(0, run.fast(), "after 1,024 records, all but none strict: the rest goes to the strict reader");
        assertEquals(3000L, run.outcomes().get(""));
    }

    @Test
    void pickingRecordsByteByByteFindsWhatTheStrictReaderFinds() throws IOException {
        Random random = new Random(99);
        for (int n = 0; n < 60; n++) {
            Charset charset = n % 3 == 2 ? Charset.forName("GB18030") : StandardCharsets.UTF_8;
            DatasetFormat format = new DatasetFormat(charset.name(), Map.of(), Map.of(), null);
            int records = 20 + random.nextInt(100);
            Path csv = dir.resolve("pick-" + n + ".csv");
            java.nio.file.Files.write(csv, randomFile(random, records).getBytes(charset));
            ByteReaderComparison.Fixture fixture = comparison.fixture(csv, format, 1 << 20);
            long[] wanted = random.longs(1 + random.nextInt(20), 1, records + 5).distinct().sorted().toArray();
            Map<Long, ParsedRecord> strict = fixture.parser().strictPick(fixture.file(), wanted);
            Map<Long, ParsedRecord> bytes = fixture.parser().pick(fixture.file(), wanted);
            assertEquals(strict.keySet(), bytes.keySet());
            for (long record : strict.keySet()) {
                ParsedRecord a = strict.get(record);
                ParsedRecord b = bytes.get(record);
                assertEquals(a.raw(), b.raw());
                assertEquals(a.rejection(), b.rejection());
                assertEquals(a.values() == null ? null : java.util.Arrays.asList(a.values()),
                        b.values() == null ? null : java.util.Arrays.asList(b.values()), a.raw());
            }
        }
    }

    // ---------------------------------------------------------------- random files

    /** Each column's values: the first {@link #GOOD} of them accepted byte by byte, the others not always. */
    private static final int[] GOOD = {4, 3, 4, 5, 4, 4, 4, 3, 2, 4};
    private static final String[][] VALUES = {
        {"R1", "R2", "R3", "R44", "", "", " R5", "R6 ", "Ř7", "R\t8"},
        {"F1", "F1", "F1", "F2", "展会", "", "F9", "f1", " F1 ", "F1\u3000"},
        {"", "", "E1", "E1", "E2", "E3", "活动", "E9", " E1"},
        {"", "A1", "A2", "A3", "A4", "张三", " A5", "A\t6", "A7 "},
        {"2023-04-06 09:11", "2023-04-06T20:10:35", "2023/4/6 14:04", "2023/12/31 0:00", "2024-02-29 10:00",
            "2023-02-29 10:00", "2023-04-06", "2023-04-06 24:00", "2023-04-06 9:5", "2023-04-06 09:11:60",
            " 2023-04-06 09:11", "2023-04-06 09:11 ", "2023年4月6日 9:05", "", "soon", "2023-4-6 10:00",
            "20230406 10:00", "2023-04-06 123:00", "2023-04-06 09:11:07:00"},
        {"", "", "onsite", "online", "ONLINE", "线下", "线上", "hybrid", " online", "offline"},
        {"", "", "trade", "public", "Public", "专业观众", "嘉宾", "vip ", "bogus", "unspecified"},
        {"", "Hubei", "Jinan", "湖北", " Jinan", "a,b", "x\"y", "\u3000"},
        {"", "CN", "cn", "us", "C N", "中"},
        {"", "", "1", "1", "0", "2", "15", "1,500", "99999999999999999999", "-1", " 3", "1.0"},
    };

    private static String randomFile(Random random, int records) {
        List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        Collections.shuffle(order, random);
        int columns = 6 + random.nextInt(5); // attended_at and festival_id may go: a missing column is an error
        List<Integer> kept = new ArrayList<>(order.subList(0, columns));
        if (!kept.contains(1)) {
            kept.set(0, 1);
        }
        if (!kept.contains(4)) {
            kept.set(kept.get(0) == 1 ? 1 : 0, 4);
        }
        boolean extra = random.nextInt(3) == 0;
        String[] names = HEADER.split(",");
        StringBuilder text = new StringBuilder();
        List<String> header = new ArrayList<>();
        kept.forEach(c -> header.add(names[c]));
        if (extra) {
            header.add(random.nextInt(header.size() + 1), "note");
        }
        String[] lineEnds = {"\n", "\n", "\n", "\r\n", "\r", "\n\n", "\r\n\r\n"};
        text.append(String.join(",", header)).append('\n');
        for (int r = 0; r < records; r++) {
            List<String> fields = new ArrayList<>();
            for (String name : header) {
                int c = List.of(names).indexOf(name);
                String value = c < 0 ? (random.nextInt(4) == 0 ? "é" : "n" + r)
                        : VALUES[c][random.nextInt(random.nextInt(12) == 0 ? VALUES[c].length : GOOD[c])];
                fields.add(field(random, value));
            }
            if (random.nextInt(40) == 0) {
                fields.remove(random.nextInt(fields.size()));
            } else if (random.nextInt(40) == 0) {
                fields.add("x");
            }
            String line = String.join(",", fields);
            if (random.nextInt(60) == 0) {
                int at = random.nextInt(line.length() + 1);
                line = line.substring(0, at) + "\"" + line.substring(at);
            }
            text.append(line);
            if (r < records - 1 || random.nextBoolean()) {
                text.append(lineEnds[random.nextInt(lineEnds.length)]);
            }
        }
        return text.toString();
    }

    /** A value as a CSV field: quoted when it must be, sometimes when it need not be. */
    private static String field(Random random, String value) {
        boolean must = value.contains(",") || value.contains("\"") || value.contains("\n");
        if (must || random.nextInt(8) == 0) {
            String quoted = "\"" + value.replace("\"", "\"\"") + "\"";
            return random.nextInt(30) == 0 ? quoted.replace(",", "\n") : quoted;
        }
        return value;
    }

    @Test
    void byteHelpersAgreeWithTheirStringVersions() {
        Random random = new Random(5);
        String alphabet = "0123456789-/: T0123456789";
        for (int n = 0; n < 200_000; n++) {
            StringBuilder s = new StringBuilder();
            if (random.nextBoolean()) {
                s.append(random.nextInt(3) == 0 ? "2024" : "2023").append(random.nextBoolean() ? '-' : '/')
                        .append(random.nextInt(14)).append(random.nextBoolean() ? '-' : '/').append(random.nextInt(33));
            }
            int extra = random.nextInt(12);
            for (int i = 0; i < extra; i++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = s.toString();
            byte[] bytes = ("x" + text + "y").getBytes(StandardCharsets.US_ASCII);
            LocalDateTime expected = text.isEmpty() ? null : Values.timestamp(text, false, null);
            int day = Values.timestampDay(bytes, 1, bytes.length - 1);
            assertEquals(expected == null ? Values.NO_DAY : (int) expected.toLocalDate().toEpochDay(), day, text);
        }
        for (int n = 0; n < 2000; n++) {
            StringBuilder id = new StringBuilder();
            int length = random.nextInt(30);
            for (int i = 0; i < length; i++) {
                id.append((char) (1 + random.nextInt(127)));
            }
            String text = id.toString();
            byte[] bytes = ("," + text + ",").getBytes(StandardCharsets.US_ASCII);
            if (!text.isEmpty()) {
                assertEquals(PSEUDONYMIZER.key(text), PSEUDONYMIZER.asciiKey(bytes, 1, bytes.length - 1), text);
            }
            assertEquals(KeyHashFiles.hash(text), KeyHashFiles.hashAscii(bytes, 1, bytes.length - 1), text);
        }
    }
}
