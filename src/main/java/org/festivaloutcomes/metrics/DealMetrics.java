package org.festivaloutcomes.metrics;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lead;
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
import org.apache.spark.storage.StorageLevel;
import org.festivaloutcomes.ingest.Staged;
import org.festivaloutcomes.report.DealLine;

/**
 * The deals family of metrics.md (every {@code deals.*} metric), scopes month and to_date, and the list
 * of top deals.
 *
 * <p>Inputs: accepted deal state rows ({@code Staged.DEALS}, amounts already in CNY) and accepted
 * enterprises ({@code Staged.ENTERPRISES}) for the enterprise name and region.
 *
 * <p>Grain: one deal (festival_id, deal_id) in its state as of D, the last day of the request's month:
 * its row with the latest status_date on or before D; a deal with no such row is out of scope. Every
 * field comes from that state row: it is in to_date when its signed_on is on or before D and in month
 * when its signed_on is inside the month. Signed = signed, registered, started, producing or
 * completed. Breakdowns (signed deals only): industry, deal_type, event (event_id, {@code (none)}
 * without one), signed_month (yyyy-MM of signed_on), enterprise_region (region of the deal's
 * enterprise in the same edition, {@code (none)} without enterprise or region).
 *
 * <p>Every request of a call shares one pass: each deal row learns the status_date of the deal's next
 * row (one shuffle), so its state as of any day D is the row with status_date &lt;= D &lt; the next one.
 */
public final class DealMetrics {

    static final List<String> SIGNED = List.of("signed", "registered", "started", "producing", "completed");
    static final List<String> LANDED = List.of("registered", "started", "producing", "completed");
    static final List<String> STARTED = List.of("started", "producing", "completed");

    private DealMetrics() {
    }

    /**
     * The values of every request (breakdowns only where asked for, each list in metrics.csv order); for
     * every request the deals started, producing or completed by scope (month and to_date, 0 without
     * deals): the numerator of {@code deals.started_rate}, not a metric of metrics.md, so no row of
     * metrics.csv, shown by the report's follow-up of signed projects; and for the requests with
     * breakdowns, the top deals.
     */
    public record Results(Map<MetricRequest, List<MetricValue>> values, Map<MetricRequest, Map<Scope, Long>> started,
            Map<MetricRequest, List<DealLine>> topDeals) {
    }

    /** Headline values and breakdowns of the given festivals for one month. */
    public static List<MetricValue> compute(Dataset<Row> deals, Dataset<Row> enterprises,
            Collection<String> festivalIds, YearMonth period) {
        List<MetricValue> out = new ArrayList<>();
        compute(deals, enterprises, MetricRequest.all(festivalIds, period, true), 0).values().values()
                .forEach(out::addAll);
        return MetricSupport.sorted(out);
    }

    /** {@link Results#started} of the given festivals for one month, by festival. */
    public static Map<String, Map<Scope, Long>> startedCounts(Dataset<Row> deals, Dataset<Row> enterprises,
            Collection<String> festivalIds, YearMonth period) {
        Map<String, Map<Scope, Long>> counts = new LinkedHashMap<>();
        compute(deals, enterprises, MetricRequest.all(festivalIds, period, false), 0).started()
                .forEach((request, byScope) -> counts.put(request.festivalId(), byScope));
        return counts;
    }

    /**
     * The deals of one edition in the to_date scope, each in its state as of the last day of the period,
     * largest amount_cny first, then by deal_id; at most {@code limit}. The enterprise name comes from the
     * enterprise row of the same edition (null without one); an empty funds_in_place is 0.
     */
    public static List<DealLine> topDeals(Dataset<Row> deals, Dataset<Row> enterprises, String festivalId,
            YearMonth period, int limit) {
        MetricRequest request = new MetricRequest(festivalId, period, true);
        return compute(deals, enterprises, List.of(request), limit).topDeals().getOrDefault(request, List.of());
    }

