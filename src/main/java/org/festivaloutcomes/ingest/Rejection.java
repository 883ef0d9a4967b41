package org.festivaloutcomes.ingest;

import java.io.Serializable;

/**
 * Why a row was set aside: a reason code of outputs.md, the failing canonical column (null for
 * malformed_row) and a one-line detail for people.
 */
public record Rejection(String reasonCode, String column, String detail) implements Serializable {

    public static final String MALFORMED_ROW = "malformed_row";
    public static final String MISSING_VALUE = "missing_value";
    public static final String INVALID_VALUE = "invalid_value";
    public static final String UNKNOWN_REFERENCE = "unknown_reference";
    public static final String DUPLICATE = "duplicate";
    public static final String CONFLICT = "conflict";

    /** The reason codes in the order of outputs.md (the Data Quality sheet's columns). */
    public static final java.util.List<String> REASON_CODES = java.util.List.of(MALFORMED_ROW, MISSING_VALUE,
            INVALID_VALUE, UNKNOWN_REFERENCE, DUPLICATE, CONFLICT);
}
