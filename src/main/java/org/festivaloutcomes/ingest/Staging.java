package org.festivaloutcomes.ingest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.festivaloutcomes.model.Festival;

/** Turns checked values (in a dataset's column order) into the staged rows of {@link Staged}. */
final class Staging {

    private Staging() {
    }

    static Festival festival(Object[] v) {
        DatasetKind k = DatasetKind.FESTIVALS;
        return new Festival((String) v[k.columnIndex("festival_id")], (String) v[k.columnIndex("name")],
                (String) v[k.columnIndex("series")], (String) v[k.columnIndex("city")],
                (LocalDate) v[k.columnIndex("start_date")], (LocalDate) v[k.columnIndex("end_date")],
                (String) v[k.columnIndex("previous_edition_id")], (BigDecimal) v[k.columnIndex("gross_space_sqm")]);
    }

    static Row event(Object[] v) {
        // events.csv columns are already in Staged.EVENTS order
        return RowFactory.create(v);
    }

    static Row enterprise(Object[] v) {
        Object[] row = v.clone();
        int area = DatasetKind.ENTERPRISES.columnIndex("booth_area_sqm");
        row[area] = decimal((BigDecimal) row[area]);
        return RowFactory.create(row);
    }

    /** Staged.ATTENDANCE values; the raw attendee_id is replaced by its keyed hash here. */
    static Object[] attendance(Object[] v, Pseudonymizer pseudonymizer) {
        String attendeeId = (String) v[Att.ATTENDEE_ID];
        LocalDateTime at = (LocalDateTime) v[Att.ATTENDED_AT];
        return new Object[] {v[Att.FESTIVAL_ID], v[Att.EVENT_ID],
            attendeeId == null ? null : pseudonymizer.key(attendeeId), at, at.toLocalDate(),
            v[Att.CHANNEL], v[Att.ATTENDEE_TYPE], v[Att.ORIGIN_REGION], v[Att.ORIGIN_COUNTRY], v[Att.ADMISSIONS]};
    }

    /** Positions of the attendance columns, resolved once (the row path runs ten million times). */
    static final class Att {
        static final int RECORD_ID = DatasetKind.ATTENDANCE.columnIndex("record_id");
        static final int FESTIVAL_ID = DatasetKind.ATTENDANCE.columnIndex("festival_id");
        static final int EVENT_ID = DatasetKind.ATTENDANCE.columnIndex("event_id");
        static final int ATTENDEE_ID = DatasetKind.ATTENDANCE.columnIndex("attendee_id");
        static final int ATTENDED_AT = DatasetKind.ATTENDANCE.columnIndex("attended_at");
        static final int CHANNEL = DatasetKind.ATTENDANCE.columnIndex("channel");
        static final int ATTENDEE_TYPE = DatasetKind.ATTENDANCE.columnIndex("attendee_type");
        static final int ORIGIN_REGION = DatasetKind.ATTENDANCE.columnIndex("origin_region");
        static final int ORIGIN_COUNTRY = DatasetKind.ATTENDANCE.columnIndex("origin_country");
        static final int ADMISSIONS = DatasetKind.ATTENDANCE.columnIndex("admissions");

        private Att() {
        }
    }

    /** Staged.DEALS values: the deal's columns with amount and funds also in CNY. */
    static Object[] deal(Object[] v, RowChecker checker) {
        String unit = (String) v[Deal.AMOUNT_UNIT];
        BigDecimal rate = checker.rate((String) v[Deal.CURRENCY]);
        BigDecimal amount = (BigDecimal) v[Deal.AMOUNT];
        BigDecimal funds = (BigDecimal) v[Deal.FUNDS_IN_PLACE];
        Object[] row = new Object[v.length + 2];
        System.arraycopy(v, 0, row, 0, v.length);
        row[Deal.AMOUNT] = decimal(amount);
        row[Deal.FUNDS_IN_PLACE] = decimal(funds);
        row[v.length] = RowChecker.toCny(amount, unit, rate);
        row[v.length + 1] = RowChecker.toCny(funds, unit, rate);
        return row;
    }

    /** Positions of the deal columns read per row, resolved once. */
    static final class Deal {
        static final int FESTIVAL_ID = DatasetKind.DEALS.columnIndex("festival_id");
        static final int DEAL_ID = DatasetKind.DEALS.columnIndex("deal_id");
        static final int STATUS_DATE = DatasetKind.DEALS.columnIndex("status_date");
        static final int AMOUNT_UNIT = DatasetKind.DEALS.columnIndex("amount_unit");
        static final int CURRENCY = DatasetKind.DEALS.columnIndex("currency");
        static final int AMOUNT = DatasetKind.DEALS.columnIndex("amount");
        static final int FUNDS_IN_PLACE = DatasetKind.DEALS.columnIndex("funds_in_place");

        private Deal() {
        }
    }

    /**
     * What two rows of one deal and date are compared on: every typed, defaulted value, numbers
     * compared by value ({@code 1,500} = {@code 1500.0}).
     */
    static String dealSignature(Object[] v) {
        StringBuilder signature = new StringBuilder();
        for (Object value : v) {
            if (value instanceof BigDecimal d) {
                signature.append(d.stripTrailingZeros().toPlainString());
            } else if (value != null) {
                signature.append(value);
            }
            signature.append('\u0001');
        }
        return signature.toString();
    }

    private static BigDecimal decimal(BigDecimal value) {
        return value == null ? null : value.setScale(12, RoundingMode.HALF_UP);
    }
}
