package org.festivaloutcomes.ingest;

/** How a column's text is typed (inputs.md, "General rules" and "Fine print" 5-7). */
public enum ColumnType {
    TEXT,
    /** Text upper-cased before use: ISO country and currency codes. */
    CODE,
    NUMBER,
    INTEGER,
    BOOLEAN,
    DATE,
    /** A timestamp that needs a time (attended_at). */
    TIMESTAMP,
    /** A timestamp or a date alone, meaning 00:00 (starts_at, ends_at). */
    TIMESTAMP_OR_DATE,
    ENUM
}
