package org.festivaloutcomes.metrics;


import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
     * Every request's values (breakdowns only where asked for), each list in metrics.csv order. Events
     * are few (hundreds, thousands for a city-wide festival), so their rows are collected once and
     * counted here, which is quicker than planning a Spark query.
     */
    public static Map<MetricRequest, List<MetricValue>> compute(Dataset<Row> events,
            Collection<MetricRequest> requests) {
        return compute(SmallTable.of(events), requests);
    }

    /** As {@link #compute(Dataset, Collection)}, from rows on the driver or a Dataset. */
    public static Map<MetricRequest, List<MetricValue>> compute(SmallTable events,
            Collection<MetricRequest> requests) {
        List<MetricRequest> distinct = List.copyOf(new LinkedHashSet<>(requests));
        Map<MetricRequest, List<MetricValue>> result = new LinkedHashMap<>();
        if (distinct.isEmpty()) {
            return result;
        }
        Map<String, List<Row>> byFestival = new HashMap<>();
        for (Row r : events.select(MetricRequest.festivalIds(distinct), "festival_id", "starts_at", "event_type",
                "district", "section", "channel")) {
            byFestival.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r);
        }
        for (MetricRequest request : distinct) {
            String fid = request.festivalId();
            LocalDate first = request.period().atDay(1);
            LocalDate last = request.period().atEndOfMonth();
            Map<Scope, Long> held = new EnumMap<>(Scope.class);
            Map<String, Long> members = new TreeMap<>();
            for (Row r : byFestival.getOrDefault(fid, List.of())) {
                LocalDate day = day(r.get(1));
                if (day.isAfter(last)) {
                    continue;
                }
                for (Scope scope : day.isBefore(first) ? List.of(Scope.TO_DATE) : List.of(Scope.MONTH, Scope.TO_DATE)) {
                    held.merge(scope, 1L, Long::sum);
                    if (request.breakdowns()) {
                        String[][] dims = {{"event_type", r.getString(2)}, {"district", r.getString(3)},
                            {"section", r.getString(4)}, {"channel", r.getString(5)}};
                        for (String[] dim : dims) {
                            members.merge(scope.code() + "\u0000" + dim[0] + "\u0000" + MetricSupport.member(dim[1]), 1L, Long::sum);
                        }
                    }
                }
            }
            List<MetricValue> out = new ArrayList<>();
            for (Scope scope : MetricFamily.EVENTS.scopes()) {
                out.add(MetricValue.headline(fid, scope, Metric.EVENTS_HELD, held.getOrDefault(scope, 0L)));
            }
            members.forEach((key, count) -> {
                String[] k = key.split("\u0000", -1);
                out.add(new MetricValue(fid, MetricSupport.scope(k[0]), Metric.EVENTS_HELD, k[1], k[2], count));
            });
            result.put(request, MetricSupport.sorted(out));
        }
        return result;
    }

    private static LocalDate day(Object startsAt) {
        return startsAt instanceof LocalDateTime t ? t.toLocalDate() : ((java.sql.Timestamp) startsAt).toLocalDateTime()
                .toLocalDate();
    }

}
