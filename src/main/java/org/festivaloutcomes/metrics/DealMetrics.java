package org.festivaloutcomes.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.xxhash64;
import static org.festivaloutcomes.metrics.MetricSupport.ratio;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;
import org.festivaloutcomes.ingest.DealFacts;
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
 * <p>Every request of a call shares one pass with one shuffle: the rows are partitioned and sorted by a
 * 64-bit hash of the deal, and each deal is walked once for all requests, its rows in status_date order
 * ({@link DealTally}).
 */
public final class DealMetrics {

    static final List<String> SIGNED = List.of("signed", "registered", "started", "producing", "completed");
    static final List<String> LANDED = List.of("registered", "started", "producing", "completed");
    static final List<String> STARTED = List.of("started", "producing", "completed");

    /** Deal rows a task of the facts pass holds at most (about 150 bytes each, and 16 to sort them). */
    private static final long ROWS_PER_TASK = 1L << 19;

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
     * with breakdowns, in one Spark job: the deal rows are partitioned by deal and sorted by status_date,
     * each deal is walked once for every request ({@link DealTally}), and the partitions' small counters
     * are merged here.
     */
    public static Results compute(Dataset<Row> deals, Dataset<Row> enterprises, Collection<MetricRequest> requests,
            int topLimit) {
        return compute(deals, null, enterprises, requests, topLimit);
    }

    /**
     * As {@link #compute(Dataset, Dataset, Collection, int)}, reading the rows from their
     * {@link DealFacts} when there are some (the same rows as {@code deals}, already in sections by deal:
     * no parse of the files and no shuffle).
     */
    public static Results compute(Dataset<Row> deals, DealFacts facts, Dataset<Row> enterprises,
            Collection<MetricRequest> requests, int topLimit) {
        return compute(deals, deals.sparkSession().sparkContext(), facts, SmallTable.of(enterprises), requests, topLimit);
    }

    /**
     * As {@link #compute(Dataset, DealFacts, Dataset, Collection, int)} for a run: the deal rows from their
     * facts only, the enterprises from rows on the driver or a Dataset.
     */
    public static Results compute(SparkContext spark, DealFacts facts, SmallTable enterprises,
            Collection<MetricRequest> requests, int topLimit) {
        return compute(null, spark, java.util.Objects.requireNonNull(facts, "facts"), enterprises, requests,
                topLimit);
    }

    private static Results compute(Dataset<Row> deals, SparkContext spark, DealFacts facts, SmallTable enterprises,
            Collection<MetricRequest> requests, int topLimit) {
        List<MetricRequest> distinct = List.copyOf(new LinkedHashSet<>(requests));
        Map<MetricRequest, List<MetricValue>> values = new LinkedHashMap<>();
        Map<MetricRequest, Map<Scope, Long>> started = new LinkedHashMap<>();
        Map<MetricRequest, List<DealLine>> top = new LinkedHashMap<>();
        if (distinct.isEmpty()) {
            return new Results(values, started, top);
        }
        DealTally.Part all = tally(deals, spark, facts, enterprises, distinct, topLimit);
        for (int i = 0; i < distinct.size(); i++) {
            MetricRequest request = distinct.get(i);
            String fid = request.festivalId();
            List<MetricValue> out = new ArrayList<>();
            Map<Scope, Long> startedByScope = new EnumMap<>(Scope.class);
            for (Scope s : MetricFamily.DEALS.scopes()) {
                DealTally.Headline h = all.headlines.get(i + "\u0000" + s.code());
                addHeadlines(out, fid, s, h == null ? new DealTally.Headline() : h);
                startedByScope.put(s, h == null ? 0L : h.started);
            }
            started.put(request, startedByScope);
            values.put(request, out);
            if (request.breakdowns() && topLimit > 0) {
                top.put(request, all.top.getOrDefault(i, List.of()).stream().map(DealMetrics::line).toList());
            }
        }
        all.members.forEach((key, member) -> {
            String[] k = key.split("\u0000", -1);
            MetricRequest request = distinct.get(Integer.parseInt(k[0]));
            Scope s = MetricSupport.scope(k[1]);
            values.get(request).add(new MetricValue(request.festivalId(), s, Metric.DEALS_SIGNED_COUNT, k[2], k[3],
                    member.count));
            values.get(request).add(new MetricValue(request.festivalId(), s, Metric.DEALS_SIGNED_VALUE, k[2], k[3],
                    member.value));
        });
        values.values().forEach(MetricSupport::sorted);
        return new Results(values, started, top);
    }

