package org.festivaloutcomes.metrics;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * The rows of a small dataset (events, enterprises: one row per event or enterprise of an edition), which
 * the families collect and count on the driver. Either a Spark Dataset, or rows the run already holds on
 * the driver: those are selected without Spark, so that a run plans no Spark query for them (the first
 * plans of a fresh JVM took seconds of its 2 cores).
 */
public abstract class SmallTable {

    private SmallTable() {
    }

    /** The rows of a Dataset, selected by a Spark query. */
    public static SmallTable of(Dataset<Row> rows) {
        return new SmallTable() {
            @Override
            List<Row> select(Collection<String> festivalIds, String... columns) {
                return rows.filter(MetricSupport.ofFestivals(festivalIds)).select(columns[0],
                        java.util.Arrays.copyOfRange(columns, 1, columns.length)).collectAsList();
            }
        };
    }

    /**
     * Rows on the driver, each with the schema's fields in order and the values a Dataset of that schema
     * returns (String, Long, BigDecimal of the column's scale, LocalDate, LocalDateTime, Boolean).
     */
    public static SmallTable of(List<Row> rows, StructType schema) {
        List<Row> kept = List.copyOf(rows);
        int festival = schema.fieldIndex("festival_id");
        return new SmallTable() {
            @Override
            List<Row> select(Collection<String> festivalIds, String... columns) {
                int[] positions = new int[columns.length];
                for (int i = 0; i < columns.length; i++) {
                    positions[i] = schema.fieldIndex(columns[i]);
                }
                Set<String> wanted = new HashSet<>(festivalIds);
                return kept.stream().filter(r -> wanted.contains(r.getString(festival))).map(r -> {
                    Object[] values = new Object[positions.length];
                    for (int i = 0; i < positions.length; i++) {
                        values[i] = r.get(positions[i]);
                    }
                    return RowFactory.create(values);
                }).toList();
            }
        };
    }

    /** The rows of these festivals, with these columns in this order, in the table's order. */
    abstract List<Row> select(Collection<String> festivalIds, String... columns);
}
