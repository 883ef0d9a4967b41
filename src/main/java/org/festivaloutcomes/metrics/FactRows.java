package org.festivaloutcomes.metrics;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.SpecificInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.festivaloutcomes.ingest.AttendanceFacts;

/**
 * The rows the attendance walk reads ({@link AttendanceTally}'s layout), read from a range of sections of
 * every {@link AttendanceFacts} file: the same rows, with the same values, as
 * {@link AttendanceMetrics#walkOrder} selects from the accepted rows' Dataset. What depends on a row's text
 * values (festival, flags, whether its key counts, the members) is worked out once per combination of
 * them in a file; a row then costs a lookup.
 */
final class FactRows implements Iterator<InternalRow> {

    private static final StructType LAYOUT = DataTypes.createStructType(List.of(
            DataTypes.createStructField("k", DataTypes.LongType, true),
            DataTypes.createStructField("f", DataTypes.IntegerType, false),
            DataTypes.createStructField("d", DataTypes.IntegerType, false),
            DataTypes.createStructField("flags", DataTypes.IntegerType, false),
            DataTypes.createStructField("admissions", DataTypes.LongType, false),
            DataTypes.createStructField("channel", DataTypes.StringType, true),
            DataTypes.createStructField("event_id", DataTypes.StringType, true),
            DataTypes.createStructField("attendee_type", DataTypes.StringType, true),
            DataTypes.createStructField("origin_region", DataTypes.StringType, true)));

    /** What a combination of text values means to the walk; null when its rows are not read. */
    private record Combination(int festival, int lastDay, int flags, boolean keyCounts, UTF8String channel,
            UTF8String event, UTF8String type, UTF8String region) {
    }

    private final AttendancePlan plan;
    private final Map<String, Integer> festivalIndex = new HashMap<>();
    private final List<String> files;
    private final List<long[]> setAside;
    private final int from;
    private final int to;
    private final SpecificInternalRow row = new SpecificInternalRow(LAYOUT);
    private int nextFile;
    private AttendanceFacts.Section section;
    private Combination[] combinations;
    /** The record numbers of the open file's rows that are not read, ascending. */
    private long[] skip;
    private boolean ready;

    /**
     * @param setAside per file, the record numbers of rows that are not read (set aside after the
     *     parse), ascending
     */
    FactRows(AttendancePlan plan, List<String> files, List<long[]> setAside, int from, int to) {
        this.plan = plan;
        this.files = files;
        this.setAside = setAside;
        this.from = from;
        this.to = to;
        for (int f = 0; f < plan.festivals.length; f++) {
            festivalIndex.put(plan.festivals[f], f);
        }
    }

    @Override
    public boolean hasNext() {
        while (!ready) {
            if (section == null || !section.next()) {
                if (nextFile == files.size()) {
                    return false;
                }
                skip = setAside.get(nextFile);
                open(files.get(nextFile++));
                continue;
            }
            Combination c = combinations[section.combination()];
            if (c == null || section.day() > c.lastDay()
                    || (skip.length > 0 && Arrays.binarySearch(skip, section.record()) >= 0)) {
                continue;
            }
            if (section.keyed() && c.keyCounts()) {
                row.setLong(AttendanceTally.K, section.key());
            } else {
                row.setNullAt(AttendanceTally.K);
            }
            row.setInt(AttendanceTally.FESTIVAL, c.festival());
            row.setInt(AttendanceTally.DAY, section.day());
            row.setInt(AttendanceTally.FLAGS, c.flags());
            row.setLong(AttendanceTally.ADMISSIONS, section.admissions());
            row.update(AttendanceTally.CHANNEL, c.channel());
            row.update(AttendanceTally.EVENT, c.event());
            row.update(AttendanceTally.TYPE, c.type());
            row.update(AttendanceTally.REGION, c.region());
            ready = true;
        }
        return true;
    }

    @Override
    public InternalRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ready = false;
        return row;
    }

    /** The number of the file the current row is from (0, 1, ... in the order they are read). */
    int file() {
        return nextFile - 1;
    }

    /**
     * The current row's combination of text values in its file: rows of one combination have the same
     * festival, flags and text values.
     */
    int combination() {
        return section.combination();
    }

    /** The number of combinations in the current row's file. */
    int combinations() {
        return combinations.length;
    }

    private void open(String file) {
        section = AttendanceFacts.Section.read(file, from, to);
        String[][] values = section.combinations();
        combinations = new Combination[values.length];
        for (int i = 0; i < values.length; i++) {
            combinations[i] = combination(values[i]);
        }
    }

    /** As walkOrder: rows of the plan's festivals with an attendee_type; text columns for breakdowns only. */
    private Combination combination(String[] v) {
        Integer f = festivalIndex.get(v[AttendanceFacts.FESTIVAL]);
        String type = v[AttendanceFacts.TYPE];
        if (f == null || type == null) {
            return null;
        }
        int flags = AttendanceMetrics.flags(v[AttendanceFacts.CHANNEL], type, v[AttendanceFacts.COUNTRY]);
        boolean detailed = plan.breakdowns[f];
        return new Combination(f, (int) plan.lastDay(f).toEpochDay(), flags,
                (flags & AttendanceTally.STAFF_ROW) == 0, detailed ? utf8(v[AttendanceFacts.CHANNEL]) : null,
                detailed ? utf8(v[AttendanceFacts.EVENT]) : null, detailed ? utf8(type) : null,
                detailed ? utf8(v[AttendanceFacts.REGION]) : null);
    }

    private static UTF8String utf8(String value) {
        return value == null ? null : UTF8String.fromString(value);
    }
}
