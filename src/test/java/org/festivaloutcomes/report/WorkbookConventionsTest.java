package org.festivaloutcomes.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.AreaReference;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFTable;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Excel conventions of the issue, checked on the workbook read back with POI, in both languages. */
class WorkbookConventionsTest {

    @TempDir
    Path tmp;

    private XSSFWorkbook write(EditionReport report) throws IOException {
        Path xlsx = tmp.resolve(report.language().code() + "-" + System.nanoTime() + ".xlsx");
        ReportWriter.write(report, xlsx, tmp.resolve("charts"));
        try (InputStream in = Files.newInputStream(xlsx)) {
            return new XSSFWorkbook(in);
        }
    }

    private static List<XSSFSheet> sheets(XSSFWorkbook wb) {
        List<XSSFSheet> sheets = new ArrayList<>();
        wb.forEach(s -> sheets.add((XSSFSheet) s));
        return sheets;
    }

    private static boolean inTable(XSSFSheet sheet, int row, int col) {
        for (XSSFTable t : sheet.getTables()) {
            if (row >= t.getStartRowIndex() && row <= t.getEndRowIndex() && col >= t.getStartColIndex()
                    && col <= t.getEndColIndex()) {
                return true;
            }
        }
        return false;
    }

    private static boolean merged(XSSFSheet sheet, int row, int col) {
        for (CellRangeAddress range : sheet.getMergedRegions()) {
            if (range.isInRange(row, col)) {
                return true;
            }
        }
        return false;
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void everySheetPrintsLandscapeFitToWidthWithRepeatedRowsAFrozenHeaderAndPageNumbers(Language language)
            throws IOException {
        try (XSSFWorkbook wb = write(ReportFixture.report(language, true))) {
            for (XSSFSheet sheet : sheets(wb)) {
                String name = sheet.getSheetName();
                PrintSetup ps = sheet.getPrintSetup();
                assertTrue(ps.getLandscape(), name);
                assertEquals(PrintSetup.A4_PAPERSIZE, ps.getPaperSize(), name);
                assertTrue(sheet.getFitToPage(), name);
                assertEquals(1, ps.getFitWidth(), name);
                assertEquals(0, ps.getFitHeight(), name);
                assertNotNull(sheet.getRepeatingRows(), name);
                assertNotNull(sheet.getPaneInformation(), name);
                assertTrue(sheet.getPaneInformation().isFreezePane(), name);
                assertTrue(sheet.getFooter().getRight().contains("&P"), name);
                assertTrue(sheet.getFooter().getRight().contains("&N"), name);
                assertTrue(sheet.getHeader().getLeft().contains("2023-09"), name);
            }
            // the Summary's frozen rows end with the column headers of its first table
            XSSFSheet summary = wb.getSheetAt(0);
            int frozen = summary.getPaneInformation().getHorizontalSplitPosition();
            assertEquals(summary.getTables().get(0).getStartRowIndex() + 1, frozen);
            // the Definitions sheet repeats its one table's header row on every printed page
            XSSFSheet definitions = wb.getSheetAt(6);
            assertEquals(definitions.getTables().get(0).getStartRowIndex(),
                    definitions.getRepeatingRows().getFirstRow());
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void everyTableHasItsAutofilterAndNoNoteOrTitleSitsInsideATable(Language language) throws IOException {
        try (XSSFWorkbook wb = write(ReportFixture.report(language, true))) {
            // four family tables and the input files on the Summary
            assertEquals(5, wb.getSheetAt(0).getTables().size());
            for (XSSFSheet sheet : sheets(wb)) {
                assertFalse(sheet.getTables().isEmpty(), sheet.getSheetName());
                for (XSSFTable t : sheet.getTables()) {
                    assertTrue(t.getCTTable().isSetAutoFilter(), t.getName());
                    assertEquals(t.getArea().formatAsString(),
                            new AreaReference(t.getCTTable().getAutoFilter().getRef(),
                                    wb.getSpreadsheetVersion()).formatAsString(), t.getName());
                }
                for (Row row : sheet) {
                    for (Cell c : row) {
                        boolean italic = wb.getFontAt(c.getCellStyle().getFontIndex()).getItalic();
                        boolean titleSize = wb.getFontAt(c.getCellStyle().getFontIndex()).getFontHeightInPoints()
                                > 10;
                        if ((italic || titleSize) && c.getCellType() == CellType.STRING) {
                            assertFalse(inTable(sheet, c.getRowIndex(), c.getColumnIndex()),
                                    sheet.getSheetName() + " " + c.getAddress() + " " + c.getStringCellValue());
                        }
                    }
                }
                // a manual page break never cuts a table in two
                for (int b : sheet.getRowBreaks()) {
                    for (XSSFTable t : sheet.getTables()) {
                        assertFalse(b >= t.getStartRowIndex() && b < t.getEndRowIndex(),
                                sheet.getSheetName() + " break after row " + b + " inside " + t.getName());
                    }
                }
            }
            assertFalse(wb.getSheetAt(0).isDisplayGridlines());
            assertFalse(wb.getSheetAt(0).isPrintGridlines());
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void columnsAreWideEnoughForEveryNumberAndDateSoNothingShowsHashes(Language language) throws IOException {
        DataFormatter formatter = new DataFormatter(java.util.Locale.US);
        try (XSSFWorkbook wb = write(ReportFixture.report(language, true))) {
            int numbers = 0;
            for (XSSFSheet sheet : sheets(wb)) {
                for (Row row : sheet) {
                    for (Cell c : row) {
                        if (c.getCellType() != CellType.NUMERIC || merged(sheet, c.getRowIndex(), c.getColumnIndex())) {
                            continue;
                        }
                        numbers++;
                        String shown = formatter.formatCellValue(c);
                        double width = sheet.getColumnWidth(c.getColumnIndex()) / 256.0;
                        assertTrue(shown.length() + 1 <= width,
                                sheet.getSheetName() + " " + c.getAddress() + " '" + shown + "' in " + width);
                    }
                }
            }
            assertTrue(numbers > 300, "numbers: " + numbers);
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void numbersAreNumericCellsWithThousandsSeparatorsAndPercentFormats(Language language) throws IOException {
        try (XSSFWorkbook wb = write(ReportFixture.report(language, false))) {
            int counts = 0;
            int percents = 0;
            for (XSSFSheet sheet : sheets(wb)) {
                for (Row row : sheet) {
                    for (Cell c : row) {
                        if (c.getCellType() == CellType.STRING) {
                            // no figure is ever written as text
                            assertFalse(c.getStringCellValue().matches("[+-]?[0-9][0-9,]*(\\.[0-9]+)?%?"),
                                    sheet.getSheetName() + " " + c.getAddress() + " " + c.getStringCellValue());
                        }
                        if (c.getCellType() != CellType.NUMERIC) {
                            continue;
                        }
                        String format = c.getCellStyle().getDataFormatString();
                        if (org.apache.poi.ss.usermodel.DateUtil.isCellDateFormatted(c)) {
                            continue;
                        }
                        assertTrue(format.contains("#,##0") || format.contains("%") || format.contains("\""),
                                sheet.getSheetName() + " " + c.getAddress() + " " + format);
                        counts += format.startsWith("#,##0") ? 1 : 0;
                        percents += format.contains("%") ? 1 : 0;
                    }
                }
            }
            assertTrue(counts > 200 && percents > 20, counts + " " + percents);
            // the signed change against the previous edition
            XSSFCell change = (XSSFCell) findRow(wb.getSheetAt(0), Labels.of(language)
                    .metricName(org.festivaloutcomes.metrics.Metric.ATTENDANCE_VISITORS)).getCell(6);
            assertEquals("+#,##0.0%;-#,##0.0%;0.0%", change.getCellStyle().getDataFormatString());
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void documentTitleSubjectAndDatesComeFromTheReportNotTheClock(Language language) throws IOException {
        EditionReport report = ReportFixture.report(language, false);
        try (XSSFWorkbook wb = write(report)) {
            var core = wb.getProperties().getCoreProperties();
            assertTrue(core.getTitle().contains(report.festival().name()), core.getTitle());
            assertTrue(core.getTitle().contains("2023-09"), core.getTitle());
            assertTrue(core.getUnderlyingProperties().getSubjectProperty().orElse("").contains("2023-09"));
            Date pinned = Date.from(report.run().runAt().toInstant());
            assertEquals(pinned, core.getCreated());
            assertEquals(pinned, core.getModified());
            List<String> names = new ArrayList<>();
            sheets(wb).forEach(s -> names.add(s.getSheetName()));
            Labels l = Labels.of(language);
            assertEquals(List.of(l.sheet("summary"), l.sheet("attendance"), l.sheet("participation"),
                    l.sheet("deals"), l.sheet("events"), l.sheet("quality"), l.sheet("definitions")), names);
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void summaryShowsTheMethodologyUnderTheFiguresAndTheFooterWithRunTimeAndFingerprints(Language language)
            throws IOException {
        EditionReport report = ReportFixture.report(language, false);
        Labels l = Labels.of(language);
        try (XSSFWorkbook wb = write(report)) {
            XSSFSheet summary = wb.getSheetAt(0);
            List<String> column0 = new ArrayList<>();
            for (int r = 0; r <= summary.getLastRowNum(); r++) {
                Row row = summary.getRow(r);
                Cell c = row == null ? null : row.getCell(0);
                column0.add(c != null && c.getCellType() == CellType.STRING ? c.getStringCellValue() : "");
            }
            for (String note : List.of("note.visits", "note.online", "note.net_space", "note.staff")) {
                assertTrue(column0.contains(l.get(note)), note);
            }
            // each note right under its family's table: below the last row of the attendance table
            XSSFTable attendance = summary.getTables().get(0);
            assertEquals(l.get("note.visits"), column0.get(attendance.getEndRowIndex() + 1));
            XSSFTable participation = summary.getTables().get(1);
            assertTrue(column0.subList(participation.getEndRowIndex() + 1, participation.getEndRowIndex() + 3)
                    .contains(l.get("note.net_space")));
            int runAt = column0.indexOf(l.get("footer.run_at"));
            Cell time = summary.getRow(runAt).getCell(1);
            assertEquals(CellType.NUMERIC, time.getCellType());
            assertEquals(report.run().runAt().toLocalDateTime(), time.getLocalDateTimeCellValue());
            assertTrue(time.getCellStyle().getDataFormatString().contains("UTC+08:00"));
            XSSFTable inputs = summary.getTables().get(4);
            for (int i = 0; i < report.run().inputs().size(); i++) {
                Row row = summary.getRow(inputs.getStartRowIndex() + 1 + i);
                assertEquals(report.run().inputs().get(i).path(), row.getCell(0).getStringCellValue());
                assertEquals(report.run().inputs().get(i).bytes(), row.getCell(2).getNumericCellValue());
                assertEquals(report.run().inputs().get(i).sha256(), row.getCell(3).getStringCellValue());
            }
            assertTrue(column0.contains(l.get("footer.period")));
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void anEditionWithNothingYetGivesAWorkbookAndEveryChartWithANoDataMessage(Language language)
            throws IOException {
        Path charts = tmp.resolve("empty-charts");
        List<Path> written = ReportWriter.write(ReportFixture.emptyReport(language), tmp.resolve("empty.xlsx"),
                charts);
        assertEquals(1 + org.festivaloutcomes.report.charts.ReportCharts.NAMES.size(), written.size());
        for (Path png : written.subList(1, written.size())) {
            java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
            assertEquals(0, ReportWriterTest.barPixels(image), png.getFileName().toString());
        }
        try (InputStream in = Files.newInputStream(written.get(0)); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            assertEquals(7, wb.getNumberOfSheets());
            // the follow-up rates have nothing to divide by: empty cells, not 0 and not an error
            Row signed = findRow(wb.getSheetAt(0), Labels.of(language)
                    .metricName(org.festivaloutcomes.metrics.Metric.DEALS_LANDING_RATE));
            assertEquals(CellType.BLANK, signed.getCell(3).getCellType());
        }
    }

    static Row findRow(XSSFSheet sheet, String first) {
        for (Row row : sheet) {
            Cell c = row.getCell(0);
            if (c != null && c.getCellType() == CellType.STRING && c.getStringCellValue().equals(first)) {
                return row;
            }
        }
        throw new AssertionError("no row " + first);
    }
}
