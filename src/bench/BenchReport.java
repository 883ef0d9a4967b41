import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns one benchmark folder of bench/run (bench/work/runs/STAMP/) into tables: per run the stages of the
 * program's manifest (timings_ms) with rows per second, peak memory and the DuckDB comparison, printed on
 * stdout; and a markdown file for the README. Run with the program's own libraries (Jackson) on the class
 * path: {@code java -cp 'target/lib/*' bench/BenchReport.java RUNS/STAMP OUT.md}.
 */
public final class BenchReport {

    private static final Pattern INGEST = Pattern.compile(
            "^ingest (\\S+)\\s+([\\d,]+) rows read, ([\\d,]+) rejected, (\\d+) files?(?: \\(\\d+ from the store\\))?, ([\\d.]+) s");
    private static final Pattern RESULT = Pattern.compile(
            "^RESULT duckdb_ms=(\\d+) runs_ms=(\\S+) cpu_ms=(\\d+) compared=(\\d+) mismatches=(\\d+)");

    record Stage(String name, double seconds, long rows) {
    }

    record Case(Properties env, List<Stage> stages, double wall, double cpu, long rssKb, long attendanceRows,
            long dealRows, long rejected, int exit, Long duckdbMs, Long duckdbCpuMs, String duckdbRuns,
            Integer compared, Integer mismatches, String duckdbError, double othersCpu, int cores) {

        String size() {
            return env.getProperty("size");
        }

        String xmx() {
            return env.getProperty("xmx");
        }

        boolean ok() {
            return exit == 0 && !stages.isEmpty();
        }

        String check() {
            if (duckdbError != null) {
                return "DuckDB failed";
            }
            if (mismatches == null) {
                return "not run";
            }
            if (rejected > 0) {
                return "invalid: program rejected " + rejected + " attendance rows";
            }
            return mismatches == 0 ? "equal (" + compared + " values)" : "**MISMATCH: " + mismatches + " of " + compared + "**";
        }
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Path md = Path.of(args[1]);
        Properties session = props(dir.resolve("session.env"));
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path c : s.filter(Files::isDirectory).sorted().toList()) {
                cases.add(load(c));
            }
        }
        cases.sort((a, b) -> a.attendanceRows != b.attendanceRows ? Long.compare(a.attendanceRows, b.attendanceRows)
                : a.xmx().compareTo(b.xmx()) * -1);

        StringBuilder text = new StringBuilder();
        StringBuilder m = new StringBuilder();
        String machine = session.getProperty("cpu") + ", " + session.getProperty("cores") + " cores, "
                + session.getProperty("memory_gib") + " GiB, " + session.getProperty("os") + ", "
                + session.getProperty("java");
        m.append("Measured ").append(session.getProperty("date", "").substring(0, 10)).append(" on ").append(machine)
                .append("; program ").append(session.getProperty("commit")).append(", DuckDB JDBC ")
                .append(session.getProperty("duckdb_jar").replace("duckdb_jdbc-", "").replace(".jar", ""))
                .append(". Data: `generate --clean --seed ").append(session.getProperty("seed"))
                .append(" --attendance-files ").append(session.getProperty("attendance_files"))
                .append("`, period ").append(session.getProperty("period")).append(".\n\n");
        m.append("| attendance rows | deal rows | CSV | -Xmx | wall | rows/s | ingest | metrics (with comparisons) | workbooks "
                + "and charts | JVM, Spark and other | peak RSS | CPU (user+sys) | other load | DuckDB headlines | ratio | CPU ratio | headline check |\n");
        m.append("|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Case c : cases) {
            if (!c.ok()) {
                m.append(String.format(Locale.ROOT, "| %,d | %,d | %s | %s | exit %d after %.0f s |  |  |  |  |  | %s |  |  |  |  |  |  |%n",
                        c.attendanceRows, c.dealRows, mb(c), c.xmx(), c.exit, c.wall, gb(c.rssKb)));
                continue;
            }
            double rows = c.attendanceRows + c.dealRows;
            double ingest = stage(c, "ingest");
            m.append(String.format(Locale.ROOT,
                    "| %,d | %,d | %s | %s | %.1f s | %,.0f | %.1f s | %.1f s | %.1f s | %.1f s | %s | %.0f s | %s | %s | %s | %s | %s |%n",
                    c.attendanceRows, c.dealRows, mb(c), c.xmx(), c.wall, rows / c.wall, ingest,
                    metrics(c),
                    stage(c, "write_workbooks"), other(c), gb(c.rssKb), c.cpu, others(c),
                    c.duckdbMs == null ? "-" : String.format(Locale.ROOT, "%.1f s", c.duckdbMs / 1000.0),
                    ratio(c), cpuRatio(c), c.check()));
        }
        m.append('\n');
        m.append("wall: the whole `java -jar ... run` (JVM start to exit); rows/s: (attendance + deal rows) / wall; "
                + "peak RSS: maximum resident set of the JVM (").append(cases.isEmpty() ? "" : cases.get(0).env.getProperty("rss_source"))
                .append("); other load: CPU used by other processes during the run, in cores of ").append(cases.isEmpty() ? 0 : cases.get(0).cores)
                .append("; DuckDB headlines: median of the runs of one SQL statement computing the attendance headline metrics "
                        + "(admissions, visits, visitors, identified visitors, online viewers, total reach, peak day and its visits; "
                        + "month and to_date, every edition) from the same CSV files, same session; ratio: program wall / DuckDB wall; CPU ratio: program CPU / DuckDB CPU (median run); "
                        + "headline check: those values against the program's metrics.csv.\n");
        List<String> scaling = scaling(cases);
        Map<Long, String> generated = new LinkedHashMap<>();
        for (Case c : cases) {
            String ms = c.env.getProperty("generate_ms");
            if (ms != null) {
                generated.put(c.attendanceRows, String.format(Locale.ROOT,
                        "`generate` wrote the %,d attendance rows (and %,d deal rows) in %.1f s.", c.attendanceRows,
                        c.dealRows, Long.parseLong(ms) / 1000.0));
            }
        }
        scaling.addAll(generated.values());
        for (Case c : cases) {
            String walls = c.env.getProperty("round_walls_ms");
            if (walls != null) {
                scaling.add(String.format(Locale.ROOT, "Rounds, %,d attendance rows, -Xmx%s: cold program runs of %s s,"
                        + " alternating with DuckDB (%s ms); the table shows the program run of median wall clock"
                        + " (round %s) and DuckDB's median over every run.", c.attendanceRows, c.xmx(),
                        java.util.Arrays.stream(walls.split(",")).map(w -> String.format(Locale.ROOT, "%.1f",
                                Long.parseLong(w) / 1000.0)).collect(java.util.stream.Collectors.joining(", ")),
                        c.duckdbRuns, c.env.getProperty("median_round")));
            }
        }
        if (!scaling.isEmpty()) {
            m.append('\n');
            scaling.forEach(x -> m.append(x).append('\n'));
        }
        for (Case c : cases) {
            m.append('\n').append(String.format(Locale.ROOT, "Stages, %,d attendance rows, -Xmx%s:%n%n", c.attendanceRows, c.xmx()));
            m.append("| stage | seconds | rows/s |\n|---|---:|---:|\n");
            for (Stage s : c.stages) {
                m.append(String.format(Locale.ROOT, "| %s | %.1f | %s |%n",
                        s.name.startsWith("  ") ? "&nbsp;&nbsp;" + s.name.strip() : s.name, s.seconds,
                        rate(s)));
            }
            m.append(String.format(Locale.ROOT, "| JVM start, Spark start, other | %.1f | |%n", other(c)));
            m.append(String.format(Locale.ROOT, "| **total (wall)** | **%.1f** | %,.0f rows |%n", c.wall,
                    (c.attendanceRows + c.dealRows) / c.wall));
        }
        Files.writeString(md, m.toString(), StandardCharsets.UTF_8);

        // the console: the same, as plain text
        text.append("\n").append(machine).append("\nprogram ").append(session.getProperty("commit")).append('\n');
        for (Case c : cases) {
            text.append(String.format(Locale.ROOT, "%n%,d attendance rows (%s of CSV), %,d deal rows, -Xmx%s%s%n",
                    c.attendanceRows, mb(c), c.dealRows, c.xmx(), c.ok() ? "" : "  FAILED: exit " + c.exit));
            text.append(String.format(Locale.ROOT, "  %-40s %9s %16s%n", "stage", "seconds", "rows/s"));
            for (Stage s : c.stages) {
                text.append(String.format(Locale.ROOT, "  %-40s %9.1f %16s%n", s.name, s.seconds,
                        rate(s)));
            }
            text.append(String.format(Locale.ROOT, "  %-40s %9.1f%n", "JVM start, Spark start, other", other(c)));
            text.append(String.format(Locale.ROOT, "  %-40s %9.1f %16s%n", "total (wall clock)", c.wall,
                    String.format(Locale.ROOT, "%,.0f", (c.attendanceRows + c.dealRows) / c.wall)));
            text.append(String.format(Locale.ROOT, "  peak RSS %s, CPU %.0f s (user+sys), other processes %s, load %s -> %s%n",
                    gb(c.rssKb), c.cpu, others(c), c.env.getProperty("load_before"), c.env.getProperty("load_after")));
            if (c.duckdbMs != null) {
                text.append(String.format(Locale.ROOT, "  DuckDB attendance headlines: %.1f s (median of %s ms; CPU %.1f s); "
                        + "program / DuckDB = %s wall, %s CPU%n", c.duckdbMs / 1000.0, c.duckdbRuns, c.duckdbCpuMs / 1000.0, ratio(c),
                        cpuRatio(c)));
            }
            text.append("  headline check against DuckDB: ").append(c.check().replace("**", "")).append('\n');
        }
        scaling.forEach(x -> text.append(x.replace("**", "").replace("`", "")).append('\n'));
        System.out.print(text);
    }

    static List<String> scaling(List<Case> cases) {
        List<String> out = new ArrayList<>();
        Map<String, List<Case>> byXmx = new LinkedHashMap<>();
        for (Case c : cases) {
            if (c.ok()) {
                byXmx.computeIfAbsent(c.xmx(), k -> new ArrayList<>()).add(c);
            }
        }
        for (Map.Entry<String, List<Case>> e : byXmx.entrySet()) {
            List<Case> l = e.getValue();
            for (int i = 1; i < l.size(); i++) {
                Case a = l.get(0);
                Case b = l.get(i);
                double rows = (double) b.attendanceRows / a.attendanceRows;
                double time = b.wall / a.wall;
                out.add(String.format(Locale.ROOT, "Scaling, -Xmx%s: %,d rows take %.2fx the wall time of %,d rows "
                        + "and %.2fx the CPU time (%.0fx the rows; the bar is %.1fx).", e.getKey(), b.attendanceRows,
                        time, a.attendanceRows, b.cpu / a.cpu, rows, rows * 1.1));
            }
        }
        return out;
    }

    static Case load(Path dir) throws IOException {
        Properties env = props(dir.resolve("case.env"));
        env.putAll(props(dir.resolve("run.env")));
        List<Stage> stages = new ArrayList<>();
        long attendanceRows = Long.parseLong(env.getProperty("attendance_rows", "0"));
        long dealRows = 0; // from the manifest; the requested number when there is none
        long rejected = 0;
        Path manifest = dir.resolve("manifest.json");
        Map<String, long[]> ingest = new LinkedHashMap<>();
        Path stderr = dir.resolve("stderr.txt");
        if (Files.exists(stderr)) {
            for (String line : Files.readAllLines(stderr, StandardCharsets.UTF_8)) {
                Matcher x = INGEST.matcher(line);
                if (x.find()) {
                    ingest.put(x.group(1), new long[] {num(x.group(2)), Math.round(Double.parseDouble(x.group(5)) * 1000)});
                }
            }
        }
        if (Files.exists(manifest)) {
            JsonNode root = new ObjectMapper().readTree(manifest.toFile());
            long att = 0;
            for (JsonNode in : root.path("inputs")) {
                String ds = in.path("dataset").asText();
                if (ds.equals("attendance")) {
                    att += in.path("rows_read").asLong();
                    rejected += in.path("rows_rejected").asLong();
                } else if (ds.equals("deals")) {
                    dealRows += in.path("rows_read").asLong();
                }
            }
            if (att > 0) {
                attendanceRows = att;
            }
            long all = 0;
            for (long[] v : ingest.values()) {
                all += v[0];
            }
            for (Map.Entry<String, JsonNode> t : root.path("timings_ms").properties()) {
                double s = t.getValue().asLong() / 1000.0;
                if (t.getKey().equals("ingest")) {
                    stages.add(new Stage("ingest (all datasets)", s, all));
                    for (Map.Entry<String, long[]> i : ingest.entrySet()) {
                        if (i.getValue()[1] >= 1000 || i.getKey().equals("attendance") || i.getKey().equals("deals")) {
                            stages.add(new Stage("  ingest " + i.getKey(), i.getValue()[1] / 1000.0, i.getValue()[0]));
                        }
                    }
                } else {
                    // writing is per edition and metric, not per input row: no rows/s there
                    boolean writes = t.getKey().startsWith("write_");
                    String name = t.getKey().equals("write_workbooks") ? "write_workbooks (and charts)" : t.getKey();
                    stages.add(new Stage(name, s, writes ? 0 : attendanceRows + dealRows));
                }
            }
        }
        if (!Files.exists(manifest)) {
            dealRows = Long.parseLong(env.getProperty("deal_rows", "0"));
        }
        double wall = Long.parseLong(env.getProperty("wall_ms", "0")) / 1000.0;
        double cpu = Double.parseDouble(env.getProperty("user_s", "0")) + Double.parseDouble(env.getProperty("sys_s", "0"));
        long rss = Long.parseLong(env.getProperty("max_rss_kb", "0").isBlank() ? "0" : env.getProperty("max_rss_kb"));
        int exit = Integer.parseInt(env.getProperty("exit", "-1"));
        Long duckMs = null;
        Long duckCpu = null;
        String runs = null;
        Integer compared = null;
        Integer mismatches = null;
        String duckErr = null;
        Path duck = dir.resolve("duckdb.txt");
        if (Files.exists(duck)) {
            // one RESULT line per round (--rounds): the median of every run of every round
            List<Long> allRuns = new ArrayList<>();
            List<Long> cpus = new ArrayList<>();
            for (String line : Files.readAllLines(duck, StandardCharsets.UTF_8)) {
                Matcher x = RESULT.matcher(line);
                if (x.find()) {
                    for (String r : x.group(2).split(",")) {
                        allRuns.add(Long.parseLong(r));
                    }
                    cpus.add(Long.parseLong(x.group(3)));
                    compared = Integer.parseInt(x.group(4));
                    mismatches = (mismatches == null ? 0 : mismatches) + Integer.parseInt(x.group(5));
                }
            }
            if (!allRuns.isEmpty()) {
                runs = allRuns.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
                duckMs = median(allRuns);
                duckCpu = median(cpus);
            }
            if (duckMs == null) {
                duckErr = "no RESULT line in " + duck;
            }
            if (compared != null && compared == 0) {
                mismatches = null; // the program produced no metrics.csv to compare with
            }
        }
        int cores = Runtime.getRuntime().availableProcessors();
        double others = Double.parseDouble(env.getProperty("busy_cpu_s", "0")) - cpu;
        return new Case(env, stages, wall, cpu, rss, attendanceRows, dealRows, rejected, exit, duckMs, duckCpu, runs,
                compared, mismatches, duckErr, Math.max(0, others), cores);
    }

    /** The middle value (the upper of the two middle ones for an even count, as DuckDbHeadlines). */
    static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** Rows per second of a stage; blank under half a second, where it would say nothing. */
    static String rate(Stage s) {
        return s.rows <= 0 || s.seconds < 0.5 ? "" : String.format(Locale.ROOT, "%,.0f", s.rows / s.seconds);
    }

    static double stage(Case c, String name) {
        for (Stage s : c.stages) {
            if (s.name.equals(name) || s.name.startsWith(name + " ")) {
                return s.seconds;
            }
        }
        return 0;
    }

    /** Every metrics stage: attendance, participation, deals, events (comparisons are computed with them). */
    static double metrics(Case c) {
        double sum = 0;
        for (Stage s : c.stages) {
            if (s.name.startsWith("metrics")) {
                sum += s.seconds;
            }
        }
        return sum;
    }

    static double other(Case c) {
        double sum = 0;
        for (Stage s : c.stages) {
            if (!s.name.startsWith("  ")) {
                sum += s.seconds;
            }
        }
        return c.wall - sum;
    }

    static String others(Case c) {
        return c.wall <= 0 ? "" : String.format(Locale.ROOT, "%.2f cores", c.othersCpu / c.wall);
    }

    static String ratio(Case c) {
        return c.duckdbMs == null || c.duckdbMs == 0 || !c.ok() ? "-"
                : String.format(Locale.ROOT, "%.1fx", c.wall / (c.duckdbMs / 1000.0));
    }

    /** The same with CPU seconds on both sides: less sensitive to other load on a shared machine. */
    static String cpuRatio(Case c) {
        return c.duckdbCpuMs == null || c.duckdbCpuMs == 0 || !c.ok() ? "-"
                : String.format(Locale.ROOT, "%.0fx", c.cpu / (c.duckdbCpuMs / 1000.0));
    }

    static String mb(Case c) {
        long b = Long.parseLong(c.env.getProperty("attendance_bytes", "0"));
        return String.format(Locale.ROOT, "%.0f MB", b / 1e6);
    }

    static String gb(long kb) {
        return String.format(Locale.ROOT, "%.2f GB", kb * 1024 / 1e9);
    }

    static long num(String s) {
        return Long.parseLong(s.replace(",", ""));
    }

    static Properties props(Path p) throws IOException {
        Properties pr = new Properties();
        if (Files.exists(p)) {
            for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    pr.setProperty(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        }
        return pr;
    }
}
