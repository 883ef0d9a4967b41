package org.festivaloutcomes.metrics;

import static org.festivaloutcomes.metrics.MetricAssert.assertAllHeadlines;
import static org.festivaloutcomes.metrics.MetricAssert.assertCount;
import static org.festivaloutcomes.metrics.MetricAssert.headline;
import static org.festivaloutcomes.metrics.MetricAssert.member;
import static org.festivaloutcomes.metrics.MetricAssert.members;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.YearMonth;
import java.util.List;
import java.util.Set;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.festivaloutcomes.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EventMetricsTest {

    static final String F = AttendanceMetricsTest.F;
    static final String G = AttendanceMetricsTest.G;
    static final Scope M = Scope.MONTH;
    static final Scope T = Scope.TO_DATE;
    static final String NONE = "(none)";

    static List<MetricValue> values;

    @BeforeAll
    static void compute() {
        // E1 17 May, E2 18 May (online), E3 30 April, E4 2 June (after D); X1 of another festival
        Dataset<Row> events = AttendanceMetricsTest.events(SparkTestSession.get());
        values = EventMetrics.compute(events, List.of(F, G), YearMonth.of(2023, 5));
    }

    @Test
    void everyHeadlineForEveryFestivalAndScope() {
        assertAllHeadlines(values, MetricFamily.EVENTS, List.of(F, G));
    }

    @Test
    void heldByStartDay() {
        assertCount(2, headline(values, F, M, Metric.EVENTS_HELD));
        assertCount(3, headline(values, F, T, Metric.EVENTS_HELD));
        assertCount(0, headline(values, G, M, Metric.EVENTS_HELD));
        assertCount(0, headline(values, G, T, Metric.EVENTS_HELD));
    }

    @Test
    void breakdowns() {
        assertEquals(Set.of("keynote_forum", "live_broadcast"), members(values, F, M, Metric.EVENTS_HELD, "event_type"));
        assertCount(2, member(values, F, M, Metric.EVENTS_HELD, "district", "Huangpu"));
        assertCount(1, member(values, F, M, Metric.EVENTS_HELD, "section", "New Trends"));
        assertCount(1, member(values, F, M, Metric.EVENTS_HELD, "section", NONE));
        assertCount(1, member(values, F, M, Metric.EVENTS_HELD, "channel", "online"));
        assertCount(1, member(values, F, M, Metric.EVENTS_HELD, "channel", "onsite"));
        assertEquals(Set.of("keynote_forum", "live_broadcast", "exhibition"),
                members(values, F, T, Metric.EVENTS_HELD, "event_type"));
        assertCount(2, member(values, F, T, Metric.EVENTS_HELD, "section", NONE));
        assertCount(1, member(values, F, T, Metric.EVENTS_HELD, "district", "Xuhui"));
        assertCount(2, member(values, F, T, Metric.EVENTS_HELD, "channel", "onsite"));
        assertEquals(Set.of("Huangpu", "Xuhui"), members(values, F, T, Metric.EVENTS_HELD, "district"));
    }

    @Test
    void severalMonthsInOneCallEqualOneCallPerMonth() {
        Dataset<Row> events = AttendanceMetricsTest.events(SparkTestSession.get());
        MetricRequest may = new MetricRequest(F, YearMonth.of(2023, 5), true);
        MetricRequest june = new MetricRequest(F, YearMonth.of(2023, 6), false);
        MetricRequest april = new MetricRequest(F, YearMonth.of(2023, 4), true);
        java.util.Map<MetricRequest, List<MetricValue>> all = EventMetrics.compute(events, List.of(may, june, april));
        assertEquals(values.stream().filter(v -> v.festivalId().equals(F)).toList(), all.get(may));
        assertEquals(EventMetrics.compute(events, List.of(F), april.period()), all.get(april));
        // headlines only: E4 on 2 June is the month's one event, four to date
        assertEquals(2, all.get(june).size());
        assertCount(1, headline(all.get(june), F, M, Metric.EVENTS_HELD));
        assertCount(4, headline(all.get(june), F, T, Metric.EVENTS_HELD));
    }

    /** A run's events on the driver give the values of the same rows as a Dataset (no Spark query). */
    @Test
    void rowsOnTheDriverGiveTheDatasetsValues() {
        Dataset<Row> events = AttendanceMetricsTest.events(SparkTestSession.get());
        List<MetricRequest> requests = List.of(new MetricRequest(F, YearMonth.of(2023, 5), true),
                new MetricRequest(G, YearMonth.of(2023, 5), true), new MetricRequest(F, YearMonth.of(2023, 6), false));
        SmallTable onDriver = SmallTable.of(events.collectAsList(), events.schema());
        assertEquals(EventMetrics.compute(events, requests), EventMetrics.compute(onDriver, requests));
    }
}
