package org.festivaloutcomes.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.festivaloutcomes.metrics.Metric;
import org.festivaloutcomes.metrics.MetricUnit;
import org.festivaloutcomes.metrics.MetricValue;
import org.festivaloutcomes.metrics.Scope;
import org.festivaloutcomes.model.Festival;
import org.festivaloutcomes.report.charts.ChartImage;
import org.festivaloutcomes.report.charts.ReportCharts;
import org.festivaloutcomes.report.sheets.WorkbookWriter;

/**
 * A rehearsal of the report on an empty edition, in memory, on a background thread while Spark starts
 * (when one core is mostly idle): the first workbook of a process spends about a second loading POI's
 * and JFreeChart's classes and the installed fonts, which the real report then finds ready. Nothing is
 * written and nothing the run shows depends on it; a rehearsal that fails is simply over.
 */
public final class ReportWarmUp {

    private ReportWarmUp() {
    }

    /** Starts the rehearsal on a daemon thread (it never holds the process open). */
    public static void start(Language language) {
        Thread thread = new Thread(() -> rehearse(language), "report-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    static void rehearse(Language language) {
        try {
            EditionReport report = emptyReport(language == null ? Language.EN : language);
            Labels labels = Labels.of(report.language());
            List<ChartImage> charts = ReportCharts.render(report, labels);
            WorkbookWriter.write(report, labels, charts);
        } catch (Exception | LinkageError e) {
            // only a rehearsal: the real report meets and reports any problem itself
        }
    }

    /** An edition with every headline at zero or empty, as a run over empty exports would give. */
    static EditionReport emptyReport(Language language) {
        String id = "WARM-UP";
        List<MetricValue> values = new ArrayList<>();
        for (Metric m : Metric.values()) {
            for (Scope s : m.family().scopes()) {
                Object v = m.unit() == MetricUnit.COUNT ? (Object) 0L : m.unit() == MetricUnit.CNY ? BigDecimal.ZERO
                        : null;
                values.add(MetricValue.headline(id, s, m, v));
            }
        }
        LocalDate day = LocalDate.of(2000, 1, 1);
        Festival festival = new Festival(id, "warm-up", "warm-up", "-", day, day, null, null);
        QualitySummary quality = new QualitySummary(new BigDecimal("0.05"), List.of());
        RunInfo run = new RunInfo(id, "-", OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), List.of());
        return new EditionReport(festival, YearMonth.of(2000, 1), language, values, List.of(), null, null, Map.of(),
                List.of(), Map.of(Scope.MONTH, 0L, Scope.TO_DATE, 0L), quality, false, run);
    }
}
