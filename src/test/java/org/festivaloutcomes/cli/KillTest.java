package org.festivaloutcomes.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.launcher.JavaModuleOptions;
import org.festivaloutcomes.SparkTestSession;
import org.festivaloutcomes.ingest.StagingStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at different moments of a run (while staging inputs, computing, writing workbooks, after
 * the last output): the previous report stays byte for byte, and the next run neither trips on what
 * the killed ones left nor leaves anything behind. Runs the program in child JVMs, as a scheduler does.
 */
class KillTest {

    private static final String RUN_AT = "2023-07-01T08:00:00Z";

    @TempDir
    static Path work;

    @Test
    void aKilledRunNeverDamagesThePreviousReport() throws Exception {
        SparkTestSession.get();
        Path jobFile = RunCommandTest.copySampleTo(work);
        RunCommandTest.Outcome first = RunCommandTest.cli("run", jobFile.toString(), "--period", "2023-06",
                "--run-at", RUN_AT);
        assertEquals(0, first.exitCode(), first.err());
        Path folder = work.resolve("reports/sample/2023-06");
        Map<String, byte[]> before = contents(folder);
        // a fresh store, so that the first killed run is staging its inputs
        StagingStore.deleteTree(folder.resolveSibling(".store"));

        // the progress line after which each child is killed: staging attendance, computing, writing
        // the workbooks, writing the manifest and moving the folder into place
        for (String killAfter : List.of("ingest enterprises", "ingest targets", "write_quarantine",
                "write_workbooks")) {
            runAndKill(jobFile, killAfter);
            // the previous folder, or (when the kill came after the last rename) the new one: whole either way
            assertEquals(before.keySet(), contents(folder).keySet(), "killed after '" + killAfter + "'");
            for (Map.Entry<String, byte[]> file : before.entrySet()) {
                if (!file.getKey().equals("manifest.json")) {
                    assertArrayEquals(file.getValue(), Files.readAllBytes(folder.resolve(file.getKey())),
                            file.getKey() + " after a kill after '" + killAfter + "'");
                }
            }
            assertManifestDescribesTheFolder(folder);
        }

        RunCommandTest.Outcome after = RunCommandTest.cli("run", jobFile.toString(), "--period", "2023-06",
                "--run-at", RUN_AT);
        assertEquals(0, after.exitCode(), after.err());
        Map<String, byte[]> again = contents(folder);
        assertEquals(before.keySet(), again.keySet());
        for (String name : List.of("metrics.csv", "SHICF-2023-2023-06.xlsx", "quarantine/attendance.csv")) {
            assertArrayEquals(before.get(name), again.get(name), name);
        }
        try (Stream<Path> siblings = Files.list(folder.getParent())) {
            assertEquals(List.of(".store", "2023-06"), siblings.map(p -> p.getFileName().toString())
                    .filter(n -> !n.endsWith(".lock")).sorted().toList(), "no debris beside the run folder");
        }
        try (Stream<Path> work = Files.list(folder.resolveSibling(".store/tmp"))) {
            assertEquals(List.of(), work.toList(), "no work left in the staging store");
        }
    }

    /** Starts the program in a child JVM and kills it (SIGKILL) once it has printed the given line. */
    private static void runAndKill(Path jobFile, String killAfter) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        command.addAll(List.of(JavaModuleOptions.defaultModuleOptionArray()));
        command.add("-cp");
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.addAll(List.of(Main.class.getName(), "run", jobFile.toString(), "--period", "2023-06", "--run-at",
                RUN_AT));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean killed = false;
        StringBuilder seen = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                seen.append(line).append('\n');
                if (line.startsWith(killAfter)) {
                    child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
                    killed = true;
                    break;
                }
            }
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child did not end");
        }
        assertTrue(killed, "the child never printed '" + killAfter + "':\n" + seen);
    }

    /** Every output the manifest lists is there with its SHA-256, and nothing else. */
    private static void assertManifestDescribesTheFolder(Path folder) throws Exception {
        JsonNode outputs = new ObjectMapper().readTree(folder.resolve("manifest.json").toFile()).get("outputs");
        Map<String, byte[]> files = contents(folder);
        files.remove("manifest.json");
        assertEquals(files.size(), outputs.size());
        for (JsonNode output : outputs) {
            byte[] bytes = files.get(output.get("path").asText());
            assertTrue(bytes != null, output.get("path").asText());
            assertEquals(output.get("sha256").asText(), HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(bytes)), output.get("path").asText());
        }
    }

    private static Map<String, byte[]> contents(Path folder) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }
}
