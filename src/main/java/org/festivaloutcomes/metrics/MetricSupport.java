package org.festivaloutcomes.metrics;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;

/** Helpers shared by the metric families: members, scopes, exact ratios and a stable order. */
final class MetricSupport {

    /** Member of an empty dimension value. */
    static final String NONE = "(none)";
    /** Member of every event dimension for attendance without event_id. */
    static final String GENERAL_ADMISSION = "(general admission)";
    /** Marker of the headline row inside a Spark breakdown table (dimension and member). */
    static final String HEADLINE = "";

    static final String MONTH = Scope.MONTH.code();
    static final String TO_DATE = Scope.TO_DATE.code();

    /** Order of metrics.csv: festival_id, scope, metric_id, dimension, member (headline first). */
    static final Comparator<MetricValue> ORDER = Comparator.comparing(MetricValue::festivalId)
            .thenComparing(v -> v.scope().code())
            .thenComparing(v -> v.metric().id())
            .thenComparing(MetricValue::dimension, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(MetricValue::member, Comparator.nullsFirst(Comparator.naturalOrder()));

    private MetricSupport() {
    }

    /** True when the text column is set (not null, not blank). */
    static Column isSet(Column c) {
        return c.isNotNull().and(trim(c).notEqual(lit("")));
    }

    /** The member of a text value: the exact string, or {@code (none)} when empty. */
    static Column member(Column c) {
        return when(isSet(c), c).otherwise(lit(NONE));
    }

    /** The member of a text value: the value, or (none) when empty (as {@link #member(Column)} in Spark). */
    static String member(String value) {
        return isSet(value) ? value : MetricSupport.NONE;
    }

    /** Not null and not only spaces (as {@link #isSet(Column)}: Spark's trim removes spaces only). */
    static boolean isSet(String value) {
        if (value == null) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) != ' ') {
                return true;
            }
        }
        return false;
    }

    /** Rows of the given festivals only. */
    static Column ofFestivals(Collection<String> festivalIds) {
        return col("festival_id").isin(festivalIds.toArray());
    }

    /**
     * The scopes a dated row belongs to, exploded: {@code to_date} for a day on or before the last day of
     * the period (the caller filters those), and also {@code month} for a day inside the period.
     */
    static Column scopes(Column day, YearMonth period) {
        return explode(when(day.geq(lit(period.atDay(1))).and(day.leq(lit(period.atEndOfMonth()))),
                array(lit(MONTH), lit(TO_DATE))).otherwise(array(lit(TO_DATE))));
    }

    /** A (dim, member) struct for an exploded breakdown; the headline uses {@link #HEADLINE} for both. */
    static Column dim(String dimension, Column memberColumn) {
        return struct(lit(dimension).as("dim"), memberColumn.as("member"));
    }

    static Column headlineDim() {
        return dim(HEADLINE, lit(HEADLINE));
    }

    static LocalDate lastDay(YearMonth period) {
        return period.atEndOfMonth();
    }

    static Scope scope(String code) {
        return MONTH.equals(code) ? Scope.MONTH : Scope.TO_DATE;
    }

    /** num / den exactly (DECIMAL128), or null when den is 0. */
    static BigDecimal ratio(long num, long den) {
        return den == 0 ? null : BigDecimal.valueOf(num).divide(BigDecimal.valueOf(den), MathContext.DECIMAL128);
    }

    /** num / den exactly (DECIMAL128), or null when den is 0. */
    static BigDecimal ratio(BigDecimal num, BigDecimal den) {
        return den == null || den.signum() == 0 ? null : num.divide(den, MathContext.DECIMAL128);
    }

    static long getLong(Row r, String field) {
        Object v = r.getAs(field);
        return v == null ? 0L : ((Number) v).longValue();
    }

    static BigDecimal getDecimal(Row r, String field) {
        Object v = r.getAs(field);
        if (v == null) {
            return BigDecimal.ZERO;
        }
        return v instanceof BigDecimal d ? d : new BigDecimal(v.toString());
    }

    /** Null for the headline marker, else the value. */
    static String orNull(String s) {
        return HEADLINE.equals(s) ? null : s;
    }

    static List<MetricValue> sorted(List<MetricValue> values) {
        values.sort(ORDER);
        return values;
    }
}
