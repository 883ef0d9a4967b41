package org.festivaloutcomes.metrics;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;
import static org.festivaloutcomes.metrics.MetricSupport.dim;
import static org.festivaloutcomes.metrics.MetricSupport.headlineDim;
import static org.festivaloutcomes.metrics.MetricSupport.member;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

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

    /** Headline values and breakdowns of the given festivals for one month. */
    public static List<MetricValue> compute(Dataset<Row> events, Collection<String> festivalIds, YearMonth period) {
        List<MetricValue> out = new ArrayList<>();
        compute(events, MetricRequest.all(festivalIds, period, true)).values().forEach(out::addAll);
        return MetricSupport.sorted(out);
    }

    /**
     * Every request's values (breakdowns only where asked for), each list in metrics.csv order, in one
     * Spark job.
     */
    public static Map<MetricRequest, List<MetricValue>> compute(Dataset<Row> events,
            Collection<MetricRequest> requests) {
        List<MetricRequest> distinct = List.copyOf(new LinkedHashSet<>(requests));
        Map<MetricRequest, List<MetricValue>> result = new LinkedHashMap<>();
        if (distinct.isEmpty()) {
            return result;
        }
        List<Row> rows = events.filter(MetricSupport.ofFestivals(MetricRequest.festivalIds(distinct)))
                .withColumn("d", to_date(col("starts_at")))
                .join(broadcast(MetricSupport.requestTable(events.sparkSession(), distinct)),
                        col("festival_id").equalTo(col("req_festival_id")).and(col("d").leq(col("req_last"))))
                .withColumn("scope", MetricSupport.scopes(col("d"), col("req_first"), col("req_last")))
                .withColumn("dm", explode(when(col("req_breakdowns"), array(headlineDim(),
                        dim("event_type", member(col("event_type"))),
                        dim("district", member(col("district"))),
                        dim("section", member(col("section"))),
                        dim("channel", member(col("channel"))))).otherwise(array(headlineDim()))))
                .groupBy(col("req"), col("scope"), col("dm.dim").as("dim"), col("dm.member").as("member"))
                .agg(count(lit(1)).as("held"))
                .collectAsList();

        Map<String, Long> headlines = new HashMap<>();
        Map<Integer, List<MetricValue>> breakdowns = new HashMap<>();
        for (Row r : rows) {
            int req = r.getAs("req");
            String dimension = r.getAs("dim");
            long held = MetricSupport.getLong(r, "held");
            if (MetricSupport.HEADLINE.equals(dimension)) {
                headlines.put(req + "\u0000" + r.getAs("scope"), held);
            } else {
                breakdowns.computeIfAbsent(req, k -> new ArrayList<>()).add(new MetricValue(
                        distinct.get(req).festivalId(), MetricSupport.scope(r.getAs("scope")), Metric.EVENTS_HELD,
                        dimension, r.getAs("member"), held));
            }
        }
        for (int i = 0; i < distinct.size(); i++) {
            String fid = distinct.get(i).festivalId();
            List<MetricValue> out = new ArrayList<>();
            for (Scope scope : MetricFamily.EVENTS.scopes()) {
                out.add(MetricValue.headline(fid, scope, Metric.EVENTS_HELD,
                        headlines.getOrDefault(i + "\u0000" + scope.code(), 0L)));
            }
            out.addAll(breakdowns.getOrDefault(i, List.of()));
            result.put(distinct.get(i), MetricSupport.sorted(out));
        }
        return result;
    }
}
