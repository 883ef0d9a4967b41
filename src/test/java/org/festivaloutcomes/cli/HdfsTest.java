package org.festivaloutcomes.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample job against a real HDFS: a NameNode and a DataNode of Hadoop's own mini cluster
 * (hadoop-client-minicluster, the Hadoop version Spark ships) on loopback, with every input and the
 * output given as {@code hdfs://} URIs and the staging store in a local folder.
 */
class HdfsTest {

    private static final String RUN_AT = "2023-07-01T08:00:00Z";

    @TempDir
    static Path work;

    static MiniDFSCluster cluster;
    static FileSystem hdfs;
    static String root;
    static byte[] localMetrics;

    @BeforeAll
    static void startHdfs() throws IOException {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, work.resolve("dfs").toString());
        cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        cluster.waitActive();
        hdfs = cluster.getFileSystem();
        root = cluster.getURI().toString();

        Path job = RunCommandTest.copySampleTo(work.resolve("local"));
        RunCommandTest.Outcome local = run(job);
        assertEquals(0, local.exitCode(), local.err());
        localMetrics = Files.readAllBytes(work.resolve("local/reports/sample/2023-06/metrics.csv"));
    }

    @AfterAll
    static void stopHdfs() {
        if (cluster != null) {
            cluster.shutdown();
        }
    }

    private static RunCommandTest.Outcome run(Path job) {
        return RunCommandTest.cli("run", job.toString(), "--period", "2023-06", "--run-at", RUN_AT);
    }

    @Test
    void theSampleReadFromAndWrittenToHdfsGivesTheSameReport() throws Exception {
        Path dir = work.resolve("hdfs");
        Path job = RunCommandTest.copySampleTo(dir);
        hdfs.copyFromLocalFile(new org.apache.hadoop.fs.Path(dir.resolve("sample").toUri()),
                new org.apache.hadoop.fs.Path("/exports/sample"));
        Files.writeString(job, Files.readString(job).replace(": sample/", ": " + root + "/exports/sample/")
                .replace("output: reports", "output: " + root + "/reports\nstore: local-store"));

        RunCommandTest.Outcome first = run(job);
        assertEquals(0, first.exitCode(), first.err());
        assertEquals(root + "/reports/sample/2023-06", first.out().strip());
        assertArrayEquals(localMetrics, read("/reports/sample/2023-06/metrics.csv"));
        String quarantine = new String(read("/reports/sample/2023-06/quarantine/attendance.csv"),
                StandardCharsets.UTF_8);
        assertTrue(quarantine.contains("\n" + root + "/exports/sample/attendance/"), quarantine);
        assertEquals(List.of("2023-06"), names("/reports/sample"), "no staging debris, lock released");
        List<String> files = names("/reports/sample/2023-06");
        assertTrue(files.containsAll(List.of("metrics.csv", "manifest.json", "charts", "quarantine",
                "SHICF-2023-2023-06.xlsx", "QDDCE-2023-2023-06.xlsx")), files.toString());

        // a second run reuses the local staging store and replaces the folder by a rename on HDFS
        RunCommandTest.Outcome second = run(job);
        assertEquals(0, second.exitCode(), second.err());
        assertArrayEquals(localMetrics, read("/reports/sample/2023-06/metrics.csv"));
        JsonNode manifest = new ObjectMapper().readTree(read("/reports/sample/2023-06/manifest.json"));
        for (JsonNode input : manifest.get("inputs")) {
            assertTrue(input.get("path").asText().startsWith(root + "/exports/sample/"), input.toString());
            String dataset = input.get("dataset").asText();
            assertEquals(dataset.equals("attendance") || dataset.equals("deals"),
                    input.get("reused_from_store").asBoolean(), input.toString());
        }
        assertEquals(List.of("2023-06"), names("/reports/sample"));

        // a run of another process holds the lock: the next one stops with one line, nothing changed
        String host = InetAddress.getLocalHost().getHostName();
        try (OutputStream lock = hdfs.create(new org.apache.hadoop.fs.Path("/reports/sample/.2023-06.lock"), false)) {
            lock.write((ProcessHandle.current().pid() + "@" + host + " 2023-07-01T08:00:00Z other-run")
                    .getBytes(StandardCharsets.UTF_8));
        }
        RunCommandTest.Outcome locked = run(job);
        assertEquals(1, locked.exitCode(), locked.err());
        String error = locked.err().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(error.startsWith("error: another run is already writing " + root), locked.err());
        assertArrayEquals(localMetrics, read("/reports/sample/2023-06/metrics.csv"));
        assertFalse(names("/reports/sample").stream().anyMatch(n -> n.contains("staging")));
    }

    private static byte[] read(String path) throws IOException {
        try (InputStream in = hdfs.open(new org.apache.hadoop.fs.Path(path))) {
            return in.readAllBytes();
        }
    }

    private static List<String> names(String path) throws IOException {
        List<String> names = new ArrayList<>();
        for (FileStatus status : hdfs.listStatus(new org.apache.hadoop.fs.Path(path))) {
            names.add(status.getPath().getName());
        }
        names.sort(null);
        return names;
    }
}
