package org.festivaloutcomes.metrics;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.festivaloutcomes.metrics.MetricSupport.GENERAL_ADMISSION;
import static org.festivaloutcomes.metrics.MetricSupport.HEADLINE;
import static org.festivaloutcomes.metrics.MetricSupport.isSet;
import static org.festivaloutcomes.metrics.MetricSupport.ratio;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The relational attendance computation that AttendanceMetrics replaced (one Spark plan per month:
 * a grouped base table, every row exploded into its breakdown members, three chained groupBys),
 * kept as the reference the one-pass computation is checked against on random data.
 */
final class LegacyAttendanceMetrics {

    static final String ONSITE = "onsite";
    static final String ONLINE = "online";

    private LegacyAttendanceMetrics() {
    }

    static List<MetricValue> compute(Dataset<Row> attendance, Dataset<Row> events,
            Collection<String> festivalIds, YearMonth period) {
        return compute(attendance, events, festivalIds, period, true);
    }

    /**
     * The headline values only (comparisons with the month before and the previous edition): the same
     * code, without the breakdowns but the day (peak day needs it).
     */
    static List<MetricValue> headlines(Dataset<Row> attendance, Dataset<Row> events,
            Collection<String> festivalIds, YearMonth period) {
        return compute(attendance, events, festivalIds, period, false).stream().filter(MetricValue::isHeadline)
                .toList();
    }

