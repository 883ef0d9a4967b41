package org.festivaloutcomes.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.common.usermodel.HyperlinkType;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Hyperlink;
import org.apache.poi.ss.usermodel.PageMargin;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFTable;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.festivaloutcomes.metrics.Metric;
import org.festivaloutcomes.metrics.MetricValue;
import org.festivaloutcomes.metrics.Scope;
import org.festivaloutcomes.report.charts.ReportCharts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * How the workbook prints: a breakdown longer than a page repeats its own header row on every page (on a sheet of
 * its own), the tables that fit a page are never cut by a page break, and the follow-up shows DealMetrics's count.
 */
class PrintedPagesTest {

    /** Events of the long breakdown: far more rows than one A4 page holds at any scale the sheet prints at. */
    private static final int EVENTS = 150;

    @TempDir
    Path tmp;

    /** The fixture's report with {@value #EVENTS} more events in the attendance breakdown by event. */
    private static EditionReport withManyEvents(Language language) {
        EditionReport r = ReportFixture.report(language, false);
        List<MetricValue> values = new ArrayList<>(r.metrics());
        for (int i = 0; i < EVENTS; i++) {
            String event = String.format("QD-E%03d", i);
            for (Scope s : List.of(Scope.MONTH, Scope.TO_DATE)) {
                values.add(new MetricValue(ReportFixture.ID, s, Metric.ATTENDANCE_VISITS, "event", event, 500L - i));
                values.add(new MetricValue(ReportFixture.ID, s, Metric.ATTENDANCE_VISITORS, "event", event, 400L - i));
            }
        }
        return new EditionReport(r.festival(), r.period(), r.language(), values, r.previousMonth(),
                r.previousEditionFestival(), r.previousEdition(), r.targets(), r.topDeals(), r.startedDeals(),
                r.quality(), r.qualityFailed(), r.run());
    }

    private XSSFWorkbook write(EditionReport report, String name) throws IOException {
        Path xlsx = tmp.resolve(name + ".xlsx");
        ReportWriter.write(report, xlsx, tmp.resolve("charts-" + name));
        try (InputStream in = Files.newInputStream(xlsx)) {
            return new XSSFWorkbook(in);
        }
    }

    /** Daily exports of a month-long festival: {@value #DAILY_FILES} input files, each with rejected rows. */
    private static final int DAILY_FILES = 62;

