package org.festivaloutcomes.metrics;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.unix_date;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;
import static org.festivaloutcomes.metrics.AttendanceTally.ANON_ONLINE;
import static org.festivaloutcomes.metrics.AttendanceTally.ANON_ONSITE;
import static org.festivaloutcomes.metrics.AttendanceTally.ADMITTED;
import static org.festivaloutcomes.metrics.AttendanceTally.COUNTRY_SET;
import static org.festivaloutcomes.metrics.AttendanceTally.FOREIGN;
import static org.festivaloutcomes.metrics.AttendanceTally.KNOWN_TYPE;
import static org.festivaloutcomes.metrics.AttendanceTally.ONLINE;
import static org.festivaloutcomes.metrics.AttendanceTally.REACH;
import static org.festivaloutcomes.metrics.AttendanceTally.REPEAT;
import static org.festivaloutcomes.metrics.AttendanceTally.ROWS;
import static org.festivaloutcomes.metrics.AttendanceTally.ROWS_ONLINE;
import static org.festivaloutcomes.metrics.AttendanceTally.ROWS_ONSITE;
import static org.festivaloutcomes.metrics.AttendanceTally.STAFF_ADMITTED;
import static org.festivaloutcomes.metrics.AttendanceTally.TRADE;
import static org.festivaloutcomes.metrics.AttendanceTally.VISITORS;
import static org.festivaloutcomes.metrics.AttendanceTally.VISITS;
import static org.festivaloutcomes.metrics.MetricSupport.ratio;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import org.festivaloutcomes.ingest.AttendanceFacts;
import org.festivaloutcomes.metrics.AttendanceTally.Part;
import org.festivaloutcomes.metrics.AttendanceTally.Totals;

/**
 * The attendance family of metrics.md (every {@code attendance.*} metric), scopes month and to_date.
 *
 * <p>Inputs: accepted attendance rows ({@code Staged.ATTENDANCE}: one row per admission, check-in or
 * viewing; attendee_key null = anonymous row) and accepted events ({@code Staged.EVENTS}) for the
 * event dimensions. For a request (festival, month), month = days inside the month and to_date = every
 * day up to its last day.
 *
 * <p>Every request of a call is computed in one pass. The rows come from the run's
 * {@link AttendanceFacts} when there are some: the parse tasks wrote them in sections by attendee_key, so
 * each task reads a range of sections and no shuffle is needed. Otherwise (tests, a store entry without
 * facts) the rows of the requested festivals up to their last requested day are read from the store and
 * partitioned by attendee_key with one shuffle. One walk per partition
 * ({@link AttendanceTally}) counts the anonymous and staff rows as they come (they are spread over the
 * partitions by a hash of their own values), keeps each identified visitor row as two longs, sorts
 * them, and takes each attendee's rows in (festival, day) order to count that attendee's distinct days
 * and distinct presence per member. The partitions' counters are small; they are collected and summed
 * on the driver, where the values and exact ratios are made. Nothing is approximated.
 */
public final class AttendanceMetrics {

    static final String ONSITE = "onsite";
    static final String ONLINE_CHANNEL = "online";

    private AttendanceMetrics() {
    }

    /** Headline values and breakdowns of the given festivals for one month. */
    public static List<MetricValue> compute(Dataset<Row> attendance, Dataset<Row> events,
            Collection<String> festivalIds, YearMonth period) {
        return forFestivals(attendance, events, festivalIds, period, true);
    }

    /** The headline values only (comparisons with the month before and the previous edition). */
    public static List<MetricValue> headlines(Dataset<Row> attendance, Dataset<Row> events,
            Collection<String> festivalIds, YearMonth period) {
        return forFestivals(attendance, events, festivalIds, period, false);
    }

    private static List<MetricValue> forFestivals(Dataset<Row> attendance, Dataset<Row> events,
            Collection<String> festivalIds, YearMonth period, boolean breakdowns) {
        List<MetricRequest> requests = new LinkedHashSet<>(festivalIds).stream()
                .map(id -> new MetricRequest(id, period, breakdowns)).toList();
        List<MetricValue> out = new ArrayList<>();
        compute(attendance, events, requests).values().forEach(out::addAll);
        return MetricSupport.sorted(out);
    }

