package org.festivaloutcomes.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.festivaloutcomes.TestFiles;
import org.festivaloutcomes.SparkTestSession;
import org.festivaloutcomes.cli.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The corpus of src/test/resources/corpus: one small job per rule of inputs.md, each run end to end
 * through the command line (in-process, on the shared SparkSession) and checked against its
 * {@code expect.yaml}, a description written by hand from the contract:
 *
 * <pre>
 * exit: 0                     # the exit code
 * period: 2023-04             # optional, default 2023-04
 * message: "..."              # exit 2: the error line (stderr's last line) contains this
 * run_folder: reports/corpus/2023-04   # optional, relative to the job's folder (this is the default)
 * quarantine:                 # every row of every quarantine file, in order:
 *   attendance:               #   [source_file, record_number, reason_code, column, raw (optional)]
 *     - [attendance.csv, 3, invalid_value, attended_at]
 * manifest:                   # optional: [rows_read, rows_accepted, rows_rejected] of an input file
 *   attendance.csv: [4, 3, 1]
 * ignored_columns:            # optional: the manifest's ignored_columns of an input file
 *   attendance.csv: [remark]
 * metrics:                    # lines that metrics.csv must hold, byte for byte
 *   - QD-2023,2023-04,month,attendance.admissions,,,102,count
 * workbook_cells:             # optional: texts that must be the whole text of a (string) cell of the workbook
 *   - "=cmd|' /C calc'!A0"
 * quality_warning: "..."      # optional: how the first sheet's exit-3 warning begins (default: English)
 * </pre>
 *
 * Every case also checks what holds for any run: a previous run folder is replaced on exit 0 and 3 and
 * left untouched on exit 2; the manifest reconciles (rows_read = rows_accepted + rows_rejected, its
 * per-reason counts are those of the quarantine file); only datasets with rejected rows have a
 * quarantine file; no workbook cell is a formula; exit 3, and only exit 3, puts the quality warning on
 * the workbook's first sheet; and no output names an attendee id (every id in the corpus holds
 * {@value #ID_MARK}). Cases run two at a time on the shared SparkSession.
 */
class CorpusTest {

    static final Path CORPUS = Path.of("src/test/resources/corpus");
    static final String ID_MARK = "PID";
    static final String RUN_AT = "2023-07-01T08:00:00Z";
    static final String PREVIOUS = "a previous run\n";
    static final String QUALITY_WARNING = "Warning: the rejected share of some datasets is above the threshold";

    @TempDir
    static Path work;

    /** Cases run two at a time on the shared session (-Dcorpus.threads=1 for one at a time). */
    private static final int THREADS = Integer.getInteger("corpus.threads", 2);
    private static final PrintStream ORIGINAL_OUT = System.out;
    private static final PrintStream ORIGINAL_ERR = System.err;
    private static final ThreadLocal<ByteArrayOutputStream> CAPTURED_OUT = new ThreadLocal<>();
    private static final ThreadLocal<ByteArrayOutputStream> CAPTURED_ERR = new ThreadLocal<>();
    private static ExecutorService pool;

    @BeforeAll
    static void start() {
        SparkTestSession.get();
        // each case's command line writes to its own buffers, whichever thread runs it
        System.setOut(new PrintStream(new Routed(CAPTURED_OUT, ORIGINAL_OUT), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Routed(CAPTURED_ERR, ORIGINAL_ERR), true, StandardCharsets.UTF_8));
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
        System.setOut(ORIGINAL_OUT);
        System.setErr(ORIGINAL_ERR);
    }

    @TestFactory
    Stream<DynamicTest> corpus() throws IOException {
        List<Path> cases;
        try (Stream<Path> list = Files.list(CORPUS)) {
            cases = list.filter(Files::isDirectory).sorted().toList();
        }
        // -Dcorpus.only=part runs the cases whose name contains it (while editing the corpus)
        String only = System.getProperty("corpus.only");
        if (only != null && !only.isBlank()) {
            cases = cases.stream().filter(c -> c.getFileName().toString().contains(only)).toList();
        }
        assertFalse(cases.isEmpty(), "no corpus under " + CORPUS);
        Map<Path, Future<?>> runs = new LinkedHashMap<>();
        for (Path dir : cases) {
            runs.put(dir, pool.submit(() -> {
                runCase(dir);
                return null;
            }));
        }
        return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            try {
                runs.get(dir).get();
            } catch (ExecutionException e) {
                throw e.getCause();
            }
        }));
    }

    private static void runCase(Path source) throws IOException {
        String name = source.getFileName().toString();
        JsonNode expect = new YAMLMapper().readTree(source.resolve("expect.yaml").toFile());
        Path dir = work.resolve(name);
        TestFiles.copyTree(source, dir);
        String period = expect.path("period").asText("2023-04");
        Path runFolder = dir.resolve(expect.path("run_folder").asText("reports/corpus/" + period));
        Files.createDirectories(runFolder);
        Files.writeString(runFolder.resolve("metrics.csv"), PREVIOUS);
        Files.writeString(runFolder.resolve("previous.txt"), PREVIOUS);

        Outcome outcome = cli("run", dir.resolve("job.yaml").toString(), "--period", period, "--run-at", RUN_AT);
        int exit = expect.get("exit").asInt();
        assertEquals(exit, outcome.exitCode(), name + ": exit code; stderr:\n" + outcome.err());
        assertFalse(outcome.err().contains(ID_MARK), name + ": stderr names an attendee id");
        assertFalse(outcome.out().contains(ID_MARK), name + ": stdout names an attendee id");

        if (exit == 2 || exit == 1) {
            List<String> lines = outcome.err().strip().lines().toList();
            String last = lines.get(lines.size() - 1);
            assertTrue(last.startsWith("error: "), name + ": " + outcome.err());
            assertTrue(last.contains(expect.get("message").asText()), name + ": message was: " + last);
            assertFalse(outcome.err().contains("\tat "), name + ": a stack trace on stderr");
            assertEquals(PREVIOUS, Files.readString(runFolder.resolve("metrics.csv")), name + ": previous run touched");
            assertEquals(PREVIOUS, Files.readString(runFolder.resolve("previous.txt")), name + ": previous run touched");
            try (Stream<Path> siblings = Files.list(runFolder.getParent())) {
                // the staging store (files parsed before the problem showed) is kept; no work is left in it
                assertEquals(List.of(runFolder.getFileName().toString()), siblings.map(p -> p.getFileName().toString())
                        .filter(n -> !n.endsWith(".lock") && !n.equals(".store")).toList(), name + ": staging debris");
            }
            Path storeWork = runFolder.resolveSibling(".store").resolve("tmp");
            if (Files.isDirectory(storeWork)) {
                try (Stream<Path> work = Files.list(storeWork)) {
                    assertEquals(List.of(), work.toList(), name + ": work left in the staging store");
                }
            }
            return;
        }

        assertFalse(Files.exists(runFolder.resolve("previous.txt")), name + ": the previous run was not replaced");
        checkQuarantine(name, expect, runFolder);
        JsonNode manifest = new ObjectMapper().readTree(runFolder.resolve("manifest.json").toFile());
        assertEquals(exit, manifest.get("exit_code").asInt(), name + ": manifest exit_code");
        checkManifest(name, expect, dir, runFolder, manifest);
        checkMetrics(name, expect, runFolder);
        checkWorkbooks(name, expect, runFolder, exit);
        checkNoAttendeeIds(name, runFolder);
    }

    // ---------------------------------------------------------------- checks

    private static void checkQuarantine(String name, JsonNode expect, Path runFolder) throws IOException {
        Map<String, List<List<String>>> expected = new TreeMap<>();
        expect.path("quarantine").properties().forEach(e -> {
            List<List<String>> rows = new ArrayList<>();
            e.getValue().forEach(row -> {
                List<String> r = new ArrayList<>();
                row.forEach(v -> r.add(v.asText()));
                while (r.size() < 4) {
                    r.add("");
                }
                rows.add(r);
            });
            if (!rows.isEmpty()) {
                expected.put(e.getKey(), rows);
            }
        });
        Path quarantine = runFolder.resolve("quarantine");
        Set<String> present = new TreeSet<>();
        if (Files.isDirectory(quarantine)) {
            try (Stream<Path> files = Files.list(quarantine)) {
                files.forEach(f -> present.add(f.getFileName().toString().replaceFirst("\\.csv$", "")));
            }
        }
        assertEquals(expected.keySet(), present, name + ": datasets with a quarantine file");
        for (Map.Entry<String, List<List<String>>> e : expected.entrySet()) {
            List<List<String>> actual = readCsv(quarantine.resolve(e.getKey() + ".csv"));
            assertEquals(List.of("source_file", "record_number", "reason_code", "column", "detail", "raw"),
                    actual.get(0), name + ": quarantine header");
            List<List<String>> rows = actual.subList(1, actual.size());
            List<String> want = new ArrayList<>();
            List<String> got = new ArrayList<>();
            for (List<String> row : e.getValue()) {
                want.add(String.join(" | ", row));
            }
            for (int i = 0; i < rows.size(); i++) {
                List<String> row = rows.get(i);
                List<String> cut = new ArrayList<>(row.subList(0, 4));
                if (i < e.getValue().size() && e.getValue().get(i).size() > 4) {
                    cut.add(row.get(5)); // the expectation names the raw text too
                }
                got.add(String.join(" | ", cut));
                assertFalse(row.get(4).isBlank(), name + ": a quarantine row without detail: " + row);
            }
            assertEquals(String.join("\n", want), String.join("\n", got), name + ": quarantine/" + e.getKey() + ".csv");
        }
    }

    private static void checkManifest(String name, JsonNode expect, Path dir, Path runFolder, JsonNode manifest)
            throws IOException {
        // per file and reason, what the quarantine files hold
        Map<String, Map<String, Long>> quarantined = new TreeMap<>();
        Path quarantine = runFolder.resolve("quarantine");
        Map<String, String> datasetOfFile = new LinkedHashMap<>();
        for (JsonNode input : manifest.get("inputs")) {
            datasetOfFile.put(input.get("path").asText(), input.get("dataset").asText());
        }
        for (String dataset : new HashSet<>(datasetOfFile.values())) {
            Path file = quarantine.resolve(dataset + ".csv");
            if (Files.exists(file)) {
                List<List<String>> rows = readCsv(file);
                for (List<String> row : rows.subList(1, rows.size())) {
                    quarantined.computeIfAbsent(dataset + ":" + row.get(0), k -> new TreeMap<>())
                            .merge(row.get(2), 1L, Long::sum);
                }
            }
        }
        Set<String> named = new HashSet<>();
        for (JsonNode input : manifest.get("inputs")) {
            String path = input.get("path").asText();
            long read = input.get("rows_read").asLong();
            long accepted = input.get("rows_accepted").asLong();
            long rejected = input.get("rows_rejected").asLong();
            assertEquals(read, accepted + rejected, name + ": " + path + " does not reconcile");
            Map<String, Long> byReason = new TreeMap<>();
            input.get("rejected_by_reason").properties().forEach(r -> byReason.put(r.getKey(), r.getValue().asLong()));
            Map<String, Long> inQuarantine = quarantined.getOrDefault(input.get("dataset").asText() + ":" + path, Map.of());
            assertEquals(inQuarantine, byReason, name + ": " + path + " rejected_by_reason against its quarantine rows");
            assertEquals(byReason.values().stream().mapToLong(Long::longValue).sum(), rejected,
                    name + ": " + path + " rows_rejected against rejected_by_reason");
            assertEquals(64, input.get("sha256").asText().length(), name + ": " + path + " sha256");
            assertEquals(Files.size(dir.resolve(path)),
                    input.get("bytes").asLong(), name + ": " + path + " bytes");
            JsonNode want = expect.path("manifest").get(path);
            if (want != null) {
                named.add(path);
                assertEquals(List.of(want.get(0).asLong(), want.get(1).asLong(), want.get(2).asLong()),
                        List.of(read, accepted, rejected), name + ": " + path + " rows read, accepted, rejected");
            }
            JsonNode ignored = expect.path("ignored_columns").get(path);
            if (ignored != null) {
                List<String> wantIgnored = new ArrayList<>();
                ignored.forEach(c -> wantIgnored.add(c.asText()));
                List<String> gotIgnored = new ArrayList<>();
                input.get("ignored_columns").forEach(c -> gotIgnored.add(c.asText()));
                assertEquals(wantIgnored, gotIgnored, name + ": " + path + " ignored_columns");
            }
        }
        expect.path("manifest").fieldNames().forEachRemaining(
                path -> assertTrue(named.contains(path), name + ": the manifest has no input " + path));
        // quarantine rows of a file the manifest does not list would not reconcile anywhere
        for (String key : quarantined.keySet()) {
            String path = key.substring(key.indexOf(':') + 1);
            assertTrue(datasetOfFile.containsKey(path), name + ": quarantine names " + path + ", not an input");
        }
    }

    private static void checkMetrics(String name, JsonNode expect, Path runFolder) throws IOException {
        String text = Files.readString(runFolder.resolve("metrics.csv"), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("festival_id,period,scope,metric_id,dimension,member,value,unit\n"),
                name + ": metrics.csv header");
        // whole records, byte for byte (a quoted member may hold a line break)
        List<String> missing = new ArrayList<>();
        for (JsonNode line : expect.path("metrics")) {
            if (!text.contains("\n" + line.asText() + "\n")) {
                String[] key = line.asText().split(",", -1);
                String prefix = String.join(",", List.of(key).subList(0, Math.min(5, key.length))) + ",";
                missing.add(line.asText() + "   (metrics.csv has: "
                        + text.lines().filter(l -> l.startsWith(prefix)).toList() + ")");
            }
        }
        assertTrue(missing.isEmpty(), name + ": metrics.csv lacks\n" + String.join("\n", missing));
    }

    private static void checkWorkbooks(String name, JsonNode expect, Path runFolder, int exit) throws IOException {
        Set<String> cells = new HashSet<>();
        List<Path> workbooks;
        try (Stream<Path> files = Files.list(runFolder)) {
            workbooks = files.filter(p -> p.toString().endsWith(".xlsx")).sorted().toList();
        }
        assertFalse(workbooks.isEmpty(), name + ": no workbook");
        for (Path file : workbooks) {
            try (InputStream in = Files.newInputStream(file); Workbook workbook = WorkbookFactory.create(in)) {
                StringBuilder first = new StringBuilder();
                for (int s = 0; s < workbook.getNumberOfSheets(); s++) {
                    Sheet sheet = workbook.getSheetAt(s);
                    for (Row row : sheet) {
                        for (Cell cell : row) {
                            assertNotEquals(CellType.FORMULA, cell.getCellType(),
                                    name + ": a formula cell in " + file.getFileName() + " " + sheet.getSheetName());
                            if (cell.getCellType() == CellType.STRING) {
                                cells.add(cell.getStringCellValue());
                                if (s == 0) {
                                    first.append(cell.getStringCellValue()).append('\n');
                                }
                            }
                        }
                    }
                }
                String warning = expect.path("quality_warning").asText(QUALITY_WARNING);
                assertEquals(exit == 3, first.toString().contains(warning),
                        name + ": quality warning on the first sheet of " + file.getFileName());
            }
        }
        for (JsonNode text : expect.path("workbook_cells")) {
            assertTrue(cells.contains(text.asText()), name + ": no workbook cell reads " + text.asText());
        }
    }

    /** No output file holds an attendee id: text files as they are, workbooks entry by entry. */
    private static void checkNoAttendeeIds(String name, Path runFolder) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(runFolder)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            if (file.toString().endsWith(".xlsx")) {
                try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
                    for (ZipEntry entry; (entry = zip.getNextEntry()) != null;) {
                        String text = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                        assertFalse(text.contains(ID_MARK), name + ": " + file.getFileName() + "!" + entry.getName()
                                + " names an attendee id");
                    }
                }
            } else if (!file.toString().endsWith(".png")) {
                assertFalse(Files.readString(file, StandardCharsets.UTF_8).contains(ID_MARK),
                        name + ": " + runFolder.relativize(file) + " names an attendee id");
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Reads a CSV the program wrote (RFC 4180, LF line ends). Written here rather than taken from the
     * ingest package, so that the check does not share the reader under test.
     */
    static List<List<String>> readCsv(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (quoted || field.length() > 0 || !row.isEmpty()) {
            fail(file + ": does not end with a complete record");
        }
        return rows;
    }


    record Outcome(int exitCode, String out, String err) {
    }

    private static Outcome cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CAPTURED_OUT.set(out);
        CAPTURED_ERR.set(err);
        try {
            int code = new CommandLine(new Main()).execute(args);
            return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            CAPTURED_OUT.remove();
            CAPTURED_ERR.remove();
        }
    }

    /** Writes to the calling thread's buffer, or where the stream went before the test. */
    private static final class Routed extends OutputStream {
        private final ThreadLocal<ByteArrayOutputStream> target;
        private final PrintStream fallback;

        Routed(ThreadLocal<ByteArrayOutputStream> target, PrintStream fallback) {
            this.target = target;
            this.fallback = fallback;
        }

        @Override
        public void write(int b) {
            ByteArrayOutputStream buffer = target.get();
            if (buffer != null) {
                buffer.write(b);
            } else {
                fallback.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ByteArrayOutputStream buffer = target.get();
            if (buffer != null) {
                buffer.write(b, off, len);
            } else {
                fallback.write(b, off, len);
            }
        }

        @Override
        public void flush() {
            if (target.get() == null) {
                fallback.flush();
            }
        }
    }
}
