package org.festivaloutcomes.metrics;

/** The time scope a metric value covers (metrics.md, "Scopes"). */
public enum Scope {
    /** What happened inside the reported calendar month. */
    MONTH("month"),
    /** Everything of the edition up to the last day of the month. */
    TO_DATE("to_date"),
    /** The edition as a whole, with no time dimension. */
    EDITION("edition");

    private final String code;

    Scope(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
