package org.festivaloutcomes.ingest;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampNTZType;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Schemas of the accepted, typed rows that ingestion hands to the metrics layer (the staging layer).
 * Every value is already trimmed, typed and defaulted as inputs.md says: enum columns hold the
 * canonical lower-case value, country and currency codes are upper case, empty text is null.
 */
public final class Staged {

    /** Exact money and areas: 38 digits, 12 after the point. */
    public static final DataType DECIMAL = DataTypes.createDecimalType(38, 12);

    private Staged() {
    }

    /** events.csv; channel defaulted to onsite; starts_at/ends_at local wall-clock time. */
    public static final StructType EVENTS = schema(
            f("event_id", StringType, false), f("festival_id", StringType, false), f("name", StringType, false),
            f("event_type", StringType, false), f("section", StringType, true), f("pavilion", StringType, true),
            f("district", StringType, true), f("channel", StringType, false),
            f("starts_at", TimestampNTZType, false), f("ends_at", TimestampNTZType, true));

    /**
     * attendance; attendee_key is a keyed 64-bit hash of attendee_id (null = anonymous row), never the
     * raw id; channel is the row's, else its event's (onsite or online), else onsite; attendee_type
     * defaults to unspecified; day is the date of attended_at.
     */
    public static final StructType ATTENDANCE = schema(
            f("festival_id", StringType, false), f("event_id", StringType, true), f("attendee_key", LongType, true),
            f("attended_at", TimestampNTZType, false), f("day", DateType, false), f("channel", StringType, false),
            f("attendee_type", StringType, false), f("origin_region", StringType, true),
            f("origin_country", StringType, true), f("admissions", LongType, false));

    /** enterprises; org_type defaults to enterprise; is_leading null when empty. */
    public static final StructType ENTERPRISES = schema(
            f("enterprise_id", StringType, false), f("festival_id", StringType, false), f("name", StringType, false),
            f("org_type", StringType, false), f("role", StringType, false), f("region", StringType, true),
            f("country", StringType, true), f("industry", StringType, true), f("pavilion", StringType, true),
            f("section", StringType, true), f("booth_area_sqm", DECIMAL, true), f("exhibits", LongType, true),
            f("is_leading", BooleanType, true));

    /**
     * deals, every accepted state row; amount_unit defaults to yuan, currency to CNY, status_date to
     * signed_on, is_key_project to false; amount_cny and funds_cny are amount and funds_in_place times
     * the unit and the job's rate (funds_cny null when funds_in_place is empty).
     */
    public static final StructType DEALS = schema(
            f("deal_id", StringType, false), f("festival_id", StringType, false), f("event_id", StringType, true),
            f("enterprise_id", StringType, true), f("project_name", StringType, true),
            f("counterparty", StringType, true), f("deal_type", StringType, true), f("industry", StringType, true),
            f("amount", DECIMAL, false), f("amount_unit", StringType, false), f("currency", StringType, false),
            f("signed_on", DateType, false), f("status", StringType, false), f("status_date", DateType, false),
            f("is_key_project", BooleanType, false), f("funds_in_place", DECIMAL, true),
            f("amount_cny", DECIMAL, false), f("funds_cny", DECIMAL, true));

    private static StructField f(String name, DataType type, boolean nullable) {
        return DataTypes.createStructField(name, type, nullable);
    }

    private static StructType schema(StructField... fields) {
        return DataTypes.createStructType(fields);
    }
}