    private static DealTally.Part tally(Dataset<Row> deals, SparkContext spark, DealFacts facts,
            SmallTable enterprises, List<MetricRequest> requests, int topLimit) {
        Set<String> ids = MetricRequest.festivalIds(requests);
        Map<String, List<DealTally.Request>> byFestival = new HashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            MetricRequest r = requests.get(i);
            byFestival.computeIfAbsent(r.festivalId(), k -> new ArrayList<>()).add(new DealTally.Request(i,
                    r.period().atDay(1), r.period().atEndOfMonth(), r.breakdowns()));
        }
        Map<String, String[]> names = new HashMap<>();
        for (Row e : enterprises.select(ids, "festival_id", "enterprise_id", "name", "region")) {
            names.put(e.getString(0) + "\u0000" + e.getString(1), new String[] {e.getString(2), e.getString(3)});
        }
        // the facts are written from rows of the staged schema; a Dataset says its own types
        StructType schema = deals == null ? Staged.DEALS : deals.schema();
        DealTally.Plan plan = new DealTally.Plan(byFestival, names, topLimit, decimalType(schema, "amount_cny"),
                decimalType(schema, "funds_cny"));
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark);
        Broadcast<DealTally.Plan> shared = jsc.broadcast(plan);
        try {
            if (facts != null) {
                // each task holds its sections' bytes while it walks them: a bounded share each
                List<int[]> ranges = MetricSupport.sectionRanges(facts.rows(), ROWS_PER_TASK,
                        jsc.defaultParallelism(), DealFacts.BUCKETS);
                List<String> files = facts.files();
                List<long[]> setAside = facts.setAside();
                List<DealTally.Part> parts = jsc.parallelize(ranges, ranges.size()).map(range -> {
                    try (DealFactRows walked = new DealFactRows(files, setAside, range[0], range[1],
                            shared.value().amountType(), shared.value().fundsType())) {
                        return DealTally.walk(shared.value(), walked).encode();
                    }
                }).collect().stream().map(DealTally.Part::decode).toList();
                DealTally.Part all = new DealTally.Part();
                parts.forEach(p -> all.merge(p, topLimit));
                return all;
            }
            Dataset<Row> rows = deals.filter(MetricSupport.ofFestivals(ids)).select(Stream.concat(
                    Arrays.stream(DealTally.COLUMNS).map(c -> col(c)),
                    // one 64-bit key per deal: it spreads the deals and is the single sort key, which Spark
                    // radix-sorts (the walk tells deals sharing a hash apart and orders each deal's rows)
                    Stream.of(xxhash64(col("festival_id"), col("deal_id")).as("deal_hash")))
                    .toArray(Column[]::new));
            List<DealTally.Part> parts = rows.repartition(col("deal_hash")).sortWithinPartitions(col("deal_hash"))
                    // internal rows: the walk reads the few fields it needs in place
                    .queryExecution().toRdd().toJavaRDD()
                    .mapPartitions(it -> List.of(DealTally.walk(shared.value(), it)).iterator())
                    .collect();
            DealTally.Part all = new DealTally.Part();
            parts.forEach(p -> all.merge(p, topLimit));
            return all;
        } finally {
            shared.destroy();
        }
    }

    private static DecimalType decimalType(StructType schema, String column) {
        return (DecimalType) schema.apply(column).dataType();
    }

    private static DealLine line(DealTally.State s) {
        return new DealLine(s.dealId(), s.projectName(), s.counterparty(), s.enterpriseName(), s.dealType(),
                s.industry(), s.status(), s.signedOn(), s.statusDate(), s.amountCny(),
                s.fundsCny() == null ? BigDecimal.ZERO : s.fundsCny(), s.keyProject());
    }

    private static void addHeadlines(List<MetricValue> out, String fid, Scope s, DealTally.Headline h) {
        long signedCount = h.signed;
        BigDecimal signedValue = orZero(h.signedValue);
        BigDecimal funds = orZero(h.funds);
        out.add(MetricValue.headline(fid, s, Metric.DEALS_SIGNED_COUNT, signedCount));
        out.add(MetricValue.headline(fid, s, Metric.DEALS_SIGNED_VALUE, signedValue));
        out.add(MetricValue.headline(fid, s, Metric.DEALS_AVERAGE_SIGNED_VALUE,
                ratio(signedValue, BigDecimal.valueOf(signedCount))));
        out.add(MetricValue.headline(fid, s, Metric.DEALS_KEY_PROJECTS_SIGNED, h.keyProjects));
        out.add(MetricValue.headline(fid, s, Metric.DEALS_INTENDED_COUNT, h.intended));
        out.add(MetricValue.headline(fid, s, Metric.DEALS_INTENDED_VALUE, orZero(h.intendedValue)));
        out.add(MetricValue.headline(fid, s, Metric.DEALS_CANCELLED_COUNT, h.cancelled));
        out.add(MetricValue.headline(fid, s, Metric.DEALS_LANDED_COUNT, h.landed));
        out.add(MetricValue.headline(fid, s, Metric.DEALS_LANDING_RATE, ratio(h.landed, signedCount)));
        out.add(MetricValue.headline(fid, s, Metric.DEALS_STARTED_RATE, ratio(h.started, signedCount)));
        out.add(MetricValue.headline(fid, s, Metric.DEALS_FUNDS_IN_PLACE, funds));
        out.add(MetricValue.headline(fid, s, Metric.DEALS_FUNDS_IN_PLACE_RATE, ratio(funds, signedValue)));
    }

    private static BigDecimal orZero(BigDecimal sum) {
        return sum == null ? BigDecimal.ZERO : sum;
    }
}
