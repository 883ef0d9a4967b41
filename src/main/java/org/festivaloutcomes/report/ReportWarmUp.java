package org.festivaloutcomes.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.festivaloutcomes.model.Festival;
import org.festivaloutcomes.report.charts.ReportCharts;
import org.festivaloutcomes.report.sheets.WorkbookWriter;

/**
 * Writes the workbook and charts of an empty edition, in memory, on a background thread started before
 * Spark: the first workbook of a run otherwise pays about a second and a half for loading POI's OOXML
 * schemas, JFreeChart and the fonts, while one core sits idle during Spark's start.
 */
public final class ReportWarmUp {

    private ReportWarmUp() {
    }

    /** Starts the warm-up for reports in this language; nothing is written and nothing waits for it. */
    public static void start(Language language) {
        Thread thread = new Thread(() -> {
            try {
                Labels labels = Labels.of(language == null ? Language.EN : language);
                Festival festival = new Festival("warm-up", "warm-up", null, null, LocalDate.of(2000, 1, 1),
                        LocalDate.of(2000, 1, 2), null, null);
                EditionReport report = new EditionReport(festival, YearMonth.of(2000, 1), language, List.of(),
                        List.of(), null, null, Map.of(), List.of(), null,
                        new QualitySummary(BigDecimal.ZERO, List.of()), false,
                        new RunInfo("warm-up", "", OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                                List.of()));
                WorkbookWriter.write(report, labels, ReportCharts.render(report, labels));
            } catch (Exception e) {
                // only a warm-up: the run's own reports say what is wrong, if anything
            }
        }, "report-warm-up");
        thread.setDaemon(true);
        thread.start();
    }
}
