package org.festivaloutcomes.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.SparkSession;
import org.festivaloutcomes.SparkTestSession;
import org.festivaloutcomes.ingest.AttendanceFacts;
import org.festivaloutcomes.ingest.Staged;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-pass attendance computation against the relational one it replaced
 * ({@link LegacyAttendanceMetrics}), on random rows full of the cases that decide members and distinct
 * counts: repeat visits on one day and across months, attendees of two festivals, staff and anonymous
 * rows, online rows, events missing from events.csv, empty and blank values.
 */
class AttendanceOnePassTest {

    static final String F = "F-2023";
    static final String G = "G-2023";
    static final String H = "H-2023";
    static final List<YearMonth> MONTHS = List.of(YearMonth.of(2023, 3), YearMonth.of(2023, 4),
            YearMonth.of(2023, 5), YearMonth.of(2023, 6));

    static Dataset<Row> attendance;
    static Dataset<Row> events;
    /** The relational computation per month, for festivals F, G and H. */
    static final Map<YearMonth, List<MetricValue>> RELATIONAL = new HashMap<>();

    @BeforeAll
    static void data() {
        SparkSession spark = SparkTestSession.get();
        events = AttendanceMetricsTest.events(spark).union(spark.createDataFrame(List.of(
                AttendanceMetricsTest.event("G1", G, "seminar", " ", "Hall 3", "", "onsite", "2023-05-01T10:00"),
                AttendanceMetricsTest.event("G2", G, "live_broadcast", "Talks", null, "Minhang", "online",
                        "2023-05-01T10:00")),
                Staged.EVENTS));
        Random random = new Random(20231121);
        String[] festivals = {F, G, "X-2023"};
        String[] eventIds = {null, null, "E1", "E2", "E3", "E4", "G1", "G2", "E9", ""};
        String[] types = {"trade", "public", "media", "unspecified", "unspecified", "exhibitor_staff",
            "organizer_staff", "trade "};
        // a tab and an ideographic space are not blank to Spark's trim, which removes spaces only
        String[] regions = {null, "Shanghai", "Beijing", "", " ", "Seoul", "\t", "\u3000"};
        String[] countries = {null, "CN", "CN", "US", "KR", "", " ", "cn", "\t"};
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            String fid = festivals[random.nextInt(festivals.length)];
            Long key = random.nextInt(5) == 0 ? null : Long.valueOf(random.nextInt(120) - 60);
            // days from 2023-02-20 to 2023-07-09: before, inside and after the requested months
            LocalDateTime at = LocalDateTime.of(2023, 2, 20, 8, 0).plusDays(random.nextInt(140))
                    .plusMinutes(random.nextInt(600));
            String channel = random.nextInt(4) == 0 ? "online" : "onsite";
            long admissions = key == null ? random.nextInt(4) : 1;
            rows.add(RowFactory.create(fid, eventIds[random.nextInt(eventIds.length)], key, at, at.toLocalDate(),
                    channel, types[random.nextInt(types.length)], regions[random.nextInt(regions.length)],
                    countries[random.nextInt(countries.length)], admissions));
        }
        attendance = spark.createDataFrame(rows, Staged.ATTENDANCE).cache();
        for (YearMonth m : MONTHS) {
            RELATIONAL.put(m, LegacyAttendanceMetrics.compute(attendance, events, List.of(F, G, H), m));
        }
    }

    static List<MetricValue> relational(String fid, YearMonth m, boolean breakdowns) {
        return RELATIONAL.get(m).stream().filter(v -> v.festivalId().equals(fid) && (breakdowns || v.isHeadline()))
                .toList();
    }

    @Test
    void partsSentAsBytesAreThePartsTheyWere() {
        List<AttendanceTally.Part> parts = List.of(
                new AttendanceTally.Part(0, 1, "", new int[] {0, 5, 63}, new long[] {1, 2, Long.MAX_VALUE}),
                new AttendanceTally.Part(1, 4, "湖北", new int[0], new long[0]),
                new AttendanceTally.Part(2, 3, null, new int[] {7}, new long[] {-3}));
        List<AttendanceTally.Part> back = AttendanceTally.decode(AttendanceTally.encode(parts));
        assertEquals(parts.size(), back.size());
        for (int i = 0; i < parts.size(); i++) {
            assertEquals(parts.get(i).festival(), back.get(i).festival());
            assertEquals(parts.get(i).dimension(), back.get(i).dimension());
            assertEquals(parts.get(i).member(), back.get(i).member());
            assertArrayEquals(parts.get(i).at(), back.get(i).at());
            assertArrayEquals(parts.get(i).values(), back.get(i).values());
        }
    }

    @Test
    void everyMonthEqualsTheRelationalComputation() {
        List<MetricRequest> requests = new ArrayList<>();
        for (YearMonth m : MONTHS) {
            for (String fid : List.of(F, G, H)) {
                requests.add(new MetricRequest(fid, m, true));
            }
        }
        Map<MetricRequest, List<MetricValue>> onePass = AttendanceMetrics.compute(attendance, events, requests);
        assertEquals(requests.size(), onePass.size());
        for (YearMonth m : MONTHS) {
            List<MetricValue> expected = RELATIONAL.get(m);
            List<MetricValue> actual = new ArrayList<>();
            for (String fid : List.of(F, G, H)) {
                actual.addAll(onePass.get(new MetricRequest(fid, m, true)));
            }
            assertTrue(expected.size() > 200, "the random rows give breakdowns");
            assertSameValues(expected, MetricSupport.sorted(actual), "month " + m);
        }
    }

    @Test
    void headlineRequestsEqualTheRelationalHeadlines() {
        // months out of order, one festival with breakdowns for one month only
        List<MetricRequest> requests = List.of(new MetricRequest(G, MONTHS.get(2), false),
                new MetricRequest(F, MONTHS.get(3), false), new MetricRequest(F, MONTHS.get(0), false),
                new MetricRequest(F, MONTHS.get(1), true), new MetricRequest(F, MONTHS.get(1), false));
        Map<MetricRequest, List<MetricValue>> onePass = AttendanceMetrics.compute(attendance, events, requests);
        for (MetricRequest r : requests) {
            assertSameValues(relational(r.festivalId(), r.period(), r.breakdowns()), onePass.get(r), r.toString());
        }
    }

    @Test
    void emptyDataAndNoRequests() {
        Dataset<Row> none = attendance.limit(0);
        MetricRequest r = new MetricRequest(F, MONTHS.get(0), true);
        assertSameValues(LegacyAttendanceMetrics.compute(none, events, List.of(F), MONTHS.get(0)),
                AttendanceMetrics.compute(none, events, List.of(r)).get(r), "no rows");
        assertEquals(Map.of(), AttendanceMetrics.compute(attendance, events, List.of()));
    }

    @Test
    void aWalkThatSpillsCountsAsOneThatDoesNot() {
        List<MetricRequest> requests = new ArrayList<>();
        for (YearMonth m : MONTHS) {
            requests.add(new MetricRequest(F, m, true));
            requests.add(new MetricRequest(G, m, false));
        }
        AttendancePlan plan = AttendancePlan.of(requests, Map.of());
        // the walk's input, every row in one partition
        List<InternalRow> rows = AttendanceMetrics.walkOrder(attendance, plan).queryExecution().toRdd().toJavaRDD()
                .map(InternalRow::copy).collect();
        List<String> inMemory = parts(AttendanceTally.walk(plan, rows.iterator(), Integer.MAX_VALUE));
        List<String> spilled = parts(AttendanceTally.walk(plan, rows.iterator(), 50));
        assertTrue(rows.size() > 1000, "enough rows to spill many times");
        assertEquals(inMemory, spilled);
    }

    @Test
    void factsGiveTheRelationalValues(@TempDir Path dir) throws IOException {
        AttendanceFacts facts = facts(dir, 3);
        List<MetricRequest> requests = new ArrayList<>();
        for (YearMonth m : MONTHS) {
            for (String fid : List.of(F, G, H)) {
                requests.add(new MetricRequest(fid, m, !fid.equals(G)));
            }
        }
        Map<MetricRequest, List<MetricValue>> fromFacts = AttendanceMetrics.compute(attendance, facts, events,
                requests);
        assertEquals(requests.size(), fromFacts.size());
        for (MetricRequest r : requests) {
            assertSameValues(relational(r.festivalId(), r.period(), r.breakdowns()), fromFacts.get(r), r.toString());
        }
    }

    @Test
    void factsGiveTheWalkTheRowsOfTheStore(@TempDir Path dir) throws IOException {
        AttendanceFacts facts = facts(dir, 2);
        List<MetricRequest> requests = new ArrayList<>();
        for (YearMonth m : MONTHS.subList(0, 3)) {
            requests.add(new MetricRequest(F, m, true));
            requests.add(new MetricRequest(G, m, false));
        }
        AttendancePlan plan = AttendancePlan.of(requests, Map.of());
        List<InternalRow> rows = AttendanceMetrics.walkOrder(attendance, plan).queryExecution().toRdd().toJavaRDD()
                .map(InternalRow::copy).collect();
        List<String> fromStore = sorted(parts(AttendanceTally.walk(plan, rows.iterator(), Integer.MAX_VALUE)));
        // every section at once, and the sections in three ranges whose parts add up
        List<String> fromFacts = sorted(parts(AttendanceTally.walk(plan,
                new FactRows(plan, facts.files(), facts.setAside(), 0, AttendanceFacts.BUCKETS),
                Integer.MAX_VALUE)));
        assertEquals(fromStore, fromFacts);
        List<List<AttendanceTally.Part>> ranges = new ArrayList<>();
        int[] cuts = {0, 1, 40, AttendanceFacts.BUCKETS};
        for (int i = 0; i + 1 < cuts.length; i++) {
            ranges.add(AttendanceTally.walk(plan, new FactRows(plan, facts.files(), facts.setAside(), cuts[i],
                    cuts[i + 1]), 7));
        }
        Map<Integer, List<AttendanceTally.Totals>> merged = AttendanceTally.merge(plan, ranges);
        Map<Integer, List<AttendanceTally.Totals>> whole = AttendanceTally.merge(plan,
                List.of(AttendanceTally.walk(plan, rows.iterator(), Integer.MAX_VALUE)));
        assertEquals(totals(whole), totals(merged));
    }

    @Test
    void rowsSetAsideAfterTheParseAreNotCounted(@TempDir Path dir) throws IOException {
        AttendanceFacts all = facts(dir, 2);
        // every fifth row (record number = its position; file = position mod 2) set aside
        List<long[]> setAside = new ArrayList<>();
        for (int file = 0; file < 2; file++) {
            List<Long> records = new ArrayList<>();
            for (long r = file; r < all.rows(); r += 2) {
                if (r % 5 == 0) {
                    records.add(r);
                }
            }
            setAside.add(records.stream().mapToLong(Long::longValue).toArray());
        }
        AttendanceFacts facts = new AttendanceFacts(all.files(), setAside, all.rows());
        List<Row> rows = attendance.collectAsList();
        List<Row> kept = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (i % 5 != 0) {
                kept.add(rows.get(i));
            }
        }
        Dataset<Row> keptRows = SparkTestSession.get().createDataFrame(kept, Staged.ATTENDANCE);
        List<MetricRequest> requests = new ArrayList<>();
        for (YearMonth m : MONTHS) {
            requests.add(new MetricRequest(F, m, true));
            requests.add(new MetricRequest(G, m, true));
        }
        Map<MetricRequest, List<MetricValue>> expected = AttendanceMetrics.compute(keptRows, events, requests);
        Map<MetricRequest, List<MetricValue>> actual = AttendanceMetrics.compute(attendance, facts, events, requests);
        for (MetricRequest r : requests) {
            assertSameValues(expected.get(r), actual.get(r), r.toString());
        }
        assertTrue(!expected.equals(AttendanceMetrics.compute(attendance, events, requests)),
                "setting rows aside changes the values");
    }

    @Test
    void aDamagedFactsFileIsAnErrorThatNamesIt(@TempDir Path dir) throws IOException {
        AttendanceFacts facts = facts(dir, 1);
        Path file = Path.of(facts.files().get(0));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 9));
        AttendancePlan plan = AttendancePlan.of(List.of(new MetricRequest(F, MONTHS.get(0), true)), Map.of());
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> new FactRows(plan, facts.files(), facts.setAside(), 0, AttendanceFacts.BUCKETS).hasNext());
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("damaged"), e.getMessage());
    }

    /** The test rows written as attendance facts, dealt round-robin into {@code files} files. */
    static AttendanceFacts facts(Path dir, int files) throws IOException {
        List<AttendanceFacts.Writer> writers = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            writers.add(new AttendanceFacts.Writer());
        }
        List<Row> rows = attendance.collectAsList();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            Object[] values = new Object[row.size()];
            for (int c = 0; c < values.length; c++) {
                values[c] = row.get(c);
            }
            writers.get(i % files).add(values, i);
        }
        List<String> paths = new ArrayList<>();
        long count = 0;
        for (int i = 0; i < files; i++) {
            Path file = dir.resolve("_facts-" + i + ".bin");
            writers.get(i).write(file);
            paths.add(file.toString());
            count += AttendanceFacts.rows(file);
        }
        assertEquals(rows.size(), count);
        return new AttendanceFacts(paths, paths.stream().map(p -> new long[0]).toList(), count);
    }

    private static List<String> sorted(List<String> parts) {
        List<String> copy = new ArrayList<>(parts);
        copy.sort(null);
        return copy;
    }

    private static Map<String, String> totals(Map<Integer, List<AttendanceTally.Totals>> byFestival) {
        Map<String, String> out = new java.util.TreeMap<>();
        byFestival.values().forEach(list -> list.forEach(t -> out.put(t.festival() + "|" + t.dimension() + "|"
                + t.member(), Arrays.toString(t.counts()))));
        return out;
    }

    private static List<String> parts(List<AttendanceTally.Part> parts) {
        return parts.stream().map(p -> p.festival() + "|" + p.dimension() + "|" + p.member() + "|"
                + Arrays.toString(p.at()) + "|" + Arrays.toString(p.values())).toList();
    }

    /** Equal lists, reporting only the values that differ (the lists are long). */
    static void assertSameValues(List<MetricValue> expected, List<MetricValue> actual, String what) {
        List<MetricValue> missing = new ArrayList<>(expected);
        missing.removeAll(actual);
        List<MetricValue> unexpected = new ArrayList<>(actual);
        unexpected.removeAll(expected);
        assertTrue(missing.isEmpty() && unexpected.isEmpty(), what + ": missing " + head(missing) + ", unexpected "
                + head(unexpected));
        assertEquals(expected, actual, what + ": order");
    }

    static String head(List<MetricValue> values) {
        return values.size() + " " + values.subList(0, Math.min(5, values.size()));
    }
}