    /**
     * Every request's values, computed in one pass over the data: the headline values of both scopes,
     * and the breakdowns when the request asks for them (a headline-only request gets headline values
     * only). Each list is in metrics.csv order; the map follows the order of the requests.
     */
    public static Map<MetricRequest, List<MetricValue>> compute(Dataset<Row> attendance, Dataset<Row> events,
            Collection<MetricRequest> requests) {
        return compute(attendance, null, events, requests);
    }

    /**
     * As {@link #compute(Dataset, Dataset, Collection)}, reading the rows from their
     * {@link AttendanceFacts} when there are some (the same rows as {@code attendance}, 32 bytes each,
     * already in sections by attendee: no parse of the files and no shuffle).
     */
    public static Map<MetricRequest, List<MetricValue>> compute(Dataset<Row> attendance, AttendanceFacts facts,
            Dataset<Row> events, Collection<MetricRequest> requests) {
        return compute(attendance, attendance.sparkSession().sparkContext(), facts, SmallTable.of(events), requests);
    }

    /**
     * As {@link #compute(Dataset, AttendanceFacts, Dataset, Collection)} for a run: the rows from their
     * facts only, the events from rows on the driver or a Dataset.
     */
    public static Map<MetricRequest, List<MetricValue>> compute(SparkContext spark, AttendanceFacts facts,
            SmallTable events, Collection<MetricRequest> requests) {
        return compute(null, spark, java.util.Objects.requireNonNull(facts, "facts"), events, requests);
    }

    private static Map<MetricRequest, List<MetricValue>> compute(Dataset<Row> attendance, SparkContext spark,
            AttendanceFacts facts, SmallTable events, Collection<MetricRequest> requests) {
        Map<MetricRequest, List<MetricValue>> result = new LinkedHashMap<>();
        if (requests.isEmpty()) {
            return result;
        }
        Set<String> ids = new LinkedHashSet<>();
        requests.forEach(r -> ids.add(r.festivalId()));
        AttendancePlan plan = AttendancePlan.of(requests, eventMembers(events, ids));
        Map<Integer, List<Totals>> counters = facts == null ? tally(attendance, plan) : tally(spark, facts, plan);
        for (MetricRequest request : requests) {
            if (!result.containsKey(request)) {
                int f = plan.festivalIndex(request.festivalId());
                result.put(request, values(request, plan, f, counters.getOrDefault(f, List.of())));
            }
        }
        return result;
    }

    /**
     * The to_date {@code attendance.foreign_visitor_share} per festival, read from values returned by
     * {@link #compute}; a festival whose share is empty maps to null (the key is present).
     */
    public static Map<String, BigDecimal> toDateForeignVisitorShare(List<MetricValue> attendanceValues) {
        Map<String, BigDecimal> shares = new HashMap<>();
        for (MetricValue v : attendanceValues) {
            if (v.isHeadline() && v.scope() == Scope.TO_DATE && v.metric() == Metric.ATTENDANCE_FOREIGN_VISITOR_SHARE) {
                shares.put(v.festivalId(), (BigDecimal) v.value());
            }
        }
        return shares;
    }

    /** festival_id to event_id to the members of the event's event_type, section, pavilion, district. */
    private static Map<String, Map<String, String[]>> eventMembers(SmallTable events, Set<String> ids) {
        Map<String, Map<String, String[]>> members = new HashMap<>();
        for (Row r : events.select(ids, "festival_id", "event_id", "event_type", "section", "pavilion", "district")) {
            String[] m = new String[AttendancePlan.EVENT_DIMS];
            for (int i = 0; i < m.length; i++) {
                m[i] = MetricSupport.member(r.getString(2 + i));
            }
            members.computeIfAbsent(r.getString(0), k -> new HashMap<>()).put(r.getString(1), m);
        }
        return members;
    }

