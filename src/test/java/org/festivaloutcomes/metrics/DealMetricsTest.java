package org.festivaloutcomes.metrics;

import static org.festivaloutcomes.metrics.MetricAssert.assertAllHeadlines;
import static org.festivaloutcomes.metrics.MetricAssert.assertCount;
import static org.festivaloutcomes.metrics.MetricAssert.assertDecimal;
import static org.festivaloutcomes.metrics.MetricAssert.assertEmpty;
import static org.festivaloutcomes.metrics.MetricAssert.assertRatio;
import static org.festivaloutcomes.metrics.MetricAssert.headline;
import static org.festivaloutcomes.metrics.MetricAssert.member;
import static org.festivaloutcomes.metrics.MetricAssert.members;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.festivaloutcomes.SparkTestSession;
import org.festivaloutcomes.ingest.DealFacts;
import org.festivaloutcomes.ingest.Staged;
import org.festivaloutcomes.report.DealLine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DealMetricsTest {

    static final String F = "F-2023";
    static final String G = "G-2023";
    static final YearMonth MAY = YearMonth.of(2023, 5);
    static final Scope M = Scope.MONTH;
    static final Scope T = Scope.TO_DATE;
    static final String NONE = "(none)";

    static Dataset<Row> deals;
    static Dataset<Row> enterprises;
    static List<MetricValue> values;

    static Row deal(String id, String fid, String event, String enterprise, String type, String industry,
            String amount, String signedOn, String status, String statusDate, boolean key, String funds) {
        BigDecimal a = new BigDecimal(amount);
        BigDecimal f = funds == null ? null : new BigDecimal(funds);
        return RowFactory.create(id, fid, event, enterprise, "project " + id, "counterparty " + id, type, industry,
                a, "yuan", "CNY", LocalDate.parse(signedOn), status, LocalDate.parse(statusDate), key, f, a, f);
    }

    static Row enterprise(String id, String fid, String name, String region) {
        return RowFactory.create(id, fid, name, "enterprise", "main_exhibitor", region, "CN", null, null, null,
                null, null, null);
    }

    @BeforeAll
    static void compute() {
        SparkSession spark = SparkTestSession.get();
        enterprises = spark.createDataFrame(List.of(
                enterprise("A", F, "Alpha", "Shanghai"),
                enterprise("B", F, "Beta", null),
                enterprise("A", "X-2023", "Alpha elsewhere", "Elsewhere")), Staged.ENTERPRISES);
        deals = spark.createDataFrame(List.of(
                // D1: signed in May, started on 30 May; completed in June is after D and ignored
                deal("D1", F, "E1", "A", "investment", "AI", "100", "2023-05-17", "signed", "2023-05-17", true, null),
                deal("D1", F, "E1", "A", "investment", "AI", "120", "2023-05-17", "started", "2023-05-30", true, "30"),
                deal("D1", F, "E1", "A", "investment", "AI", "150", "2023-05-17", "completed", "2023-06-15", true,
                        "150"),
                // D2: registered in April (to_date only), enterprise without region, no event, no industry
                deal("D2", F, null, "B", "procurement", null, "50", "2023-04-20", "registered", "2023-04-20", false,
                        null),
                // D3: intended in May
                deal("D3", F, "E1", null, null, "AI", "70", "2023-05-18", "intended", "2023-05-18", false, null),
                // D4: signed then cancelled in May
                deal("D4", F, null, "A", "cooperation", "AI", "50", "2023-05-02", "signed", "2023-05-02", false,
                        null),
                deal("D4", F, null, "A", "cooperation", "AI", "50", "2023-05-02", "cancelled", "2023-05-20", false,
                        null),
                // D5: only rows after D: out of scope
                deal("D5", F, "E1", "A", "investment", "AI", "999", "2023-06-03", "signed", "2023-06-03", true,
                        "999"),
                // D6: signed in May, cancelled in June (ignored)
                deal("D6", F, null, "A", "investment", "Robotics", "80", "2023-05-10", "signed", "2023-05-10", false,
                        null),
                deal("D6", F, null, "A", "investment", "Robotics", "80", "2023-05-10", "cancelled", "2023-06-10",
                        false, null),
                // D7: letter of intent in March, agreement signed in May: month scope by the state row's signed_on
                deal("D7", F, null, null, "sales", "AI", "10", "2023-03-01", "intended", "2023-03-01", false, null),
                deal("D7", F, null, null, "sales", "AI", "40", "2023-05-05", "signed", "2023-05-05", false, null),
                // other festival, not reported
                deal("D1", "X-2023", null, "A", "investment", "AI", "1000", "2023-05-17", "signed", "2023-05-17",
                        true, null)),
                Staged.DEALS);
        values = DealMetrics.compute(deals, enterprises, List.of(F, G), MAY);
    }

    /**
     * Given deal states, expect the started count of each scope: started, producing and completed count, in the
     * state as of the last day of May; month by the state row's signed_on.
     */
    @Test
    void startedCountsOfTheFollowUp() {
        SparkSession spark = SparkTestSession.get();
        Dataset<Row> given = spark.createDataFrame(List.of(
                // signed in May, started in May: month and to_date
                deal("S1", F, null, null, "investment", "AI", "10", "2023-05-02", "started", "2023-05-20", false,
                        null),
                // signed in April, producing in May: to_date only
                deal("S2", F, null, null, "investment", "AI", "10", "2023-04-02", "producing", "2023-05-03", false,
                        null),
                // completed in April
                deal("S3", F, null, null, "investment", "AI", "10", "2023-03-02", "completed", "2023-04-30", false,
                        null),
                // signed in May, completed only in June: as of May it is signed, not started
                deal("S4", F, null, null, "investment", "AI", "10", "2023-05-04", "signed", "2023-05-04", false,
                        null),
                deal("S4", F, null, null, "investment", "AI", "10", "2023-05-04", "completed", "2023-06-01", false,
                        null),
                // started, then cancelled in May; registered (landed, not started); intended
                deal("S5", F, null, null, "investment", "AI", "10", "2023-05-05", "started", "2023-05-06", false,
                        null),
                deal("S5", F, null, null, "investment", "AI", "10", "2023-05-05", "cancelled", "2023-05-30", false,
                        null),
                deal("S6", F, null, null, "investment", "AI", "10", "2023-05-06", "registered", "2023-05-06", false,
                        null),
                deal("S7", F, null, null, "investment", "AI", "10", "2023-05-07", "intended", "2023-05-07", false,
                        null),
                // signed in June: out of scope
                deal("S8", F, null, null, "investment", "AI", "10", "2023-06-02", "started", "2023-06-02", false,
                        null)), Staged.DEALS);
        Map<String, Map<Scope, Long>> started = DealMetrics.startedCounts(given, enterprises, List.of(F, G), MAY);
        assertEquals(Map.of(M, 1L, T, 3L), started.get(F));
        // an edition without deals has 0 in both scopes
        assertEquals(Map.of(M, 0L, T, 0L), started.get(G));
        // the count is the numerator of the contract's rate on the same data
        List<MetricValue> rates = DealMetrics.compute(given, enterprises, List.of(F), MAY);
        assertRatio(3, 5, headline(rates, F, T, Metric.DEALS_STARTED_RATE));
        assertRatio(1, 3, headline(rates, F, M, Metric.DEALS_STARTED_RATE));
    }

    @Test
    void everyHeadlineForEveryFestivalAndScope() {
        assertAllHeadlines(values, MetricFamily.DEALS, List.of(F, G));
    }

    @Test
    void monthScopeByStateRowSignedOn() {
        // D1 (started, 120), D6 (signed, 80), D7 (signed, 40)
        assertCount(3, headline(values, F, M, Metric.DEALS_SIGNED_COUNT));
        assertDecimal("240", headline(values, F, M, Metric.DEALS_SIGNED_VALUE));
        assertDecimal("80", headline(values, F, M, Metric.DEALS_AVERAGE_SIGNED_VALUE));
        assertCount(1, headline(values, F, M, Metric.DEALS_KEY_PROJECTS_SIGNED));
        assertCount(1, headline(values, F, M, Metric.DEALS_INTENDED_COUNT));
        assertDecimal("70", headline(values, F, M, Metric.DEALS_INTENDED_VALUE));
        assertCount(1, headline(values, F, M, Metric.DEALS_CANCELLED_COUNT));
        assertCount(1, headline(values, F, M, Metric.DEALS_LANDED_COUNT));
        assertRatio(1, 3, headline(values, F, M, Metric.DEALS_LANDING_RATE));
        assertRatio(1, 3, headline(values, F, M, Metric.DEALS_STARTED_RATE));
        assertDecimal("30", headline(values, F, M, Metric.DEALS_FUNDS_IN_PLACE));
        assertDecimal("0.125", headline(values, F, M, Metric.DEALS_FUNDS_IN_PLACE_RATE));
    }

    @Test
    void toDateScopeTakesStatesAsOfTheLastDay() {
        assertCount(4, headline(values, F, T, Metric.DEALS_SIGNED_COUNT));
        assertDecimal("290", headline(values, F, T, Metric.DEALS_SIGNED_VALUE));
        assertDecimal("72.5", headline(values, F, T, Metric.DEALS_AVERAGE_SIGNED_VALUE));
        assertCount(1, headline(values, F, T, Metric.DEALS_KEY_PROJECTS_SIGNED));
        assertCount(1, headline(values, F, T, Metric.DEALS_INTENDED_COUNT));
        assertDecimal("70", headline(values, F, T, Metric.DEALS_INTENDED_VALUE));
        assertCount(1, headline(values, F, T, Metric.DEALS_CANCELLED_COUNT));
        assertCount(2, headline(values, F, T, Metric.DEALS_LANDED_COUNT));
        assertRatio(2, 4, headline(values, F, T, Metric.DEALS_LANDING_RATE));
        assertRatio(1, 4, headline(values, F, T, Metric.DEALS_STARTED_RATE));
        assertDecimal("30", headline(values, F, T, Metric.DEALS_FUNDS_IN_PLACE));
        assertEquals(0, new BigDecimal(30).divide(new BigDecimal(290), java.math.MathContext.DECIMAL128)
                .compareTo((BigDecimal) headline(values, F, T, Metric.DEALS_FUNDS_IN_PLACE_RATE)));
    }

    @Test
    void zeroDenominatorsAreEmpty() {
        for (Scope s : List.of(M, T)) {
            assertCount(0, headline(values, G, s, Metric.DEALS_SIGNED_COUNT));
            assertDecimal("0", headline(values, G, s, Metric.DEALS_SIGNED_VALUE));
            assertDecimal("0", headline(values, G, s, Metric.DEALS_INTENDED_VALUE));
            assertDecimal("0", headline(values, G, s, Metric.DEALS_FUNDS_IN_PLACE));
            assertEmpty(headline(values, G, s, Metric.DEALS_AVERAGE_SIGNED_VALUE));
            assertEmpty(headline(values, G, s, Metric.DEALS_LANDING_RATE));
            assertEmpty(headline(values, G, s, Metric.DEALS_STARTED_RATE));
            assertEmpty(headline(values, G, s, Metric.DEALS_FUNDS_IN_PLACE_RATE));
        }
    }

    @Test
    void breakdownsOnlyOfSignedDeals() {
        assertEquals(Set.of("AI", "Robotics"), members(values, F, M, Metric.DEALS_SIGNED_COUNT, "industry"));
        assertCount(2, member(values, F, M, Metric.DEALS_SIGNED_COUNT, "industry", "AI"));
        assertDecimal("160", member(values, F, M, Metric.DEALS_SIGNED_VALUE, "industry", "AI"));
        assertEquals(Set.of("investment", "sales"), members(values, F, M, Metric.DEALS_SIGNED_VALUE, "deal_type"));
        assertDecimal("200", member(values, F, M, Metric.DEALS_SIGNED_VALUE, "deal_type", "investment"));
        assertEquals(Set.of("E1", NONE), members(values, F, M, Metric.DEALS_SIGNED_COUNT, "event"));
        assertCount(2, member(values, F, M, Metric.DEALS_SIGNED_COUNT, "event", NONE));
        assertDecimal("120", member(values, F, M, Metric.DEALS_SIGNED_VALUE, "event", "E1"));
        assertEquals(Set.of("2023-05"), members(values, F, M, Metric.DEALS_SIGNED_COUNT, "signed_month"));
        assertCount(3, member(values, F, M, Metric.DEALS_SIGNED_COUNT, "signed_month", "2023-05"));
        assertDecimal("200", member(values, F, M, Metric.DEALS_SIGNED_VALUE, "enterprise_region", "Shanghai"));
        assertDecimal("40", member(values, F, M, Metric.DEALS_SIGNED_VALUE, "enterprise_region", NONE));
    }

    @Test
    void toDateBreakdowns() {
        assertEquals(Set.of("AI", "Robotics", NONE), members(values, F, T, Metric.DEALS_SIGNED_COUNT, "industry"));
        assertDecimal("50", member(values, F, T, Metric.DEALS_SIGNED_VALUE, "industry", NONE));
        assertEquals(Set.of("investment", "sales", "procurement"),
                members(values, F, T, Metric.DEALS_SIGNED_COUNT, "deal_type"));
        assertCount(3, member(values, F, T, Metric.DEALS_SIGNED_COUNT, "event", NONE));
        assertDecimal("170", member(values, F, T, Metric.DEALS_SIGNED_VALUE, "event", NONE));
        assertEquals(Set.of("2023-04", "2023-05"), members(values, F, T, Metric.DEALS_SIGNED_COUNT, "signed_month"));
        assertDecimal("50", member(values, F, T, Metric.DEALS_SIGNED_VALUE, "signed_month", "2023-04"));
        // D2's enterprise has no region, D7 has no enterprise
        assertCount(2, member(values, F, T, Metric.DEALS_SIGNED_COUNT, "enterprise_region", NONE));
        assertDecimal("90", member(values, F, T, Metric.DEALS_SIGNED_VALUE, "enterprise_region", NONE));
        assertEquals(Set.of("Shanghai", NONE), members(values, F, T, Metric.DEALS_SIGNED_COUNT, "enterprise_region"));
    }

    @Test
    void topDealsInTheirState() {
        List<DealLine> top = DealMetrics.topDeals(deals, enterprises, F, MAY, 10);
        assertEquals(List.of("D1", "D6", "D3", "D2", "D4", "D7"), top.stream().map(DealLine::dealId).toList());
        DealLine d1 = top.get(0);
        assertEquals("Alpha", d1.enterpriseName());
        assertEquals("started", d1.status());
        assertEquals(LocalDate.of(2023, 5, 30), d1.statusDate());
        assertEquals(LocalDate.of(2023, 5, 17), d1.signedOn());
        assertDecimal("120", d1.amountCny());
        assertDecimal("30", d1.fundsInPlaceCny());
        assertTrue(d1.keyProject());
        DealLine d3 = top.get(2);
        assertNull(d3.enterpriseName());
        assertDecimal("0", d3.fundsInPlaceCny());
        assertFalse(d3.keyProject());
        assertEquals("cancelled", top.get(4).status());
        assertEquals(List.of("D1", "D6"),
                DealMetrics.topDeals(deals, enterprises, F, MAY, 2).stream().map(DealLine::dealId).toList());
        assertTrue(DealMetrics.topDeals(deals, enterprises, G, MAY, 5).isEmpty());
    }

    @Test
    void severalMonthsInOneCallEqualOneCallPerMonth() {
        YearMonth april = YearMonth.of(2023, 4);
        YearMonth june = YearMonth.of(2023, 6);
        List<MetricRequest> requests = List.of(new MetricRequest(F, MAY, true), new MetricRequest(F, april, false),
                new MetricRequest(F, june, false), new MetricRequest(G, june, true));
        DealMetrics.Results all = DealMetrics.compute(deals, enterprises, requests, 3);
        assertEquals(values.stream().filter(v -> v.festivalId().equals(F)).toList(),
                all.values().get(requests.get(0)));
        // headline-only requests: the headlines of a one-month call, no breakdowns
        for (MetricRequest headlinesOnly : List.of(requests.get(1), requests.get(2))) {
            assertEquals(DealMetrics.compute(deals, enterprises, List.of(F), headlinesOnly.period()).stream()
                    .filter(MetricValue::isHeadline).toList(), all.values().get(headlinesOnly));
        }
        // as of 30 June D1 is completed (150, funds 150), D5 signed (999), D6 cancelled
        List<MetricValue> june30 = all.values().get(requests.get(2));
        assertCount(4, headline(june30, F, T, Metric.DEALS_SIGNED_COUNT));
        assertDecimal("1239", headline(june30, F, T, Metric.DEALS_SIGNED_VALUE));
        assertCount(2, headline(june30, F, T, Metric.DEALS_CANCELLED_COUNT));
        // as of 30 April only D2 (registered) and D7 (intended) exist
        List<MetricValue> april30 = all.values().get(requests.get(1));
        assertCount(1, headline(april30, F, T, Metric.DEALS_SIGNED_COUNT));
        assertCount(1, headline(april30, F, T, Metric.DEALS_INTENDED_COUNT));
        assertDecimal("10", headline(april30, F, T, Metric.DEALS_INTENDED_VALUE));
        // top deals only for requests with breakdowns, each in its own state
        assertEquals(Set.of(requests.get(0), requests.get(3)), all.topDeals().keySet());
        assertEquals(List.of("D1", "D6", "D3"), all.topDeals().get(requests.get(0)).stream()
                .map(DealLine::dealId).toList());
        assertTrue(all.topDeals().get(requests.get(3)).isEmpty());
    }

    @Test
    void factsGiveTheResultsOfTheStoreRows(@TempDir Path dir) throws IOException {
        List<MetricRequest> requests = List.of(new MetricRequest(F, MAY, true),
                new MetricRequest(F, YearMonth.of(2023, 4), false), new MetricRequest(F, YearMonth.of(2023, 6), true),
                new MetricRequest(G, YearMonth.of(2023, 6), true));
        List<Row> rows = deals.collectAsList();
        // every row, then the rows left when some are set aside after the parse (D6's cancellation, D7's
        // letter of intent)
        for (Set<Integer> setAside : List.of(Set.<Integer>of(), Set.of(9, 10))) {
            DealFacts facts = facts(dir.resolve("set-aside-" + setAside.size()), rows, setAside);
            List<Row> kept = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (!setAside.contains(i)) {
                    kept.add(rows.get(i));
                }
            }
            Dataset<Row> stored = SparkTestSession.get().createDataFrame(kept, Staged.DEALS);
            DealMetrics.Results expected = DealMetrics.compute(stored, enterprises, requests, 3);
            DealMetrics.Results actual = DealMetrics.compute(deals, facts, enterprises, requests, 3);
            assertEquals(expected.values(), actual.values(), "set aside " + setAside);
            assertEquals(expected.started(), actual.started(), "set aside " + setAside);
            assertEquals(expected.topDeals(), actual.topDeals(), "set aside " + setAside);
        }
        assertNotEquals(DealMetrics.compute(deals, enterprises, requests, 3).values(),
                DealMetrics.compute(deals, facts(dir.resolve("again"), rows, Set.of(9, 10)), enterprises, requests, 3)
                        .values(), "setting rows aside changes the values");
    }

    /** The rows as deal facts in two files (record number = position), some of them set aside. */
    private static DealFacts facts(Path dir, List<Row> rows, Set<Integer> setAside) throws IOException {
        Files.createDirectories(dir);
        DealFacts.Writer[] writers = {new DealFacts.Writer(), new DealFacts.Writer()};
        List<List<Long>> skipped = List.of(new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < rows.size(); i++) {
            Object[] values = new Object[rows.get(i).size()];
            for (int c = 0; c < values.length; c++) {
                values[c] = rows.get(i).get(c);
            }
            writers[i % 2].add(values, i);
            if (setAside.contains(i)) {
                skipped.get(i % 2).add((long) i);
            }
        }
        List<String> files = new ArrayList<>();
        for (int f = 0; f < 2; f++) {
            Path file = dir.resolve("_facts-" + f + ".bin");
            writers[f].write(file);
            files.add(file.toString());
        }
        return new DealFacts(files, skipped.stream().map(l -> l.stream().mapToLong(Long::longValue).toArray())
                .toList(), rows.size());
    }
}
