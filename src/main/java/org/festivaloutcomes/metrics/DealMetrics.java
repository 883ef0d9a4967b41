package org.festivaloutcomes.metrics;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.festivaloutcomes.metrics.MetricSupport.dim;
import static org.festivaloutcomes.metrics.MetricSupport.getDecimal;
import static org.festivaloutcomes.metrics.MetricSupport.getLong;
import static org.festivaloutcomes.metrics.MetricSupport.member;
import static org.festivaloutcomes.metrics.MetricSupport.ratio;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.festivaloutcomes.ingest.Staged;
import org.festivaloutcomes.report.DealLine;

/**
 * The deals family of metrics.md (every {@code deals.*} metric), scopes month and to_date, and the list
 * of top deals.
 *
 * <p>Inputs: accepted deal state rows ({@code Staged.DEALS}, amounts already in CNY) and accepted
 * enterprises ({@code Staged.ENTERPRISES}) for the enterprise name and region.
 *
 * <p>Grain: one deal (festival_id, deal_id) in its state as of D, the last day of the period: its row
 * with the latest status_date on or before D; a deal with no such row is out of scope. Every field
 * comes from that state row: it is in to_date when its signed_on is on or before D and in month when
 * its signed_on is inside the period. Signed = signed, registered, started, producing or completed.
 * Breakdowns (signed deals only): industry, deal_type, event (event_id, {@code (none)} without one),
 * signed_month (yyyy-MM of signed_on), enterprise_region (region of the deal's enterprise in the same
 * edition, {@code (none)} without enterprise or region).
 */
public final class DealMetrics {

    static final List<String> SIGNED = List.of("signed", "registered", "started", "producing", "completed");
    static final List<String> LANDED = List.of("registered", "started", "producing", "completed");
    static final List<String> STARTED = List.of("started", "producing", "completed");

    private DealMetrics() {
    }

    public static List<MetricValue> compute(Dataset<Row> deals, Dataset<Row> enterprises,
            Collection<String> festivalIds, YearMonth period) {
        Set<String> ids = new LinkedHashSet<>(festivalIds);
        List<MetricValue> out = new ArrayList<>();
        if (ids.isEmpty()) {
            return out;
        }
        Dataset<Row> state = statesInScope(deals, enterprises, ids, period)
                .withColumn("scope", MetricSupport.scopes(col("signed_on"), period));

        Column signed = col("status").isin(SIGNED.toArray());
        Column one = lit(1);
        Column zero = lit(0);
        Map<String, Row> headline = new HashMap<>();
        for (Row r : state.groupBy("festival_id", "scope")
                .agg(sum(when(signed, one).otherwise(zero)).as("signed_count"),
                        sum(when(signed, col("amount_cny"))).as("signed_value"),
                        sum(when(signed.and(col("is_key_project")), one).otherwise(zero)).as("key_projects"),
                        sum(when(col("status").equalTo("intended"), one).otherwise(zero)).as("intended_count"),
                        sum(when(col("status").equalTo("intended"), col("amount_cny"))).as("intended_value"),
                        sum(when(col("status").equalTo("cancelled"), one).otherwise(zero)).as("cancelled_count"),
                        sum(when(col("status").isin(LANDED.toArray()), one).otherwise(zero)).as("landed_count"),
                        sum(when(col("status").isin(STARTED.toArray()), one).otherwise(zero)).as("started_count"),
                        sum(when(signed, coalesce(col("funds_cny"), lit(BigDecimal.ZERO).cast(Staged.DECIMAL))))
                                .as("funds"))
                .collectAsList()) {
            headline.put(r.getAs("festival_id") + "\u0000" + r.getAs("scope"), r);
        }

        List<Row> breakdown = state.filter(signed)
                .withColumn("dm", explode(array(
                        dim("industry", member(col("industry"))),
                        dim("deal_type", member(col("deal_type"))),
                        dim("event", member(col("event_id"))),
                        dim("signed_month", date_format(col("signed_on"), "yyyy-MM")),
                        dim("enterprise_region", member(col("enterprise_region"))))))
                .groupBy(col("festival_id"), col("scope"), col("dm.dim").as("dim"), col("dm.member").as("member"))
                .agg(count(lit(1)).as("signed_count"), sum("amount_cny").as("signed_value"))
                .collectAsList();

        for (String fid : ids) {
            for (Scope s : MetricFamily.DEALS.scopes()) {
                Row h = headline.get(fid + "\u0000" + s.code());
                long signedCount = h == null ? 0 : getLong(h, "signed_count");
                BigDecimal signedValue = h == null ? BigDecimal.ZERO : getDecimal(h, "signed_value");
                BigDecimal funds = h == null ? BigDecimal.ZERO : getDecimal(h, "funds");
                out.add(MetricValue.headline(fid, s, Metric.DEALS_SIGNED_COUNT, signedCount));
                out.add(MetricValue.headline(fid, s, Metric.DEALS_SIGNED_VALUE, signedValue));
                out.add(MetricValue.headline(fid, s, Metric.DEALS_AVERAGE_SIGNED_VALUE,
                        ratio(signedValue, BigDecimal.valueOf(signedCount))));
                out.add(MetricValue.headline(fid, s, Metric.DEALS_KEY_PROJECTS_SIGNED,
                        h == null ? 0L : getLong(h, "key_projects")));
                out.add(MetricValue.headline(fid, s, Metric.DEALS_INTENDED_COUNT,
                        h == null ? 0L : getLong(h, "intended_count")));
                out.add(MetricValue.headline(fid, s, Metric.DEALS_INTENDED_VALUE,
                        h == null ? BigDecimal.ZERO : getDecimal(h, "intended_value")));
                out.add(MetricValue.headline(fid, s, Metric.DEALS_CANCELLED_COUNT,
                        h == null ? 0L : getLong(h, "cancelled_count")));
                long landed = h == null ? 0 : getLong(h, "landed_count");
                out.add(MetricValue.headline(fid, s, Metric.DEALS_LANDED_COUNT, landed));
                out.add(MetricValue.headline(fid, s, Metric.DEALS_LANDING_RATE, ratio(landed, signedCount)));
                out.add(MetricValue.headline(fid, s, Metric.DEALS_STARTED_RATE,
                        ratio(h == null ? 0 : getLong(h, "started_count"), signedCount)));
                out.add(MetricValue.headline(fid, s, Metric.DEALS_FUNDS_IN_PLACE, funds));
                out.add(MetricValue.headline(fid, s, Metric.DEALS_FUNDS_IN_PLACE_RATE, ratio(funds, signedValue)));
            }
        }
        for (Row r : breakdown) {
            String fid = r.getAs("festival_id");
            Scope s = MetricSupport.scope(r.getAs("scope"));
            String dimension = r.getAs("dim");
            String m = r.getAs("member");
            out.add(new MetricValue(fid, s, Metric.DEALS_SIGNED_COUNT, dimension, m, getLong(r, "signed_count")));
            out.add(new MetricValue(fid, s, Metric.DEALS_SIGNED_VALUE, dimension, m, getDecimal(r, "signed_value")));
        }
        return MetricSupport.sorted(out);
    }

