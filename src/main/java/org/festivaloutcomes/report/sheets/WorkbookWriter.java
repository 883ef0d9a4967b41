package org.festivaloutcomes.report.sheets;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.festivaloutcomes.metrics.MetricFamily;
import org.festivaloutcomes.report.EditionReport;
import org.festivaloutcomes.report.Labels;
import org.festivaloutcomes.report.charts.ChartImage;

/** Builds the workbook of an edition report: Summary, four family sheets, Data Quality, Definitions. */
public final class WorkbookWriter {

    private WorkbookWriter() {
    }

    /** The .xlsx bytes; the same report gives the same bytes. */
    public static byte[] write(EditionReport report, Labels labels, List<ChartImage> charts) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Book book = new Book(wb, report, labels);
            SummarySheet.write(book);
            FamilySheet.write(book, MetricFamily.ATTENDANCE, "attendance", chartsOf(charts, MetricFamily.ATTENDANCE));
            FamilySheet.write(book, MetricFamily.PARTICIPATION, "participation",
                    chartsOf(charts, MetricFamily.PARTICIPATION));
            FamilySheet.write(book, MetricFamily.DEALS, "deals", chartsOf(charts, MetricFamily.DEALS));
            FamilySheet.write(book, MetricFamily.EVENTS, "events", chartsOf(charts, MetricFamily.EVENTS));
            QualitySheet.write(book);
            DefinitionsSheet.write(book);
            wb.setActiveSheet(0);
            wb.setSelectedTab(0);

            Date pinned = Date.from(pinnedTime(report).toInstant(ZoneOffset.UTC));
            POIXMLProperties.CoreProperties core = wb.getProperties().getCoreProperties();
            core.setTitle(labels.format("title.report", report.festival().name(), report.period().toString()));
            core.setSubjectProperty(report.festival().name() + " " + report.period());
            core.setCreator("festival-outcomes");
            core.setLastModifiedByUser("festival-outcomes");
            core.setCreated(Optional.of(pinned));
            core.setModified(Optional.of(pinned));
            core.setKeywords("festival-outcomes " + report.festival().festivalId());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            return normalizeZip(out.toByteArray(), pinnedTime(report));
        }
    }

    private static LocalDateTime pinnedTime(EditionReport report) {
        if (report.run() != null && report.run().runAt() != null) {
            return report.run().runAt().withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime().withNano(0);
        }
        return report.period().atDay(1).atStartOfDay();
    }

    private static List<ChartImage> chartsOf(List<ChartImage> charts, MetricFamily family) {
        return charts.stream().filter(c -> c.family() == family).toList();
    }

    /**
     * Rewrites the package with every entry stamped with the same time, in the same order, so that two writes of
     * one report are byte-identical whatever the clock says.
     */
    static byte[] normalizeZip(byte[] zip, LocalDateTime time) throws IOException {
        LocalDateTime stamp = time.getYear() < 1980 ? LocalDateTime.of(1980, 1, 1, 0, 0) : time;
        ByteArrayOutputStream out = new ByteArrayOutputStream(zip.length);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
                ZipOutputStream zos = new ZipOutputStream(out)) {
            zos.setLevel(6);
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] data = in.readAllBytes();
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTimeLocal(stamp);
                copy.setMethod(ZipEntry.DEFLATED);
                zos.putNextEntry(copy);
                zos.write(data);
                zos.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
