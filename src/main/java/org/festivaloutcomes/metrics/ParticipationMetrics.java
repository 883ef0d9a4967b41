package org.festivaloutcomes.metrics;

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
import java.util.TreeMap;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DecimalType;
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

    /**
     * The values of the given editions, with each edition's to_date foreign visitor share (may be absent).
     * Enterprise rows are few (one per enterprise and edition, thousands at most), so they are collected
     * once and counted here: Spark would spend longer planning the distinct counts than counting.
     */
    public static List<MetricValue> forEditions(Dataset<Row> enterprises, List<Festival> festivals,
            Collection<String> festivalIds, Map<String, BigDecimal> toDateForeignVisitorShare) {
        return forEditions(SmallTable.of(enterprises), festivals, festivalIds, toDateForeignVisitorShare);
    }

    /** As {@link #forEditions(Dataset, List, Collection, Map)}, from rows on the driver or a Dataset. */
    public static List<MetricValue> forEditions(SmallTable enterprises, List<Festival> festivals,
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
        Set<String> wanted = new HashSet<>(ids);
        wanted.addAll(previous.values());
        Map<String, List<Row>> rowsByEdition = new HashMap<>();
        for (Row r : enterprises.select(wanted, "festival_id", "enterprise_id", "org_type", "role", "region",
                "country", "industry", "pavilion", "section", "booth_area_sqm", "exhibits", "is_leading")) {
            rowsByEdition.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r);
        }
        Map<String, Long> returning = returningExhibitors(rowsByEdition, previous);
        for (String fid : ids) {
            Edition e = Edition.of(rowsByEdition.getOrDefault(fid, List.of()));
            long exhibitors = e.exhibitors.size();
            BigDecimal foreignShare = ratio(e.foreignExhibitors.size(), e.knownCountryExhibitors.size());
            Scope s = Scope.EDITION;
            out.add(MetricValue.headline(fid, s, Metric.PARTICIPATION_PARTICIPANTS, (long) e.participants.size()));
            out.add(MetricValue.headline(fid, s, Metric.PARTICIPATION_EXHIBITORS, exhibitors));
            out.add(MetricValue.headline(fid, s, Metric.PARTICIPATION_CO_EXHIBITORS, (long) e.coExhibitors.size()));
            out.add(MetricValue.headline(fid, s, Metric.PARTICIPATION_REPRESENTED_COMPANIES,
                    (long) e.represented.size()));
            out.add(MetricValue.headline(fid, s, Metric.PARTICIPATION_ENTERPRISES, (long) e.enterprises.size()));
            out.add(MetricValue.headline(fid, s, Metric.PARTICIPATION_INSTITUTIONS, (long) e.institutions.size()));
            out.add(MetricValue.headline(fid, s, Metric.PARTICIPATION_LEADING_ENTERPRISES, (long) e.leading.size()));
            out.add(MetricValue.headline(fid, s, Metric.PARTICIPATION_REGIONS, (long) e.regions.size()));
            out.add(MetricValue.headline(fid, s, Metric.PARTICIPATION_COUNTRIES, (long) e.countries.size()));
            out.add(MetricValue.headline(fid, s, Metric.PARTICIPATION_FOREIGN_EXHIBITOR_SHARE, foreignShare));
            out.add(MetricValue.headline(fid, s, Metric.PARTICIPATION_NET_SPACE_SQM,
                    e.netSpace == null ? BigDecimal.ZERO : e.netSpace));
            out.add(MetricValue.headline(fid, s, Metric.PARTICIPATION_EXHIBITS, e.exhibits));
            Long ret = returning.get(fid);
            out.add(MetricValue.headline(fid, s, Metric.PARTICIPATION_RETURNING_EXHIBITORS, ret));
            out.add(MetricValue.headline(fid, s, Metric.PARTICIPATION_NEW_EXHIBITORS,
                    ret == null ? null : exhibitors - ret));
            out.add(MetricValue.headline(fid, s, Metric.PARTICIPATION_IS_INTERNATIONAL,
                    isInternational(foreignShare, toDateForeignVisitorShare == null ? null
                            : toDateForeignVisitorShare.get(fid)) ? 1L : 0L));
            e.members.forEach((key, m) -> {
                String dimension = key.substring(0, key.indexOf('\u0000'));
                String member = key.substring(key.indexOf('\u0000') + 1);
                if (!m.participants.isEmpty()) {
                    out.add(new MetricValue(fid, s, Metric.PARTICIPATION_PARTICIPANTS, dimension, member,
                            (long) m.participants.size()));
                    if (!"region".equals(dimension)) {
                        out.add(new MetricValue(fid, s, Metric.PARTICIPATION_NET_SPACE_SQM, dimension, member,
                                m.netSpace));
                    }
                }
                if (!"region".equals(dimension)) {
                    out.add(new MetricValue(fid, s, Metric.PARTICIPATION_EXHIBITS, dimension, member, m.exhibits));
                }
            });
        }
        return MetricSupport.sorted(out);
    }

    /**
     * The counts of one edition's rows. Participants are rows whose role is not represented; counts of
     * enterprises are of distinct enterprise_ids; sums start empty (null) as SQL sums do.
     */
    private static final class Edition {
        final Set<String> participants = new HashSet<>();
        final Set<String> exhibitors = new HashSet<>();
        final Set<String> coExhibitors = new HashSet<>();
        final Set<String> represented = new HashSet<>();
        final Set<String> enterprises = new HashSet<>();
        final Set<String> institutions = new HashSet<>();
        final Set<String> leading = new HashSet<>();
        final Set<String> regions = new HashSet<>();
        final Set<String> countries = new HashSet<>();
        final Set<String> foreignExhibitors = new HashSet<>();
        final Set<String> knownCountryExhibitors = new HashSet<>();
        BigDecimal netSpace;
        long exhibits;
        /** Key: dimension, NUL, member. */
        final Map<String, MemberCounts> members = new TreeMap<>();

        static Edition of(List<Row> rows) {
            Edition e = new Edition();
            for (Row r : rows) {
                String id = r.getString(1);
                String orgType = r.getString(2);
                String role = r.getString(3);
                boolean participant = role != null && !role.equals("represented");
                boolean exhibitor = "main_exhibitor".equals(role) || "co_exhibitor".equals(role);
                String region = r.getString(4);
                String country = r.getString(5);
                BigDecimal area = r.isNullAt(9) ? ZERO_SQM : r.getDecimal(9);
                long exhibits = r.isNullAt(10) ? 0L : r.getLong(10);
                if (participant) {
                    e.participants.add(id);
                    if ("enterprise".equals(orgType)) {
                        e.enterprises.add(id);
                    } else if ("institution".equals(orgType)) {
                        e.institutions.add(id);
                    }
                    if (!r.isNullAt(11) && r.getBoolean(11)) {
                        e.leading.add(id);
                    }
                    if (MetricSupport.isSet(region)) {
                        e.regions.add(region);
                    }
                    if (MetricSupport.isSet(country)) {
                        e.countries.add(country);
                    }
                    e.netSpace = e.netSpace == null ? area : e.netSpace.add(area);
                }
                if (exhibitor) {
                    e.exhibitors.add(id);
                    if (MetricSupport.isSet(country)) {
                        e.knownCountryExhibitors.add(id);
                        if (!country.equals("CN")) {
                            e.foreignExhibitors.add(id);
                        }
                    }
                }
                if ("co_exhibitor".equals(role)) {
                    e.coExhibitors.add(id);
                } else if ("represented".equals(role)) {
                    e.represented.add(id);
                }
                e.exhibits += exhibits;
                String[][] dims = {{"pavilion", r.getString(7)}, {"section", r.getString(8)},
                    {"industry", r.getString(6)}, {"role", role}, {"region", region}};
                for (String[] dim : dims) {
                    MemberCounts m = e.members.computeIfAbsent(dim[0] + "\u0000" + MetricSupport.member(dim[1]),
                            k -> new MemberCounts());
                    if (participant) {
                        m.participants.add(id);
                        m.netSpace = m.netSpace == null ? area : m.netSpace.add(area);
                    }
                    m.exhibits += exhibits;
                }
            }
            return e;
        }
    }

    /** One breakdown member: participants, their net space, and the exhibits of every row of it. */
    private static final class MemberCounts {
        final Set<String> participants = new HashSet<>();
        BigDecimal netSpace;
        long exhibits;
    }

    /** An empty booth area counts as 0, at the scale of the staged decimals (as a SQL sum keeps it). */
    private static final BigDecimal ZERO_SQM = BigDecimal.ZERO.setScale(((DecimalType) Staged.DECIMAL).scale());



    /**
     * Every request's values (breakdowns only where asked for), each list in metrics.csv order. The
     * enterprise figures are computed once per festival: only is_international depends on the request,
     * through its to_date foreign visitor share (a request absent from the map has none).
     */
    public static Map<MetricRequest, List<MetricValue>> compute(Dataset<Row> enterprises, List<Festival> festivals,
            Collection<MetricRequest> requests, Map<MetricRequest, BigDecimal> toDateForeignVisitorShare) {
        return compute(SmallTable.of(enterprises), festivals, requests, toDateForeignVisitorShare);
    }

    /** As {@link #compute(Dataset, List, Collection, Map)}, from rows on the driver or a Dataset. */
    public static Map<MetricRequest, List<MetricValue>> compute(SmallTable enterprises, List<Festival> festivals,
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
    private static Map<String, Long> returningExhibitors(Map<String, List<Row>> rowsByEdition,
            Map<String, String> previous) {
        Map<String, Long> result = new HashMap<>();
        for (Map.Entry<String, String> e : previous.entrySet()) {
            List<Row> before = rowsByEdition.get(e.getValue());
            if (before == null) {
                continue;
            }
            Set<String> earlier = exhibitorIds(before);
            result.put(e.getKey(), exhibitorIds(rowsByEdition.getOrDefault(e.getKey(), List.of())).stream()
                    .filter(earlier::contains).count());
        }
        return result;
    }

    private static Set<String> exhibitorIds(List<Row> rows) {
        Set<String> ids = new HashSet<>();
        for (Row r : rows) {
            if ("main_exhibitor".equals(r.getString(3)) || "co_exhibitor".equals(r.getString(3))) {
                ids.add(r.getString(1));
            }
        }
        return ids;
    }
}
