package org.festivaloutcomes.report;
import java.nio.file.Path;
import java.util.List;
public final class ReportWriter {
    public static List<Path> write(EditionReport report, Path workbookFile, Path chartsDir) { return List.of(); }
}
