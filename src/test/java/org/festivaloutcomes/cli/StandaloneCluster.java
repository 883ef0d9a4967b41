package org.festivaloutcomes.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * A real Spark standalone cluster on 127.0.0.1 for tests: a Master and a Worker, each its own JVM started
 * from the Maven jars of the test class path, {@code spark-submit} (SparkSubmit in its own JVM, as
 * bin/spark-submit runs it) and, for comparison, a plain local run of the application jar. The Worker
 * launches executors from a SPARK_HOME whose jars/ links those same jars, less the libraries the
 * application jar bundles: as on a real cluster, Spark and its dependencies come from the installation and
 * everything else from the application jar. {@link #close()} stops every process it started by its
 * process id.
 */
final class StandaloneCluster implements AutoCloseable {

    private static final Pattern MASTER_URL = Pattern.compile("Starting Spark master at (spark://\\S+)");
    private static final String MASTER_ALIVE = "I have been elected leader";
    private static final String WORKER_REGISTERED = "Successfully registered with master";

    private final Path sparkHome;
    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private Process master;
    private Process worker;
    private String masterUrl;

    private StandaloneCluster(Path sparkHome, Path dir) {
        this.sparkHome = sparkHome;
        this.dir = dir;
    }

    /**
     * Lays out SPARK_HOME and starts the Master (the Worker follows in {@link #awaitReady}, once the master's
     * port is known); returns at once so that the caller can work while the JVMs start.
     */
    static StandaloneCluster start(Path dir, Path applicationJar) throws IOException {
        StandaloneCluster cluster = new StandaloneCluster(sparkHome(dir.resolve("spark-home"), applicationJar), dir);
        try {
            cluster.master = cluster.launch("master", List.of(), List.of("-Xmx256m"),
                    "org.apache.spark.deploy.master.Master",
                    List.of("--host", "127.0.0.1", "--port", "0", "--webui-port", "0"));
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** Waits for the Master to be elected and a Worker with one core to register with it. */
    void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String log = awaitLog(master, "master", MASTER_ALIVE, deadline);
        Matcher url = MASTER_URL.matcher(log);
        if (!url.find()) {
            throw new AssertionError("the master log names no URL:\n" + tail(log));
        }
        masterUrl = url.group(1);
        worker = launch("worker", List.of(), List.of("-Xmx256m"), "org.apache.spark.deploy.worker.Worker",
                List.of("--host", "127.0.0.1", "--port", "0", "--webui-port", "0", "--cores", "1", "--memory", "1g",
                        "--work-dir", Files.createDirectories(dir.resolve("work")).toString(), masterUrl));
        awaitLog(worker, "worker", WORKER_REGISTERED, deadline);
    }

    String masterUrl() {
        return masterUrl;
    }

    /** The worker's work directory, where each application's executors keep their logs. */
    Path workDir() {
        return dir.resolve("work");
    }

    /** What a JVM of the program gave: its exit code and its output (stdout and stderr together). */
    record Run(int exitCode, String log) {
    }

    /** A JVM started and not yet waited for. */
    final class Pending {
        private final Process process;
        private final String name;

        private Pending(Process process, String name) {
            this.process = process;
            this.name = name;
        }

        Run await(Duration timeout) throws IOException, InterruptedException {
            return StandaloneCluster.this.await(process, name, timeout);
        }
    }

    /**
     * Starts the application jar as a plain local program ({@code java -cp <Spark's jars>:app.jar Main args}, no
     * master given, so local[*]).
     */
    Pending startLocally(Path applicationJar, List<String> arguments) throws IOException {
        return new Pending(launch("local", List.of(applicationJar), List.of("-Xmx1g", "-Djava.awt.headless=true"),
                Main.class.getName(), arguments), "local");
    }

    /** Runs {@code spark-submit [options] applicationJar [arguments]} in client mode and waits for it. */
    Run submit(List<String> options, Path applicationJar, List<String> arguments, Duration timeout)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("--master", masterUrl, "--deploy-mode", "client"));
        args.addAll(options);
        args.add(applicationJar.toString());
        args.addAll(arguments);
        // the driver runs in this JVM in client mode; -Xmx is what spark-submit makes of --driver-memory
        return await(launch("driver", List.of(), List.of("-Xmx1g", "-Djava.awt.headless=true"),
                "org.apache.spark.deploy.SparkSubmit", args), "driver", timeout);
    }

    private Run await(Process process, String name, Duration timeout) throws IOException, InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            stop(process);
            throw new AssertionError("the " + name + " JVM (pid " + process.pid() + ") did not finish within "
                    + timeout.toSeconds() + " s:\n" + tail(read(name)));
        }
        return new Run(process.exitValue(), read(name));
    }

    private Process launch(String name, List<Path> extraClassPath, List<String> jvmOptions, String mainClass,
            List<String> args) throws IOException {
        StringBuilder classPath = new StringBuilder(sparkHome.resolve("jars") + File.separator + "*");
        extraClassPath.forEach(p -> classPath.append(File.pathSeparator).append(p));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(classPath.toString());
        command.addAll(jvmOptions);
        // the module options bin/spark-class gives every Spark JVM on Java 17
        command.addAll(List.of(JavaModuleOptions.defaultModuleOptionArray()));
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(logFile(name).toFile());
        Map<String, String> env = builder.environment();
        // nothing of a Spark installation of this machine may leak in (SPARK_CONF_DIR, SPARK_MASTER_*...)
        env.keySet().removeIf(k -> k.startsWith("SPARK_"));
        env.put("SPARK_HOME", sparkHome.toString());
        // the Worker's launcher needs it to find SPARK_HOME/jars outside a release layout
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("SPARK_LOCAL_DIRS", Files.createDirectories(dir.resolve("local")).toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    private String awaitLog(Process process, String name, String marker, long deadlineNanos)
            throws IOException, InterruptedException {
        while (true) {
            String log = read(name);
            if (log.contains(marker)) {
                return log;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the " + name + " (pid " + process.pid() + ") exited with "
                        + process.exitValue() + " before '" + marker + "':\n" + tail(log));
            }
            if (System.nanoTime() > deadlineNanos) {
                throw new AssertionError("the " + name + " (pid " + process.pid() + ") logged no '" + marker
                        + "' in time:\n" + tail(log));
            }
            Thread.sleep(200);
        }
    }

    private Path logFile(String name) {
        return dir.resolve(name + ".log");
    }

    String read(String name) throws IOException {
        Path file = logFile(name);
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    static String tail(String log) {
        List<String> lines = log.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /**
     * Stops the Worker (whose executors go with it) and the Master by their process ids, then removes the
     * links of SPARK_HOME/jars (not what they point to).
     */
    @Override
    public void close() throws IOException {
        for (int i = processes.size() - 1; i >= 0; i--) {
            stop(processes.get(i));
        }
        try (Stream<Path> links = Files.list(sparkHome.resolve("jars"))) {
            for (Path link : links.toList()) {
                Files.delete(link);
            }
        }
    }

    private static void stop(Process process) {
        // the Process's own handle (its pid, but never a later process that reuses the number)
        ProcessHandle handle = process.toHandle();
        if (!handle.isAlive()) {
            return;
        }
        // executors are children of the Worker: a graceful stop lets it kill them, the rest is forced
        List<ProcessHandle> descendants = handle.descendants().toList();
        handle.destroy();
        try {
            handle.onExit().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            handle.destroyForcibly();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * SPARK_HOME with jars/ linking the test class path's jars, without those whose classes the application
     * jar holds (it must bring them itself) and without the project's own classes.
     */
    private static Path sparkHome(Path home, Path applicationJar) throws IOException {
        Path jars = Files.createDirectories(home.resolve("jars"));
        Set<String> bundled = new HashSet<>();
        try (JarFile app = new JarFile(applicationJar.toFile())) {
            app.stream().map(JarEntry::getName).filter(n -> n.endsWith(".class")).forEach(bundled::add);
        }
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (!entry.endsWith(".jar") || !Files.isRegularFile(jar) || isBundled(jar, bundled)) {
                continue;
            }
            Path link = jars.resolve(jar.getFileName().toString());
            if (!Files.exists(link)) {
                Files.createSymbolicLink(link, jar.toAbsolutePath());
            }
        }
        return home;
    }

    private static boolean isBundled(Path jar, Set<String> bundled) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(JarEntry::getName)
                    .filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/") && !n.endsWith("module-info.class"))
                    .findFirst().map(bundled::contains).orElse(false);
        }
    }
}
