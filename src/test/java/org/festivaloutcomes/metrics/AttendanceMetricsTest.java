package org.festivaloutcomes.metrics;

import static org.festivaloutcomes.metrics.MetricAssert.assertAllHeadlines;
import static org.festivaloutcomes.metrics.MetricAssert.assertCount;
import static org.festivaloutcomes.metrics.MetricAssert.assertEmpty;
import static org.festivaloutcomes.metrics.MetricAssert.assertRatio;
import static org.festivaloutcomes.metrics.MetricAssert.headline;
import static org.festivaloutcomes.metrics.MetricAssert.member;
import static org.festivaloutcomes.metrics.MetricAssert.members;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.festivaloutcomes.SparkTestSession;
import org.festivaloutcomes.ingest.Staged;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AttendanceMetricsTest {

    static final String F = "F-2023";
    static final String G = "G-2023";
    static final YearMonth MAY = YearMonth.of(2023, 5);
    static final Scope M = Scope.MONTH;
    static final Scope T = Scope.TO_DATE;
    static final String GA = "(general admission)";
    static final String NONE = "(none)";

    static List<MetricValue> values;
    static Dataset<Row> attendance;

    static Dataset<Row> events(SparkSession spark) {
        return spark.createDataFrame(List.of(
                event("E1", F, "keynote_forum", "New Trends", null, "Huangpu", "onsite", "2023-05-17T09:00"),
                event("E2", F, "live_broadcast", null, null, "Huangpu", "online", "2023-05-18T00:00"),
                event("E3", F, "exhibition", null, "Hall 1", "Xuhui", "onsite", "2023-04-30T10:00"),
                event("E4", F, "seminar", "New Markets", "Hall 2", null, "onsite", "2023-06-02T10:00"),
                event("X1", "X-2023", "seminar", null, null, null, "onsite", "2023-05-10T10:00")),
                Staged.EVENTS);
    }

    static Row event(String id, String fid, String type, String section, String pavilion, String district,
            String channel, String startsAt) {
        return RowFactory.create(id, fid, "name " + id, type, section, pavilion, district, channel,
                LocalDateTime.parse(startsAt), null);
    }

    static Row att(String fid, String event, Long key, String at, String channel, String type, String region,
            String country, long admissions) {
        LocalDateTime t = LocalDateTime.parse(at);
        return RowFactory.create(fid, event, key, t, t.toLocalDate(), channel, type, region, country, admissions);
    }

    @BeforeAll
    static void compute() {
        SparkSession spark = SparkTestSession.get();
        attendance = spark.createDataFrame(List.of(
                // before the month: to_date only
                att(F, null, 1L, "2023-04-30T10:00", "onsite", "trade", "Shanghai", "CN", 1),
                att(F, "E3", 6L, "2023-04-30T11:00", "onsite", "media", "Jiangsu", "CN", 1),
                // 17 May: visitor 1 re-enters (general admission, then E1), visitor 2, 100 anonymous, staff
                att(F, null, 1L, "2023-05-17T09:00", "onsite", "trade", "Shanghai", "CN", 1),
                att(F, "E1", 1L, "2023-05-17T13:00", "onsite", "trade", "Shanghai", "CN", 1),
                att(F, null, 2L, "2023-05-17T10:00", "onsite", "public", null, "US", 1),
                att(F, null, null, "2023-05-17T10:00", "onsite", "public", null, null, 100),
                att(F, null, 3L, "2023-05-17T08:00", "onsite", "exhibitor_staff", "Shanghai", "CN", 1),
                att(F, null, null, "2023-05-17T08:00", "onsite", "organizer_staff", null, null, 5),
                // 18 May: visitor 2 again, visitor 4 at E1, 100 anonymous (a tie with 17 May: 102 visits)
                att(F, null, 2L, "2023-05-18T10:00", "onsite", "public", null, "US", 1),
                att(F, "E1", 4L, "2023-05-18T10:00", "onsite", "unspecified", "Beijing", null, 1),
                att(F, null, null, "2023-05-18T10:00", "onsite", "unspecified", null, null, 100),
                // online-only event E2: visitor 2 also watches, visitor 5 only online, 50 anonymous views
                att(F, "E2", 2L, "2023-05-18T20:00", "online", "public", null, "US", 1),
                att(F, "E2", 5L, "2023-05-18T20:00", "online", "public", "Seoul", "KR", 1),
                att(F, "E2", null, "2023-05-18T20:00", "online", "unspecified", null, null, 50),
                // after the month: ignored
                att(F, null, 1L, "2023-06-01T10:00", "onsite", "trade", "Shanghai", "CN", 1),
                att(F, null, null, "2023-06-01T10:00", "onsite", "public", null, null, 1000),
                // another festival, not reported
                att("X-2023", "X1", 1L, "2023-05-17T10:00", "onsite", "trade", "Shanghai", "CN", 1)),
                Staged.ATTENDANCE);
        values = AttendanceMetrics.compute(attendance, events(spark), List.of(F, G), MAY);
        headlinesOnly = AttendanceMetrics.headlines(attendance, events(spark), List.of(F, G), MAY);
    }

    static List<MetricValue> headlinesOnly;

    @Test
    void headlinesForComparisonsEqualTheFullComputation() {
        assertEquals(values.stream().filter(MetricValue::isHeadline).toList(), headlinesOnly);
    }

    @Test
    void everyHeadlineForEveryFestivalAndScope() {
        assertAllHeadlines(values, MetricFamily.ATTENDANCE, List.of(F, G));
    }

    @Test
    void admissionsCountReentriesVisitsDoNot() {
        assertCount(205, headline(values, F, M, Metric.ATTENDANCE_ADMISSIONS));
        assertCount(207, headline(values, F, T, Metric.ATTENDANCE_ADMISSIONS));
        // identified (1,17) (2,17) (2,18) (4,18) + 200 anonymous
        assertCount(204, headline(values, F, M, Metric.ATTENDANCE_VISITS));
        assertCount(206, headline(values, F, T, Metric.ATTENDANCE_VISITS));
    }

    @Test
    void visitorsCountPeopleOnceAndAnonymousAdmissionsEach() {
        assertCount(203, headline(values, F, M, Metric.ATTENDANCE_VISITORS));
        assertCount(204, headline(values, F, T, Metric.ATTENDANCE_VISITORS));
        assertCount(3, headline(values, F, M, Metric.ATTENDANCE_IDENTIFIED_VISITORS));
        assertCount(4, headline(values, F, T, Metric.ATTENDANCE_IDENTIFIED_VISITORS));
        assertCount(52, headline(values, F, M, Metric.ATTENDANCE_ONLINE_VIEWERS));
        assertCount(52, headline(values, F, T, Metric.ATTENDANCE_ONLINE_VIEWERS));
        // visitor 2 is onsite and online: reached once
        assertCount(254, headline(values, F, M, Metric.ATTENDANCE_TOTAL_REACH));
        assertCount(255, headline(values, F, T, Metric.ATTENDANCE_TOTAL_REACH));
    }

    @Test
    void staffAreNotVisitors() {
        assertCount(6, headline(values, F, M, Metric.ATTENDANCE_STAFF_ADMISSIONS));
        assertCount(6, headline(values, F, T, Metric.ATTENDANCE_STAFF_ADMISSIONS));
        assertEquals(Set.of("trade", "public", "unspecified"),
                members(values, F, M, Metric.ATTENDANCE_VISITS, "attendee_type"));
        assertEquals(Set.of("trade", "public", "unspecified", "media"),
                members(values, F, T, Metric.ATTENDANCE_VISITS, "attendee_type"));
    }

    @Test
    void shares() {
        // month: visitors 1 {17}, 2 {17, 18}, 4 {18}
        assertRatio(1, 3, headline(values, F, M, Metric.ATTENDANCE_REPEAT_VISITOR_SHARE));
        // to_date: visitor 1 also on 30 April; visitor 6
        assertRatio(2, 4, headline(values, F, T, Metric.ATTENDANCE_REPEAT_VISITOR_SHARE));
        // trade: visitor 1 / known type: 1 (trade), 2 (public); 4 is unspecified
        assertRatio(1, 2, headline(values, F, M, Metric.ATTENDANCE_TRADE_VISITOR_SHARE));
        assertRatio(1, 3, headline(values, F, T, Metric.ATTENDANCE_TRADE_VISITOR_SHARE));
        // foreign: visitor 2 (US) / with a country: 1 (CN), 2; 4 has none; online visitor 5 does not count
        assertRatio(1, 2, headline(values, F, M, Metric.ATTENDANCE_FOREIGN_VISITOR_SHARE));
        assertRatio(1, 3, headline(values, F, T, Metric.ATTENDANCE_FOREIGN_VISITOR_SHARE));
    }

    @Test
    void toDateForeignVisitorShareHelper() {
        Map<String, BigDecimal> shares = AttendanceMetrics.toDateForeignVisitorShare(values);
        assertEquals(0, BigDecimal.ONE.divide(BigDecimal.valueOf(3), MathContext.DECIMAL128).compareTo(shares.get(F)));
        assertNull(shares.get(G));
        assertEquals(Set.of(F, G), shares.keySet());
    }

    @Test
    void peakDayTieGoesToTheEarliestDay() {
        assertEquals(LocalDate.of(2023, 5, 17), headline(values, F, M, Metric.ATTENDANCE_PEAK_DAY));
        assertCount(102, headline(values, F, M, Metric.ATTENDANCE_PEAK_DAY_VISITS));
        assertEquals(LocalDate.of(2023, 5, 17), headline(values, F, T, Metric.ATTENDANCE_PEAK_DAY));
        assertCount(102, headline(values, F, T, Metric.ATTENDANCE_PEAK_DAY_VISITS));
    }

    @Test
    void festivalWithoutRows() {
        for (Scope s : List.of(M, T)) {
            assertCount(0, headline(values, G, s, Metric.ATTENDANCE_ADMISSIONS));
            assertCount(0, headline(values, G, s, Metric.ATTENDANCE_VISITS));
            assertCount(0, headline(values, G, s, Metric.ATTENDANCE_VISITORS));
            assertCount(0, headline(values, G, s, Metric.ATTENDANCE_TOTAL_REACH));
            assertCount(0, headline(values, G, s, Metric.ATTENDANCE_STAFF_ADMISSIONS));
            assertEmpty(headline(values, G, s, Metric.ATTENDANCE_REPEAT_VISITOR_SHARE));
            assertEmpty(headline(values, G, s, Metric.ATTENDANCE_TRADE_VISITOR_SHARE));
            assertEmpty(headline(values, G, s, Metric.ATTENDANCE_FOREIGN_VISITOR_SHARE));
            assertEmpty(headline(values, G, s, Metric.ATTENDANCE_PEAK_DAY));
            assertEmpty(headline(values, G, s, Metric.ATTENDANCE_PEAK_DAY_VISITS));
        }
        assertEquals(0, values.stream().filter(v -> v.festivalId().equals(G) && !v.isHeadline()).count());
    }

    @Test
    void byDay() {
        assertEquals(Set.of("2023-05-17", "2023-05-18"), members(values, F, M, Metric.ATTENDANCE_VISITS, "day"));
        assertCount(102, member(values, F, M, Metric.ATTENDANCE_VISITS, "day", "2023-05-17"));
        assertCount(102, member(values, F, M, Metric.ATTENDANCE_VISITORS, "day", "2023-05-18"));
        assertCount(2, member(values, F, T, Metric.ATTENDANCE_VISITS, "day", "2023-04-30"));
        assertCount(2, member(values, F, T, Metric.ATTENDANCE_VISITORS, "day", "2023-04-30"));
    }

    @Test
    void byEventGeneralAdmissionAndOnlineOnlyEvent() {
        assertEquals(Set.of(GA, "E1"), members(values, F, M, Metric.ATTENDANCE_VISITS, "event"));
        assertEquals(Set.of(GA, "E1"), members(values, F, M, Metric.ATTENDANCE_VISITORS, "event"));
        assertEquals(Set.of("E2"), members(values, F, M, Metric.ATTENDANCE_ONLINE_VIEWERS, "event"));
        assertCount(203, member(values, F, M, Metric.ATTENDANCE_VISITS, "event", GA));
        assertCount(202, member(values, F, M, Metric.ATTENDANCE_VISITORS, "event", GA));
        assertCount(2, member(values, F, M, Metric.ATTENDANCE_VISITS, "event", "E1"));
        assertCount(2, member(values, F, M, Metric.ATTENDANCE_VISITORS, "event", "E1"));
        assertCount(52, member(values, F, M, Metric.ATTENDANCE_ONLINE_VIEWERS, "event", "E2"));
        assertCount(204, member(values, F, T, Metric.ATTENDANCE_VISITS, "event", GA));
        assertCount(1, member(values, F, T, Metric.ATTENDANCE_VISITS, "event", "E3"));
    }

    @Test
    void byEventAttributes() {
        assertEquals(Set.of(GA, "keynote_forum"), members(values, F, M, Metric.ATTENDANCE_VISITS, "event_type"));
        assertCount(203, member(values, F, M, Metric.ATTENDANCE_VISITS, "event_type", GA));
        assertCount(2, member(values, F, M, Metric.ATTENDANCE_VISITS, "event_type", "keynote_forum"));
        assertCount(2, member(values, F, M, Metric.ATTENDANCE_VISITS, "section", "New Trends"));
        assertCount(2, member(values, F, M, Metric.ATTENDANCE_VISITS, "pavilion", NONE));
        assertCount(2, member(values, F, M, Metric.ATTENDANCE_VISITS, "district", "Huangpu"));
        assertCount(203, member(values, F, M, Metric.ATTENDANCE_VISITS, "district", GA));
        assertEquals(Set.of(GA, "New Trends", NONE), members(values, F, T, Metric.ATTENDANCE_VISITS, "section"));
        assertCount(1, member(values, F, T, Metric.ATTENDANCE_VISITS, "section", NONE));
        assertCount(1, member(values, F, T, Metric.ATTENDANCE_VISITS, "pavilion", "Hall 1"));
        assertCount(1, member(values, F, T, Metric.ATTENDANCE_VISITS, "event_type", "exhibition"));
        assertCount(1, member(values, F, T, Metric.ATTENDANCE_VISITS, "district", "Xuhui"));
    }

    @Test
    void byAttendeeTypeRegionAndChannel() {
        assertCount(1, member(values, F, M, Metric.ATTENDANCE_VISITS, "attendee_type", "trade"));
        assertCount(102, member(values, F, M, Metric.ATTENDANCE_VISITS, "attendee_type", "public"));
        assertCount(101, member(values, F, M, Metric.ATTENDANCE_VISITS, "attendee_type", "unspecified"));
        assertCount(2, member(values, F, T, Metric.ATTENDANCE_VISITS, "attendee_type", "trade"));
        assertEquals(Set.of("Shanghai", "Beijing", NONE),
                members(values, F, M, Metric.ATTENDANCE_VISITORS, "origin_region"));
        assertCount(1, member(values, F, M, Metric.ATTENDANCE_VISITORS, "origin_region", "Shanghai"));
        assertCount(201, member(values, F, M, Metric.ATTENDANCE_VISITORS, "origin_region", NONE));
        assertCount(1, member(values, F, T, Metric.ATTENDANCE_VISITORS, "origin_region", "Jiangsu"));
        assertCount(203, member(values, F, M, Metric.ATTENDANCE_TOTAL_REACH, "channel", "onsite"));
        assertCount(52, member(values, F, M, Metric.ATTENDANCE_TOTAL_REACH, "channel", "online"));
        assertCount(204, member(values, F, T, Metric.ATTENDANCE_TOTAL_REACH, "channel", "onsite"));
    }

    @Test
    void oneCallForSeveralFestivalsAndMonthsEqualsSeparateCalls() {
        YearMonth april = YearMonth.of(2023, 4);
        YearMonth june = YearMonth.of(2023, 6);
        List<MetricRequest> requests = List.of(new MetricRequest(F, MAY, true),
                new MetricRequest(F, june, true), new MetricRequest("X-2023", MAY, true),
                new MetricRequest(F, april, false), new MetricRequest(G, june, false));
        Dataset<Row> events = events(SparkTestSession.get());
        Map<MetricRequest, List<MetricValue>> together = AttendanceMetrics.compute(attendance, events, requests);
        assertEquals(requests, List.copyOf(together.keySet()));
        for (MetricRequest r : requests) {
            assertEquals(AttendanceMetrics.compute(attendance, events, List.of(r)).get(r), together.get(r), r.toString());
        }
        assertEquals(values.stream().filter(v -> v.festivalId().equals(F)).toList(),
                together.get(new MetricRequest(F, MAY, true)));
        // June: visitor 1 and 1000 anonymous admissions on 1 June; to_date counts April and May too
        List<MetricValue> juneValues = together.get(new MetricRequest(F, june, true));
        assertCount(1001, headline(juneValues, F, M, Metric.ATTENDANCE_VISITS));
        assertCount(1001, headline(juneValues, F, M, Metric.ATTENDANCE_ADMISSIONS));
        assertCount(1207, headline(juneValues, F, T, Metric.ATTENDANCE_VISITS));
        assertEquals(Set.of("2023-06-01"), members(juneValues, F, M, Metric.ATTENDANCE_VISITS, "day"));
        assertEquals(LocalDate.of(2023, 6, 1), headline(juneValues, F, T, Metric.ATTENDANCE_PEAK_DAY));
        // X-2023: visitor 1 at X1 on 17 May, an event of no requested festival's events here
        List<MetricValue> x = together.get(new MetricRequest("X-2023", MAY, true));
        assertCount(1, member(x, "X-2023", M, Metric.ATTENDANCE_VISITS, "event_type", "seminar"));
        // April, headline only: visitors 1 and 6 on 30 April
        List<MetricValue> aprilValues = together.get(new MetricRequest(F, april, false));
        assertTrue(aprilValues.stream().allMatch(MetricValue::isHeadline));
        assertAllHeadlines(aprilValues, MetricFamily.ATTENDANCE, List.of(F));
        assertCount(2, headline(aprilValues, F, M, Metric.ATTENDANCE_VISITS));
        assertEquals(LocalDate.of(2023, 4, 30), headline(aprilValues, F, M, Metric.ATTENDANCE_PEAK_DAY));
    }

    @Test
    void requestForAFestivalWithoutRows() {
        MetricRequest r = new MetricRequest("H-2023", MAY, true);
        List<MetricValue> h = AttendanceMetrics.compute(attendance, events(SparkTestSession.get()), List.of(r)).get(r);
        assertAllHeadlines(h, MetricFamily.ATTENDANCE, List.of("H-2023"));
        assertTrue(h.stream().allMatch(MetricValue::isHeadline));
        assertCount(0, headline(h, "H-2023", T, Metric.ATTENDANCE_TOTAL_REACH));
        assertEmpty(headline(h, "H-2023", T, Metric.ATTENDANCE_PEAK_DAY));
    }
}
