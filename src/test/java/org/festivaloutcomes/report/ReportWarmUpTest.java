package org.festivaloutcomes.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.festivaloutcomes.report.charts.ChartImage;
import org.festivaloutcomes.report.charts.ReportCharts;
import org.festivaloutcomes.report.sheets.WorkbookWriter;
import org.junit.jupiter.api.Test;

/** The rehearsal draws what a real report draws: every chart, and a workbook, in both languages. */
class ReportWarmUpTest {

    @Test
    void theEmptyEditionRendersEveryChartAndAWorkbook() throws Exception {
        for (Language language : Language.values()) {
            EditionReport report = ReportWarmUp.emptyReport(language);
            Labels labels = Labels.of(language);
            List<ChartImage> charts = ReportCharts.render(report, labels);
            assertEquals(ReportCharts.NAMES, charts.stream().map(ChartImage::name).toList());
            byte[] workbook = WorkbookWriter.write(report, labels, charts);
            try (org.apache.poi.xssf.usermodel.XSSFWorkbook book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
                    new java.io.ByteArrayInputStream(workbook))) {
                assertEquals(true, book.getNumberOfSheets() > 1, language.toString());
            }
        }
    }
}
