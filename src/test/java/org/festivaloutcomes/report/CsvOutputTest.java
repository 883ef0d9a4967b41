package org.festivaloutcomes.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.festivaloutcomes.ingest.DatasetOutcome;
import org.festivaloutcomes.metrics.Metric;
import org.festivaloutcomes.metrics.MetricValue;
import org.festivaloutcomes.metrics.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attack strings from the inputs reach metrics.csv and the quarantine files as inert text (OWASP). */
class CsvOutputTest {

    /** Text that spreadsheets run as a formula or command when it begins a cell. */
    static final List<String> ATTACKS = List.of("=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)",
            "\tcmd", "\r=1");

    @TempDir
    Path tmp;

    @Test
    void metricsCsvPrefixesFormulaLikeMembersWithAQuoteAndLeavesNumbersAlone() throws IOException {
        List<MetricValue> values = new ArrayList<>();
        for (String attack : ATTACKS) {
            values.add(new MetricValue("f1", Scope.TO_DATE, Metric.ATTENDANCE_VISITS, "pavilion", attack, 5L));
        }
        values.add(MetricValue.headline("f1", Scope.TO_DATE, Metric.DEALS_SIGNED_VALUE,
                new java.math.BigDecimal("-1500.5")));
        Path file = tmp.resolve("metrics.csv");
        MetricsCsv.write(file, YearMonth.of(2023, 6), values);
        String csv = Files.readString(file, StandardCharsets.UTF_8);
        for (String attack : ATTACKS) {
            String field = "'" + attack;
            boolean quoted = field.contains("\"") || field.contains(",") || field.contains("\r");
            String expected = quoted ? '"' + field.replace("\"", "\"\"") + '"' : field;
            assertTrue(csv.contains(",pavilion," + expected + ",5,count\n"), attack + " in\n" + csv);
        }
        // a negative amount is a number the program wrote, not text from the input: no quote
        assertTrue(csv.contains(",deals.signed_value,,,-1500.50,CNY\n"), csv);
    }

    @Test
    void quarantineCsvNeutralisesEveryTextFieldFromTheInput() throws IOException {
        List<DatasetOutcome.RejectedRecord> rows = new ArrayList<>();
        for (String attack : ATTACKS) {
            rows.add(new DatasetOutcome.RejectedRecord("data/" + attack + ".csv", 3, "invalid_value", attack,
                    "not a number: " + attack, attack));
        }
        Path file = tmp.resolve("q.csv");
        QuarantineCsv.write(file, rows);
        List<String> fields = new ArrayList<>();
        try (var reader = org.festivaloutcomes.ingest.csv.StrictCsvReader.open(file, StandardCharsets.UTF_8)) {
            for (var record = reader.next(); record != null; record = reader.next()) {
                fields.addAll(record.fields());
            }
        }
        for (String attack : ATTACKS) {
            assertTrue(fields.contains("'" + attack), attack + " in " + fields);
            assertTrue(fields.stream().noneMatch(f -> f.equals(attack)), attack);
        }
        assertEquals(0, fields.stream().filter(f -> !f.isEmpty() && "=+-@\t\r".indexOf(f.charAt(0)) >= 0).count(),
                fields.toString());
    }
}
