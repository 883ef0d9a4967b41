import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The DuckDB side of the benchmark (issue 6): the attendance headline metrics of metrics.md, computed by
 * DuckDB straight from the attendance CSV files, timed; then, when given the program's metrics.csv,
 * compared value by value with the program's headline rows (an independent check of the program).
 *
 * <p>Run with Java's single-file source launcher and the DuckDB JDBC driver on the class path; it is not
 * part of the program and not one of its dependencies:
 * <pre>
 * java -cp duckdb_jdbc.jar bench/DuckDbHeadlines.java --festivals F.csv --events E.csv \
 *      --editions SHICF-2023,QDDCE-2023 --period 2023-06 [--metrics metrics.csv] [--repeat 3] [--threads N] \
 *      [--headlines-only] [--print-sql] \
 *      ATTENDANCE.csv...
 * </pre>
 *
 * <p>Definitions (metrics.md, Attendance; inputs.md for defaults and synonyms):
 * <ul>
 * <li>visitor rows: attendee_type is not exhibitor_staff / organizer_staff (or their Chinese labels);</li>
 * <li>channel: the row's, else its event's, else onsite (an event's hybrid never reaches an accepted row);</li>
 * <li>identified rows count distinct attendee_id (visits: distinct (attendee_id, day)); anonymous rows
 *     count their admissions (default 1) wherever a person would;</li>
 * <li>scope month: days inside the period; to_date: every day up to its last day;</li>
 * <li>peak_day: the day with most visits, earliest on a tie, among days with visits &gt; 0.</li>
 * </ul>
 * Editions are those named, minus the ones whose start_date (festivals.csv) is after the period.
 * Unless {@code --headlines-only}, a second statement, not timed, computes the other attendance headline
 * metrics ({@link #EXTRA_METRICS}) for the check.
 * The files must be clean (generate --clean): DuckDB reads them with typed columns and no row checks, so
 * the program must have accepted every row (the benchmark script checks its manifest).
 *
 * <p>The timed part is one SQL statement, from reading the CSV to the final values; reading the small
 * festivals file and opening the database are outside it. The last line of stdout is machine-readable:
 * {@code RESULT duckdb_ms=<median> runs_ms=<a,b,..> cpu_ms=<median> compared=<n> mismatches=<n>}.
 * Exit code 0, or 1 when a value differs from metrics.csv, 2 on bad arguments or input.
 */
public final class DuckDbHeadlines {

    /** The header the statement reads positionally (the generator's column order). */
    static final List<String> ATTENDANCE_COLUMNS = List.of("record_id", "festival_id", "event_id", "attendee_id",
            "attended_at", "channel", "attendee_type", "origin_region", "origin_country", "admissions");

    static final List<String> METRICS = List.of("attendance.admissions", "attendance.visits", "attendance.visitors",
            "attendance.identified_visitors", "attendance.online_viewers", "attendance.total_reach",
            "attendance.peak_day", "attendance.peak_day_visits");

    /**
     * The other attendance headline metrics, computed by a second, untimed statement (not part of the
     * issue's DuckDB figure) so that the check covers every attendance headline of metrics.csv.
     */
    static final List<String> EXTRA_METRICS = List.of("attendance.repeat_visitor_share",
            "attendance.trade_visitor_share", "attendance.foreign_visitor_share", "attendance.staff_admissions");

    /** The attendance columns with their types: text, and admissions as an integer. */
    static final String COLUMNS = "{'record_id': 'VARCHAR', 'festival_id': 'VARCHAR', 'event_id': 'VARCHAR', "
            + "'attendee_id': 'VARCHAR', 'attended_at': 'VARCHAR', 'channel': 'VARCHAR', 'attendee_type': 'VARCHAR', "
            + "'origin_region': 'VARCHAR', 'origin_country': 'VARCHAR', 'admissions': 'BIGINT'}";

    /** The day of attended_at: yyyy-MM-dd or yyyy/M/d, then a space or T and the time (inputs.md). */
    static final String DAY = "CASE WHEN substr(a.attended_at, 5, 1) = '-' THEN CAST(substr(a.attended_at, 1, 10) AS DATE) "
            + "ELSE CAST(strptime(split_part(a.attended_at, ' ', 1), '%Y/%m/%d') AS DATE) END";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]+");

    public static void main(String[] args) throws Exception {
        try {
            System.exit(run(args));
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("DuckDbHeadlines: " + e.getMessage());
            System.exit(2);
        } catch (SQLException e) {
            System.err.println("DuckDbHeadlines: DuckDB: " + e.getMessage().lines().findFirst().orElse(""));
            System.exit(2);
        }
    }

    static int run(String[] args) throws IOException, SQLException {
        Path festivals = null;
        Path events = null;
        Path metrics = null;
        String editionList = null;
        YearMonth period = null;
        int repeat = 1;
        Integer threads = null;
        boolean extra = true;
        boolean printSql = false;
        List<Path> attendance = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--festivals" -> festivals = Path.of(value(args, ++i, a));
                case "--events" -> events = Path.of(value(args, ++i, a));
                case "--metrics" -> metrics = Path.of(value(args, ++i, a));
                case "--editions" -> editionList = value(args, ++i, a);
                case "--period" -> period = YearMonth.parse(value(args, ++i, a));
                case "--repeat" -> repeat = Integer.parseInt(value(args, ++i, a));
                case "--threads" -> threads = Integer.parseInt(value(args, ++i, a));
                case "--headlines-only" -> extra = false;
                case "--print-sql" -> printSql = true;
                default -> {
                    if (a.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + a);
                    }
                    attendance.add(Path.of(a));
                }
            }
        }
        if (festivals == null || events == null || editionList == null || period == null || attendance.isEmpty()
                || repeat < 1) {
            throw new IllegalArgumentException("need --festivals, --events, --editions, --period and attendance files");
        }
        for (Path f : attendance) {
            checkHeader(f);
        }
        List<String> named = Arrays.asList(editionList.split(","));
        for (String e : named) {
            if (!ID.matcher(e).matches()) {
                throw new IllegalArgumentException("edition id " + e + " has characters this benchmark does not quote");
            }
        }

        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            if (threads != null) {
                st.execute("SET threads = " + threads);
            }
            String settings = settings(st);
            List<String> editions = reported(st, festivals, named, period);
            String sql = headlineSql(events, attendance, editions, period);
            if (printSql) {
                System.out.println(sql);
                return 0;
            }

            long[] wall = new long[repeat];
            long[] cpu = new long[repeat];
            Map<String, String> values = null;
            for (int r = 0; r < repeat; r++) {
                long cpu0 = processCpuNanos();
                long t0 = System.nanoTime();
                Map<String, String> v = new TreeMap<>();
                try (ResultSet rs = st.executeQuery(sql)) {
                    while (rs.next()) {
                        String fid = rs.getString("festival_id");
                        String scope = rs.getString("scope");
                        put(v, fid, scope, "attendance.admissions", rs.getLong("admissions"));
                        put(v, fid, scope, "attendance.visits", rs.getLong("visits"));
                        put(v, fid, scope, "attendance.visitors", rs.getLong("visitors"));
                        put(v, fid, scope, "attendance.identified_visitors", rs.getLong("identified_visitors"));
                        put(v, fid, scope, "attendance.online_viewers", rs.getLong("online_viewers"));
                        put(v, fid, scope, "attendance.total_reach", rs.getLong("total_reach"));
                        String peak = rs.getString("peak_day");
                        v.put(key(fid, scope, "attendance.peak_day"), peak == null ? "" : peak);
                        long peakVisits = rs.getLong("peak_day_visits");
                        v.put(key(fid, scope, "attendance.peak_day_visits"),
                                rs.wasNull() ? "" : Long.toString(peakVisits));
                    }
                }
                wall[r] = (System.nanoTime() - t0) / 1_000_000;
                cpu[r] = (processCpuNanos() - cpu0) / 1_000_000;
                if (values != null && !values.equals(v)) {
                    throw new IllegalStateException("two runs of the same statement gave different values");
                }
                values = v;
            }
            if (extra) {
                values.putAll(extraValues(st, events, attendance, editions, period));
            }

            System.out.println("DuckDB " + settings + "; attendance files: " + attendance.size() + ", editions: "
                    + String.join(", ", editions) + ", period " + period);
            System.out.printf(Locale.ROOT, "DuckDB attendance headlines: %s ms wall, %s ms CPU (%d run%s)%n",
                    join(wall), join(cpu), repeat, repeat == 1 ? "" : "s");
            System.out.printf(Locale.ROOT, "%-12s %-8s %-32s %12s %12s%n", "festival_id", "scope", "metric_id",
                    "duckdb", metrics == null ? "" : "program");
            Map<String, String> program = metrics == null ? Map.of() : readMetrics(metrics, period);
            int compared = 0;
            List<String> mismatches = new ArrayList<>();
            for (String e : editions) {
                for (String scope : List.of("month", "to_date")) {
                    for (String m : compared(extra)) {
                        String k = key(e, scope, m);
                        String d = values.get(k);
                        if (d == null) {
                            d = m.endsWith("peak_day") || m.endsWith("peak_day_visits") ? "" : "0"; // no rows at all
                        }
                        String p = program.get(k);
                        String flag = "";
                        if (metrics != null) {
                            compared++;
                            if (!d.equals(p)) {
                                flag = "  <-- MISMATCH";
                                mismatches.add(e + " " + scope + " " + m + ": duckdb " + d + ", program "
                                        + (p == null ? "(no row)" : p.isEmpty() ? "(empty)" : p));
                            }
                        }
                        System.out.printf(Locale.ROOT, "%-12s %-8s %-32s %12s %12s%s%n", e, scope, m, d,
                                p == null ? (metrics == null ? "" : "(no row)") : p, flag);
                    }
                }
            }
            if (!mismatches.isEmpty()) {
                System.out.println("MISMATCH: " + mismatches.size() + " of " + compared
                        + " headline values differ between DuckDB and the program's metrics.csv:");
                mismatches.forEach(x -> System.out.println("  " + x));
            } else if (metrics != null) {
                System.out.println("All " + compared + " headline values equal the program's metrics.csv.");
            }
            System.out.printf(Locale.ROOT, "RESULT duckdb_ms=%d runs_ms=%s cpu_ms=%d compared=%d mismatches=%d%n",
                    median(wall), join(wall), median(cpu), compared, mismatches.size());
            return mismatches.isEmpty() ? 0 : 1;
        }
    }

    /**
     * One statement for every reported edition and both scopes. The visitor rows up to the period's end are
     * grouped once by (edition, attendee, day, channel), anonymous rows summed per day and channel; that
     * smaller set is aggregated by day (visits, admissions, peak day) and by person (distinct counts).
     */
    static String headlineSql(Path events, List<Path> attendance, List<String> editions, YearMonth period) {
        String first = "DATE '" + period.atDay(1) + "'";
        String last = "DATE '" + period.atEndOfMonth() + "'";
        String files = files(attendance);
        String ids = editionValues(editions);
        // channel and attendee_type: case-insensitive, with the built-in Chinese synonyms of inputs.md
        String online = "lower(trim(%s)) IN ('online', '线上')";
        String onsite = "lower(trim(%s)) IN ('onsite', '线下')";
        return """
            WITH ev AS (
              SELECT trim(event_id) AS event_id,
                     CASE WHEN %s THEN 'online' WHEN lower(trim(channel)) IN ('hybrid', '线上线下') THEN 'hybrid'
                          ELSE 'onsite' END AS channel
              FROM read_csv(%s, header = true, all_varchar = true)
            ),
            editions(festival_id) AS (VALUES %s),
            r AS (
              SELECT trim(a.festival_id) AS festival_id,
                     nullif(trim(a.attendee_id), '') AS aid,
                     %s AS day,
                     coalesce(a.admissions, 1) AS adm,
                     CASE WHEN %s THEN true WHEN %s THEN false
                          ELSE coalesce(ev.channel = 'online', false) END AS online
              FROM read_csv(%s, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
                            columns = %s) a
              LEFT JOIN ev ON ev.event_id = nullif(trim(a.event_id), '')
              WHERE trim(a.festival_id) IN (SELECT festival_id FROM editions)
                AND coalesce(lower(trim(a.attendee_type)), '') NOT IN
                    ('exhibitor_staff', 'organizer_staff', '展商人员', '参展商工作人员', '工作人员', '主办方工作人员')
            ),
            -- one row per person, day and channel (all anonymous rows of a day and channel together)
            g AS MATERIALIZED (
              SELECT festival_id, aid, day, online, sum(adm) AS adm
              FROM r WHERE day <= %s GROUP BY festival_id, aid, day, online
            ),
            days AS (
              SELECT festival_id, day,
                     count(*) FILTER (WHERE NOT online AND aid IS NOT NULL)
                       + coalesce(sum(adm) FILTER (WHERE NOT online AND aid IS NULL), 0) AS visits,
                     coalesce(sum(adm) FILTER (WHERE NOT online), 0) AS admissions
              FROM g GROUP BY festival_id, day
            ),
            day_totals AS (
              SELECT festival_id, s.scope,
                     sum(admissions) AS admissions, sum(visits) AS visits,
                     first(day ORDER BY visits DESC, day) FILTER (WHERE visits > 0) AS peak_day,
                     max(visits) FILTER (WHERE visits > 0) AS peak_day_visits
              FROM days, (VALUES ('month'), ('to_date')) s(scope)
              WHERE s.scope = 'to_date' OR day >= %s
              GROUP BY festival_id, s.scope
            ),
            people AS (
              SELECT festival_id, aid,
                     bool_or(NOT online) AS onsite_td, bool_or(NOT online AND day >= %s) AS onsite_m,
                     bool_or(online) AS online_td, bool_or(online AND day >= %s) AS online_m,
                     max(day) >= %s AS any_m
              FROM g WHERE aid IS NOT NULL GROUP BY festival_id, aid
            ),
            people_totals AS (
              SELECT festival_id,
                     count(*) FILTER (WHERE onsite_m) AS id_onsite_m, count(*) FILTER (WHERE onsite_td) AS id_onsite_td,
                     count(*) FILTER (WHERE online_m) AS id_online_m, count(*) FILTER (WHERE online_td) AS id_online_td,
                     count(*) FILTER (WHERE any_m) AS id_any_m, count(*) AS id_any_td
              FROM people GROUP BY festival_id
            ),
            anon AS (
              SELECT festival_id,
                     sum(adm) FILTER (WHERE NOT online AND day >= %s) AS onsite_m, sum(adm) FILTER (WHERE NOT online) AS onsite_td,
                     sum(adm) FILTER (WHERE online AND day >= %s) AS online_m, sum(adm) FILTER (WHERE online) AS online_td,
                     sum(adm) FILTER (WHERE day >= %s) AS any_m, sum(adm) AS any_td
              FROM g WHERE aid IS NULL GROUP BY festival_id
            )
            SELECT e.festival_id, s.scope,
                   coalesce(d.admissions, 0) AS admissions,
                   coalesce(d.visits, 0) AS visits,
                   CASE s.scope WHEN 'month' THEN coalesce(p.id_onsite_m, 0) + coalesce(n.onsite_m, 0)
                                ELSE coalesce(p.id_onsite_td, 0) + coalesce(n.onsite_td, 0) END AS visitors,
                   CASE s.scope WHEN 'month' THEN coalesce(p.id_onsite_m, 0) ELSE coalesce(p.id_onsite_td, 0) END
                     AS identified_visitors,
                   CASE s.scope WHEN 'month' THEN coalesce(p.id_online_m, 0) + coalesce(n.online_m, 0)
                                ELSE coalesce(p.id_online_td, 0) + coalesce(n.online_td, 0) END AS online_viewers,
                   CASE s.scope WHEN 'month' THEN coalesce(p.id_any_m, 0) + coalesce(n.any_m, 0)
                                ELSE coalesce(p.id_any_td, 0) + coalesce(n.any_td, 0) END AS total_reach,
                   CAST(d.peak_day AS VARCHAR) AS peak_day, d.peak_day_visits
            FROM editions e
            CROSS JOIN (VALUES ('month'), ('to_date')) s(scope)
            LEFT JOIN day_totals d ON d.festival_id = e.festival_id AND d.scope = s.scope
            LEFT JOIN people_totals p ON p.festival_id = e.festival_id
            LEFT JOIN anon n ON n.festival_id = e.festival_id
            ORDER BY e.festival_id, s.scope
            """.formatted(String.format(online, "channel"), literal(events.toString()), ids,
                DAY, String.format(online, "a.channel"), String.format(onsite, "a.channel"), files, COLUMNS, last,
                first, first, first, first, first, first, first);
    }

    static List<String> compared(boolean extra) {
        List<String> all = new ArrayList<>(METRICS);
        if (extra) {
            all.addAll(EXTRA_METRICS);
        }
        return all;
    }

    /**
     * repeat, trade and foreign visitor shares (numerator and denominator from DuckDB, the ratio with six
     * decimals half-up from the exact counts) and staff admissions, for every edition and both scopes.
     */
    static Map<String, String> extraValues(Statement st, Path events, List<Path> attendance, List<String> editions,
            YearMonth period) throws SQLException {
        String first = "DATE '" + period.atDay(1) + "'";
        String sql = """
            WITH ev AS (
              SELECT trim(event_id) AS event_id, lower(trim(channel)) IN ('online', '线上') AS ev_online
              FROM read_csv(%s, header = true, all_varchar = true)
            ),
            editions(festival_id) AS (VALUES %s),
            r AS MATERIALIZED (
              SELECT trim(a.festival_id) AS festival_id,
                     nullif(trim(a.attendee_id), '') AS aid,
                     %s AS day,
                     coalesce(a.admissions, 1) AS adm,
                     CASE WHEN lower(trim(a.channel)) IN ('online', '线上') THEN true
                          WHEN lower(trim(a.channel)) IN ('onsite', '线下') THEN false
                          ELSE coalesce(ev.ev_online, false) END AS online,
                     CASE WHEN lower(trim(a.attendee_type)) IN ('trade', '专业观众') THEN 'trade'
                          WHEN lower(trim(a.attendee_type)) IN ('exhibitor_staff', '展商人员', '参展商工作人员',
                               'organizer_staff', '工作人员', '主办方工作人员') THEN 'staff'
                          WHEN coalesce(lower(trim(a.attendee_type)), '') IN ('', 'unspecified') THEN 'unspecified'
                          ELSE 'known' END AS kind,
                     nullif(upper(trim(a.origin_country)), '') AS country
              FROM read_csv(%s, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
                            columns = %s) a
              LEFT JOIN ev ON ev.event_id = nullif(trim(a.event_id), '')
              WHERE trim(a.festival_id) IN (SELECT festival_id FROM editions)
            ),
            scoped AS MATERIALIZED (
              SELECT r.*, s.scope FROM r, (VALUES ('month'), ('to_date')) s(scope)
              WHERE NOT online AND day <= DATE '%s' AND (s.scope = 'to_date' OR day >= %s)
            ),
            staff AS (
              SELECT festival_id, scope, sum(adm) AS staff_admissions FROM scoped WHERE kind = 'staff'
              GROUP BY festival_id, scope
            ),
            people AS (
              SELECT festival_id, scope, aid, count(DISTINCT day) AS days,
                     bool_or(kind = 'trade') AS trade, bool_or(kind <> 'unspecified') AS known,
                     bool_or(country IS NOT NULL) AS country_set, bool_or(country <> 'CN') AS foreign_
              FROM scoped WHERE aid IS NOT NULL AND kind <> 'staff' GROUP BY festival_id, scope, aid
            ),
            shares AS (
              SELECT festival_id, scope, count(*) AS visitors, count(*) FILTER (WHERE days >= 2) AS repeaters,
                     count(*) FILTER (WHERE trade) AS trade, count(*) FILTER (WHERE known) AS known,
                     count(*) FILTER (WHERE foreign_) AS foreign_, count(*) FILTER (WHERE country_set) AS country_set
              FROM people GROUP BY festival_id, scope
            )
            SELECT e.festival_id, s.scope, coalesce(f.staff_admissions, 0) AS staff_admissions,
                   coalesce(p.visitors, 0) AS visitors, coalesce(p.repeaters, 0) AS repeaters,
                   coalesce(p.trade, 0) AS trade, coalesce(p.known, 0) AS known,
                   coalesce(p.foreign_, 0) AS foreign_, coalesce(p.country_set, 0) AS country_set
            FROM editions e CROSS JOIN (VALUES ('month'), ('to_date')) s(scope)
            LEFT JOIN staff f ON f.festival_id = e.festival_id AND f.scope = s.scope
            LEFT JOIN shares p ON p.festival_id = e.festival_id AND p.scope = s.scope
            """.formatted(literal(events.toString()), editionValues(editions), DAY, files(attendance), COLUMNS,
                period.atEndOfMonth(), first);
        Map<String, String> v = new TreeMap<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String fid = rs.getString("festival_id");
                String scope = rs.getString("scope");
                put(v, fid, scope, "attendance.staff_admissions", rs.getLong("staff_admissions"));
                v.put(key(fid, scope, "attendance.repeat_visitor_share"),
                        ratio(rs.getLong("repeaters"), rs.getLong("visitors")));
                v.put(key(fid, scope, "attendance.trade_visitor_share"), ratio(rs.getLong("trade"), rs.getLong("known")));
                v.put(key(fid, scope, "attendance.foreign_visitor_share"),
                        ratio(rs.getLong("foreign_"), rs.getLong("country_set")));
            }
        }
        return v;
    }

    /** Six decimals, half-up (metrics.md, Fine print; outputs.md); empty for a zero denominator. */
    static String ratio(long num, long den) {
        return den == 0 ? "" : BigDecimal.valueOf(num).divide(BigDecimal.valueOf(den), 6, RoundingMode.HALF_UP)
                .toPlainString();
    }

    static String files(List<Path> attendance) {
        StringBuilder files = new StringBuilder("[");
        for (int i = 0; i < attendance.size(); i++) {
            files.append(i == 0 ? "" : ", ").append(literal(attendance.get(i).toString()));
        }
        return files.append(']').toString();
    }

    static String editionValues(List<String> editions) {
        StringBuilder ids = new StringBuilder();
        for (String e : editions) {
            ids.append(ids.length() == 0 ? "" : ", ").append("('").append(e).append("')");
        }
        return ids.toString();
    }

    /** The named editions that have started by the end of the period (metrics.md, Fine print). */
    static List<String> reported(Statement st, Path festivals, List<String> named, YearMonth period)
            throws SQLException {
        Map<String, LocalDate> starts = new LinkedHashMap<>();
        try (ResultSet rs = st.executeQuery("SELECT trim(festival_id), trim(start_date) FROM read_csv("
                + literal(festivals.toString()) + ", header = true, all_varchar = true)")) {
            while (rs.next()) {
                starts.put(rs.getString(1), date(rs.getString(2)));
            }
        }
        List<String> result = new ArrayList<>();
        for (String e : named) {
            LocalDate start = starts.get(e);
            if (start == null) {
                throw new IllegalArgumentException("edition " + e + " is not in " + festivals);
            }
            if (!start.isAfter(period.atEndOfMonth())) {
                result.add(e);
            }
        }
        return result;
    }

    /** yyyy-MM-dd or yyyy/M/d (inputs.md). */
    static LocalDate date(String s) {
        String[] p = s.split("[-/]");
        if (p.length != 3) {
            throw new IllegalArgumentException("not a date: " + s);
        }
        return LocalDate.of(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
    }

    static void checkHeader(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header != null && header.startsWith("\uFEFF")) {
                header = header.substring(1);
            }
            List<String> cols = header == null ? List.of()
                    : Arrays.stream(header.split(",", -1)).map(c -> c.trim().toLowerCase(Locale.ROOT)).toList();
            if (!cols.equals(ATTENDANCE_COLUMNS)) {
                throw new IllegalArgumentException(file + ": header is not the generator's "
                        + String.join(",", ATTENDANCE_COLUMNS));
            }
        }
    }

    /** Headline rows of metrics.csv for the period: key -> value. */
    static Map<String, String> readMetrics(Path metrics, YearMonth period) throws IOException {
        Map<String, String> result = new TreeMap<>();
        List<String> lines = Files.readAllLines(metrics, StandardCharsets.UTF_8);
        List<String> header = csv(lines.get(0));
        int fid = header.indexOf("festival_id");
        int per = header.indexOf("period");
        int scope = header.indexOf("scope");
        int metric = header.indexOf("metric_id");
        int dim = header.indexOf("dimension");
        int value = header.indexOf("value");
        if (fid < 0 || per < 0 || scope < 0 || metric < 0 || dim < 0 || value < 0) {
            throw new IllegalArgumentException(metrics + ": not a metrics.csv header: " + lines.get(0));
        }
        for (String line : lines.subList(1, lines.size())) {
            if (!line.startsWith("\"") && !line.contains(",attendance.")) {
                continue; // quick skip of the many other rows; quoted rows are parsed in full
            }
            List<String> f = csv(line);
            if (f.size() == header.size() && f.get(dim).isEmpty() && (METRICS.contains(f.get(metric)) || EXTRA_METRICS.contains(f.get(metric)))
                    && f.get(per).equals(period.toString())) {
                result.put(key(f.get(fid), f.get(scope), f.get(metric)), f.get(value));
            }
        }
        return result;
    }

    /** One RFC 4180 line (metrics.csv headline rows hold no line breaks). */
    static List<String> csv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    static String settings(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT version(), current_setting('threads'), "
                + "current_setting('memory_limit')")) {
            rs.next();
            return rs.getString(1) + ", threads " + rs.getString(2) + ", memory_limit " + rs.getString(3);
        }
    }

    /** CPU time of this process, every thread (DuckDB's native workers included). */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    static String key(String fid, String scope, String metric) {
        return fid + "|" + scope + "|" + metric;
    }

    static void put(Map<String, String> v, String fid, String scope, String metric, long value) {
        v.put(key(fid, scope, metric), Long.toString(value));
    }

    static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    static long median(long[] xs) {
        long[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    static String join(long[] xs) {
        StringBuilder b = new StringBuilder();
        for (long x : xs) {
            b.append(b.length() == 0 ? "" : ",").append(x);
        }
        return b.toString();
    }
}