    /**
     * Every request's values, and the top {@code topLimit} deals (see {@link #topDeals}) of each request
     * with breakdowns, in three Spark jobs over one persisted table of deal states.
     */
    public static Results compute(Dataset<Row> deals, Dataset<Row> enterprises, Collection<MetricRequest> requests,
            int topLimit) {
        List<MetricRequest> distinct = List.copyOf(new LinkedHashSet<>(requests));
        Map<MetricRequest, List<MetricValue>> values = new LinkedHashMap<>();
        Map<MetricRequest, Map<Scope, Long>> started = new LinkedHashMap<>();
        Map<MetricRequest, List<DealLine>> top = new LinkedHashMap<>();
        if (distinct.isEmpty()) {
            return new Results(values, started, top);
        }
        Dataset<Row> states = states(deals, enterprises, distinct).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Dataset<Row> scoped = states.withColumn("scope",
                    MetricSupport.scopes(col("signed_on"), col("req_first"), col("req_last")));
            Map<String, Row> headline = headlines(scoped);
            Map<Integer, List<MetricValue>> breakdowns = breakdowns(scoped, distinct);
            for (int i = 0; i < distinct.size(); i++) {
                MetricRequest request = distinct.get(i);
                List<MetricValue> out = new ArrayList<>();
                Map<Scope, Long> startedByScope = new EnumMap<>(Scope.class);
                for (Scope s : MetricFamily.DEALS.scopes()) {
                    Row h = headline.get(i + "\u0000" + s.code());
                    addHeadlines(out, request.festivalId(), s, h);
                    startedByScope.put(s, h == null ? 0L : getLong(h, "started_count"));
                }
                started.put(request, startedByScope);
                out.addAll(breakdowns.getOrDefault(i, List.of()));
                values.put(request, MetricSupport.sorted(out));
            }
            if (topLimit > 0) {
                top = topDeals(states, distinct, topLimit);
            }
        } finally {
            states.unpersist();
        }
        return new Results(values, started, top);
    }

    private static Map<String, Row> headlines(Dataset<Row> scoped) {
        Column signed = col("status").isin(SIGNED.toArray());
        Column one = lit(1);
        Column zero = lit(0);
        Map<String, Row> headline = new HashMap<>();
        for (Row r : scoped.groupBy("req", "scope")
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
            headline.put(r.getAs("req") + "\u0000" + r.getAs("scope"), r);
        }
        return headline;
    }

    private static void addHeadlines(List<MetricValue> out, String fid, Scope s, Row h) {
        long signedCount = h == null ? 0 : getLong(h, "signed_count");
        BigDecimal signedValue = h == null ? BigDecimal.ZERO : getDecimal(h, "signed_value");
        BigDecimal funds = h == null ? BigDecimal.ZERO : getDecimal(h, "funds");
        out.add(MetricValue.headline(fid, s, Metric.DEALS_SIGNED_COUNT, signedCount));
        out.add(MetricValue.headline(fid, s, Metric.DEALS_SIGNED_VALUE, signedValue));
        out.add(MetricValue.headline(fid, s, Metric.DEALS_AVERAGE_SIGNED_VALUE,
                ratio(signedValue, BigDecimal.valueOf(signedCount))));
        out.add(MetricValue.headline(fid, s, Metric.DEALS_KEY_PROJECTS_SIGNED, h == null ? 0L : getLong(h, "key_projects")));
        out.add(MetricValue.headline(fid, s, Metric.DEALS_INTENDED_COUNT, h == null ? 0L : getLong(h, "intended_count")));
        out.add(MetricValue.headline(fid, s, Metric.DEALS_INTENDED_VALUE,
                h == null ? BigDecimal.ZERO : getDecimal(h, "intended_value")));
        out.add(MetricValue.headline(fid, s, Metric.DEALS_CANCELLED_COUNT, h == null ? 0L : getLong(h, "cancelled_count")));
        long landed = h == null ? 0 : getLong(h, "landed_count");
        out.add(MetricValue.headline(fid, s, Metric.DEALS_LANDED_COUNT, landed));
        out.add(MetricValue.headline(fid, s, Metric.DEALS_LANDING_RATE, ratio(landed, signedCount)));
        out.add(MetricValue.headline(fid, s, Metric.DEALS_STARTED_RATE,
                ratio(h == null ? 0 : getLong(h, "started_count"), signedCount)));
        out.add(MetricValue.headline(fid, s, Metric.DEALS_FUNDS_IN_PLACE, funds));
        out.add(MetricValue.headline(fid, s, Metric.DEALS_FUNDS_IN_PLACE_RATE, ratio(funds, signedValue)));
    }

    /** Signed count and value by member, for the requests that ask for breakdowns. */
    private static Map<Integer, List<MetricValue>> breakdowns(Dataset<Row> scoped, List<MetricRequest> requests) {
        Map<Integer, List<MetricValue>> out = new HashMap<>();
        if (requests.stream().noneMatch(MetricRequest::breakdowns)) {
            return out;
        }
        for (Row r : scoped.filter(col("req_breakdowns").and(col("status").isin(SIGNED.toArray())))
                .withColumn("dm", explode(array(
                        dim("industry", member(col("industry"))),
                        dim("deal_type", member(col("deal_type"))),
                        dim("event", member(col("event_id"))),
                        dim("signed_month", date_format(col("signed_on"), "yyyy-MM")),
                        dim("enterprise_region", member(col("enterprise_region"))))))
                .groupBy(col("req"), col("scope"), col("dm.dim").as("dim"), col("dm.member").as("member"))
                .agg(count(lit(1)).as("signed_count"), sum("amount_cny").as("signed_value"))
                .collectAsList()) {
            int req = r.getAs("req");
            String fid = requests.get(req).festivalId();
            Scope s = MetricSupport.scope(r.getAs("scope"));
            String dimension = r.getAs("dim");
            String m = r.getAs("member");
            List<MetricValue> values = out.computeIfAbsent(req, k -> new ArrayList<>());
            values.add(new MetricValue(fid, s, Metric.DEALS_SIGNED_COUNT, dimension, m, getLong(r, "signed_count")));
            values.add(new MetricValue(fid, s, Metric.DEALS_SIGNED_VALUE, dimension, m, getDecimal(r, "signed_value")));
        }
        return out;
    }

    private static Map<MetricRequest, List<DealLine>> topDeals(Dataset<Row> states, List<MetricRequest> requests,
            int limit) {
        Map<MetricRequest, List<DealLine>> top = new LinkedHashMap<>();
        requests.stream().filter(MetricRequest::breakdowns).forEach(r -> top.put(r, new ArrayList<>()));
        if (top.isEmpty()) {
            return top;
        }
        for (Row r : states.filter(col("req_breakdowns"))
                .withColumn("rank", row_number().over(Window.partitionBy("req")
                        .orderBy(col("amount_cny").desc(), col("deal_id").asc())))
                .filter(col("rank").leq(limit))
                .orderBy("req", "rank")
                .collectAsList()) {
            BigDecimal funds = r.getAs("funds_cny");
            top.get(requests.get(r.<Integer>getAs("req"))).add(new DealLine(r.getAs("deal_id"), r.getAs("project_name"),
                    r.getAs("counterparty"), r.getAs("enterprise_name"), r.getAs("deal_type"), r.getAs("industry"),
                    r.getAs("status"), toLocalDate(r.getAs("signed_on")), toLocalDate(r.getAs("status_date")),
                    r.getAs("amount_cny"), funds == null ? BigDecimal.ZERO : funds,
                    Boolean.TRUE.equals(r.getAs("is_key_project"))));
        }
        return top;
    }

    /**
     * For every request, the state row of every deal of its festival as of the last day of its month
     * (latest status_date on or before it) whose signed_on is on or before that day, with the request's
     * columns ({@link MetricSupport#requestTable}) and enterprise_name and enterprise_region of the
     * deal's enterprise in the same edition.
     */
    static Dataset<Row> states(Dataset<Row> deals, Dataset<Row> enterprises, List<MetricRequest> requests) {
        Set<String> ids = MetricRequest.festivalIds(requests);
        Dataset<Row> ent = enterprises.filter(MetricSupport.ofFestivals(ids)).select(
                col("festival_id").as("ent_festival_id"), col("enterprise_id").as("ent_enterprise_id"),
                col("name").as("enterprise_name"), col("region").as("enterprise_region"));
        Dataset<Row> versions = deals.filter(MetricSupport.ofFestivals(ids))
                .withColumn("next_status_date", lead(col("status_date"), 1).over(
                        Window.partitionBy("festival_id", "deal_id").orderBy(col("status_date").asc())));
        Column last = col("req_last");
        return versions.join(broadcast(MetricSupport.requestTable(deals.sparkSession(), requests)),
                        col("festival_id").equalTo(col("req_festival_id"))
                                .and(col("status_date").leq(last))
                                .and(col("next_status_date").isNull().or(col("next_status_date").gt(last)))
                                .and(col("signed_on").leq(last)))
                .drop("next_status_date")
                .join(broadcast(ent), col("festival_id").equalTo(col("ent_festival_id"))
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
