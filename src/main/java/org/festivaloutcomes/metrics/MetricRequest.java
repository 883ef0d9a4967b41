package org.festivaloutcomes.metrics;

import java.time.YearMonth;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One festival edition's metrics for one month (scopes month and to_date; participation's edition scope
 * too). A run asks every metric family for all its requests at once: each reported month with
 * breakdowns, and the month before and the previous edition's matching month as headlines.
 *
 * @param breakdowns false for headline values only (comparisons)
 */
public record MetricRequest(String festivalId, YearMonth period, boolean breakdowns) implements java.io.Serializable {

    public MetricRequest {
        Objects.requireNonNull(festivalId, "festivalId");
        Objects.requireNonNull(period, "period");
    }

    /** One request per festival (each once, in the given order) for the same month. */
    public static List<MetricRequest> all(Collection<String> festivalIds, YearMonth period, boolean breakdowns) {
        return new LinkedHashSet<>(festivalIds).stream().map(id -> new MetricRequest(id, period, breakdowns)).toList();
    }

    /** The festivals the requests are about, in order of first appearance. */
    public static Set<String> festivalIds(Collection<MetricRequest> requests) {
        Set<String> ids = new LinkedHashSet<>();
        requests.forEach(r -> ids.add(r.festivalId()));
        return ids;
    }
}
