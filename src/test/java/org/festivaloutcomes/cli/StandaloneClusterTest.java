package org.festivaloutcomes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.festivaloutcomes.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample job submitted with spark-submit to a real standalone cluster (Master and Worker in their own
 * JVMs on 127.0.0.1, executors launched by the Worker) writes the same run folder as the local run:
 * metrics.csv, quarantine files, workbooks and charts byte for byte, and the same manifest accounting.
 * Both runs use target/festival-outcomes-cluster.jar, the jar the README tells to submit (Maven builds it
 * before the tests): the local one as a plain program with Spark's jars on its class path and no master.
 */
class StandaloneClusterTest {

    private static final String RUN_AT = "2023-07-01T08:00:00Z";
    private static final Path CLUSTER_JAR = Path.of("target", "festival-outcomes-cluster.jar").toAbsolutePath();

    @TempDir
    Path work;

    @Test
    void sampleJobOnAStandaloneClusterWritesTheLocalRunsFiles() throws Exception {
        assertTrue(Files.isRegularFile(CLUSTER_JAR), CLUSTER_JAR + " is missing: run the tests with Maven "
                + "(mvn test builds it before the tests)");
        Path jobs = copySample(work.resolve("jobs"));
        Path localJob = job(jobs, "local");
        Path clusterJob = job(jobs, "cluster");

        long started = System.nanoTime();
        try (StandaloneCluster cluster = StandaloneCluster.start(work.resolve("cluster"), CLUSTER_JAR)) {
            // the local run of the same jar (no master given: local[*]) goes on while the cluster starts and
            // works: on two cores it fills the cluster run's waits
            StandaloneCluster.Pending local = cluster.startLocally(CLUSTER_JAR,
                    List.of("run", localJob.toString(), "--period", "2023-06", "--run-at", RUN_AT));
            cluster.awaitReady(Duration.ofMinutes(3));
            lap("cluster up at " + cluster.masterUrl(), started);
            StandaloneCluster.Run submission = cluster.submit(List.of(
                    "--class", Main.class.getName(),
                    "--executor-memory", "512m",
                    "--executor-cores", "1",
                    "--total-executor-cores", "1",
                    "--conf", "spark.sql.shuffle.partitions=3"),
                    CLUSTER_JAR, List.of("run", clusterJob.toString(), "--period", "2023-06", "--run-at", RUN_AT),
                    Duration.ofMinutes(15));
            lap("spark-submit done", started);
            assertEquals(0, submission.exitCode(), "spark-submit:\n" + StandaloneCluster.tail(submission.log()));
            StandaloneCluster.Run localRun = local.await(Duration.ofMinutes(5));
            lap("local run done", started);
            assertEquals(0, localRun.exitCode(), "local run:\n" + StandaloneCluster.tail(localRun.log()));
            assertExecutorsRan(cluster.workDir());
        }

        // every file of the run folder, byte for byte (the run time is pinned), and the manifest's accounting
        Path localFolder = jobs.resolve("local-reports/sample/2023-06");
        Path clusterFolder = jobs.resolve("cluster-reports/sample/2023-06");
        List<String> files = files(localFolder);
        assertTrue(files.containsAll(List.of("metrics.csv", "quarantine/attendance.csv", "SHICF-2023-2023-06.xlsx",
                "charts/SHICF-2023-attendance-by-day.png", "manifest.json")), "local run folder: " + files);
        assertEquals(files, files(clusterFolder), "files of the run folder");
        assertSameBytes(localFolder.resolve("metrics.csv"), clusterFolder.resolve("metrics.csv"));
        for (String file : files) {
            if (!file.equals("manifest.json")) {
                assertSameBytes(localFolder.resolve(file), clusterFolder.resolve(file));
            }
        }
        JsonNode localManifest = new ObjectMapper().readTree(localFolder.resolve("manifest.json").toFile());
        JsonNode clusterManifest = new ObjectMapper().readTree(clusterFolder.resolve("manifest.json").toFile());
        for (String field : List.of("exit_code", "inputs", "outputs")) {
            assertEquals(localManifest.get(field), clusterManifest.get(field), "manifest.json " + field);
        }
    }

    private static void lap(String what, long startedNanos) {
        System.err.printf(java.util.Locale.ROOT, "StandaloneClusterTest: %s after %.1f s%n", what,
                (System.nanoTime() - startedNanos) / 1e9);
    }

    /** The application ran executors on the Worker (in client mode the driver runs no task itself). */
    private static void assertExecutorsRan(Path workDir) throws IOException {
        try (Stream<Path> files = Files.walk(workDir)) {
            List<Path> logs = files.filter(p -> p.getFileName().toString().equals("stderr")).toList();
            assertTrue(!logs.isEmpty(), "no executor log under " + workDir);
            for (Path log : logs) {
                if (Files.readString(log).contains("Finished task")) {
                    return;
                }
            }
            fail("no executor finished a task: " + logs);
        }
    }

    private static void assertSameBytes(Path expected, Path actual) throws IOException {
        assertTrue(Files.isRegularFile(actual), actual + " was not written");
        byte[] a = Files.readAllBytes(expected);
        byte[] b = Files.readAllBytes(actual);
        if (!Arrays.equals(a, b) && actual.toString().endsWith(".csv")) {
            List<String> left = Files.readAllLines(expected);
            List<String> right = Files.readAllLines(actual);
            for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
                String l = i < left.size() ? left.get(i) : "<end>";
                String r = i < right.size() ? right.get(i) : "<end>";
                if (!l.equals(r)) {
                    fail(actual.getFileName() + " differs from the local run's at line " + (i + 1) + ":\n  local:   "
                            + l + "\n  cluster: " + r);
                }
            }
        }
        if (!Arrays.equals(a, b)) {
            fail(actual + " differs from the local run's " + expected + " in its bytes");
        }
    }

    /** The files under a folder, as sorted relative paths with '/'. */
    private static List<String> files(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).map(p -> folder.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    private static Path copySample(Path target) throws IOException {
        TestFiles.copyTree(Path.of("jobs", "sample"), target.resolve("sample"));
        return target;
    }

    /** The sample job writing into {@code <name>-reports}; executors read its inputs by absolute path. */
    private static Path job(Path jobs, String name) throws IOException {
        Path job = jobs.resolve(name + ".yaml");
        String text = Files.readString(Path.of("jobs", "sample.yaml"));
        assertTrue(text.contains("output: ../reports"), "jobs/sample.yaml changed its output line");
        Files.writeString(job, text.replace("output: ../reports", "output: " + name + "-reports"));
        return job;
    }
}