    /**
     * The one pass: the counters of every (festival, dimension, member), summed over the partitions,
     * by festival index.
     */
    private static Map<Integer, List<Totals>> tally(Dataset<Row> attendance, AttendancePlan plan) {
        Dataset<Row> rows = walkOrder(attendance, plan);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(attendance.sparkSession().sparkContext());
        Broadcast<AttendancePlan> shared = jsc.broadcast(plan);
        List<List<Part>> partitions;
        try {
            // internal rows: the walk reads fields in place, without a Java object per row and value
            partitions = rows.queryExecution().toRdd().toJavaRDD()
                    .mapPartitions(it -> List.of(AttendanceTally.walk(shared.value(), it)).iterator()).collect();
        } finally {
            shared.destroy();
        }

        return AttendanceTally.merge(plan, partitions);
    }

    /**
     * The one pass over attendance facts: each task walks a range of sections of every file, which holds
     * every row of its attendees. Tasks: two per core at least, and enough that each sorts no more
     * identified rows than the walk keeps in memory.
     */
    private static Map<Integer, List<Totals>> tally(SparkContext spark, AttendanceFacts facts,
            AttendancePlan plan) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark);
        List<int[]> ranges = MetricSupport.sectionRanges(facts.rows(), KeyedRows.defaultLimit(),
                jsc.defaultParallelism(), AttendanceFacts.BUCKETS);
        List<String> files = facts.files();
        List<long[]> setAside = facts.setAside();
        Broadcast<AttendancePlan> shared = jsc.broadcast(plan);
        List<List<Part>> partitions;
        try {
            partitions = jsc.parallelize(ranges, ranges.size()).map(range -> AttendanceTally.encode(
                    AttendanceTally.walk(shared.value(), new FactRows(shared.value(), files, setAside, range[0],
                            range[1])))).collect().stream().map(AttendanceTally::decode).toList();
        } finally {
            shared.destroy();
        }
        return AttendanceTally.merge(plan, partitions);
    }

    /**
     * A row's flags (AttendanceTally's bits) from its text values, as {@link #walkOrder} computes them in
     * Spark; attendee_type is set.
     */
    static int flags(String channel, String type, String country) {
        int flags = 0;
        if (ONSITE.equals(channel)) {
            flags |= AttendanceTally.ONSITE_ROW;
        }
        if (ONLINE_CHANNEL.equals(channel)) {
            flags |= AttendanceTally.ONLINE_ROW;
        }
        if (type.equals("exhibitor_staff") || type.equals("organizer_staff")) {
            flags |= AttendanceTally.STAFF_ROW;
        }
        if (type.equals("trade")) {
            flags |= AttendanceTally.TRADE_ROW;
        }
        if (!type.equals("unspecified")) {
            flags |= AttendanceTally.KNOWN_TYPE_ROW;
        }
        if (MetricSupport.isSet(country)) {
            flags |= AttendanceTally.COUNTRY_ROW;
            if (!country.equals("CN")) {
                flags |= AttendanceTally.FOREIGN_ROW;
            }
        }
        return flags;
    }

    /**
     * The rows the walk reads (AttendanceTally's layout), of the plan's festivals up to their last
     * requested day, partitioned by attendee. Flags are computed here by the definitions' own
     * expressions; the text columns are read for festivals with breakdowns only.
     */
    static Dataset<Row> walkOrder(Dataset<Row> attendance, AttendancePlan plan) {
        Column festival = null;
        Column wanted = lit(false);
        Column detailed = lit(false);
        for (int f = 0; f < plan.festivals.length; f++) {
            Column is = col("festival_id").equalTo(lit(plan.festivals[f]));
            festival = festival == null ? when(is, lit(f)) : festival.when(is, lit(f));
            wanted = wanted.or(is.and(col("day").leq(lit(plan.lastDay(f)))));
            if (plan.breakdowns[f]) {
                detailed = detailed.or(is);
            }
        }
        Column type = col("attendee_type");
        Column staff = type.isin("exhibitor_staff", "organizer_staff");
        Column country = col("origin_country");
        Column flags = flag(col("channel").equalTo(lit(ONSITE)), AttendanceTally.ONSITE_ROW)
                .plus(flag(col("channel").equalTo(lit(ONLINE_CHANNEL)), AttendanceTally.ONLINE_ROW))
                .plus(flag(staff, AttendanceTally.STAFF_ROW))
                .plus(flag(type.equalTo(lit("trade")), AttendanceTally.TRADE_ROW))
                .plus(flag(type.notEqual(lit("unspecified")), AttendanceTally.KNOWN_TYPE_ROW))
                .plus(flag(MetricSupport.isSet(country), AttendanceTally.COUNTRY_ROW))
                .plus(flag(MetricSupport.isSet(country).and(country.notEqual(lit("CN"))), AttendanceTally.FOREIGN_ROW));
        // identified visitor rows carry their attendee_key and are grouped by it
        Column key = when(col("attendee_key").isNotNull().and(not(staff)), col("attendee_key"));
        Dataset<Row> rows = attendance
                // a row without attendee_type is neither a visitor nor a staff row
                .filter(wanted.and(type.isNotNull()))
                .select(key.as("k"), festival.as("f"), unix_date(col("day")).as("d"), flags.as("flags"),
                        col("admissions"), detail(detailed, "channel"), detail(detailed, "event_id"),
                        detail(detailed, "attendee_type"), detail(detailed, "origin_region"));
        // one shuffle, sized by AQE from spark.sql.shuffle.partitions, and no sort: the walk sorts each
        // partition's identified rows itself (KeyedRows); the other rows are counted one by one wherever
        // they land, spread by a hash of their values
        return rows.repartition(coalesce(col("k"), xxhash64(col("f"), col("d"), col("flags"), col("admissions"),
                col("channel"), col("event_id"), col("attendee_type"), col("origin_region"))));
    }

    private static Column flag(Column condition, int bit) {
        return when(condition, lit(bit)).otherwise(lit(0));
    }

    private static Column detail(Column detailed, String column) {
        return when(detailed, col(column)).as(column);
    }

    /** A request's values from its festival's counters. */
    private static List<MetricValue> values(MetricRequest request, AttendancePlan plan, int f, List<Totals> parts) {
        String fid = request.festivalId();
        int buckets = plan.buckets(f);
        int bucket = plan.bucketOf(f, request.period());
        List<MetricValue> out = new ArrayList<>();
        for (Scope s : MetricFamily.ATTENDANCE.scopes()) {
            Reader v = new Reader(buckets, bucket, s == Scope.MONTH);
            long[] h = null;
            String peakDay = null;
            long peakVisits = 0;
            for (Totals p : parts) {
                long[] c = p.counts();
                String m = p.member();
                long visits = v.get(c, VISITS) + v.get(c, ANON_ONSITE);
                long visitors = v.get(c, VISITORS) + v.get(c, ANON_ONSITE);
                boolean hasOnsite = v.get(c, ROWS_ONSITE) > 0;
                boolean hasOnline = v.get(c, ROWS_ONLINE) > 0;
                switch (p.dimension()) {
                    case AttendanceTally.HEADLINE -> h = c;
                    case AttendanceTally.DAY_DIM -> {
                        if (hasOnsite) {
                            if (request.breakdowns()) {
                                out.add(new MetricValue(fid, s, Metric.ATTENDANCE_VISITS, "day", m, visits));
                                out.add(new MetricValue(fid, s, Metric.ATTENDANCE_VISITORS, "day", m, visitors));
                            }
                            if (visits > 0 && (peakDay == null || visits > peakVisits
                                    || (visits == peakVisits && m.compareTo(peakDay) < 0))) {
                                peakDay = m;
                                peakVisits = visits;
                            }
                        }
                    }
                    default -> {
                        if (request.breakdowns()) {
                            breakdown(out, fid, s, p.dimension(), m, v, c, visits, visitors, hasOnsite, hasOnline);
                        }
                    }
                }
            }
            long[] c = h == null ? new long[AttendanceTally.SLOTS * buckets * 2] : h;
            long anonOnsite = v.get(c, ANON_ONSITE);
            long anonOnline = v.get(c, ANON_ONLINE);
            long identified = v.get(c, VISITORS);
            out.add(MetricValue.headline(fid, s, Metric.ATTENDANCE_ADMISSIONS, v.get(c, ADMITTED)));
            out.add(MetricValue.headline(fid, s, Metric.ATTENDANCE_VISITS, v.get(c, VISITS) + anonOnsite));
            out.add(MetricValue.headline(fid, s, Metric.ATTENDANCE_VISITORS, identified + anonOnsite));
            out.add(MetricValue.headline(fid, s, Metric.ATTENDANCE_IDENTIFIED_VISITORS, identified));
            out.add(MetricValue.headline(fid, s, Metric.ATTENDANCE_ONLINE_VIEWERS, v.get(c, ONLINE) + anonOnline));
            out.add(MetricValue.headline(fid, s, Metric.ATTENDANCE_TOTAL_REACH,
                    v.get(c, REACH) + anonOnsite + anonOnline));
            out.add(MetricValue.headline(fid, s, Metric.ATTENDANCE_REPEAT_VISITOR_SHARE,
                    ratio(v.get(c, REPEAT), identified)));
            out.add(MetricValue.headline(fid, s, Metric.ATTENDANCE_TRADE_VISITOR_SHARE,
                    ratio(v.get(c, TRADE), v.get(c, KNOWN_TYPE))));
            out.add(MetricValue.headline(fid, s, Metric.ATTENDANCE_FOREIGN_VISITOR_SHARE,
                    ratio(v.get(c, FOREIGN), v.get(c, COUNTRY_SET))));
            out.add(MetricValue.headline(fid, s, Metric.ATTENDANCE_PEAK_DAY,
                    peakDay == null ? null : LocalDate.parse(peakDay)));
            out.add(MetricValue.headline(fid, s, Metric.ATTENDANCE_PEAK_DAY_VISITS,
                    peakDay == null ? null : Long.valueOf(peakVisits)));
            out.add(MetricValue.headline(fid, s, Metric.ATTENDANCE_STAFF_ADMISSIONS, v.get(c, STAFF_ADMITTED)));
        }
        return MetricSupport.sorted(out);
    }

    /** The breakdown values of one member other than a day; a member shows where it has a row. */
    private static void breakdown(List<MetricValue> out, String fid, Scope s, int dimension, String m, Reader v,
            long[] c, long visits, long visitors, boolean hasOnsite, boolean hasOnline) {
        String dim = AttendanceTally.DIMENSIONS[dimension];
        switch (dimension) {
            case AttendanceTally.EVENT_DIM -> {
                if (hasOnsite) {
                    out.add(new MetricValue(fid, s, Metric.ATTENDANCE_VISITS, dim, m, visits));
                    out.add(new MetricValue(fid, s, Metric.ATTENDANCE_VISITORS, dim, m, visitors));
                }
                if (hasOnline) {
                    out.add(new MetricValue(fid, s, Metric.ATTENDANCE_ONLINE_VIEWERS, dim, m,
                            v.get(c, ONLINE) + v.get(c, ANON_ONLINE)));
                }
            }
            case AttendanceTally.ORIGIN_REGION -> {
                if (hasOnsite) {
                    out.add(new MetricValue(fid, s, Metric.ATTENDANCE_VISITORS, dim, m, visitors));
                }
            }
            case AttendanceTally.CHANNEL_DIM -> {
                if (v.get(c, ROWS) > 0) {
                    out.add(new MetricValue(fid, s, Metric.ATTENDANCE_TOTAL_REACH, dim, m,
                            v.get(c, REACH) + v.get(c, ANON_ONSITE) + v.get(c, ANON_ONLINE)));
                }
            }
            default -> {
                // event_type, section, pavilion, district, attendee_type
                if (hasOnsite) {
                    out.add(new MetricValue(fid, s, Metric.ATTENDANCE_VISITS, dim, m, visits));
                }
            }
        }
    }

    /**
     * Reads a scope's value of a slot: month = the bucket's in-month counter; to_date = the sum of the
     * every-day counters of buckets 0 .. the request's.
     */
    private record Reader(int buckets, int bucket, boolean month) {
        long get(long[] counts, int slot) {
            if (month) {
                return counts[AttendanceTally.index(slot, buckets, bucket, 1)];
            }
            long sum = 0;
            for (int b = 0; b <= bucket; b++) {
                sum += counts[AttendanceTally.index(slot, buckets, b, 0)];
            }
            return sum;
        }
    }
}
