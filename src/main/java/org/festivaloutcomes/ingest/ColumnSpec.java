package org.festivaloutcomes.ingest;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * One canonical column of a dataset, as in the tables of inputs.md.
 *
 * @param enumSynonyms for ENUM columns: built-in synonym (lower case) to canonical value; the
 *     canonical values themselves are included
 */
public record ColumnSpec(String name, ColumnType type, boolean required, Map<String, String> enumSynonyms)
        implements Serializable {

    static ColumnSpec text(String name, boolean required) {
        return new ColumnSpec(name, ColumnType.TEXT, required, Map.of());
    }

    static ColumnSpec of(String name, ColumnType type, boolean required) {
        return new ColumnSpec(name, type, required, Map.of());
    }

    static ColumnSpec enumeration(String name, boolean required, List<String> values, String... synonymPairs) {
        return new ColumnSpec(name, ColumnType.ENUM, required, Enums.table(values, synonymPairs));
    }
}
