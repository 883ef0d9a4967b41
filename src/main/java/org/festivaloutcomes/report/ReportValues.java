package org.festivaloutcomes.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.festivaloutcomes.metrics.Metric;
import org.festivaloutcomes.metrics.MetricValue;
import org.festivaloutcomes.metrics.Scope;

/** Look-ups over a list of metric values: headlines by (scope, metric) and breakdowns by dimension. */
public final class ReportValues {

    private record Key(Scope scope, Metric metric, String dimension, String member) {
    }

    private final Map<Key, MetricValue> byKey = new HashMap<>();

    public ReportValues(Collection<MetricValue> values) {
        if (values != null) {
            for (MetricValue v : values) {
                byKey.put(new Key(v.scope(), v.metric(), v.dimension(), v.member()), v);
            }
        }
    }

    /** The headline value (Long, BigDecimal, LocalDate) or null when absent or empty. */
    public Object headline(Scope scope, Metric metric) {
        MetricValue v = byKey.get(new Key(scope, metric, null, null));
        return v == null ? null : v.value();
    }

    public BigDecimal headlineNumber(Scope scope, Metric metric) {
        MetricValue v = byKey.get(new Key(scope, metric, null, null));
        return v == null ? null : v.numeric();
    }

    public Object member(Scope scope, Metric metric, String dimension, String member) {
        MetricValue v = byKey.get(new Key(scope, metric, dimension, member));
        return v == null ? null : v.value();
    }

    public BigDecimal memberNumber(Scope scope, Metric metric, String dimension, String member) {
        MetricValue v = byKey.get(new Key(scope, metric, dimension, member));
        return v == null ? null : v.numeric();
    }

    /** Members of a breakdown over the given scopes and metrics, in code-point order of the member. */
    public List<String> members(String dimension, Collection<Scope> scopes, Collection<Metric> metrics) {
        Set<String> members = new LinkedHashSet<>();
        for (Key k : byKey.keySet()) {
            if (dimension.equals(k.dimension()) && scopes.contains(k.scope()) && metrics.contains(k.metric())) {
                members.add(k.member());
            }
        }
        List<String> sorted = new ArrayList<>(members);
        sorted.sort(Comparator.naturalOrder());
        return sorted;
    }

    /** Members of one breakdown with their numeric values, largest first, ties by member. */
    public LinkedHashMap<String, BigDecimal> ranked(Scope scope, Metric metric, String dimension) {
        List<Map.Entry<String, BigDecimal>> entries = new ArrayList<>();
        for (Map.Entry<Key, MetricValue> e : byKey.entrySet()) {
            Key k = e.getKey();
            if (k.scope() == scope && k.metric() == metric && dimension.equals(k.dimension())
                    && e.getValue().numeric() != null) {
                entries.add(Map.entry(k.member(), e.getValue().numeric()));
            }
        }
        entries.sort(Map.Entry.<String, BigDecimal>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey()));
        LinkedHashMap<String, BigDecimal> result = new LinkedHashMap<>();
        entries.forEach(e -> result.put(e.getKey(), e.getValue()));
        return result;
    }
}
