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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.festivaloutcomes.SparkTestSession;
import org.festivaloutcomes.ingest.Staged;
import org.festivaloutcomes.model.Festival;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ParticipationMetricsTest {

    static final String F = "F-2023";
    static final String G = "G-2023";
    static final String H = "H-2023";
    static final String K = "K-2023";
    static final String N = "N-2023";
    static final Scope E = Scope.EDITION;
    static final String NONE = "(none)";

    static List<MetricValue> values;
    static Dataset<Row> enterprises;
    static List<Festival> festivals;

    static Row ent(String id, String fid, String orgType, String role, String region, String country,
            String industry, String pavilion, String section, String booth, Long exhibits, Boolean leading) {
        return RowFactory.create(id, fid, "name " + id, orgType, role, region, country, industry, pavilion, section,
                booth == null ? null : new BigDecimal(booth), exhibits, leading);
    }

    static Row exhibitor(String id, String fid, String country) {
        return ent(id, fid, "enterprise", "main_exhibitor", null, country, null, null, null, null, null, null);
    }

    static Festival festival(String id, String previous) {
        return new Festival(id, "name " + id, null, null, LocalDate.of(2023, 5, 1), LocalDate.of(2023, 5, 31),
                previous, null);
    }

    @BeforeAll
    static void compute() {
        List<Row> rows = new ArrayList<>(List.of(
                // previous edition of F: A and B exhibited, C was a sponsor
                exhibitor("A", "F-2022", "CN"),
                ent("B", "F-2022", "enterprise", "co_exhibitor", null, "KR", null, null, null, null, null, null),
                ent("C", "F-2022", "institution", "sponsor", null, null, null, null, null, null, null, null),
                exhibitor("Z", "F-2022", "CN"),
                // F
                ent("A", F, "enterprise", "main_exhibitor", "Shanghai", "CN", "AI", "Hall 1", "New Trends", "100.5",
                        10L, true),
                ent("B", F, "enterprise", "co_exhibitor", "Seoul", "KR", "AI", "Hall 1", null, "50", 5L, null),
                ent("C", F, "institution", "main_exhibitor", null, null, null, "Hall 2", null, null, null, false),
                ent("D", F, "enterprise", "represented", "Zhejiang", "CN", "Crafts", "Hall 2", null, null, 6L, null),
                ent("E", F, "enterprise", "sponsor", "Shanghai", "US", "Finance", null, null, "0", 0L, true),
                ent("R", F, "enterprise", "represented", "Anhui", "CN", "Toys", "Hall 3", null, null, 0L, null),
                // G: previous edition G-2022 has no rows; exhibitor without country
                exhibitor("G1", G, null)));
        // H: 1 foreign exhibitor of 10 (share exactly 0.10)
        for (int i = 0; i < 10; i++) {
            rows.add(exhibitor("H" + i, H, i == 0 ? "JP" : "CN"));
        }
        // K: 1 of 11 (below 0.10), visitor share just below 0.05
        for (int i = 0; i < 11; i++) {
            rows.add(exhibitor("K" + i, K, i == 0 ? "JP" : "CN"));
        }
        festivals = List.of(festival("F-2022", null), festival(F, "F-2022"), festival(G, "G-2022"),
                festival(H, null), festival(K, null), festival(N, null));
        Map<String, BigDecimal> visitorShare = new HashMap<>();
        visitorShare.put(F, null);
        visitorShare.put(G, new BigDecimal("0.05"));
        visitorShare.put(K, new BigDecimal("0.0499999"));
        enterprises = SparkTestSession.get().createDataFrame(rows, Staged.ENTERPRISES);
        values = ParticipationMetrics.forEditions(enterprises, festivals, List.of(F, G, H, K, N), visitorShare);
    }

    @Test
    void everyHeadlineForEveryFestival() {
        assertAllHeadlines(values, MetricFamily.PARTICIPATION, List.of(F, G, H, K, N));
    }

    @Test
    void counts() {
        assertCount(4, headline(values, F, E, Metric.PARTICIPATION_PARTICIPANTS));
        assertCount(3, headline(values, F, E, Metric.PARTICIPATION_EXHIBITORS));
        assertCount(1, headline(values, F, E, Metric.PARTICIPATION_CO_EXHIBITORS));
        assertCount(2, headline(values, F, E, Metric.PARTICIPATION_REPRESENTED_COMPANIES));
        assertCount(3, headline(values, F, E, Metric.PARTICIPATION_ENTERPRISES));
        assertCount(1, headline(values, F, E, Metric.PARTICIPATION_INSTITUTIONS));
        assertCount(2, headline(values, F, E, Metric.PARTICIPATION_LEADING_ENTERPRISES));
        assertCount(2, headline(values, F, E, Metric.PARTICIPATION_REGIONS));
        assertCount(3, headline(values, F, E, Metric.PARTICIPATION_COUNTRIES));
        // exhibitors with a country: A (CN), B (KR); C has none
        assertRatio(1, 2, headline(values, F, E, Metric.PARTICIPATION_FOREIGN_EXHIBITOR_SHARE));
    }

    @Test
    void representedCompaniesAreNotParticipantsButTheirExhibitsCount() {
        assertDecimal("150.5", headline(values, F, E, Metric.PARTICIPATION_NET_SPACE_SQM));
        assertCount(21, headline(values, F, E, Metric.PARTICIPATION_EXHIBITS));
        assertFalse(members(values, F, E, Metric.PARTICIPATION_PARTICIPANTS, "role").contains("represented"));
        assertFalse(members(values, F, E, Metric.PARTICIPATION_NET_SPACE_SQM, "role").contains("represented"));
        assertCount(6, member(values, F, E, Metric.PARTICIPATION_EXHIBITS, "role", "represented"));
        assertCount(0, member(values, F, E, Metric.PARTICIPATION_EXHIBITS, "industry", "Toys"));
        assertCount(0, member(values, F, E, Metric.PARTICIPATION_EXHIBITS, "pavilion", "Hall 3"));
        assertEquals(Set.of("Hall 1", "Hall 2", NONE),
                members(values, F, E, Metric.PARTICIPATION_PARTICIPANTS, "pavilion"));
        assertEquals(Set.of("Shanghai", "Seoul", NONE),
                members(values, F, E, Metric.PARTICIPATION_PARTICIPANTS, "region"));
    }

    @Test
    void breakdowns() {
        assertCount(2, member(values, F, E, Metric.PARTICIPATION_PARTICIPANTS, "pavilion", "Hall 1"));
        assertCount(1, member(values, F, E, Metric.PARTICIPATION_PARTICIPANTS, "pavilion", NONE));
        assertDecimal("150.5", member(values, F, E, Metric.PARTICIPATION_NET_SPACE_SQM, "pavilion", "Hall 1"));
        assertDecimal("0", member(values, F, E, Metric.PARTICIPATION_NET_SPACE_SQM, "pavilion", "Hall 2"));
        assertCount(15, member(values, F, E, Metric.PARTICIPATION_EXHIBITS, "pavilion", "Hall 1"));
        assertCount(6, member(values, F, E, Metric.PARTICIPATION_EXHIBITS, "pavilion", "Hall 2"));
        assertCount(3, member(values, F, E, Metric.PARTICIPATION_PARTICIPANTS, "section", NONE));
        assertDecimal("50", member(values, F, E, Metric.PARTICIPATION_NET_SPACE_SQM, "section", NONE));
        assertCount(11, member(values, F, E, Metric.PARTICIPATION_EXHIBITS, "section", NONE));
        assertEquals(Set.of("AI", "Finance", NONE), members(values, F, E, Metric.PARTICIPATION_PARTICIPANTS, "industry"));
        assertEquals(Set.of("AI", "Finance", NONE, "Crafts", "Toys"),
                members(values, F, E, Metric.PARTICIPATION_EXHIBITS, "industry"));
        assertCount(2, member(values, F, E, Metric.PARTICIPATION_PARTICIPANTS, "role", "main_exhibitor"));
        assertCount(2, member(values, F, E, Metric.PARTICIPATION_PARTICIPANTS, "region", "Shanghai"));
        assertTrue(members(values, F, E, Metric.PARTICIPATION_NET_SPACE_SQM, "region").isEmpty());
        assertTrue(members(values, F, E, Metric.PARTICIPATION_EXHIBITS, "region").isEmpty());
    }

    @Test
    void returningAndNewExhibitors() {
        // F-2022 exhibitors A, B, Z; F exhibitors A, B, C (C was only a sponsor before)
        assertCount(2, headline(values, F, E, Metric.PARTICIPATION_RETURNING_EXHIBITORS));
        assertCount(1, headline(values, F, E, Metric.PARTICIPATION_NEW_EXHIBITORS));
        // G-2022 has no rows; H has no previous edition
        assertEmpty(headline(values, G, E, Metric.PARTICIPATION_RETURNING_EXHIBITORS));
        assertEmpty(headline(values, G, E, Metric.PARTICIPATION_NEW_EXHIBITORS));
        assertEmpty(headline(values, H, E, Metric.PARTICIPATION_RETURNING_EXHIBITORS));
        assertEmpty(headline(values, H, E, Metric.PARTICIPATION_NEW_EXHIBITORS));
    }

    @Test
    void isInternationalThresholds() {
        assertCount(1, headline(values, F, E, Metric.PARTICIPATION_IS_INTERNATIONAL)); // exhibitors 0.5
        assertEmpty(headline(values, G, E, Metric.PARTICIPATION_FOREIGN_EXHIBITOR_SHARE));
        assertCount(1, headline(values, G, E, Metric.PARTICIPATION_IS_INTERNATIONAL)); // visitors 0.05
        assertDecimal("0.1", headline(values, H, E, Metric.PARTICIPATION_FOREIGN_EXHIBITOR_SHARE));
        assertCount(1, headline(values, H, E, Metric.PARTICIPATION_IS_INTERNATIONAL)); // exhibitors 0.10
        assertRatio(1, 11, headline(values, K, E, Metric.PARTICIPATION_FOREIGN_EXHIBITOR_SHARE));
        assertCount(0, headline(values, K, E, Metric.PARTICIPATION_IS_INTERNATIONAL));
    }

    @Test
    void editionWithoutRows() {
        assertCount(0, headline(values, N, E, Metric.PARTICIPATION_PARTICIPANTS));
        assertCount(0, headline(values, N, E, Metric.PARTICIPATION_EXHIBITS));
        assertDecimal("0", headline(values, N, E, Metric.PARTICIPATION_NET_SPACE_SQM));
        assertEmpty(headline(values, N, E, Metric.PARTICIPATION_FOREIGN_EXHIBITOR_SHARE));
        assertCount(0, headline(values, N, E, Metric.PARTICIPATION_IS_INTERNATIONAL));
        assertEquals(0, values.stream().filter(v -> v.festivalId().equals(N) && !v.isHeadline()).count());
    }

    @Test
    void perRequestOnlyIsInternationalFollowsTheRequestsVisitorShare() {
        MetricRequest may = new MetricRequest(G, YearMonth.of(2023, 5), true);
        MetricRequest april = new MetricRequest(G, YearMonth.of(2023, 4), false);
        Map<MetricRequest, BigDecimal> share = new HashMap<>();
        share.put(may, new BigDecimal("0.05"));
        share.put(april, new BigDecimal("0.01"));
        Map<MetricRequest, List<MetricValue>> all = ParticipationMetrics.compute(enterprises, festivals,
                List.of(may, april), share);
        assertEquals(values.stream().filter(v -> v.festivalId().equals(G)).toList(), all.get(may));
        List<MetricValue> headlines = all.get(april);
        assertTrue(headlines.stream().allMatch(MetricValue::isHeadline));
        assertEquals(all.get(may).stream().filter(MetricValue::isHeadline).count(), headlines.size());
        assertCount(0, headline(headlines, G, E, Metric.PARTICIPATION_IS_INTERNATIONAL));
        assertCount(1, headline(headlines, G, E, Metric.PARTICIPATION_EXHIBITORS));
    }

    /**
     * A run's enterprises on the driver (with the values a Dataset returns) give the values of the Dataset,
     * previous editions and their festival filter included, and select by festival and column in order.
     */
    @Test
    void rowsOnTheDriverGiveTheDatasetsValues() {
        Map<String, BigDecimal> visitorShare = new HashMap<>();
        visitorShare.put(G, new BigDecimal("0.05"));
        SmallTable onDriver = SmallTable.of(enterprises.collectAsList(), Staged.ENTERPRISES);
        List<MetricValue> fromDataset = ParticipationMetrics.forEditions(enterprises, festivals,
                List.of(F, G, H, K, N), visitorShare);
        assertEquals(fromDataset, ParticipationMetrics.forEditions(onDriver, festivals, List.of(F, G, H, K, N),
                visitorShare));
        assertEquals(SmallTable.of(enterprises).select(List.of(F, "F-2022"), "exhibits", "enterprise_id"),
                onDriver.select(List.of(F, "F-2022"), "exhibits", "enterprise_id"));
        assertEquals(List.of(), onDriver.select(List.of("nobody"), "enterprise_id"));
    }
}
