package org.festivaloutcomes.metrics;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What one attendance pass computes, shipped to the tasks: the requested festivals (by index), for each
 * the requested months as buckets, whether breakdowns are wanted, and the members of its events.
 *
 * <p>A festival's requested months, sorted, cut its days into buckets: bucket i holds the days after the
 * last day of month i-1 up to the last day of month i (days of month i and the days before it that no
 * earlier requested month covers). Counters are kept per bucket twice: for every day of the bucket
 * (summed over buckets 0..i they give month i's to_date scope) and for the days inside month i only
 * (month i's month scope). Days after the last requested month are never read.
 */
final class AttendancePlan implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Labels of an event's event_type, section, pavilion and district members. */
    static final int EVENT_DIMS = 4;

    final String[] festivals;
    /** Per festival: epoch day of the first and the last day of each requested month, ascending. */
    final int[][] firstDays;
    final int[][] lastDays;
    final YearMonth[][] months;
    final boolean[] breakdowns;
    /**
     * Per festival: event_id to the members of its event_type, section, pavilion and district. Events
     * are unique per event_id (ingestion rejects duplicates).
     */
    final List<Map<String, String[]>> events;

    private AttendancePlan(String[] festivals, YearMonth[][] months, boolean[] breakdowns,
            List<Map<String, String[]>> events) {
        this.festivals = festivals;
        this.months = months;
        this.breakdowns = breakdowns;
        this.events = events;
        this.firstDays = new int[festivals.length][];
        this.lastDays = new int[festivals.length][];
        for (int f = 0; f < festivals.length; f++) {
            firstDays[f] = Arrays.stream(months[f]).mapToInt(m -> (int) m.atDay(1).toEpochDay()).toArray();
            lastDays[f] = Arrays.stream(months[f]).mapToInt(m -> (int) m.atEndOfMonth().toEpochDay()).toArray();
        }
    }

    /**
     * @param eventMembers festival_id to event_id to the members of its event dimensions (festivals
     *     without events may be missing)
     */
    static AttendancePlan of(Collection<MetricRequest> requests, Map<String, Map<String, String[]>> eventMembers) {
        Map<String, TreeSet<YearMonth>> months = new LinkedHashMap<>();
        Map<String, Boolean> breakdowns = new HashMap<>();
        for (MetricRequest r : requests) {
            months.computeIfAbsent(r.festivalId(), k -> new TreeSet<>()).add(r.period());
            breakdowns.merge(r.festivalId(), r.breakdowns(), Boolean::logicalOr);
        }
        String[] ids = months.keySet().toArray(String[]::new);
        YearMonth[][] m = new YearMonth[ids.length][];
        boolean[] b = new boolean[ids.length];
        List<Map<String, String[]>> ev = new ArrayList<>();
        for (int f = 0; f < ids.length; f++) {
            m[f] = months.get(ids[f]).toArray(YearMonth[]::new);
            b[f] = breakdowns.get(ids[f]);
            ev.add(new HashMap<>(eventMembers.getOrDefault(ids[f], Map.of())));
        }
        return new AttendancePlan(ids, m, b, ev);
    }

    int festivalIndex(String festivalId) {
        for (int f = 0; f < festivals.length; f++) {
            if (festivals[f].equals(festivalId)) {
                return f;
            }
        }
        throw new IllegalArgumentException("festival not in the plan: " + festivalId);
    }

    int buckets(int festival) {
        return lastDays[festival].length;
    }

    /** The bucket of a request's month. */
    int bucketOf(int festival, YearMonth month) {
        return Arrays.asList(months[festival]).indexOf(month);
    }

    /** The bucket of a day, or -1 for a day after the festival's last requested month. */
    int bucket(int festival, int epochDay) {
        int[] last = lastDays[festival];
        int i = Arrays.binarySearch(last, epochDay);
        if (i < 0) {
            i = -i - 1;
        }
        return i < last.length ? i : -1;
    }

    LocalDate lastDay(int festival) {
        YearMonth[] m = months[festival];
        return m[m.length - 1].atEndOfMonth();
    }
}
