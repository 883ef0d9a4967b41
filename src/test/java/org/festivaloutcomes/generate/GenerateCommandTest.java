package org.festivaloutcomes.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GenerateCommandTest {

    static final Map<String, List<String>> HEADERS = Map.of(
            "festivals", Generator.FESTIVALS_HEADER,
            "events", Generator.EVENTS_HEADER,
            "attendance", List.of("record_id", "festival_id", "event_id", "attendee_id", "attended_at", "channel",
                    "attendee_type", "origin_region", "origin_country", "admissions"),
            "enterprises", List.of("festival_id", "enterprise_id", "name", "org_type", "role", "region", "country",
                    "industry", "pavilion", "section", "booth_area_sqm", "exhibits", "is_leading"),
            "deals", Generator.DEALS_HEADER,
            "targets", Generator.TARGETS_HEADER);
    static final Map<String, Set<String>> REQUIRED = Map.of(
            "festivals", Set.of("festival_id", "name", "start_date", "end_date"),
            "events", Set.of("event_id", "festival_id", "name", "event_type", "starts_at"),
            "attendance", Set.of("festival_id", "attended_at"),
            "enterprises", Set.of("enterprise_id", "festival_id", "name", "role"),
            "deals", Set.of("deal_id", "festival_id", "amount", "signed_on", "status"),
            "targets", Set.of("festival_id", "metric_id", "target"));

    @TempDir
    static Path tmp;
    static Path sampleYaml;
    static Map<String, ContractCheck.Dataset> sample;

    static int generate(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new GenerateCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        return cl.execute(args);
    }

    @BeforeAll
    static void generateSample() throws IOException {
        assertEquals(0, generate("--out", tmp.resolve("a/sample").toString(), "--sample"));
        sampleYaml = tmp.resolve("a/sample.yaml");
        sample = check(sampleYaml);
    }

    static JsonNode yaml(Path job) throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(job.toFile());
    }

    static Map<String, ContractCheck.Dataset> check(Path job) throws IOException {
        JsonNode y = yaml(job);
        Map<String, String> inputs = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = y.get("inputs").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            inputs.put(e.getKey(), e.getValue().asText());
        }
        Map<String, String> columns = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = y.at("/formats/enterprises/columns").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            columns.put(e.getKey(), e.getValue().asText());
        }
        return ContractCheck.check(job.getParent(), inputs, columns);
    }

    static List<Path> tree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void sameSeedAndOptionsGiveIdenticalBytes() throws IOException {
        assertEquals(0, generate("--out", tmp.resolve("b/sample").toString(), "--sample"));
        List<Path> a = tree(tmp.resolve("a"));
        List<Path> b = tree(tmp.resolve("b"));
        assertEquals(a.stream().map(p -> tmp.resolve("a").relativize(p).toString()).toList(),
                b.stream().map(p -> tmp.resolve("b").relativize(p).toString()).toList());
        assertTrue(a.size() >= 17, "files: " + a);
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(Files.readAllBytes(a.get(i)), Files.readAllBytes(b.get(i)), a.get(i).toString());
        }
    }

    @Test
    void theCommittedSampleIsWhatTheGeneratorWrites() throws IOException {
        Path jobs = Path.of("jobs");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(jobs.resolve("sample.yaml")), "no committed sample");
        List<Path> fresh = tree(tmp.resolve("a"));
        List<Path> committed = new ArrayList<>();
        committed.add(jobs.resolve("sample-zh.yaml"));
        committed.add(jobs.resolve("sample.yaml"));
        committed.addAll(tree(jobs.resolve("sample")));
        committed.sort(null);
        assertEquals(fresh.stream().map(p -> tmp.resolve("a").relativize(p).toString()).toList(),
                committed.stream().map(p -> jobs.relativize(p).toString()).toList());
        for (int i = 0; i < fresh.size(); i++) {
            assertArrayEquals(Files.readAllBytes(fresh.get(i)), Files.readAllBytes(committed.get(i)),
                    committed.get(i) + " differs: run `generate --sample --out jobs/sample`");
        }
    }

    @Test
    void anotherSeedGivesOtherData() throws IOException {
        assertEquals(0, generate("--out", tmp.resolve("seed7").toString(), "--seed", "7"));
        assertTrue(!java.util.Arrays.equals(Files.readAllBytes(tmp.resolve("a/sample/events.csv")),
                Files.readAllBytes(tmp.resolve("seed7/events.csv"))));
    }

    @Test
    void sampleJobFilesSitBesideTheData() throws IOException {
        JsonNode en = yaml(sampleYaml);
        assertEquals("sample", en.get("name").asText());
        assertEquals("en", en.get("language").asText());
        assertEquals("../reports", en.get("output").asText());
        assertEquals("sample/attendance/*.csv", en.at("/inputs/attendance").asText());
        assertEquals("SHICF-2023", en.at("/editions/0").asText());
        assertEquals("QDDCE-2023", en.at("/editions/1").asText());
        assertEquals(7.10, en.at("/fx_to_cny/USD").asDouble());
        assertEquals(7.75, en.at("/fx_to_cny/EUR").asDouble());
        assertEquals(0.05, en.at("/quality/max_rejected_share").asDouble());
        assertEquals("GB18030", en.at("/formats/enterprises/encoding").asText());
        JsonNode zh = yaml(tmp.resolve("a/sample-zh.yaml"));
        assertEquals("sample-zh", zh.get("name").asText());
        assertEquals("zh-CN", zh.get("language").asText());
        assertEquals(en.get("inputs"), zh.get("inputs"));
        assertEquals(en.get("formats"), zh.get("formats"));
    }

    @Test
    void everyFileHasItsDatasetsHeaderAndTheRequiredColumns() {
        for (Map.Entry<String, ContractCheck.Dataset> e : sample.entrySet()) {
            ContractCheck.Dataset d = e.getValue();
            assertTrue(!d.files.isEmpty(), e.getKey());
            for (int i = 0; i < d.files.size(); i++) {
                List<String> header = d.headers.get(i);
                assertEquals(HEADERS.get(e.getKey()), header, d.files.get(i).toString());
                assertTrue(header.containsAll(REQUIRED.get(e.getKey())), d.files.get(i).toString());
            }
        }
    }

    @Test
    void sampleLayoutAndSizes() throws IOException {
        Path dir = tmp.resolve("a/sample");
        assertEquals(5, sample.get("attendance").files.size());
        assertEquals(8, sample.get("deals").files.size());
        assertTrue(Files.exists(dir.resolve("deals/2023-04.csv")) && Files.exists(dir.resolve("deals/2023-10.csv")));
        long rows = sample.get("attendance").rows.size() + sample.get("attendance").malformed;
        assertEquals(Generator.SAMPLE_ATTENDANCE_ROWS, rows);
        long bytes = 0;
        for (Path p : tree(tmp.resolve("a"))) {
            bytes += Files.size(p);
        }
        assertTrue(bytes < 4_200_000, "sample bytes " + bytes);
        byte[] events = Files.readAllBytes(dir.resolve("events.csv"));
        assertTrue(events[0] == (byte) 0xEF && events[1] == (byte) 0xBB && events[2] == (byte) 0xBF, "BOM");
        String ent = ContractCheck.decode(dir.resolve("enterprises.csv"), Charset.forName("GB18030"));
        assertTrue(ent.contains("\r\n") && ent.contains("参展商") && ent.contains("是"));
        String att = Files.readString(dir.resolve("attendance/QDDCE-2023_2023-04.csv"));
        assertTrue(att.matches("(?s).*,2023/4/\\d \\d:\\d\\d,.*"), "gate timestamps like 2023/4/8 9:05");
    }

    @Test
    void enterprisesDecodeAsGb18030AndNotAsUtf8() throws IOException {
        byte[] bytes = Files.readAllBytes(tmp.resolve("a/sample/enterprises.csv"));
        String text = Charset.forName("GB18030").newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        assertTrue(text.startsWith("展会编号,企业编号,名称"), text.substring(0, 30));
        assertThrows(CharacterCodingException.class,
                () -> StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)));
    }

    @Test
    void datesAndTimestampsAreInTheContractsFormats() {
        for (Map<String, String> r : sample.get("events").rows) {
            assertTrue(ContractCheck.timestamp(r.get("starts_at"), true), r.toString());
        }
        int bad = 0;
        for (Map<String, String> r : sample.get("attendance").rows) {
            if (!ContractCheck.timestamp(r.get("attended_at"), false)) {
                bad++;
            }
        }
        assertEquals(1, bad, "only the deliberately broken timestamp");
        for (Map<String, String> r : sample.get("deals").rows) {
            assertTrue(ContractCheck.date(r.get("signed_on")), r.toString());
        }
    }

    @Test
    void theDirtyRowsAreAsDesigned() {
        Map<String, Integer> designed = Map.of("festivals", 0, "events", 1, "enterprises", 1, "attendance", 7,
                "deals", 5, "targets", 0);
        for (Map.Entry<String, ContractCheck.Dataset> e : sample.entrySet()) {
            ContractCheck.Dataset d = e.getValue();
            assertEquals(designed.get(e.getKey()), d.rejected(), e.getKey() + ": " + d.rejects + " malformed " + d.malformed);
            double share = d.rejected() / (double) (d.rows.size() + d.malformed);
            assertTrue(share < 0.02, e.getKey() + " rejected share " + share);
        }
        assertEquals(Map.of("conflict", 2, "duplicate", 1, "invalid", 1, "status_date_before_signed_on", 1),
                sample.get("deals").rejects);
        assertEquals(1, sample.get("attendance").malformed);
        assertEquals(Map.of("invalid", 2, "unknown_reference", 1, "duplicate", 1, "attendee_admissions", 1,
                "missing_channel", 1), sample.get("attendance").rejects);
    }

    @Test
    void cleanGivesNoBadRows() throws IOException {
        assertEquals(0, generate("--out", tmp.resolve("c/sample").toString(), "--sample", "--clean",
                "--attendance-rows", "20000"));
        for (Map.Entry<String, ContractCheck.Dataset> e : check(tmp.resolve("c/sample.yaml")).entrySet()) {
            assertEquals(0, e.getValue().rejected(), e.getKey() + ": " + e.getValue().rejects);
        }
    }

    @Test
    void attendanceFilesSplitsIntoEqualParts() throws IOException {
        Path dir = tmp.resolve("parts");
        assertEquals(0, generate("--out", dir.toString(), "--attendance-files", "3", "--attendance-rows", "9000",
                "--deal-rows", "200"));
        JsonNode y = yaml(dir.resolve("job.yaml"));
        assertEquals("attendance/*.csv", y.at("/inputs/attendance").asText());
        assertEquals("reports", y.get("output").asText());
        Map<String, ContractCheck.Dataset> all = check(dir.resolve("job.yaml"));
        ContractCheck.Dataset att = all.get("attendance");
        assertEquals(List.of("part-1.csv", "part-2.csv", "part-3.csv"),
                att.files.stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(9000, att.rows.size() + att.malformed);
        assertEquals(7, att.rejected());
        List<Long> lines = new ArrayList<>();
        for (Path p : att.files) {
            lines.add((long) Files.readAllLines(p).size());
        }
        assertEquals(List.of(3001L, 3001L, 3001L), lines);
        assertEquals(5, all.get("deals").rejected());
    }

    @Test
    void badOptionsAreRejected() {
        assertEquals(2, generate("--out", tmp.resolve("x").toString(), "--attendance-files", "0"));
        assertEquals(2, generate("--seed", "1"));
    }
}
