package org.festivaloutcomes.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.festivaloutcomes.SparkTestSession;
import org.festivaloutcomes.TestFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** End-to-end runs of the command line on the committed sample, with exit codes and outputs. */
class RunCommandTest {

    private static final String RUN_AT = "2023-07-01T08:00:00Z";

    @TempDir
    static Path work;

    static Path job;

    @BeforeAll
    static void copySample() throws IOException {
        SparkTestSession.get();
        job = copySampleTo(work);
    }

    /** Copies the committed sample job into a folder, writing its reports there too; returns the job file. */
    static Path copySampleTo(Path dir) throws IOException {
        Path jobs = Path.of("jobs");
        TestFiles.copyTree(jobs.resolve("sample"), dir.resolve("sample"));
        Path jobFile = dir.resolve("sample.yaml");
        Files.writeString(jobFile, Files.readString(jobs.resolve("sample.yaml")).replace("output: ../reports",
                "output: reports"));
        return jobFile;
    }

    record Outcome(int exitCode, String out, String err) {
    }

    static Outcome cli(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            int code = new CommandLine(new Main()).execute(args);
            return new Outcome(code, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void sampleRunWritesTheWholeRunFolderReproducibly() throws Exception {
        Outcome first = cli("run", job.toString(), "--period", "2023-06", "--run-at", RUN_AT);
        assertEquals(0, first.exitCode(), first.err());
        Path folder = work.resolve("reports/sample/2023-06");
        assertEquals(folder.toString(), first.out().strip());

        List<String> metrics = Files.readAllLines(folder.resolve("metrics.csv"));
        assertEquals("festival_id,period,scope,metric_id,dimension,member,value,unit", metrics.get(0));
        assertTrue(metrics.contains("QDDCE-2023,2023-06,month,attendance.visits,,,0,count"));
        assertTrue(metrics.stream().anyMatch(l -> l.startsWith("SHICF-2023,2023-06,to_date,attendance.visits,,,")));
        assertTrue(metrics.stream().anyMatch(l -> l.startsWith("SHICF-2023,2023-06,edition,participation.returning_exhibitors,,,")
                && !l.endsWith(",,count")));
        assertFalse(Files.readString(folder.resolve("metrics.csv")).contains("\r"));

        JsonNode manifest = new ObjectMapper().readTree(folder.resolve("manifest.json").toFile());
        assertEquals(0, manifest.get("exit_code").asInt());
        assertEquals("2023-06", manifest.get("period").asText());
        for (JsonNode input : manifest.get("inputs")) {
            assertEquals(input.get("rows_read").asLong(),
                    input.get("rows_accepted").asLong() + input.get("rows_rejected").asLong(), input.toString());
            assertEquals(64, input.get("sha256").asText().length());
        }
        List<String> outputs = new ArrayList<>();
        manifest.get("outputs").forEach(o -> outputs.add(o.get("path").asText()));
        assertTrue(outputs.contains("metrics.csv"));
        assertTrue(outputs.contains("SHICF-2023-2023-06.xlsx"));
        assertTrue(outputs.contains("charts/SHICF-2023-attendance-by-day.png"));
        assertTrue(outputs.contains("quarantine/attendance.csv"));

        try (InputStream in = Files.newInputStream(folder.resolve("QDDCE-2023-2023-06.xlsx"));
                Workbook workbook = WorkbookFactory.create(in)) {
            List<String> sheets = new ArrayList<>();
            workbook.forEach(s -> sheets.add(s.getSheetName()));
            // the breakdowns by event and by region, and the examples of rejected rows (long wrapped raw
            // records), are longer than a printed page: each on a sheet of its own, right after its sheet
            assertEquals(List.of("Summary", "Attendance", "Attendance by event", "Participation",
                    "Participation by region", "Deals", "Events", "Data Quality", "Examples of rejected rows",
                    "Definitions"), sheets);
        }
        // no output holds an attendee id of the sample (they look like T23-0001234, B23-..., U22-...)
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".csv") || p.toString().endsWith(".json"))
                    .toList()) {
                assertFalse(Files.readString(file).matches("(?s).*\\b[TBUW]2[23]-\\d{7}\\b.*"), file.toString());
            }
        }

        byte[] metricsBytes = Files.readAllBytes(folder.resolve("metrics.csv"));
        byte[] workbookBytes = Files.readAllBytes(folder.resolve("SHICF-2023-2023-06.xlsx"));
        byte[] chartBytes = Files.readAllBytes(folder.resolve("charts/SHICF-2023-attendance-by-day.png"));
        Outcome second = cli("run", job.toString(), "--period", "2023-06", "--run-at", RUN_AT);
        assertEquals(0, second.exitCode(), second.err());
        assertArrayEquals(metricsBytes, Files.readAllBytes(folder.resolve("metrics.csv")));
        assertArrayEquals(workbookBytes, Files.readAllBytes(folder.resolve("SHICF-2023-2023-06.xlsx")));
        assertArrayEquals(chartBytes, Files.readAllBytes(folder.resolve("charts/SHICF-2023-attendance-by-day.png")));
        try (Stream<Path> siblings = Files.list(folder.getParent())) {
            assertEquals(List.of(".store", "2023-06"), siblings.map(p -> p.getFileName().toString())
                    .filter(n -> !n.endsWith(".lock")).sorted().toList(), "no staging debris");
        }
        try (Stream<Path> work = Files.list(folder.getParent().resolve(".store/tmp"))) {
            assertEquals(List.of(), work.toList(), "no work left in the staging store");
        }
        // the second run parsed nothing again: every attendance and deals file came from the store
        JsonNode inputs = new ObjectMapper().readTree(folder.resolve("manifest.json").toFile()).get("inputs");
        int reused = 0;
        for (JsonNode input : inputs) {
            String dataset = input.get("dataset").asText();
            boolean large = dataset.equals("attendance") || dataset.equals("deals");
            assertEquals(large, input.get("reused_from_store").asBoolean(), input.get("path").asText());
            reused += large ? 1 : 0;
        }
        assertTrue(reused > 2);
        JsonNode store = new ObjectMapper().readTree(folder.resolve("manifest.json").toFile()).get("staging_store");
        assertEquals("[\"attendance\",\"deals\"]", store.get("duplicate_checks_reused").toString());
    }

    @Test
    void metricValuesAreReusedOnlyForTheSameInputsProgramAndJob() throws IOException {
        Path dir = work.resolve("results");
        Path job = copySampleTo(dir);
        Path folder = dir.resolve("reports/sample/2023-06");
        assertEquals(false, runAndReuse(job, folder));
        byte[] metrics = Files.readAllBytes(folder.resolve("metrics.csv"));
        byte[] workbook = Files.readAllBytes(folder.resolve("QDDCE-2023-2023-06.xlsx"));
        // the same inputs: the values are read back, the files written from them are the same bytes
        assertEquals(true, runAndReuse(job, folder));
        assertArrayEquals(metrics, Files.readAllBytes(folder.resolve("metrics.csv")));
        assertArrayEquals(workbook, Files.readAllBytes(folder.resolve("QDDCE-2023-2023-06.xlsx")));
        // an edited job file, a changed input file: computed again
        Files.writeString(job, Files.readString(job) + "# edited\n");
        assertEquals(false, runAndReuse(job, folder));
        Path deals;
        try (Stream<Path> files = Files.list(dir.resolve("sample/deals"))) {
            deals = files.sorted().findFirst().orElseThrow();
        }
        Files.writeString(deals, Files.readString(deals) + "\n");
        assertEquals(false, runAndReuse(job, folder));
        assertArrayEquals(metrics, Files.readAllBytes(folder.resolve("metrics.csv")));
        // a damaged file of kept values is not trusted
        Path results = dir.resolve("reports/sample/.store/results");
        try (Stream<Path> files = Files.list(results)) {
            for (Path f : files.toList()) {
                Files.writeString(f, "garbage");
            }
        }
        assertEquals(false, runAndReuse(job, folder));
        assertArrayEquals(metrics, Files.readAllBytes(folder.resolve("metrics.csv")));
        assertEquals(true, runAndReuse(job, folder));
        assertEquals(0, cli("store", job.toString(), "--clear").exitCode());
        assertFalse(Files.exists(results));
    }

    /** Runs the job for 2023-06 and says whether its metric values came from the store. */
    private static boolean runAndReuse(Path job, Path folder) throws IOException {
        Outcome run = cli("run", job.toString(), "--period", "2023-06", "--run-at", RUN_AT);
        assertEquals(0, run.exitCode(), run.err());
        boolean reused = new ObjectMapper().readTree(folder.resolve("manifest.json").toFile()).get("staging_store")
                .get("metrics_reused").asBoolean();
        assertEquals(reused, run.err().contains("metrics_from_store"), run.err());
        return reused;
    }

    /** The kept duplicate checks of a dataset in the staging store of the sample job copied to dir. */
    private static List<Path> checks(Path dir, String dataset) throws IOException {
        Path checks;
        try (Stream<Path> found = Files.walk(dir)) {
            checks = found.filter(p -> p.endsWith(Path.of(".store", dataset, "checks"))).findFirst().orElse(null);
        }
        if (checks == null) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(checks)) {
            return files.toList();
        }
    }

    @Test
    void rejectedShareAboveTheThresholdEndsWithExitThree() throws IOException {
        Path strict = work.resolve("strict.yaml");
        Files.writeString(strict, Files.readString(job).replace("name: sample", "name: strict")
                .replace("max_rejected_share: 0.05", "max_rejected_share: 0.0001"));
        Outcome outcome = cli("run", strict.toString(), "--period", "2023-04", "--run-at", RUN_AT);
        assertEquals(3, outcome.exitCode(), outcome.err());
        assertTrue(Files.exists(work.resolve("reports/strict/2023-04/metrics.csv")));
        assertTrue(outcome.err().contains("exit 3"), outcome.err());
    }

    @Test
    void structuralProblemsEndWithExitTwoAndOneLine() throws IOException {
        Outcome missingJob = cli("run", work.resolve("nope.yaml").toString(), "--period", "2023-06");
        assertEquals(2, missingJob.exitCode());
        assertEquals(1, missingJob.err().strip().lines().count(), missingJob.err());
        assertTrue(missingJob.err().contains("nope.yaml: job file not found"), missingJob.err());

        Outcome badPeriod = cli("run", job.toString(), "--period", "June");
        assertEquals(2, badPeriod.exitCode());
        assertTrue(badPeriod.err().contains("--period 'June' is not a month in the form YYYY-MM"), badPeriod.err());

        Path broken = work.resolve("broken.yaml");
        Files.writeString(broken, Files.readString(job).replace("name: sample", "name: broken")
                .replace("sample/festivals.csv", "sample/missing.csv"));
        Outcome missingFile = cli("run", broken.toString(), "--period", "2023-06");
        assertEquals(2, missingFile.exitCode());
        assertTrue(missingFile.err().strip().endsWith("broken.yaml: inputs.festivals: file sample/missing.csv not found"),
                missingFile.err());
        assertFalse(Files.exists(work.resolve("reports/broken")), "nothing written on exit 2");

        Path typo = work.resolve("typo.yaml");
        Files.writeString(typo, Files.readString(job).replace("editions:", "edition:"));
        Outcome unknownKey = cli("run", typo.toString(), "--period", "2023-06");
        assertEquals(2, unknownKey.exitCode());
        assertTrue(unknownKey.err().contains("unknown key 'edition'"), unknownKey.err());

        Outcome noArgs = cli("run");
        assertEquals(2, noArgs.exitCode());
    }

    @Test
    void aBackfillWritesOneFolderPerMonthAsSingleRunsWould() throws IOException {
        Path backfill = work.resolve("backfill.yaml");
        Files.writeString(backfill, Files.readString(job).replace("name: sample", "name: backfill"));
        Outcome range = cli("run", backfill.toString(), "--from", "2023-05", "--to", "2023-06", "--run-at", RUN_AT);
        assertEquals(0, range.exitCode(), range.err());
        assertEquals(2, range.out().strip().lines().count(), range.out());
        Path reports = work.resolve("reports/backfill");
        byte[] may = Files.readAllBytes(reports.resolve("2023-05/metrics.csv"));
        byte[] june = Files.readAllBytes(reports.resolve("2023-06/metrics.csv"));
        assertTrue(new String(may, StandardCharsets.UTF_8).contains(",2023-05,month,"));

        Outcome single = cli("run", backfill.toString(), "--period", "2023-05", "--run-at", RUN_AT);
        assertEquals(0, single.exitCode(), single.err());
        assertArrayEquals(may, Files.readAllBytes(reports.resolve("2023-05/metrics.csv")));
        assertTrue(single.err().contains("from the store"), single.err());
        Outcome singleJune = cli("run", backfill.toString(), "--period", "2023-06", "--run-at", RUN_AT);
        assertEquals(0, singleJune.exitCode(), singleJune.err());
        assertArrayEquals(june, Files.readAllBytes(reports.resolve("2023-06/metrics.csv")));

        Outcome reversed = cli("run", backfill.toString(), "--from", "2023-06", "--to", "2023-05");
        assertEquals(2, reversed.exitCode());
        assertTrue(reversed.err().contains("--to 2023-05 is before --from 2023-06"), reversed.err());
        Outcome both = cli("run", backfill.toString(), "--period", "2023-06", "--from", "2023-05");
        assertEquals(2, both.exitCode());
        assertTrue(both.err().contains("either --period or --from/--to"), both.err());
    }

    @Test
    void theStoreCommandListsAndPrunesEntries() throws IOException {
        Path dir = work.resolve("storecmd");
        Path jobFile = copySampleTo(dir);
        assertEquals(0, cli("run", jobFile.toString(), "--period", "2023-06").exitCode());
        Outcome list = cli("store", jobFile.toString());
        assertEquals(0, list.exitCode(), list.err());
        long current = list.out().lines().filter(l -> l.contains(" current ")).count();
        assertEquals(13, current, list.out()); // 5 attendance files and 8 deals files of the sample

        // a file that changes leaves its old entry stale; prune removes just that one
        Path deals = dir.resolve("sample/deals");
        Path changed;
        try (Stream<Path> files = Files.list(deals)) {
            changed = files.sorted().findFirst().orElseThrow();
        }
        Files.writeString(changed, Files.readString(changed) + "\n");
        Outcome prune = cli("store", jobFile.toString(), "--prune");
        assertEquals(0, prune.exitCode(), prune.err());
        assertEquals(1, prune.out().lines().filter(l -> l.contains(" removed ")).count(), prune.out());
        assertTrue(prune.err().contains("12 entries kept, 1 removed"), prune.err());
        // the kept duplicate check of deals was made over the removed entry; attendance's still holds
        assertEquals(List.of(), checks(dir, "deals"));
        assertEquals(1, checks(dir, "attendance").size());

        Outcome clear = cli("store", jobFile.toString(), "--clear");
        assertEquals(0, clear.exitCode(), clear.err());
        assertTrue(clear.err().contains("0 entries kept, 12 removed"), clear.err());
        assertEquals(List.of(), checks(dir, "attendance"));
        assertEquals(2, cli("store", dir.resolve("nope.yaml").toString()).exitCode());
    }
}
