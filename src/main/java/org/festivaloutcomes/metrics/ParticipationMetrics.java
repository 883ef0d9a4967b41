package org.festivaloutcomes.metrics;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.festivaloutcomes.metrics.MetricSupport.dim;
import static org.festivaloutcomes.metrics.MetricSupport.getDecimal;
import static org.festivaloutcomes.metrics.MetricSupport.getLong;
import static org.festivaloutcomes.metrics.MetricSupport.isSet;
import static org.festivaloutcomes.metrics.MetricSupport.member;
import static org.festivaloutcomes.metrics.MetricSupport.ratio;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.festivaloutcomes.ingest.Staged;
import org.festivaloutcomes.model.Festival;

/**
 * The participation family of metrics.md (every {@code participation.*} metric), scope edition.
 *
 * <p>Inputs: accepted enterprise rows ({@code Staged.ENTERPRISES}, one per (festival_id, enterprise_id)),
 * the accepted festivals (for previous_edition_id) and the to_date foreign visitor share per festival
 * (from {@link AttendanceMetrics#toDateForeignVisitorShare}).
 *
 * <p>Grain: one enterprise row of an edition. Participants are rows whose role is not
 * {@code represented}; exhibitors are {@code main_exhibitor} and {@code co_exhibitor}. returning and
 * new exhibitors compare with the exhibitors of the previous edition, and are null unless the edition
 * has a previous_edition_id with at least one row in {@code enterprises}. Breakdowns: pavilion,
 * section, industry, role (participants, net_space_sqm, exhibits) and region (participants); a member
 * of participants and net_space_sqm needs a participant row with it, a member of exhibits any row of the
 * edition (represented included).
 */
public final class ParticipationMetrics {

    static final BigDecimal EXHIBITOR_THRESHOLD = new BigDecimal("0.10");
    static final BigDecimal VISITOR_THRESHOLD = new BigDecimal("0.05");

    private ParticipationMetrics() {
    }

