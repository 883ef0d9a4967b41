package org.festivaloutcomes.ingest;

import java.io.Serializable;
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

    public static String enterpriseKey(String festivalId, String enterpriseId) {
        return festivalId + '\u0000' + enterpriseId;
    }
}
