package org.festivaloutcomes.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.festivaloutcomes.report.charts.ChartImage;
import org.festivaloutcomes.report.charts.ReportCharts;
import org.festivaloutcomes.report.sheets.WorkbookWriter;

/**
 * Writes the workbook of one edition and each of its charts as {@code chartsDir/<festival_id>-<chart>.png}.
 * Everything shown is in the report's language; the same report gives byte-identical files.
 */
public final class ReportWriter {

    private ReportWriter() {
    }

    /**
     * Writes the workbook and every chart (one without data shows a no-data message).
     *
     * @return the files written: the workbook first, then the charts in {@link ReportCharts#NAMES} order
     * @throws ReportException when Chinese labels must be drawn and no installed font can display them
     */
    public static List<Path> write(EditionReport report, Path workbookFile, Path chartsDir) throws IOException {
        Objects.requireNonNull(report, "report");
        Language language = report.language() == null ? Language.EN : report.language();
        Labels labels = Labels.of(language);
        List<ChartImage> charts = ReportCharts.render(report, labels);
        byte[] workbook = WorkbookWriter.write(report, labels, charts);

        List<Path> written = new ArrayList<>();
        Path parent = workbookFile.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(workbookFile, workbook);
        written.add(workbookFile);
        if (!charts.isEmpty()) {
            Files.createDirectories(chartsDir);
        }
        for (ChartImage chart : charts) {
            Path file = chartsDir.resolve(chartFileName(report.festival().festivalId(), chart.name()));
            Files.write(file, chart.png());
            written.add(file);
        }
        return written;
    }

    /** {@code <festival_id>-<chart>.png}; characters that cannot be part of a file name become '_'. */
    public static String chartFileName(String festivalId, String chart) {
        return festivalId.replaceAll("[^\\p{L}\\p{N}._-]", "_") + "-" + chart + ".png";
    }
}
