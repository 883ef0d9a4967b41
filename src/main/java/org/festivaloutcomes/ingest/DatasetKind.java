package org.festivaloutcomes.ingest;

import static org.festivaloutcomes.ingest.ColumnSpec.enumeration;
import static org.festivaloutcomes.ingest.ColumnSpec.of;
import static org.festivaloutcomes.ingest.ColumnSpec.text;
import static org.festivaloutcomes.ingest.ColumnType.BOOLEAN;
import static org.festivaloutcomes.ingest.ColumnType.CODE;
import static org.festivaloutcomes.ingest.ColumnType.DATE;
import static org.festivaloutcomes.ingest.ColumnType.INTEGER;
import static org.festivaloutcomes.ingest.ColumnType.NUMBER;
import static org.festivaloutcomes.ingest.ColumnType.TIMESTAMP;
import static org.festivaloutcomes.ingest.ColumnType.TIMESTAMP_OR_DATE;

import java.util.List;
import java.util.Optional;

/**
 * The datasets of inputs.md, in the order they are checked (fine print 8), with their columns in the
 * order of the contract's tables (which is the order of the per-column checks, fine print 9).
 */
public enum DatasetKind {
    FESTIVALS("festivals", true, "festival_id",
            text("festival_id", true), text("name", true), text("series", false), text("city", false),
            of("start_date", DATE, true), of("end_date", DATE, true), text("previous_edition_id", false),
            of("gross_space_sqm", NUMBER, false)),
    EVENTS("events", true, "event_id",
            text("event_id", true), text("festival_id", true), text("name", true),
            enumeration("event_type", true, Enums.EVENT_TYPES, Enums.EVENT_TYPE_SYNONYMS),
            text("section", false), text("pavilion", false), text("district", false),
            enumeration("channel", false, Enums.EVENT_CHANNELS, Enums.CHANNEL_SYNONYMS),
            of("starts_at", TIMESTAMP_OR_DATE, true), of("ends_at", TIMESTAMP_OR_DATE, false)),
    ENTERPRISES("enterprises", true, "enterprise_id",
            text("enterprise_id", true), text("festival_id", true), text("name", true),
            enumeration("org_type", false, Enums.ORG_TYPES, Enums.ORG_TYPE_SYNONYMS),
            enumeration("role", true, Enums.ROLES, Enums.ROLE_SYNONYMS),
            text("region", false), of("country", CODE, false), text("industry", false), text("pavilion", false),
            text("section", false), of("booth_area_sqm", NUMBER, false), of("exhibits", INTEGER, false),
            of("is_leading", BOOLEAN, false)),
    ATTENDANCE("attendance", true, "record_id",
            text("record_id", false), text("festival_id", true), text("event_id", false),
            text("attendee_id", false), of("attended_at", TIMESTAMP, true),
            enumeration("channel", false, Enums.ATTENDANCE_CHANNELS, Enums.ATTENDANCE_CHANNEL_SYNONYMS),
            enumeration("attendee_type", false, Enums.ATTENDEE_TYPES, Enums.ATTENDEE_TYPE_SYNONYMS),
            text("origin_region", false), of("origin_country", CODE, false), of("admissions", INTEGER, false)),
    DEALS("deals", true, "deal_id",
            text("deal_id", true), text("festival_id", true), text("event_id", false), text("enterprise_id", false),
            text("project_name", false), text("counterparty", false),
            enumeration("deal_type", false, Enums.DEAL_TYPES, Enums.DEAL_TYPE_SYNONYMS),
            text("industry", false), of("amount", NUMBER, true),
            enumeration("amount_unit", false, Enums.AMOUNT_UNITS, Enums.AMOUNT_UNIT_SYNONYMS),
            of("currency", CODE, false), of("signed_on", DATE, true),
            enumeration("status", true, Enums.STATUSES, Enums.STATUS_SYNONYMS),
            of("status_date", DATE, false), of("is_key_project", BOOLEAN, false),
            of("funds_in_place", NUMBER, false)),
    TARGETS("targets", false, "metric_id",
            text("festival_id", true), text("metric_id", true), of("target", NUMBER, true));

    private final String code;
    private final boolean required;
    private final String idColumn;
    private final List<ColumnSpec> columns;
    /** Looked up for fields of every row while parsing: a HashMap, whose get is cheaper than Map.copyOf's probing. */
    private final java.util.Map<String, Integer> indexByName;

    DatasetKind(String code, boolean required, String idColumn, ColumnSpec... columns) {
        this.code = code;
        this.required = required;
        this.idColumn = idColumn;
        this.columns = List.of(columns);
        java.util.Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < columns.length; i++) {
            index.put(columns[i].name(), i);
        }
        this.indexByName = java.util.Collections.unmodifiableMap(index);
    }

    /** The dataset's name in job files, quarantine file names and the manifest. */
    public String code() {
        return code;
    }

    public boolean required() {
        return required;
    }

    /** The column a duplicate or conflict is reported on (outputs.md: the key's id column). */
    public String idColumn() {
        return idColumn;
    }

    public List<ColumnSpec> columns() {
        return columns;
    }

    public int columnIndex(String name) {
        Integer index = indexByName.get(name);
        if (index == null) {
            throw new IllegalArgumentException(code + " has no column " + name);
        }
        return index;
    }

    public Optional<ColumnSpec> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public static Optional<DatasetKind> byCode(String code) {
        for (DatasetKind kind : values()) {
            if (kind.code.equals(code)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
