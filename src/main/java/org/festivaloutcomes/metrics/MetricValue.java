package org.festivaloutcomes.metrics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One value of metrics.csv: a headline value (dimension and member null) or a breakdown member.
 *
 * @param value {@code Long} for count and flag, {@link BigDecimal} for CNY, sqm and ratio
 *     (unrounded), {@link LocalDate} for date, or null where the metric does not apply
 */
public record MetricValue(String festivalId, Scope scope, Metric metric, String dimension, String member,
        Object value) implements java.io.Serializable {

    public MetricValue {
        Objects.requireNonNull(festivalId, "festivalId");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(metric, "metric");
        if ((dimension == null) != (member == null)) {
            throw new IllegalArgumentException("dimension and member go together");
        }
    }

    public static MetricValue headline(String festivalId, Scope scope, Metric metric, Object value) {
        return new MetricValue(festivalId, scope, metric, null, null, value);
    }

    public boolean isHeadline() {
        return dimension == null;
    }

    /** The value as a number for charts and comparisons, or null (dates and empty values). */
    public BigDecimal numeric() {
        if (value instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        if (value instanceof BigDecimal d) {
            return d;
        }
        return null;
    }
}
