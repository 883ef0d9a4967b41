package org.festivaloutcomes.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.festivaloutcomes.metrics.Metric;
import org.festivaloutcomes.report.charts.ChartFonts;
import org.festivaloutcomes.report.charts.HouseStyle;
import org.festivaloutcomes.report.charts.ReportCharts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    @TempDir
    Path tmp;

    private static XSSFWorkbook open(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new XSSFWorkbook(in);
        }
    }

    private static Row rowStartingWith(Sheet sheet, String text) {
        for (Row row : sheet) {
            Cell c = row.getCell(0);
            if (c != null && c.getCellType() == CellType.STRING && c.getStringCellValue().equals(text)) {
                return row;
            }
        }
        throw new AssertionError("no row starting with " + text + " on " + sheet.getSheetName());
    }

    private static List<String> allText(Sheet sheet) {
        List<String> texts = new ArrayList<>();
        for (Row row : sheet) {
            for (Cell c : row) {
                if (c.getCellType() == CellType.STRING) {
                    texts.add(c.getStringCellValue());
                }
            }
        }
        return texts;
    }

    @Test
    void englishWorkbookHasTheSheetsInOrderAndTypedHeadlines() throws IOException {
        Path xlsx = tmp.resolve("qdce-2023-2023-09.xlsx");
        List<Path> written = ReportWriter.write(ReportFixture.report(Language.EN, false), xlsx, tmp.resolve("charts"));
        assertEquals(xlsx, written.get(0));
        try (XSSFWorkbook wb = open(xlsx)) {
            List<String> names = new ArrayList<>();
            wb.forEach(s -> names.add(s.getSheetName()));
            assertEquals(List.of("Summary", "Attendance", "Participation", "Deals", "Events", "Data Quality",
                    "Definitions"), names);
            Sheet summary = wb.getSheet("Summary");
            assertFalse(((XSSFSheet) summary).isDisplayGridlines());
            Row visitors = rowStartingWith(summary, "Visitors");
            assertEquals(CellType.NUMERIC, visitors.getCell(3).getCellType());
            assertEquals(121_905, visitors.getCell(3).getNumericCellValue());
            assertEquals("#,##0", visitors.getCell(3).getCellStyle().getDataFormatString());
            assertEquals(150_000, visitors.getCell(7).getNumericCellValue());
            assertEquals(121_905 / 150_000.0, visitors.getCell(8).getNumericCellValue(), 1e-9);
            assertEquals("0.0%", visitors.getCell(8).getCellStyle().getDataFormatString());
            assertEquals(121_905 / 104_300.0 - 1, visitors.getCell(6).getNumericCellValue(), 1e-9);

            Row signed = rowStartingWith(summary, "Signed value");
            assertEquals("CNY", signed.getCell(1).getStringCellValue());
            assertEquals(18_650_000_000.0, signed.getCell(3).getNumericCellValue());
            assertEquals(14_200_000_000.0, signed.getCell(2).getNumericCellValue());
            assertEquals(4_450_000_000.0, signed.getCell(4).getNumericCellValue());
            // whole yuan shown, the exact amount kept in the cell
            assertEquals("#,##0", signed.getCell(3).getCellStyle().getDataFormatString());
            Row average = rowStartingWith(summary, "Average signed value");
            assertEquals(18_650_000_000.0 / 126, average.getCell(3).getNumericCellValue(), 1e-3);

            Row space = rowStartingWith(summary, "Net space");
            assertEquals(58_340.5, space.getCell(3).getNumericCellValue());
            assertEquals("#,##0.00", space.getCell(3).getCellStyle().getDataFormatString());

            Row peak = rowStartingWith(summary, "Peak day");
            assertTrue(DateUtil.isCellDateFormatted(peak.getCell(3)));
            assertEquals(LocalDateTime.of(2023, 9, 9, 0, 0), peak.getCell(3).getLocalDateTimeCellValue());

            assertTrue(allText(summary).stream().noneMatch(t -> t.startsWith("Warning")));
            assertTrue(allText(summary).stream().anyMatch(t -> t.contains("never the gross")));
            assertTrue(allText(summary).contains(ReportFixture.report(Language.EN, false).run().inputs().get(0)
                    .sha256()));
            assertNotNull(summary.getPaneInformation());
            assertTrue(summary.getPrintSetup().getLandscape());

            assertEquals("2023 Qingdao Digital Culture Expo: monthly report 2023-09",
                    wb.getProperties().getCoreProperties().getTitle());
            assertNotNull(wb.getProperties().getCoreProperties().getUnderlyingProperties().getSubjectProperty()
                    .orElse(null));

            XSSFSheet attendance = wb.getSheet("Attendance");
            assertFalse(attendance.getTables().isEmpty());
            assertTrue(attendance.getTables().stream().allMatch(t -> t.getCTTable().isSetAutoFilter()));
            assertEquals(4, attendance.getDrawingPatriarch().getShapes().size());
            assertTrue(allText(wb.getSheet("Deals")).contains("Qingdao Film Virtual Production Base"));
            assertEquals(Metric.values().length + 3, wb.getSheet("Definitions").getLastRowNum() + 1);
        }
    }

    @Test
    void chineseWorkbookIsInChineseWithMoneyInYi() throws IOException {
        Path xlsx = tmp.resolve("zh.xlsx");
        ReportWriter.write(ReportFixture.report(Language.ZH_CN, true), xlsx, tmp.resolve("charts"));
        try (XSSFWorkbook wb = open(xlsx)) {
            List<String> names = new ArrayList<>();
            wb.forEach(s -> names.add(s.getSheetName()));
            assertEquals(List.of("概览", "观众", "参展", "签约", "活动", "数据质量", "指标定义"), names);
            Sheet summary = wb.getSheet("概览");
            Row signed = rowStartingWith(summary, "签约金额");
            assertEquals("亿元", signed.getCell(1).getStringCellValue());
            assertEquals(186.5, signed.getCell(3).getNumericCellValue(), 1e-9);
            Row average = rowStartingWith(summary, "平均签约金额");
            assertEquals("亿元", average.getCell(1).getStringCellValue());
            assertEquals(18_650_000_000.0 / 126 / 100_000_000, average.getCell(3).getNumericCellValue(), 1e-9);
            Row intendedMonth = rowStartingWith(summary, "意向金额");
            assertEquals("亿元", intendedMonth.getCell(1).getStringCellValue());
            Row key = rowStartingWith(summary, "签约重点项目数");
            assertEquals(21, key.getCell(3).getNumericCellValue());
            assertTrue(allText(summary).contains("观众人数"));
            assertTrue(allText(wb.getSheet("观众")).contains("专业观众"));
            assertTrue(allText(wb.getSheet("指标定义")).stream().anyMatch(t -> t.contains("净面积")));
        }
    }

    @Test
    void qualityWarningOnlyWhenTheRunFailedTheGate() throws IOException {
        for (boolean failed : new boolean[] {false, true}) {
            Path xlsx = tmp.resolve("q" + failed + ".xlsx");
            ReportWriter.write(ReportFixture.report(Language.EN, failed), xlsx, tmp.resolve("c" + failed));
            try (XSSFWorkbook wb = open(xlsx)) {
                List<String> warnings = allText(wb.getSheetAt(0)).stream().filter(t -> t.startsWith("Warning"))
                        .toList();
                assertEquals(failed ? 1 : 0, warnings.size());
                if (failed) {
                    assertTrue(warnings.get(0).contains("Deals 7.4%"), warnings.get(0));
                    assertTrue(warnings.get(0).contains("5.0%"), warnings.get(0));
                    assertFalse(warnings.get(0).contains("Attendance"), warnings.get(0));
                    Row first = wb.getSheetAt(0).getRow(3);
                    assertTrue(first.getCell(0).getStringCellValue().startsWith("Warning"), "warning near the top");
                }
            }
        }
    }

    @Test
    void formulaLikeTextIsQuotePrefixedAndNoCellIsAFormula() throws IOException {
        Path xlsx = tmp.resolve("f.xlsx");
        ReportWriter.write(ReportFixture.report(Language.EN, true), xlsx, tmp.resolve("charts"));
        int quoted = 0;
        try (XSSFWorkbook wb = open(xlsx)) {
            for (Sheet sheet : wb) {
                for (Row row : sheet) {
                    for (Cell c : row) {
                        assertFalse(c.getCellType() == CellType.FORMULA, sheet.getSheetName() + " " + c.getAddress());
                        if (c.getCellType() == CellType.STRING) {
                            String v = c.getStringCellValue();
                            boolean risky = !v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0;
                            assertEquals(risky, c.getCellStyle().getQuotePrefixed(),
                                    sheet.getSheetName() + " " + c.getAddress() + " " + v);
                            if (risky) {
                                quoted++;
                            }
                        }
                    }
                }
            }
            List<String> attendance = allText(wb.getSheet("Attendance"));
            assertTrue(attendance.contains(ReportFixture.FORMULA_MEMBER));
        }
        assertTrue(quoted >= 4, "quoted cells: " + quoted);
    }

    /** Pixels of the bar colours below the title band: 0 for a chart that draws no bar. */
    static int barPixels(BufferedImage image) {
        int n = 0;
        for (int y = image.getHeight() / 5; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                for (java.awt.Color c : new java.awt.Color[] {HouseStyle.NAVY, HouseStyle.TEAL, HouseStyle.AMBER}) {
                    n += (c.getRGB() & 0xFFFFFF) == rgb ? 1 : 0;
                }
            }
        }
        return n;
    }

    @Test
    void everyChartIsWrittenAsAPrintQualityPngAndOneWithoutDataSaysSo() throws IOException {
        Path charts = tmp.resolve("charts");
        List<Path> written = ReportWriter.write(ReportFixture.report(Language.EN, false), tmp.resolve("a.xlsx"),
                charts);
        assertEquals(1 + ReportCharts.NAMES.size(), written.size());
        for (String name : ReportCharts.NAMES) {
            Path png = charts.resolve("qdce-2023-" + name + ".png");
            assertTrue(written.contains(png), name);
            BufferedImage image = ImageIO.read(png.toFile());
            assertNotNull(image, name);
            assertEquals(1600, image.getWidth());
            assertEquals(900, image.getHeight());
            assertTrue(barPixels(image) > 1000, name);
        }
        Path other = tmp.resolve("other");
        List<Path> all = ReportWriter.write(ReportFixture.reportWithoutDistricts(Language.ZH_CN),
                tmp.resolve("b.xlsx"), other);
        assertEquals(1 + ReportCharts.NAMES.size(), all.size());
        BufferedImage noDistricts = ImageIO.read(other.resolve("qdce-2023-visits-by-district.png").toFile());
        assertEquals(0, barPixels(noDistricts));
        assertTrue(barPixels(ImageIO.read(other.resolve("qdce-2023-visits-by-pavilion.png").toFile())) > 1000);
    }

    @Test
    void overlappingMembersAreNeverSummedIntoAnOtherBarButAdditiveOnesAre() {
        Labels labels = Labels.of(Language.EN);
        ReportValues v = new ReportValues(ReportFixture.report(Language.EN, false).metrics());
        // 12 districts: visits of a person can count for several, so the 2 smallest are left out, and said so
        ReportCharts.ChartData districts = ReportCharts.createVisitsByDataset(v, labels, "district");
        assertEquals(ReportCharts.TOP_N, districts.primary().getColumnCount());
        assertTrue(districts.primary().getColumnKeys().stream().noneMatch(k -> k.toString().startsWith("Other")));
        assertEquals("Largest 10 of 12 shown. Members can overlap, so bars need not add up to the total.",
                districts.note());
        assertNull(ReportCharts.createVisitsByDataset(v, labels, "section").note());
        // an event has one type: past the first ten, the rest adds up to an honest "other"
        List<org.festivaloutcomes.metrics.MetricValue> values = new ArrayList<>();
        for (int i = 1; i <= 13; i++) {
            values.add(new org.festivaloutcomes.metrics.MetricValue("x", org.festivaloutcomes.metrics.Scope.TO_DATE,
                    Metric.EVENTS_HELD, "event_type", "type-" + (char) ('a' + i), (long) (100 - i)));
        }
        ReportCharts.ChartData types = ReportCharts.createEventsByTypeDataset(new ReportValues(values), labels);
        assertEquals(ReportCharts.TOP_N + 1, types.primary().getColumnCount());
        assertEquals("Other (3)", types.primary().getColumnKey(ReportCharts.TOP_N));
        assertEquals(89 + 88 + 87, types.primary().getValue(0, ReportCharts.TOP_N).intValue());
        assertNull(types.note());
    }

    @Test
    void dailyVisitsAndVisitorsThatAreEqualAreDrawnAsOneSeriesNamedForBoth() {
        Labels labels = Labels.of(Language.EN);
        List<org.festivaloutcomes.metrics.MetricValue> values = new ArrayList<>();
        for (String day : List.of("2023-06-01", "2023-06-02")) {
            for (Metric m : List.of(Metric.ATTENDANCE_VISITS, Metric.ATTENDANCE_VISITORS)) {
                values.add(new org.festivaloutcomes.metrics.MetricValue("x",
                        org.festivaloutcomes.metrics.Scope.TO_DATE, m, "day", day, 40L));
            }
        }
        ReportCharts.ChartData same = ReportCharts.createAttendanceByDayDataset(new ReportValues(values), labels);
        assertEquals(List.of(labels.get("chart.same_day")), same.primary().getRowKeys());
        assertEquals(List.of("06-01", "06-02"), same.primary().getColumnKeys());
        assertEquals("Day (2023)", same.unitLabel());
        ReportCharts.ChartData fixture = ReportCharts.createAttendanceByDayDataset(
                new ReportValues(ReportFixture.report(Language.EN, false).metrics()), labels);
        assertEquals(2, fixture.primary().getRowCount());
    }

    @Test
    void twoWritesASecondApartAreByteIdentical() throws IOException, InterruptedException {
        for (Language language : Language.values()) {
            EditionReport report = ReportFixture.report(language, true);
            List<Path> first = ReportWriter.write(report, tmp.resolve("1/" + language + ".xlsx"), tmp.resolve("1/c"));
            Thread.sleep(1100);
            List<Path> second = ReportWriter.write(report, tmp.resolve("2/" + language + ".xlsx"),
                    tmp.resolve("2/c"));
            assertEquals(first.size(), second.size());
            for (int i = 0; i < first.size(); i++) {
                assertArrayEquals(Files.readAllBytes(first.get(i)), Files.readAllBytes(second.get(i)),
                        first.get(i).getFileName().toString());
            }
        }
    }

    /** With REPORT_DUMP_DIR set, writes both languages there to look at them (not part of the checks). */
    @Test
    void dumpForVisualCheck() throws IOException {
        String dir = System.getenv("REPORT_DUMP_DIR");
        if (dir == null) {
            return;
        }
        for (Language language : Language.values()) {
            Path out = Path.of(dir, language.code());
            ReportWriter.write(ReportFixture.report(language, true), out.resolve("qdce-2023-2023-09.xlsx"),
                    out.resolve("charts"));
        }
    }

    @Test
    void chineseLabelsWithoutACjkFontFailWithOneClearLine() {
        ReportException e = assertThrows(ReportException.class, () -> ChartFontsAccess.chooseWithout("观众人数"));
        assertEquals(ChartFonts.NO_CJK_FONT, e.getMessage());
        assertNull(null);
        assertEquals("Noto Sans CJK SC", ChartFonts.choose(List.of("观众人数", "Visits")));
        assertTrue(Set.of("Noto Sans", "DejaVu Sans", "Liberation Sans", "SansSerif")
                .contains(ChartFonts.choose(List.of("Visits by day"))));
    }
}
