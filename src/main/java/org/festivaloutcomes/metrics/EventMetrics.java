package org.festivaloutcomes.metrics;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;
import static org.festivaloutcomes.metrics.MetricSupport.dim;
import static org.festivaloutcomes.metrics.MetricSupport.headlineDim;
import static org.festivaloutcomes.metrics.MetricSupport.member;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The events family of metrics.md: {@code events.held}, scopes month and to_date.
 *
 * <p>Grain: one event row ({@code Staged.EVENTS}) of the reported festivals. An event is in the month
 * scope when the day of starts_at is inside the period, in to_date when it is on or before the last
 * day of the period. Breakdowns: event_type, district, section, channel (empty = {@code (none)}).
 */
public final class EventMetrics {

    private EventMetrics() {
    }

    public static List<MetricValue> compute(Dataset<Row> events, Collection<String> festivalIds, YearMonth period) {
        List<MetricValue> out = new ArrayList<>();
        if (festivalIds.isEmpty()) {
            return out;
        }
        List<Row> rows = events.filter(MetricSupport.ofFestivals(festivalIds))
                .withColumn("d", to_date(col("starts_at")))
                .filter(col("d").leq(lit(MetricSupport.lastDay(period))))
                .withColumn("scope", MetricSupport.scopes(col("d"), period))
                .withColumn("dm", explode(array(headlineDim(),
                        dim("event_type", member(col("event_type"))),
                        dim("district", member(col("district"))),
                        dim("section", member(col("section"))),
                        dim("channel", member(col("channel"))))))
                .groupBy(col("festival_id"), col("scope"), col("dm.dim").as("dim"), col("dm.member").as("member"))
                .agg(count(lit(1)).as("held"))
                .collectAsList();

        for (String fid : festivalIds) {
            for (Scope scope : MetricFamily.EVENTS.scopes()) {
                long held = rows.stream()
                        .filter(r -> fid.equals(r.getAs("festival_id")) && scope.code().equals(r.getAs("scope"))
                                && MetricSupport.HEADLINE.equals(r.getAs("dim")))
                        .mapToLong(r -> MetricSupport.getLong(r, "held")).sum();
                out.add(MetricValue.headline(fid, scope, Metric.EVENTS_HELD, held));
            }
        }
        for (Row r : rows) {
            String dimension = r.getAs("dim");
            if (MetricSupport.HEADLINE.equals(dimension)) {
                continue;
            }
            out.add(new MetricValue(r.getAs("festival_id"), MetricSupport.scope(r.getAs("scope")), Metric.EVENTS_HELD,
                    dimension, r.getAs("member"), MetricSupport.getLong(r, "held")));
        }
        return MetricSupport.sorted(out);
    }
}