    private static List<MetricValue> compute(Dataset<Row> attendance, Dataset<Row> events,
            Collection<String> festivalIds, YearMonth period, boolean allBreakdowns) {
        Set<String> ids = new LinkedHashSet<>(festivalIds);
        List<MetricValue> out = new ArrayList<>();
        if (ids.isEmpty()) {
            return out;
        }
        LocalDate last = period.atEndOfMonth();

        Column staffType = col("attendee_type").isin("exhibitor_staff", "organizer_staff");
        Dataset<Row> base = attendance.filter(MetricSupport.ofFestivals(ids)).filter(col("day").leq(lit(last)))
                .groupBy("festival_id", "attendee_key", "day", "channel", "event_id", "attendee_type",
                        "origin_region", "origin_country")
                .agg(sum("admissions").as("adm"))
                .withColumn("staff", staffType)
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Column onsite = col("channel").equalTo(lit(ONSITE));
            Column online = col("channel").equalTo(lit(ONLINE));
            Column identified = col("attendee_key").isNotNull();
            Column anonymous = col("attendee_key").isNull();

            // 1. admissions and staff admissions, per (festival, scope)
            Map<String, Row> admissions = byFestivalScope(base.withColumn("scope", scopes(col("day"), period))
                    .groupBy("festival_id", "scope")
                    .agg(sum(when(onsite.and(col("staff").equalTo(false)), col("adm"))).as("admissions"),
                            sum(when(onsite.and(col("staff")), col("adm"))).as("staff_admissions"))
                    .collectAsList());

            // 2. identified onsite visitors: days seen, trade, known type, foreign, known country
            Column one = lit(1);
            Column zero = lit(0);
            Column countrySet = isSet(col("origin_country"));
            Map<String, Row> people = byFestivalScope(base
                    .filter(onsite.and(col("staff").equalTo(false)).and(identified))
                    .withColumn("scope", scopes(col("day"), period))
                    .groupBy("festival_id", "scope", "attendee_key")
                    .agg(countDistinct("day").as("days"),
                            max(when(col("attendee_type").equalTo("trade"), one).otherwise(zero)).as("trade"),
                            max(when(col("attendee_type").notEqual("unspecified"), one).otherwise(zero)).as("known"),
                            max(when(countrySet.and(col("origin_country").notEqual("CN")), one).otherwise(zero))
                                    .as("foreign"),
                            max(when(countrySet, one).otherwise(zero)).as("country_set"))
                    .groupBy("festival_id", "scope")
                    .agg(count(lit(1)).as("identified"),
                            sum(when(col("days").geq(2), one).otherwise(zero)).as("repeat"),
                            sum("trade").as("trade"), sum("known").as("known"),
                            sum("foreign").as("foreign"), sum("country_set").as("country_set"))
                    .collectAsList());

            // 3. visits, visitors, online viewers, reach: headline and breakdowns
            List<Row> breakdown = breakdownTable(base.filter(col("staff").equalTo(false)), events, ids, period,
                    onsite, online, identified, anonymous, allBreakdowns);

            Map<String, Row> headline = new HashMap<>();
            Map<String, String[]> peak = new HashMap<>();
            for (Row r : breakdown) {
                String fid = r.getAs("festival_id");
                String scope = r.getAs("scope");
                String dimension = r.getAs("dim");
                String key = fid + "\u0000" + scope;
                if (HEADLINE.equals(dimension)) {
                    headline.put(key, r);
                    continue;
                }
                boolean hasOnsite = getLong(r, "has_on") > 0;
                boolean hasOnline = getLong(r, "has_onl") > 0;
                long visits = getLong(r, "visits_id") + getLong(r, "anon_on");
                long visitors = getLong(r, "visitors_id") + getLong(r, "anon_on");
                long online_viewers = getLong(r, "online_id") + getLong(r, "anon_onl");
                long reach = getLong(r, "reach_id") + getLong(r, "anon_on") + getLong(r, "anon_onl");
                Scope s = MetricSupport.scope(scope);
                String m = r.getAs("member");
                switch (dimension) {
                    case "day" -> {
                        if (hasOnsite) {
                            out.add(new MetricValue(fid, s, Metric.ATTENDANCE_VISITS, dimension, m, visits));
                            out.add(new MetricValue(fid, s, Metric.ATTENDANCE_VISITORS, dimension, m, visitors));
                            String[] best = peak.get(key);
                            if (visits > 0 && (best == null || visits > Long.parseLong(best[1])
                                    || (visits == Long.parseLong(best[1]) && m.compareTo(best[0]) < 0))) {
                                peak.put(key, new String[] {m, Long.toString(visits)});
                            }
                        }
                    }
                    case "event" -> {
                        if (hasOnsite) {
                            out.add(new MetricValue(fid, s, Metric.ATTENDANCE_VISITS, dimension, m, visits));
                            out.add(new MetricValue(fid, s, Metric.ATTENDANCE_VISITORS, dimension, m, visitors));
                        }
                        if (hasOnline) {
                            out.add(new MetricValue(fid, s, Metric.ATTENDANCE_ONLINE_VIEWERS, dimension, m,
                                    online_viewers));
                        }
                    }
                    case "event_type", "section", "pavilion", "district", "attendee_type" -> {
                        if (hasOnsite) {
                            out.add(new MetricValue(fid, s, Metric.ATTENDANCE_VISITS, dimension, m, visits));
                        }
                    }
                    case "origin_region" -> {
                        if (hasOnsite) {
                            out.add(new MetricValue(fid, s, Metric.ATTENDANCE_VISITORS, dimension, m, visitors));
                        }
                    }
                    case "channel" -> out.add(new MetricValue(fid, s, Metric.ATTENDANCE_TOTAL_REACH, dimension, m, reach));
                    default -> throw new IllegalStateException("unexpected dimension " + dimension);
                }
            }

            for (String fid : ids) {
                for (Scope s : MetricFamily.ATTENDANCE.scopes()) {
                    String key = fid + "\u0000" + s.code();
                    Row h = headline.get(key);
                    Row a = admissions.get(key);
                    Row p = people.get(key);
                    long anonOn = h == null ? 0 : getLong(h, "anon_on");
                    long anonOnl = h == null ? 0 : getLong(h, "anon_onl");
                    long identifiedVisitors = h == null ? 0 : getLong(h, "visitors_id");
                    out.add(MetricValue.headline(fid, s, Metric.ATTENDANCE_ADMISSIONS,
                            a == null ? 0L : getLong(a, "admissions")));
                    out.add(MetricValue.headline(fid, s, Metric.ATTENDANCE_VISITS,
                            (h == null ? 0 : getLong(h, "visits_id")) + anonOn));
                    out.add(MetricValue.headline(fid, s, Metric.ATTENDANCE_VISITORS, identifiedVisitors + anonOn));
                    out.add(MetricValue.headline(fid, s, Metric.ATTENDANCE_IDENTIFIED_VISITORS, identifiedVisitors));
                    out.add(MetricValue.headline(fid, s, Metric.ATTENDANCE_ONLINE_VIEWERS,
                            (h == null ? 0 : getLong(h, "online_id")) + anonOnl));
                    out.add(MetricValue.headline(fid, s, Metric.ATTENDANCE_TOTAL_REACH,
                            (h == null ? 0 : getLong(h, "reach_id")) + anonOn + anonOnl));
                    long idv = p == null ? 0 : getLong(p, "identified");
                    out.add(MetricValue.headline(fid, s, Metric.ATTENDANCE_REPEAT_VISITOR_SHARE,
                            ratio(p == null ? 0 : getLong(p, "repeat"), idv)));
                    out.add(MetricValue.headline(fid, s, Metric.ATTENDANCE_TRADE_VISITOR_SHARE,
                            ratio(p == null ? 0 : getLong(p, "trade"), p == null ? 0 : getLong(p, "known"))));
                    out.add(MetricValue.headline(fid, s, Metric.ATTENDANCE_FOREIGN_VISITOR_SHARE,
                            ratio(p == null ? 0 : getLong(p, "foreign"), p == null ? 0 : getLong(p, "country_set"))));
                    String[] best = peak.get(key);
                    out.add(MetricValue.headline(fid, s, Metric.ATTENDANCE_PEAK_DAY,
                            best == null ? null : LocalDate.parse(best[0])));
                    out.add(MetricValue.headline(fid, s, Metric.ATTENDANCE_PEAK_DAY_VISITS,
                            best == null ? null : Long.valueOf(best[1])));
                    out.add(MetricValue.headline(fid, s, Metric.ATTENDANCE_STAFF_ADMISSIONS,
                            a == null ? 0L : getLong(a, "staff_admissions")));
                }
            }
            return MetricSupport.sorted(out);
        } finally {
            base.unpersist();
        }
    }

    /**
     * Per (festival, scope, dim, member) of visitor rows: visits_id (distinct identified onsite
     * attendee-days), visitors_id / online_id / reach_id (distinct identified attendees onsite / online /
     * either), anon_on / anon_onl (admissions of anonymous onsite / online rows), has_on / has_onl (a row
     * of that channel has the member). The headline is the row with dim = member = "".
     */
    private static List<Row> breakdownTable(Dataset<Row> visitorBase, Dataset<Row> events, Set<String> ids,
            YearMonth period, Column onsite, Column online, Column identified, Column anonymous,
            boolean allBreakdowns) {
        Dataset<Row> ev = events.filter(MetricSupport.ofFestivals(ids)).select(
                col("festival_id").as("ev_festival_id"), col("event_id").as("ev_event_id"),
                col("event_type").as("ev_event_type"), col("section").as("ev_section"),
                col("pavilion").as("ev_pavilion"), col("district").as("ev_district"));
        Dataset<Row> joined = visitorBase.join(broadcast(ev),
                col("festival_id").equalTo(col("ev_festival_id")).and(col("event_id").equalTo(col("ev_event_id"))),
                "left");
        Column general = col("event_id").isNull();
        Column event = when(general, lit(GENERAL_ADMISSION)).otherwise(member(col("event_id")));
        Column[] dims = {
            headlineDim(),
            dim("day", date_format(col("day"), "yyyy-MM-dd")),
            dim("event", event),
            dim("event_type", when(general, lit(GENERAL_ADMISSION)).otherwise(member(col("ev_event_type")))),
            dim("section", when(general, lit(GENERAL_ADMISSION)).otherwise(member(col("ev_section")))),
            dim("pavilion", when(general, lit(GENERAL_ADMISSION)).otherwise(member(col("ev_pavilion")))),
            dim("district", when(general, lit(GENERAL_ADMISSION)).otherwise(member(col("ev_district")))),
            dim("attendee_type", member(col("attendee_type"))),
            dim("origin_region", member(col("origin_region"))),
            dim("channel", member(col("channel"))),
        };
        if (!allBreakdowns) {
            dims = new Column[] {dims[0], dims[1]};
        }
        Column one = lit(1);
        Column zero = lit(0);
        // online rows only count for the headline, event (online_viewers) and channel (total_reach)
        Dataset<Row> exploded = joined
                .withColumn("scope", scopes(col("day"), period))
                .withColumn("dm", explode(array(dims)))
                .select(col("festival_id"), col("scope"), col("dm.dim").as("dim"), col("dm.member").as("member"),
                        col("attendee_key"), col("day"), col("channel"), col("adm"))
                .filter(onsite.or(col("dim").isin(HEADLINE, "event", "channel")));
        return exploded
                // one row per attendee-day and channel of a member (anonymous rows: per day and channel)
                .groupBy("festival_id", "scope", "dim", "member", "attendee_key", "day", "channel")
                .agg(sum("adm").as("adm"))
                // one row per attendee of a member (anonymous rows: one row)
                .groupBy("festival_id", "scope", "dim", "member", "attendee_key")
                .agg(sum(when(onsite, one).otherwise(zero)).as("onsite_days"),
                        max(when(onsite, one).otherwise(zero)).as("on"),
                        max(when(online, one).otherwise(zero)).as("onl"),
                        sum(when(onsite, col("adm"))).as("adm_on"),
                        sum(when(online, col("adm"))).as("adm_onl"))
                .groupBy("festival_id", "scope", "dim", "member")
                .agg(sum(when(identified, col("onsite_days"))).as("visits_id"),
                        sum(when(identified, col("on"))).as("visitors_id"),
                        sum(when(identified, col("onl"))).as("online_id"),
                        count(when(identified, one)).as("reach_id"),
                        sum(when(anonymous, col("adm_on"))).as("anon_on"),
                        sum(when(anonymous, col("adm_onl"))).as("anon_onl"),
                        max("on").as("has_on"), max("onl").as("has_onl"))
                .collectAsList();
    }

    private static Map<String, Row> byFestivalScope(List<Row> rows) {
        Map<String, Row> map = new HashMap<>();
        for (Row r : rows) {
            map.put(r.getAs("festival_id") + "\u0000" + r.getAs("scope"), r);
        }
        return map;
    }

    // Spark column helpers of the relational computation (the program's metrics no longer use them)

    /** The member of a text value: the exact string, or {@code (none)} when empty. */
    static Column member(Column c) {
        return when(isSet(c), c).otherwise(lit(MetricSupport.NONE));
    }

    /**
     * The scopes a dated row belongs to, exploded: {@code to_date} for a day on or before the last day of
     * the period (the caller filters those), and also {@code month} for a day inside the period.
     */
    static Column scopes(Column day, YearMonth period) {
        return explode(when(day.geq(lit(period.atDay(1))).and(day.leq(lit(period.atEndOfMonth()))),
                array(lit(MetricSupport.MONTH), lit(MetricSupport.TO_DATE)))
                .otherwise(array(lit(MetricSupport.TO_DATE))));
    }

    /** A (dim, member) struct for an exploded breakdown; the headline uses {@code HEADLINE} for both. */
    static Column dim(String dimension, Column memberColumn) {
        return struct(lit(dimension).as("dim"), memberColumn.as("member"));
    }

    static Column headlineDim() {
        return dim(HEADLINE, lit(HEADLINE));
    }

    static long getLong(Row r, String field) {
        Object v = r.getAs(field);
        return v == null ? 0L : ((Number) v).longValue();
    }
}
