package org.festivaloutcomes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.festivaloutcomes.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The sample job submitted with spark-submit to a real standalone cluster (Master and Worker in their own
 * JVMs on 127.0.0.1, executors launched by the Worker) writes the same metrics.csv and quarantine files,
 * byte for byte, as the local run. The submitted jar is target/festival-outcomes-cluster.jar, the one the
 * README tells to submit (Maven builds it before the tests).
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
            // the local run, in this JVM, while the cluster's JVMs start
            SparkTestSession.get();
            int local = new CommandLine(new Main()).execute("run", localJob.toString(), "--period", "2023-06",
                    "--run-at", RUN_AT);
            assertEquals(0, local, "local run");
            lap("local run done", started);

            cluster.awaitReady(Duration.ofMinutes(2));
            lap("cluster up at " + cluster.masterUrl(), started);
            StandaloneCluster.Submission submission = cluster.submit(List.of(
                    "--class", Main.class.getName(),
                    "--executor-memory", "512m",
                    "--executor-cores", "1",
                    "--total-executor-cores", "1",
                    "--conf", "spark.sql.shuffle.partitions=3"),
                    CLUSTER_JAR, List.of("run", clusterJob.toString(), "--period", "2023-06", "--run-at", RUN_AT),
                    Map.of(), Duration.ofMinutes(6));
            assertEquals(0, submission.exitCode(), "spark-submit:\n" + StandaloneCluster.tail(submission.log()));
            lap("spark-submit done", started);
            assertExecutorsRan(cluster.workDir());
        }

        Path localFolder = jobs.resolve("local-reports/sample/2023-06");
        Path clusterFolder = jobs.resolve("cluster-reports/sample/2023-06");
        assertSameBytes(localFolder.resolve("metrics.csv"), clusterFolder.resolve("metrics.csv"));
        List<String> quarantine = names(localFolder.resolve("quarantine"));
        assertTrue(quarantine.contains("attendance.csv"), "the sample's bad rows: " + quarantine);
        assertEquals(quarantine, names(clusterFolder.resolve("quarantine")));
        for (String name : quarantine) {
            assertSameBytes(localFolder.resolve("quarantine").resolve(name),
                    clusterFolder.resolve("quarantine").resolve(name));
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
        if (!Arrays.equals(a, b)) {
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
            fail(actual.getFileName() + " differs from the local run's in its bytes (line ends?)");
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static Path copySample(Path target) throws IOException {
        Path jobs = Path.of("jobs");
        try (Stream<Path> files = Files.walk(jobs.resolve("sample"))) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(jobs.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
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
