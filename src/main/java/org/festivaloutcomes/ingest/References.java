package org.festivaloutcomes.ingest;

import java.io.Serializable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The accepted keys of the datasets checked earlier (inputs.md fine print 8), shipped to the tasks
 * that check attendance and deals.
 *
 * @param festivalIds accepted festival_id values
 * @param events accepted event_id to its festival_id and channel
 * @param enterpriseKeys accepted (festival_id, enterprise_id) pairs, see {@link #enterpriseKey}
 */
public record References(Set<String> festivalIds, Map<String, EventRef> events, Set<String> enterpriseKeys)
        implements Serializable {

    public static final References NONE = new References(Set.of(), Map.of(), Set.of());

    /** The festival and channel of an accepted event. */
    public record EventRef(String festivalId, String channel) implements Serializable {
    }

    /** With the festival_id of accepted festivals rows (values in the dataset's column order). */
    References withFestivals(List<Object[]> festivals) {
        Set<String> ids = new HashSet<>();
        int id = DatasetKind.FESTIVALS.columnIndex("festival_id");
        festivals.forEach(v -> ids.add((String) v[id]));
        return new References(Set.copyOf(ids), events, enterpriseKeys);
    }

    /** With accepted events rows: event_id to its festival_id and channel. */
    References withEvents(List<Object[]> eventRows) {
        int id = DatasetKind.EVENTS.columnIndex("event_id");
        int festival = DatasetKind.EVENTS.columnIndex("festival_id");
        int channel = DatasetKind.EVENTS.columnIndex("channel");
        Map<String, EventRef> byId = new HashMap<>();
        for (Object[] v : eventRows) {
            byId.put((String) v[id], new EventRef((String) v[festival], (String) v[channel]));
        }
        return new References(festivalIds, Map.copyOf(byId), enterpriseKeys);
    }

    /** With accepted enterprises rows: their (festival_id, enterprise_id) pairs. */
    References withEnterprises(List<Object[]> enterprises) {
        int festival = DatasetKind.ENTERPRISES.columnIndex("festival_id");
        int id = DatasetKind.ENTERPRISES.columnIndex("enterprise_id");
        Set<String> keys = new HashSet<>();
        for (Object[] v : enterprises) {
            keys.add(enterpriseKey((String) v[festival], (String) v[id]));
        }
        return new References(festivalIds, events, Set.copyOf(keys));
    }

    public static String enterpriseKey(String festivalId, String enterpriseId) {
        return festivalId + '\u0000' + enterpriseId;
    }
}
