package org.festivaloutcomes.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.festivaloutcomes.SparkTestSession;
import org.festivaloutcomes.storage.ObjectStoreFileSystem;
import org.festivaloutcomes.storage.Storage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample job with its inputs and output given as URIs: {@code file:} (Hadoop's local file system, a
 * filesystem whose folders rename atomically) and {@code objstore:} (a stand-in object store whose folder
 * renames are copies), against the run on plain paths.
 */
class HadoopPathsTest {

    private static final String RUN_AT = "2023-07-01T08:00:00Z";

    @TempDir
    static Path work;

    static byte[] localMetrics;
    static String localQuarantine;

    @BeforeAll
    static void runOnPlainPaths() throws IOException {
        Configuration conf = SparkTestSession.get().sparkContext().hadoopConfiguration();
        conf.set("fs." + ObjectStoreFileSystem.SCHEME + ".impl", ObjectStoreFileSystem.class.getName());
        conf.set(Storage.COMMIT_KEY + ObjectStoreFileSystem.SCHEME, "pointer");
        Path job = RunCommandTest.copySampleTo(work.resolve("local"));
        RunCommandTest.Outcome local = run(job);
        assertEquals(0, local.exitCode(), local.err());
        Path folder = work.resolve("local/reports/sample/2023-06");
        localMetrics = Files.readAllBytes(folder.resolve("metrics.csv"));
        localQuarantine = Files.readString(folder.resolve("quarantine/attendance.csv"));
    }

    private static RunCommandTest.Outcome run(Path job) {
        return RunCommandTest.cli("run", job.toString(), "--period", "2023-06", "--run-at", RUN_AT);
    }

    /** The sample in {@code dir} with every input a URI of {@code scheme} and the output {@code output}. */
    private static Path uriJob(Path dir, String scheme, String output) throws IOException {
        Path job = RunCommandTest.copySampleTo(dir);
        String root = scheme + "://" + dir.toAbsolutePath() + "/";
        Files.writeString(job, Files.readString(job).replace(": sample/", ": " + root + "sample/")
                .replace("output: reports", "output: " + output));
        return job;
    }

    @Test
    void fileUrisGoThroughHadoopAndGiveTheSameReport() throws Exception {
        Path dir = work.resolve("file");
        String output = "file://" + dir.toAbsolutePath() + "/reports";
        Path job = uriJob(dir, "file", output);
        // the lock of a run of this host that was killed is taken over
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path lock = dir.resolve("reports/sample/.2023-06.lock");
        Files.createDirectories(lock.getParent());
        Files.writeString(lock, gone.pid() + "@" + InetAddress.getLocalHost().getHostName()
                + " 2023-07-01T08:00:00Z killed-run");

        RunCommandTest.Outcome outcome = run(job);
        assertEquals(0, outcome.exitCode(), outcome.err());
        assertEquals(output + "/sample/2023-06", outcome.out().strip());

        Path folder = dir.resolve("reports/sample/2023-06");
        assertArrayEquals(localMetrics, Files.readAllBytes(folder.resolve("metrics.csv")));
        // remote inputs are named by their full URI, local ones relative to the job file
        String quarantine = Files.readString(folder.resolve("quarantine/attendance.csv"));
        assertTrue(quarantine.contains("\nfile://" + dir.toAbsolutePath() + "/sample/attendance/"), quarantine);
        assertEquals(localQuarantine, quarantine.replace("file://" + dir.toAbsolutePath() + "/", ""));
        JsonNode manifest = new ObjectMapper().readTree(folder.resolve("manifest.json").toFile());
        for (JsonNode input : manifest.get("inputs")) {
            assertTrue(input.get("path").asText().startsWith("file:///"), input.toString());
        }
        try (Stream<Path> files = Files.walk(folder)) {
            assertEquals(List.of(), files.filter(p -> p.toString().endsWith(".crc")).toList(), "no checksum files");
        }
        assertEquals(List.of(".store", "2023-06"), names(folder.getParent()), "no staging debris, lock released");
        // the store beside a file: output is kept as beside a plain path
        try (Stream<Path> entries = Files.list(folder.resolveSibling(".store/attendance"))) {
            assertEquals(5, entries.filter(p -> p.getFileName().toString().startsWith("entry=")).count());
        }
    }

    @Test
    void onAnObjectStoreThePointerSwitchesLastAndAFailedRunChangesNothing() throws IOException {
        Path dir = work.resolve("objstore");
        Path job = uriJob(dir, ObjectStoreFileSystem.SCHEME, ObjectStoreFileSystem.SCHEME + "://"
                + dir.toAbsolutePath() + "/reports");
        Path jobDir = dir.resolve("reports/sample");
        Path mirror = jobDir.resolve("2023-06");
        Path pointer = jobDir.resolve("2023-06.current");
        ObjectStoreFileSystem.FOLDER_RENAMES.set(0);

        RunCommandTest.Outcome first = run(job);
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.err().contains("note: the job keeps no staging store"), first.err());
        assertArrayEquals(localMetrics, Files.readAllBytes(mirror.resolve("metrics.csv")));
        String firstRun = Files.readString(pointer).strip();
        assertTrue(firstRun.matches("\\.runs/2023-06-\\d{8}T\\d{6}Z-[0-9a-f]{8}"), firstRun);
        assertEquals(contents(jobDir.resolve(firstRun)), contents(mirror));
        assertEquals(List.of(".runs", "2023-06", "2023-06.current"), names(jobDir), "lock released, no debris");

