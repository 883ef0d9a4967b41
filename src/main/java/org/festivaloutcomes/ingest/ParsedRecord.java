package org.festivaloutcomes.ingest;

/**
 * One record of an input file after the row-level checks.
 *
 * @param values the typed, defaulted values in the dataset's column order; null when rejected
 * @param rejection why the row was set aside, or null
 * @param raw the record as read, attendee ids masked; kept only for rejected rows
 */
public record ParsedRecord(int fileIndex, long recordNumber, Object[] values, Rejection rejection, String raw) {
}