    /** The values of the given editions, with each edition's to_date foreign visitor share (may be absent). */
    public static List<MetricValue> forEditions(Dataset<Row> enterprises, List<Festival> festivals,
            Collection<String> festivalIds, Map<String, BigDecimal> toDateForeignVisitorShare) {
        Set<String> ids = new LinkedHashSet<>(festivalIds);
        List<MetricValue> out = new ArrayList<>();
        if (ids.isEmpty()) {
            return out;
        }
        Map<String, String> previous = new HashMap<>();
        for (Festival f : festivals) {
            if (ids.contains(f.festivalId()) && f.previousEditionId() != null && !f.previousEditionId().isBlank()) {
                previous.put(f.festivalId(), f.previousEditionId());
            }
        }

        Column participant = col("role").notEqual("represented");
        Column exhibitor = col("role").isin("main_exhibitor", "co_exhibitor");
        Column id = col("enterprise_id");
        Column countrySet = isSet(col("country"));
        Column zeroSqm = lit(BigDecimal.ZERO).cast(Staged.DECIMAL);
        Dataset<Row> ent = enterprises.filter(MetricSupport.ofFestivals(ids));

        Map<String, Row> headline = new HashMap<>();
        for (Row r : ent.groupBy("festival_id")
                .agg(countDistinct(when(participant, id)).as("participants"),
                        countDistinct(when(exhibitor, id)).as("exhibitors"),
                        countDistinct(when(col("role").equalTo("co_exhibitor"), id)).as("co_exhibitors"),
                        countDistinct(when(col("role").equalTo("represented"), id)).as("represented"),
                        countDistinct(when(participant.and(col("org_type").equalTo("enterprise")), id))
                                .as("enterprises"),
                        countDistinct(when(participant.and(col("org_type").equalTo("institution")), id))
                                .as("institutions"),
                        countDistinct(when(participant.and(coalesce(col("is_leading"), lit(false))), id))
                                .as("leading"),
                        countDistinct(when(participant.and(isSet(col("region"))), col("region"))).as("regions"),
                        countDistinct(when(participant.and(countrySet), col("country"))).as("countries"),
                        countDistinct(when(exhibitor.and(countrySet).and(col("country").notEqual("CN")), id))
                                .as("foreign_exhibitors"),
                        countDistinct(when(exhibitor.and(countrySet), id)).as("known_country_exhibitors"),
                        sum(when(participant, coalesce(col("booth_area_sqm"), zeroSqm))).as("net_space"),
                        sum(coalesce(col("exhibits"), lit(0L))).as("exhibits"))
                .collectAsList()) {
            headline.put(r.getAs("festival_id"), r);
        }

        Map<String, Long> returning = returningExhibitors(enterprises, previous, exhibitor);

        for (String fid : ids) {
            Row h = headline.get(fid);
            long exhibitors = h == null ? 0 : getLong(h, "exhibitors");
            BigDecimal foreignShare = ratio(h == null ? 0 : getLong(h, "foreign_exhibitors"),
                    h == null ? 0 : getLong(h, "known_country_exhibitors"));
            Scope s = Scope.EDITION;
            out.add(MetricValue.headline(fid, s, Metric.PARTICIPATION_PARTICIPANTS, count(h, "participants")));
            out.add(MetricValue.headline(fid, s, Metric.PARTICIPATION_EXHIBITORS, exhibitors));
            out.add(MetricValue.headline(fid, s, Metric.PARTICIPATION_CO_EXHIBITORS, count(h, "co_exhibitors")));
            out.add(MetricValue.headline(fid, s, Metric.PARTICIPATION_REPRESENTED_COMPANIES, count(h, "represented")));
            out.add(MetricValue.headline(fid, s, Metric.PARTICIPATION_ENTERPRISES, count(h, "enterprises")));
            out.add(MetricValue.headline(fid, s, Metric.PARTICIPATION_INSTITUTIONS, count(h, "institutions")));
            out.add(MetricValue.headline(fid, s, Metric.PARTICIPATION_LEADING_ENTERPRISES, count(h, "leading")));
            out.add(MetricValue.headline(fid, s, Metric.PARTICIPATION_REGIONS, count(h, "regions")));
            out.add(MetricValue.headline(fid, s, Metric.PARTICIPATION_COUNTRIES, count(h, "countries")));
            out.add(MetricValue.headline(fid, s, Metric.PARTICIPATION_FOREIGN_EXHIBITOR_SHARE, foreignShare));
            out.add(MetricValue.headline(fid, s, Metric.PARTICIPATION_NET_SPACE_SQM,
                    h == null ? BigDecimal.ZERO : getDecimal(h, "net_space")));
            out.add(MetricValue.headline(fid, s, Metric.PARTICIPATION_EXHIBITS, count(h, "exhibits")));
            Long ret = returning.get(fid);
            out.add(MetricValue.headline(fid, s, Metric.PARTICIPATION_RETURNING_EXHIBITORS, ret));
            out.add(MetricValue.headline(fid, s, Metric.PARTICIPATION_NEW_EXHIBITORS,
                    ret == null ? null : exhibitors - ret));
            out.add(MetricValue.headline(fid, s, Metric.PARTICIPATION_IS_INTERNATIONAL,
                    isInternational(foreignShare, toDateForeignVisitorShare == null ? null
                            : toDateForeignVisitorShare.get(fid)) ? 1L : 0L));
        }

        for (Row r : ent.withColumn("dm", explode(array(
                        dim("pavilion", member(col("pavilion"))),
                        dim("section", member(col("section"))),
                        dim("industry", member(col("industry"))),
                        dim("role", member(col("role"))),
                        dim("region", member(col("region"))))))
                .groupBy(col("festival_id"), col("dm.dim").as("dim"), col("dm.member").as("member"))
                .agg(countDistinct(when(participant, id)).as("participants"),
                        max(when(participant, lit(1)).otherwise(lit(0))).as("has_participant"),
                        sum(when(participant, coalesce(col("booth_area_sqm"), zeroSqm))).as("net_space"),
                        sum(coalesce(col("exhibits"), lit(0L))).as("exhibits"))
                .collectAsList()) {
            String fid = r.getAs("festival_id");
            String dimension = r.getAs("dim");
            String m = r.getAs("member");
            Scope s = Scope.EDITION;
            if (getLong(r, "has_participant") > 0) {
                out.add(new MetricValue(fid, s, Metric.PARTICIPATION_PARTICIPANTS, dimension, m,
                        getLong(r, "participants")));
                if (!"region".equals(dimension)) {
                    out.add(new MetricValue(fid, s, Metric.PARTICIPATION_NET_SPACE_SQM, dimension, m,
                            getDecimal(r, "net_space")));
                }
            }
            if (!"region".equals(dimension)) {
                out.add(new MetricValue(fid, s, Metric.PARTICIPATION_EXHIBITS, dimension, m, getLong(r, "exhibits")));
            }
        }
        return MetricSupport.sorted(out);
    }