        // a second run switches the pointer; the folder it replaced stays for readers until the next run
        RunCommandTest.Outcome second = run(job);
        assertEquals(0, second.exitCode(), second.err());
        String secondRun = Files.readString(pointer).strip();
        assertFalse(secondRun.equals(firstRun));
        assertEquals(2, names(jobDir.resolve(".runs")).size());
        Map<String, String> report = contents(mirror);
        assertEquals(contents(jobDir.resolve(secondRun)), report);

        // as a run killed while copying the report into 2023-06/ leaves it (manifest gone, a file half new)
        Files.delete(mirror.resolve("manifest.json"));
        Files.writeString(mirror.resolve("metrics.csv"), "half written");
        // the next run makes that copy whole again before anything else; failing halfway through its own
        // upload (the workbooks are up, the charts fail), it leaves pointer and report as they were and
        // clears its upload and the superseded folder
        ObjectStoreFileSystem.failOn = ".*/\\.runs/2023-06-[^/]+/charts/.*";
        try {
            RunCommandTest.Outcome failed = run(job);
            assertEquals(1, failed.exitCode(), failed.err());
            assertTrue(lastLine(failed).startsWith("error: IOException: injected failure writing"), failed.err());
            assertEquals(secondRun, Files.readString(pointer).strip());
            assertEquals(report, contents(mirror));
            assertEquals(List.of(secondRun.substring(".runs/".length())), names(jobDir.resolve(".runs")));
        } finally {
            ObjectStoreFileSystem.failOn = null;
        }
        assertEquals(0, ObjectStoreFileSystem.FOLDER_RENAMES.get(), "the pointer commit renames no folder");
    }

    @Test
    void aLockFileOnAHadoopFilesystemStopsASecondRun() throws Exception {
        Path dir = work.resolve("lock");
        Path job = RunCommandTest.copySampleTo(dir);
        Files.writeString(job, Files.readString(job).replace("output: reports", "output: file://"
                + dir.toAbsolutePath() + "/reports"));
        Path lock = dir.resolve("reports/sample/.2023-06.lock");
        Files.createDirectories(lock.getParent());
        String host = InetAddress.getLocalHost().getHostName();

        Files.writeString(lock, ProcessHandle.current().pid() + "@" + host + " 2023-07-01T08:00:00Z other-run");
        RunCommandTest.Outcome running = run(job);
        assertEquals(1, running.exitCode(), running.err());
        String error = lastLine(running);
        assertTrue(error.startsWith("error: another run is already writing file://") && error.contains("other-run"),
                running.err());
        assertFalse(Files.exists(dir.resolve("reports/sample/2023-06")));
        assertTrue(Files.exists(lock), "another run's lock is left alone");
    }

    @Test
    void pathsNoFilesystemServesAreOneLineExitTwoErrors() throws IOException {
        Path dir = work.resolve("unknown");
        Path job = RunCommandTest.copySampleTo(dir);
        String text = Files.readString(job);

        Files.writeString(job, text.replace("sample/attendance/*.csv", "nosuch://x/attendance/*.csv"));
        RunCommandTest.Outcome input = run(job);
        assertEquals(2, input.exitCode(), input.err());
        assertEquals("error: sample.yaml: inputs.attendance: nosuch://x/attendance/*.csv: no filesystem for scheme"
                + " 'nosuch' (add the jar that provides it to the classpath, e.g. hadoop-aws for s3a://)",
                lastLine(input));

        Files.writeString(job, text.replace("output: reports", "output: nosuch://x/reports"));
        RunCommandTest.Outcome output = run(job);
        assertEquals(2, output.exitCode(), output.err());
        assertTrue(lastLine(output).startsWith("error: nosuch://x/reports/sample: no filesystem for scheme 'nosuch'"),
                output.err());

        Files.writeString(job, text.replace("sample/deals/*.csv", ObjectStoreFileSystem.SCHEME + "://"
                + dir.toAbsolutePath() + "/sample/none/*.csv"));
        RunCommandTest.Outcome none = run(job);
        assertEquals(2, none.exitCode(), none.err());
        assertTrue(lastLine(none).endsWith("sample.yaml: inputs.deals: no file matches objstore://" + dir.toAbsolutePath()
                + "/sample/none/*.csv"), none.err());

        Files.writeString(job, text.replace("sample/targets.csv", "file://" + dir.toAbsolutePath()
                + "/sample/missing.csv"));
        RunCommandTest.Outcome missing = run(job);
        assertEquals(2, missing.exitCode(), missing.err());
        assertTrue(lastLine(missing).endsWith("sample.yaml: inputs.targets: file file://" + dir.toAbsolutePath()
                + "/sample/missing.csv not found"), missing.err());

        Files.writeString(job, text + "store: s3a://bucket/store\n");
        RunCommandTest.Outcome store = run(job);
        assertEquals(2, store.exitCode(), store.err());
        assertTrue(lastLine(store).endsWith("sample.yaml: store s3a://bucket/store must be a local or mounted folder"
                + " (or off): the staging store needs file locks and atomic renames"), store.err());
        assertFalse(Files.exists(dir.resolve("reports")), "nothing written on exit 2");
    }

    private static String lastLine(RunCommandTest.Outcome outcome) {
        return outcome.err().strip().lines().reduce((a, b) -> b).orElse("");
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Every file of a folder with its text, as a comparable map. */
    private static Map<String, String> contents(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(file).toString(), java.util.HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return files;
    }
}
