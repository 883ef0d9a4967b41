package org.festivaloutcomes.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import org.apache.spark.sql.Column;

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

    /** The member of a text value: the value, or {@code (none)} when not set ({@link #isSet(String)}). */
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

    static List<MetricValue> sorted(List<MetricValue> values) {
        values.sort(ORDER);
        return values;
    }

    /**
     * How a pass over facts files of {@code sections} sections spreads over tasks: contiguous ranges
     * {from, to} of sections, two tasks per core at least, and enough that no task holds more than
     * {@code rowsPerTask} of the {@code rows} (sections are about equal), at most one per section.
     */
    static List<int[]> sectionRanges(long rows, long rowsPerTask, int cores, int sections) {
        int tasks = (int) Math.min(sections, Math.max(2L * cores, (rows + rowsPerTask - 1) / rowsPerTask));
        List<int[]> ranges = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            ranges.add(new int[] {t * sections / tasks, (t + 1) * sections / tasks});
        }
        return ranges;
    }
}