    /**
     * Every request's values (breakdowns only where asked for), each list in metrics.csv order. The
     * enterprise figures are computed once per festival: only is_international depends on the request,
     * through its to_date foreign visitor share (a request absent from the map has none).
     */
    public static Map<MetricRequest, List<MetricValue>> compute(Dataset<Row> enterprises, List<Festival> festivals,
            Collection<MetricRequest> requests, Map<MetricRequest, BigDecimal> toDateForeignVisitorShare) {
        Map<String, List<MetricValue>> byFestival = new HashMap<>();
        for (MetricValue v : forEditions(enterprises, festivals, MetricRequest.festivalIds(requests), Map.of())) {
            byFestival.computeIfAbsent(v.festivalId(), k -> new ArrayList<>()).add(v);
        }
        Map<MetricRequest, List<MetricValue>> result = new LinkedHashMap<>();
        for (MetricRequest request : requests) {
            List<MetricValue> edition = byFestival.getOrDefault(request.festivalId(), List.of());
            BigDecimal exhibitorShare = null; // empty when no exhibitor has a country
            for (MetricValue v : edition) {
                if (v.isHeadline() && v.metric() == Metric.PARTICIPATION_FOREIGN_EXHIBITOR_SHARE) {
                    exhibitorShare = (BigDecimal) v.value();
                }
            }
            boolean international = isInternational(exhibitorShare, toDateForeignVisitorShare.get(request));
            List<MetricValue> out = new ArrayList<>();
            for (MetricValue v : edition) {
                if (v.isHeadline() && v.metric() == Metric.PARTICIPATION_IS_INTERNATIONAL) {
                    out.add(MetricValue.headline(v.festivalId(), Scope.EDITION, Metric.PARTICIPATION_IS_INTERNATIONAL,
                            international ? 1L : 0L));
                } else if (v.isHeadline() || request.breakdowns()) {
                    out.add(v);
                }
            }
            result.put(request, out);
        }
        return result;
    }

    /** 1 when the exhibitor share reaches 0.10 or the visitor share 0.05; an empty share never does. */
    static boolean isInternational(BigDecimal foreignExhibitorShare, BigDecimal foreignVisitorShare) {
        return (foreignExhibitorShare != null && foreignExhibitorShare.compareTo(EXHIBITOR_THRESHOLD) >= 0)
                || (foreignVisitorShare != null && foreignVisitorShare.compareTo(VISITOR_THRESHOLD) >= 0);
    }

    /**
     * Exhibitors of each edition that were exhibitors of its previous edition, for the editions whose
     * previous edition has at least one row in {@code enterprises}; other editions are absent.
     */
    private static Map<String, Long> returningExhibitors(Dataset<Row> enterprises, Map<String, String> previous,
            Column exhibitor) {
        Map<String, Long> result = new HashMap<>();
        if (previous.isEmpty()) {
            return result;
        }
        Set<String> wanted = new HashSet<>(previous.keySet());
        wanted.addAll(previous.values());
        Set<String> present = new HashSet<>();
        Map<String, Set<String>> exhibitorsByEdition = new HashMap<>();
        for (Row r : enterprises.filter(MetricSupport.ofFestivals(wanted))
                .select(col("festival_id"), col("enterprise_id"), exhibitor.as("is_exhibitor"))
                .collectAsList()) {
            String fid = r.getAs("festival_id");
            present.add(fid);
            if (Boolean.TRUE.equals(r.getAs("is_exhibitor"))) {
                exhibitorsByEdition.computeIfAbsent(fid, k -> new HashSet<>()).add(r.getAs("enterprise_id"));
            }
        }
        for (Map.Entry<String, String> e : previous.entrySet()) {
            if (!present.contains(e.getValue())) {
                continue;
            }
            Set<String> before = exhibitorsByEdition.getOrDefault(e.getValue(), Set.of());
            long n = exhibitorsByEdition.getOrDefault(e.getKey(), Set.of()).stream().filter(before::contains).count();
            result.put(e.getKey(), n);
        }
        return result;
    }

    private static Long count(Row h, String field) {
        return h == null ? 0L : getLong(h, field);
    }
}
