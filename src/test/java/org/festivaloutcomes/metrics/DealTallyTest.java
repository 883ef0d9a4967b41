package org.festivaloutcomes.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/**
 * The deal walk sorts on a 64-bit hash only: deals sharing a hash arrive as one run, their rows in any
 * order, and must be counted exactly as if their hashes differed.
 */
class DealTallyTest {

    private static final DecimalType AMOUNT = (DecimalType) DataTypes.createDecimalType(38, 12);

    @Test
    void dealsSharingAHashAreCountedApartInDateOrder() {
        DealTally.Plan plan = new DealTally.Plan(Map.of("F", List.of(new DealTally.Request(0,
                LocalDate.of(2023, 6, 1), LocalDate.of(2023, 6, 30), true))), Map.of(), 5, AMOUNT, AMOUNT);
        // deal A: signed 06-01, started 06-10, cancelled 07-02 (after the month: not its state)
        // deal B: signed 06-05; deal C: intended 06-20
        Object[][] a = {row("A", "2023-06-10", "2023-06-01", "started", "100"),
            row("A", "2023-06-01", "2023-06-01", "signed", "100"),
            row("A", "2023-07-02", "2023-06-01", "cancelled", "100")};
        Object[][] b = {row("B", "2023-06-05", "2023-06-05", "signed", "50")};
        Object[][] c = {row("C", "2023-06-20", "2023-06-20", "intended", "70")};

        List<InternalRow> apart = new ArrayList<>();
        addAll(apart, a, 1);
        addAll(apart, b, 2);
        addAll(apart, c, 3);
        // one hash for all three deals, rows interleaved and out of date order
        List<InternalRow> shared = new ArrayList<>();
        for (Object[] r : new Object[][] {a[2], b[0], c[0], a[0], a[1]}) {
            shared.add(internal(r, 7));
        }

        DealTally.Part expected = DealTally.walk(plan, apart.iterator());
        DealTally.Part actual = DealTally.walk(plan, shared.iterator());
        assertEquals(summary(expected), summary(actual));
        DealTally.Headline month = expected.headlines.get("0\u0000month");
        assertEquals(2, month.signed);
        assertEquals(0, new BigDecimal("150").compareTo(month.signedValue));
        assertEquals(1, month.started);
        assertEquals(1, month.intended);
        assertEquals(0, month.cancelled);
    }

    @Test
    void aPartSentAsBytesIsThePartItWas() {
        DealTally.Part part = new DealTally.Part();
        DealTally.Headline h = new DealTally.Headline();
        h.signed = 3;
        h.keyProjects = 1;
        h.intended = 2;
        h.cancelled = 4;
        h.landed = 5;
        h.started = 6;
        h.signedValue = new BigDecimal("123456789012345.123456789012");
        h.funds = new BigDecimal("-0.5");
        part.headlines.put("0\u0000month", h);
        DealTally.Member m = new DealTally.Member();
        m.count = 7;
        m.value = new BigDecimal("1E+3");
        part.members.put("0\u0000month\u0000industry\u0000云计算", m);
        part.members.put("1\u0000to_date\u0000industry\u0000" + "x".repeat(70_000), new DealTally.Member());
        part.top.put(0, List.of(new DealTally.State("D1", "项目", null, "E", "sales", null, "signed",
                LocalDate.of(2023, 6, 1), LocalDate.of(2023, 6, 2), new BigDecimal("10.000000000000"), null, true)));
        DealTally.Part back = DealTally.Part.decode(part.encode());
        assertEquals(summary(part), summary(back));
        assertEquals(part.top, back.top);
        assertEquals(h.signedValue.scale(), back.headlines.get("0\u0000month").signedValue.scale());
        assertEquals(1, back.headlines.get("0\u0000month").keyProjects);
    }

    private static Object[] row(String deal, String statusDate, String signedOn, String status, String amount) {
        return new Object[] {deal, statusDate, signedOn, status, amount};
    }

    private static void addAll(List<InternalRow> rows, Object[][] values, long hash) {
        for (Object[] v : values) {
            rows.add(internal(v, hash));
        }
    }

    /** A row in DealTally.COLUMNS order plus the hash. */
    private static InternalRow internal(Object[] v, long hash) {
        Object[] row = new Object[DealTally.COLUMNS.length + 1];
        row[0] = UTF8String.fromString("F");
        row[1] = UTF8String.fromString((String) v[0]);
        row[2] = (int) LocalDate.parse((String) v[1]).toEpochDay();
        row[3] = (int) LocalDate.parse((String) v[2]).toEpochDay();
        row[4] = UTF8String.fromString((String) v[3]);
        row[5] = Decimal.apply(new BigDecimal((String) v[4]).setScale(12), 38, 12);
        row[6] = null;
        row[7] = false;
        row[8] = UTF8String.fromString("ICT");
        row[9] = UTF8String.fromString("investment");
        row[10] = null;
        row[11] = null;
        row[12] = UTF8String.fromString("project " + v[0]);
        row[13] = null;
        row[14] = hash;
        return new GenericInternalRow(row);
    }

    private static String summary(DealTally.Part part) {
        Map<String, String> out = new TreeMap<>();
        part.headlines.forEach((k, h) -> out.put("h " + k, h.signed + " " + h.signedValue + " " + h.intended + " "
                + h.intendedValue + " " + h.cancelled + " " + h.landed + " " + h.started + " " + h.funds));
        part.members.forEach((k, m) -> out.put("m " + k, m.count + " " + m.value));
        part.top.forEach((k, states) -> out.put("t " + k, states.toString()));
        return out.toString();
    }
}
