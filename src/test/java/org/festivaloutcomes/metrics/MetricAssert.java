package org.festivaloutcomes.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** Lookups and exact assertions over computed metric values. */
final class MetricAssert {

    private MetricAssert() {
    }

    static MetricValue find(List<MetricValue> values, String fid, Scope scope, Metric metric, String dim,
            String member) {
        List<MetricValue> hits = values.stream()
                .filter(v -> v.festivalId().equals(fid) && v.scope() == scope && v.metric() == metric
                        && Objects.equals(v.dimension(), dim) && Objects.equals(v.member(), member))
                .toList();
        if (hits.size() != 1) {
            fail("expected one value for " + fid + " " + scope + " " + metric.id() + " " + dim + "=" + member
                    + ", found " + hits.size());
        }
        MetricValue v = hits.get(0);
        assertEquals(metric.unit(), v.metric().unit());
        return v;
    }

    static Object headline(List<MetricValue> values, String fid, Scope scope, Metric metric) {
        return find(values, fid, scope, metric, null, null).value();
    }

    static Object member(List<MetricValue> values, String fid, Scope scope, Metric metric, String dim,
            String member) {
        return find(values, fid, scope, metric, dim, member).value();
    }

    static Set<String> members(List<MetricValue> values, String fid, Scope scope, Metric metric, String dim) {
        Set<String> out = new TreeSet<>();
        values.stream().filter(v -> v.festivalId().equals(fid) && v.scope() == scope && v.metric() == metric
                && dim.equals(v.dimension())).forEach(v -> out.add(v.member()));
        return out;
    }

    static void assertCount(long expected, Object actual) {
        assertNotNull(actual, "count is null");
        assertEquals(Long.class, actual.getClass());
        assertEquals(expected, (long) (Long) actual);
    }

    /** Exact decimal comparison (scale ignored). */
    static void assertDecimal(String expected, Object actual) {
        assertNotNull(actual, "decimal is null");
        assertTrue(actual instanceof BigDecimal, "not a BigDecimal: " + actual.getClass());
        assertEquals(0, new BigDecimal(expected).compareTo((BigDecimal) actual),
                "expected " + expected + " but was " + actual);
    }

    /** An exact ratio num/den as computed with DECIMAL128. */
    static void assertRatio(long num, long den, Object actual) {
        assertNotNull(actual, "ratio is null");
        BigDecimal expected = BigDecimal.valueOf(num).divide(BigDecimal.valueOf(den), MathContext.DECIMAL128);
        assertEquals(0, expected.compareTo((BigDecimal) actual), "expected " + expected + " but was " + actual);
    }

    static void assertEmpty(Object actual) {
        assertNull(actual);
    }

    /** Every headline metric of the family is present exactly once per festival and scope. */
    static void assertAllHeadlines(List<MetricValue> values, MetricFamily family, List<String> fids) {
        for (String fid : fids) {
            for (Scope scope : family.scopes()) {
                for (Metric m : Metric.values()) {
                    if (m.family() == family) {
                        find(values, fid, scope, m, null, null);
                    }
                }
            }
        }
        for (MetricValue v : values) {
            assertTrue(fids.contains(v.festivalId()), "unexpected festival " + v.festivalId());
            assertEquals(family, v.metric().family());
            assertTrue(v.isHeadline() || v.metric().dimensions().contains(v.dimension()),
                    "unexpected breakdown " + v);
        }
    }
}
