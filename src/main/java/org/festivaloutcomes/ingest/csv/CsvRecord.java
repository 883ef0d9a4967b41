package org.festivaloutcomes.ingest.csv;

import java.util.List;

/**
 * One record of a CSV file as read by {@link StrictCsvReader}.
 *
 * @param number      0 for the first record (the header), then 1, 2, 3... Records are counted, not lines:
 *                    a quoted field with line breaks keeps a record one record, and blank lines are not
 *                    counted.
 * @param raw         the record's text as read, without its final line terminator (line breaks inside
 *                    quoted fields are kept as they were)
 * @param fields      field values, quotes removed and {@code ""} turned into {@code "}; not trimmed. For a
 *                    malformed record, a best-effort lenient split of {@code raw}
 * @param fieldStarts char offset in {@code raw} where field i's whole span (quotes included) begins
 * @param fieldEnds   char offset in {@code raw} just after field i's whole span (exclusive)
 * @param problem     null for a well-formed record; otherwise a short English description of the broken
 *                    quoting
 */
public record CsvRecord(long number, String raw, List<String> fields, int[] fieldStarts, int[] fieldEnds,
        String problem) {

    /** Number of fields (a trailing comma counts as one more, empty, field). */
    public int size() {
        return fields.size();
    }

    /** Field i's value (not trimmed). */
    public String field(int i) {
        return fields.get(i);
    }

    /** True when the record's quoting is broken ({@link #problem()} says how). */
    public boolean malformed() {
        return problem != null;
    }

    /**
     * {@code raw} with the spans of the given fields (quotes included) replaced by {@code replacement},
     * e.g. to mask personal ids with {@code ***}. Indexes at or beyond {@link #size()} are ignored.
     */
    public String rawMasked(String replacement, int... fieldIndexes) {
        int[] idx = fieldIndexes.clone();
        java.util.Arrays.sort(idx);
        StringBuilder sb = new StringBuilder(raw.length() + 8);
        int at = 0;
        int last = -1;
        for (int i : idx) {
            if (i < 0 || i >= fieldStarts.length || i == last) {
                continue;
            }
            last = i;
            sb.append(raw, at, fieldStarts[i]).append(replacement);
            at = fieldEnds[i];
        }
        return sb.append(raw, at, raw.length()).toString();
    }

    @Override
    public String toString() {
        return "CsvRecord[number=" + number + ", raw=" + raw + ", fields=" + fields
                + (problem == null ? "" : ", problem=" + problem) + "]";
    }
}