    /**
     * Deals in state started, producing or completed (the numerator of {@code deals.started_rate}) per edition
     * and scope (month and to_date), for the report's follow-up of signed projects. Not a metric of metrics.md,
     * so no row of metrics.csv: the report shows it beside the rate. Every edition and scope has a count (0
     * without deals).
     */
    public static Map<String, Map<Scope, Long>> startedCounts(Dataset<Row> deals, Dataset<Row> enterprises,
            Collection<String> festivalIds, YearMonth period) {
        Map<String, Map<Scope, Long>> counts = new LinkedHashMap<>();
        Set<String> ids = new LinkedHashSet<>(festivalIds);
        for (String fid : ids) {
            Map<Scope, Long> byScope = new EnumMap<>(Scope.class);
            MetricFamily.DEALS.scopes().forEach(s -> byScope.put(s, 0L));
            counts.put(fid, byScope);
        }
        if (ids.isEmpty()) {
            return counts;
        }
        for (Row r : statesInScope(deals, enterprises, ids, period)
                .filter(col("status").isin(STARTED.toArray()))
                .withColumn("scope", MetricSupport.scopes(col("signed_on"), period))
                .groupBy("festival_id", "scope").agg(count(lit(1)).as("started"))
                .collectAsList()) {
            counts.get((String) r.getAs("festival_id")).put(MetricSupport.scope(r.getAs("scope")),
                    getLong(r, "started"));
        }
        return counts;
    }

    /**
     * The deals of one edition in the to_date scope, each in its state as of the last day of the period,
     * largest amount_cny first, then by deal_id; at most {@code limit}. The enterprise name comes from the
     * enterprise row of the same edition (null without one); an empty funds_in_place is 0.
     */
    public static List<DealLine> topDeals(Dataset<Row> deals, Dataset<Row> enterprises, String festivalId,
            YearMonth period, int limit) {
        List<DealLine> lines = new ArrayList<>();
        if (limit <= 0) {
            return lines;
        }
        for (Row r : statesInScope(deals, enterprises, Set.of(festivalId), period)
                .orderBy(col("amount_cny").desc(), col("deal_id").asc())
                .limit(limit)
                .collectAsList()) {
            BigDecimal funds = r.getAs("funds_cny");
            lines.add(new DealLine(r.getAs("deal_id"), r.getAs("project_name"), r.getAs("counterparty"),
                    r.getAs("enterprise_name"), r.getAs("deal_type"), r.getAs("industry"), r.getAs("status"),
                    toLocalDate(r.getAs("signed_on")), toLocalDate(r.getAs("status_date")), r.getAs("amount_cny"),
                    funds == null ? BigDecimal.ZERO : funds, Boolean.TRUE.equals(r.getAs("is_key_project"))));
        }
        return lines;
    }

    /**
     * The state row of every deal of the festivals as of the last day of the period (latest status_date on
     * or before it) whose signed_on is on or before that day, with enterprise_name and enterprise_region of
     * the deal's enterprise in the same edition.
     */
    static Dataset<Row> statesInScope(Dataset<Row> deals, Dataset<Row> enterprises, Set<String> ids,
            YearMonth period) {
        LocalDate last = MetricSupport.lastDay(period);
        Dataset<Row> ent = enterprises.filter(MetricSupport.ofFestivals(ids)).select(
                col("festival_id").as("ent_festival_id"), col("enterprise_id").as("ent_enterprise_id"),
                col("name").as("enterprise_name"), col("region").as("enterprise_region"));
        return deals.filter(MetricSupport.ofFestivals(ids))
                .filter(col("status_date").leq(lit(last)))
                .withColumn("rn", row_number().over(Window.partitionBy("festival_id", "deal_id")
                        .orderBy(col("status_date").desc())))
                .filter(col("rn").equalTo(1))
                .drop("rn")
                .filter(col("signed_on").leq(lit(last)))
                .join(ent, col("festival_id").equalTo(col("ent_festival_id"))
                        .and(col("enterprise_id").equalTo(col("ent_enterprise_id"))), "left")
                .drop("ent_festival_id", "ent_enterprise_id");
    }

    private static LocalDate toLocalDate(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof LocalDate d) {
            return d;
        }
        return ((java.sql.Date) v).toLocalDate();
    }
}
