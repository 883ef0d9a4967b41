package org.festivaloutcomes.report;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.festivaloutcomes.metrics.MetricUnit;
import org.festivaloutcomes.metrics.MetricValue;

/**
 * Writes metrics.csv exactly as outputs.md says: long form, sorted by festival_id, scope, metric_id,
 * dimension, member (by code point), values rounded half-up per unit, UTF-8 without BOM, LF.
 */
public final class MetricsCsv {

    public static final String HEADER = "festival_id,period,scope,metric_id,dimension,member,value,unit";

    /** The contract's row order. */
    public static final Comparator<MetricValue> ORDER = Comparator
            .comparing(MetricValue::festivalId, CsvText::compareCodePoints)
            .thenComparing(v -> v.scope().code(), CsvText::compareCodePoints)
            .thenComparing(v -> v.metric().id(), CsvText::compareCodePoints)
            .thenComparing(v -> v.dimension() == null ? "" : v.dimension(), CsvText::compareCodePoints)
            .thenComparing(v -> v.member() == null ? "" : v.member(), CsvText::compareCodePoints);

    private MetricsCsv() {
    }

    public static void write(Path file, YearMonth period, List<MetricValue> values) throws IOException {
        List<MetricValue> sorted = new ArrayList<>(values);
        sorted.sort(ORDER);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write('\n');
            for (MetricValue v : sorted) {
                out.write(CsvText.text(v.festivalId()));
                out.write(',');
                out.write(period.toString());
                out.write(',');
                out.write(v.scope().code());
                out.write(',');
                out.write(v.metric().id());
                out.write(',');
                out.write(CsvText.text(v.dimension()));
                out.write(',');
                out.write(CsvText.text(v.member()));
                out.write(',');
                out.write(CsvText.literal(format(v.metric().unit(), v.value())));
                out.write(',');
                out.write(v.metric().unit().code());
                out.write('\n');
            }
        }
    }

    /** A value as written: integers for counts and flags, 2 decimals for CNY and sqm, 6 for ratios. */
    public static String format(MetricUnit unit, Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        BigDecimal number = value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
        int scale = switch (unit) {
            case CNY, SQM -> 2;
            case RATIO -> 6;
            default -> 0;
        };
        return number.setScale(scale, RoundingMode.HALF_UP).toPlainString();
    }
}