    private static EditionReport withDailyExports(Language language) {
        EditionReport r = ReportFixture.report(language, false);
        List<RunInfo.InputFile> inputs = new ArrayList<>();
        List<QualitySummary.FileQuality> files = new ArrayList<>();
        for (int i = 0; i < DAILY_FILES; i++) {
            String path = String.format("exports/attendance/daily/attendance-2023-09-%02d-%s.csv", i % 31 + 1,
                    i < 31 ? "onsite" : "online");
            inputs.add(new RunInfo.InputFile("attendance", path, "%064x".formatted(i), 1_000_000L + i));
            List<QualitySummary.RejectedRow> examples = new ArrayList<>();
            for (int k = 1; k <= 3; k++) {
                examples.add(new QualitySummary.RejectedRow(path, k * 100L, "invalid_value", "attended_at",
                        "not a date-time: 2023-13-45 25:61", "r" + k + ",qdce-2023,,***,2023-13-45 25:61,onsite"));
            }
            files.add(new QualitySummary.FileQuality(path, 1000, 997, 3, Map.of("invalid_value", 3L), examples));
        }
        QualitySummary quality = new QualitySummary(r.quality().maxRejectedShare(),
                List.of(new QualitySummary.DatasetQuality("attendance", files)));
        return new EditionReport(r.festival(), r.period(), r.language(), r.metrics(), r.previousMonth(),
                r.previousEditionFestival(), r.previousEdition(), r.targets(), r.topDeals(), r.startedDeals(),
                quality, r.qualityFailed(), new RunInfo(r.run().jobName(), r.run().programVersion(), r.run().runAt(),
                        inputs));
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void longListsOfFilesAndRejectedRowsGetSheetsThatRepeatTheirHeaderRow(Language language) throws IOException {
        Labels l = Labels.of(language);
        try (XSSFWorkbook wb = write(withDailyExports(language), "daily-" + language)) {
            for (String[] list : new String[][] {{l.get("footer.inputs"), l.sheet("summary"),
                String.valueOf(DAILY_FILES)}, {l.get("title.quality.files"), l.sheet("quality"),
                String.valueOf(DAILY_FILES)}, {l.get("title.quality.examples"), l.sheet("quality"),
                String.valueOf(DAILY_FILES * 3)}}) {
                list[0] = list[0].replace(",", "");
                XSSFSheet own = wb.getSheet(list[0]);
                assertNotNull(own, list[0]);
                XSSFTable table = own.getTables().get(0);
                assertEquals(1, table.getStartRowIndex());
                assertEquals(Integer.parseInt(list[2]), table.getEndRowIndex() - table.getStartRowIndex(), list[0]);
                assertEquals(new CellRangeAddress(0, 1, -1, -1).formatAsString(), own.getRepeatingRows()
                        .formatAsString(), list[0]);
                assertNotNull(table.getCTTable().getAutoFilter());
                // the sheet it belongs to links to it where the list would be
                boolean linked = false;
                for (Row row : wb.getSheet(list[1])) {
                    for (Cell cell : row) {
                        if (cell.getHyperlink() != null && cell.getHyperlink().getAddress().equals(
                                "'" + list[0] + "'!A1")) {
                            linked = true;
                            assertTrue(cell.getStringCellValue().contains(list[2]), cell.getStringCellValue());
                        }
                    }
                }
                assertTrue(linked, list[1] + " links to " + list[0]);
            }
        }
        // the fixture's few files stay where they were
        try (XSSFWorkbook wb = write(ReportFixture.report(language, false), "few-" + language)) {
            assertEquals(null, wb.getSheet(l.get("footer.inputs")));
            assertEquals(null, wb.getSheet(l.get("title.quality.files").replace(",", "")));
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void aBreakdownLongerThanAPageGetsItsOwnSheetThatRepeatsItsHeaderRowOnEveryPage(Language language)
            throws IOException {
        Labels l = Labels.of(language);
        String attendance = l.sheet("attendance");
        String expected = language == Language.EN ? "Attendance by event" : "观众按活动分列";
        try (XSSFWorkbook wb = write(withManyEvents(language), "long-" + language)) {
            XSSFSheet detail = wb.getSheet(expected);
            assertNotNull(detail, expected);
            // printed right after the sheet it belongs to
            assertEquals(wb.getSheetIndex(attendance) + 1, wb.getSheetIndex(detail));
            assertEquals(1, detail.getTables().size());
            XSSFTable table = detail.getTables().get(0);
            assertEquals(l.dimension("event"), detail.getRow(table.getStartRowIndex()).getCell(0).getStringCellValue());
            // every printed page repeats the sheet's title and the table's header row, and no page break of its
            // own cuts the table: it flows from page to page
            CellRangeAddress repeating = detail.getRepeatingRows();
            assertEquals(0, repeating.getFirstRow());
            assertEquals(table.getStartRowIndex(), repeating.getLastRow());
            assertEquals(0, detail.getRowBreaks().length);
            assertEquals(table.getStartRowIndex() + 1, detail.getPaneInformation().getHorizontalSplitPosition());
            // every member is there (the fixture's own events too), with its autofilter
            assertTrue(table.getEndRowIndex() - table.getStartRowIndex() > EVENTS);
            assertNotNull(table.getCTTable().getAutoFilter());

            // the family sheet keeps the section title and links to the full table instead of printing it
            XSSFSheet sheet = wb.getSheet(attendance);
            for (XSSFTable t : sheet.getTables()) {
                assertFalse(l.dimension("event").equals(
                        sheet.getRow(t.getStartRowIndex()).getCell(0).getStringCellValue()), "event table on " + attendance);
            }
            Hyperlink link = null;
            for (Row row : sheet) {
                for (Cell cell : row) {
                    if (cell.getHyperlink() != null) {
                        link = cell.getHyperlink();
                        assertTrue(cell.getStringCellValue().contains(expected), cell.getStringCellValue());
                        assertEquals(org.apache.poi.ss.usermodel.CellType.STRING, cell.getCellType());
                    }
                }
            }
            assertNotNull(link, "link to " + expected);
            assertEquals(HyperlinkType.DOCUMENT, link.getType());
            assertEquals("'" + expected + "'!A1", link.getAddress());
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void noTableThatFitsAPageIsCutByAPageBreakAndNoPageOverflows(Language language) throws IOException {
        try (XSSFWorkbook wb = write(withManyEvents(language), "pages-" + language)) {
            int checked = 0;
            for (int i = 0; i < wb.getNumberOfSheets(); i++) {
                XSSFSheet sheet = wb.getSheetAt(i);
                if (sheet.getRowBreaks().length == 0) {
                    continue;
                }
                double page = pageHeight(sheet);
                double repeat = heights(sheet, sheet.getRepeatingRows().getFirstRow(),
                        sheet.getRepeatingRows().getLastRow());
                int[] breaks = sheet.getRowBreaks();
                for (XSSFTable t : sheet.getTables()) {
                    // a table with its section title above it
                    int first = t.getStartRowIndex() - 1;
                    int last = t.getEndRowIndex();
                    if (repeat + heights(sheet, first, last) > page) {
                        continue;
                    }
                    for (int b : breaks) {
                        assertFalse(b >= first && b < last, sheet.getSheetName() + ": break after row " + b
                                + " cuts the table of rows " + first + "-" + last);
                    }
                    checked++;
                }
                // the spreadsheet never needs a page break of its own: every page ends at one of the sheet's
                int start = 0;
                for (int b : breaks) {
                    double used = (start == 0 ? 0 : repeat) + heights(sheet, start, b);
                    assertTrue(used <= page, sheet.getSheetName() + ": rows " + start + "-" + b + " take " + used
                            + " pt of a " + page + " pt page");
                    start = b + 1;
                }
            }
            assertTrue(checked > 10, "tables checked: " + checked);
        }
    }

    /** The printed page's height in the sheet's points at Excel's fit-to-width scale (A4 landscape, margins). */
    private static double pageHeight(XSSFSheet sheet) {
        double width = 0;
        for (int c = 0; c < 256; c++) {
            // the columns with a width of their own: the content's, and those under the charts
            if (sheet.getColumnHelper().getColumn(c, false) != null) {
                width += sheet.getColumnWidth(c) / 256.0 * 5.25;
            }
        }
        double printableWidth = 842 - 72 * (sheet.getMargin(PageMargin.LEFT) + sheet.getMargin(PageMargin.RIGHT));
        double scale = Math.min(1, printableWidth / width);
        return (595 - 72 * (sheet.getMargin(PageMargin.TOP) + sheet.getMargin(PageMargin.BOTTOM))) / scale;
    }

    private static double heights(XSSFSheet sheet, int first, int last) {
        double h = 0;
        for (int r = first; r <= last; r++) {
            XSSFRow row = sheet.getRow(r);
            h += row == null ? sheet.getDefaultRowHeightInPoints() : row.getHeightInPoints();
        }
        return h;
    }

    @Test
    void theFollowUpShowsTheStartedCountOfDealMetricsNotRateTimesSigned() throws IOException {
        EditionReport r = ReportFixture.report(Language.EN, false);
        // the rate says 31 of 126; a supplied count of 29 must be what the sheet and the chart show
        EditionReport report = new EditionReport(r.festival(), r.period(), r.language(), r.metrics(),
                r.previousMonth(), r.previousEditionFestival(), r.previousEdition(), r.targets(), r.topDeals(),
                Map.of(Scope.MONTH, 5L, Scope.TO_DATE, 29L), r.quality(), r.qualityFailed(), r.run());
        Labels l = Labels.of(Language.EN);
        ReportCharts.ChartData funnel = ReportCharts.createDealFollowUpDataset(new ReportValues(report.metrics()),
                report.startedCount(Scope.TO_DATE), l);
        assertEquals(29, funnel.primary().getValue(0, 2).intValue());
        assertEquals(l.get("followup.started"), funnel.primary().getColumnKey(2));
        try (XSSFWorkbook wb = write(report, "followup")) {
            XSSFSheet deals = wb.getSheet(l.sheet("deals"));
            Row started = null;
            for (Row row : deals) {
                Cell c = row.getCell(0);
                if (c != null && l.get("followup.started").equals(c.getStringCellValue())) {
                    started = row;
                }
            }
            assertNotNull(started);
            assertEquals(29, started.getCell(1).getNumericCellValue());
        }
        // without a supplied count the funnel shows no started bar rather than a derived one
        ReportCharts.ChartData none = ReportCharts.createDealFollowUpDataset(new ReportValues(report.metrics()),
                null, l);
        assertNull(none.primary().getValue(0, 2));
    }

    @Test
    void aWorkbookWithADetailSheetIsByteIdenticalWhenWrittenTwice() throws IOException {
        EditionReport report = withManyEvents(Language.ZH_CN);
        List<Path> first = ReportWriter.write(report, tmp.resolve("a.xlsx"), tmp.resolve("a"));
        List<Path> second = ReportWriter.write(report, tmp.resolve("b.xlsx"), tmp.resolve("b"));
        assertArrayEquals(Files.readAllBytes(first.get(0)), Files.readAllBytes(second.get(0)));
    }

}
