package org.festivaloutcomes.ingest;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.festivaloutcomes.ingest.csv.CsvRecord;
import org.festivaloutcomes.metrics.Metric;

/**
 * Types one record of a dataset and runs every row-level check of inputs.md in the order of fine
 * print 9: malformed_row; each column in the table's order; rules across fields; references; the
 * channel of a hybrid event's row. Duplicates and conflicts are decided later, across rows.
 */
public final class RowChecker implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int DETAIL_VALUE_LIMIT = 60;

    private final DatasetKind kind;
    private final DatasetFormat format;
    private final Map<String, BigDecimal> fxToCny;
    private final References references;
    private transient DateTimeFormatter extraPattern;
    private transient boolean extraPatternResolved;
    /** Positions of the columns the rules read (-1 where the dataset has no such column): no lookup per row. */
    private final int festivalId;
    private final int eventId;
    private final int channel;
    private final int enterpriseId;
    private final int attendeeId;
    private final int attendeeType;
    private final int admissions;
    private final int amountUnit;
    private final int currency;
    private final int statusDate;
    private final int signedOn;
    private final int isKeyProject;
    /** The job's extra enum values per column position (null where none). */
    private final Map<String, String>[] extraValues;
    /** The built-in synonyms per column position, as HashMaps (cheaper to probe than Map.of's, per field). */
    private final Map<String, String>[] synonyms;

    @SuppressWarnings("unchecked")
    public RowChecker(DatasetKind kind, DatasetFormat format, Map<String, BigDecimal> fxToCny,
            References references) {
        this.kind = kind;
        this.format = format;
        this.fxToCny = fxToCny;
        this.references = references;
        this.festivalId = position("festival_id");
        this.eventId = position("event_id");
        this.channel = position("channel");
        this.enterpriseId = position("enterprise_id");
        this.attendeeId = position("attendee_id");
        this.attendeeType = position("attendee_type");
        this.admissions = position("admissions");
        this.amountUnit = position("amount_unit");
        this.currency = position("currency");
        this.statusDate = position("status_date");
        this.signedOn = position("signed_on");
        this.isKeyProject = position("is_key_project");
        List<ColumnSpec> columns = kind.columns();
        this.extraValues = new Map[columns.size()];
        this.synonyms = new Map[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            extraValues[c] = format.values().get(columns.get(c).name());
            if (columns.get(c).enumSynonyms() != null) {
                synonyms[c] = new java.util.HashMap<>(columns.get(c).enumSynonyms());
            }
        }
    }

    private int position(String column) {
        return kind.column(column).isPresent() ? kind.columnIndex(column) : -1;
    }

    /** The outcome for one record: typed values in the dataset's column order, or why it is rejected. */
    public record Checked(Object[] values, Rejection rejection) {
    }

    public Checked check(CsvRecord record, FileHeader header) {
        if (record.problem() != null) {
            return reject(Rejection.MALFORMED_ROW, null, "broken quoting: " + record.problem());
        }
        if (record.fields().size() != header.fieldCount()) {
            return reject(Rejection.MALFORMED_ROW, null,
                    record.fields().size() + " fields where the header has " + header.fieldCount());
        }
        List<ColumnSpec> columns = kind.columns();
        Object[] values = new Object[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            ColumnSpec column = columns.get(c);
            int position = header.positions()[c];
            String text = position < 0 ? null : record.fields().get(position).strip();
            if (text == null || text.isEmpty()) {
                if (column.required()) {
                    return reject(Rejection.MISSING_VALUE, column.name(), column.name() + " is empty");
                }
                continue;
            }
            Object value = type(c, column, text);
            if (value == null) {
                return reject(Rejection.INVALID_VALUE, column.name(),
                        "'" + shorten(text) + "' is not " + expected(column));
            }
            values[c] = value;
        }
        applyDefaults(values);
        Rejection rejection = crossFieldRule(values);
        if (rejection == null) {
            rejection = referenceRule(values);
        }
        return rejection == null ? new Checked(values, null) : new Checked(null, rejection);
    }

    /**
     * A column's value of a non-empty, stripped text as {@link #check} types it, or null when it is
     * invalid (the attendance byte parse types each distinct text of a column once with it).
     */
    Object typed(int column, String text) {
        return type(column, kind.columns().get(column), text);
    }

    /** The accepted keys the references are checked against. */
    References references() {
        return references;
    }

    private Object type(int position, ColumnSpec column, String text) {
        return switch (column.type()) {
            case TEXT -> text;
            case CODE -> text.toUpperCase(Locale.ROOT);
            case NUMBER -> bounded(Values.number(text));
            case INTEGER -> Values.integer(text);
            case BOOLEAN -> Values.bool(text);
            case DATE -> Values.date(text, extraPattern());
            case TIMESTAMP -> Values.timestamp(text, false, extraPattern());
            case TIMESTAMP_OR_DATE -> Values.timestamp(text, true, extraPattern());
            case ENUM -> enumValue(position, text);
        };
    }

    /** Numbers beyond 15 integer digits cannot be exact sums in CNY (DECIMAL(38,12)); none is that large. */
    private static BigDecimal bounded(BigDecimal number) {
        return number == null || number.precision() - number.scale() > 15 ? null : number;
    }

    private String enumValue(int position, String text) {
        String normalized = Enums.normalize(text);
        Map<String, String> extra = extraValues[position];
        if (extra != null && extra.containsKey(normalized)) {
            return extra.get(normalized);
        }
        return synonyms[position].get(normalized);
    }

    private DateTimeFormatter extraPattern() {
        if (!extraPatternResolved) {
            extraPattern = format.timestampPattern() == null ? null : Values.pattern(format.timestampPattern());
            extraPatternResolved = true;
        }
        return extraPattern;
    }

    private static String expected(ColumnSpec column) {
        return switch (column.type()) {
            case NUMBER -> "a number >= 0 (digits, optional ',' thousands groups and '.' fraction)";
            case INTEGER -> "a whole number >= 0";
            case BOOLEAN -> "a boolean (true/false, 1/0, yes/no, y/n, 是/否)";
            case DATE -> "a date (yyyy-MM-dd or yyyy/M/d)";
            case TIMESTAMP -> "a timestamp with a time (yyyy-MM-dd H:mm[:ss])";
            case TIMESTAMP_OR_DATE -> "a date or timestamp (yyyy-MM-dd[ H:mm[:ss]])";
            case ENUM -> "a valid " + column.name() + " ("
                    + String.join(", ", column.enumSynonyms().values().stream().distinct().sorted().toList()) + ")";
            default -> "valid";
        };
    }

    private void applyDefaults(Object[] v) {
        switch (kind) {
            case EVENTS -> setIfNull(v, channel, "onsite");
            case ENTERPRISES -> setIfNull(v, kind.columnIndex("org_type"), "enterprise");
            case ATTENDANCE -> {
                setIfNull(v, attendeeType, "unspecified");
                setIfNull(v, admissions, 1L);
            }
            case DEALS -> {
                setIfNull(v, amountUnit, "yuan");
                setIfNull(v, currency, "CNY");
                setIfNull(v, statusDate, v[signedOn]);
                setIfNull(v, isKeyProject, Boolean.FALSE);
            }
            default -> {
            }
        }
    }

    private Rejection crossFieldRule(Object[] v) {
        switch (kind) {
            case FESTIVALS -> {
                if (((LocalDate) get(v, "end_date")).isBefore((LocalDate) get(v, "start_date"))) {
                    return new Rejection(Rejection.INVALID_VALUE, "end_date", "end_date is before start_date");
                }
            }
            case ATTENDANCE -> {
                if (v[attendeeId] != null && (Long) v[admissions] > 1) {
                    return new Rejection(Rejection.INVALID_VALUE, "admissions",
                            "a row with an attendee_id stands for one admission, not " + v[admissions]);
                }
            }
            case DEALS -> {
                if (((LocalDate) v[statusDate]).isBefore((LocalDate) v[signedOn])) {
                    return new Rejection(Rejection.INVALID_VALUE, "status_date", "status_date is before signed_on");
                }
                if (!fxToCny.containsKey((String) v[currency])) {
                    return new Rejection(Rejection.INVALID_VALUE, "currency",
                            "no rate for " + shorten((String) v[currency]) + " in the job's fx_to_cny");
                }
            }
            case TARGETS -> {
                if (Metric.byId((String) get(v, "metric_id")).isEmpty()) {
                    return new Rejection(Rejection.INVALID_VALUE, "metric_id",
                            "'" + shorten((String) get(v, "metric_id")) + "' is not a metric id of metrics.md");
                }
            }
            default -> {
            }
        }
        return null;
    }

    private Rejection referenceRule(Object[] v) {
        if (kind == DatasetKind.FESTIVALS) {
            return null;
        }
        String festivalId = (String) v[this.festivalId];
        if (!references.festivalIds().contains(festivalId)) {
            return new Rejection(Rejection.UNKNOWN_REFERENCE, "festival_id",
                    "festival " + shorten(festivalId) + " is not an accepted row of festivals");
        }
        if (kind == DatasetKind.ATTENDANCE || kind == DatasetKind.DEALS) {
            String eventId = (String) v[this.eventId];
            References.EventRef event = eventId == null ? null : references.events().get(eventId);
            if (eventId != null && (event == null || !event.festivalId().equals(festivalId))) {
                return new Rejection(Rejection.UNKNOWN_REFERENCE, "event_id",
                        "event " + shorten(eventId) + " is not an accepted event of festival " + shorten(festivalId));
            }
            if (kind == DatasetKind.DEALS) {
                String enterpriseId = (String) v[this.enterpriseId];
                if (enterpriseId != null && !references.enterpriseKeys()
                        .contains(References.enterpriseKey(festivalId, enterpriseId))) {
                    return new Rejection(Rejection.UNKNOWN_REFERENCE, "enterprise_id", "enterprise "
                            + shorten(enterpriseId) + " is not an accepted enterprise of festival " + shorten(festivalId));
                }
            } else {
                String channel = (String) v[this.channel];
                if (channel == null) {
                    if (event != null && "hybrid".equals(event.channel())) {
                        return new Rejection(Rejection.MISSING_VALUE, "channel",
                                "a row of hybrid event " + shorten(eventId) + " needs a channel");
                    }
                    v[this.channel] = event == null ? "onsite" : event.channel();
                }
            }
        }
        return null;
    }

    /** CNY value of an amount in the deal's unit and currency, exact to 12 decimals. */
    public static BigDecimal toCny(BigDecimal amount, String unit, BigDecimal rate) {
        if (amount == null) {
            return null;
        }
        return amount.multiply(multiplier(unit)).multiply(rate).setScale(12, RoundingMode.HALF_UP);
    }

    /** Yuan per one of an amount unit. */
    static BigDecimal multiplier(String unit) {
        return switch (unit) {
            case "thousand" -> BigDecimal.valueOf(1_000L);
            case "wan" -> BigDecimal.valueOf(10_000L);
            case "million" -> BigDecimal.valueOf(1_000_000L);
            case "yi" -> BigDecimal.valueOf(100_000_000L);
            default -> BigDecimal.ONE;
        };
    }

    BigDecimal rate(String currency) {
        return fxToCny.get(currency);
    }

    Object get(Object[] values, String column) {
        return values[kind.columnIndex(column)];
    }

    private static void setIfNull(Object[] values, int i, Object value) {
        if (values[i] == null) {
            values[i] = value;
        }
    }

    private static Checked reject(String reason, String column, String detail) {
        return new Checked(null, new Rejection(reason, column, detail));
    }

    static String shorten(String text) {
        return text.length() <= DETAIL_VALUE_LIMIT ? text : text.substring(0, DETAIL_VALUE_LIMIT) + "...";
    }
}
