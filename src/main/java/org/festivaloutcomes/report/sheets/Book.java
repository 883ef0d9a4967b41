package org.festivaloutcomes.report.sheets;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.festivaloutcomes.report.EditionReport;
import org.festivaloutcomes.report.Labels;
import org.festivaloutcomes.report.ReportValues;

/** What every sheet of one workbook shares: the workbook, its styles and labels, the report's values. */
final class Book {
    final XSSFWorkbook wb;
    final Labels labels;
    final Styles styles;
    final EditionReport report;
    final ReportValues values;
    final ReportValues previousMonth;
    final ReportValues previousEdition;
    int tables;

    /** Embeds a PNG (drawn at 2x) at half its pixel size, top-left corner at (row, col). */
    void picture(org.apache.poi.xssf.usermodel.XSSFSheet sheet, byte[] png, int row, int col) {
        int index = wb.addPicture(png, org.apache.poi.ss.usermodel.Workbook.PICTURE_TYPE_PNG);
        org.apache.poi.xssf.usermodel.XSSFDrawing drawing = sheet.getDrawingPatriarch() != null
                ? sheet.getDrawingPatriarch() : sheet.createDrawingPatriarch();
        org.apache.poi.xssf.usermodel.XSSFClientAnchor anchor = wb.getCreationHelper().createClientAnchor();
        anchor.setCol1(col);
        anchor.setRow1(row);
        anchor.setAnchorType(org.apache.poi.ss.usermodel.ClientAnchor.AnchorType.MOVE_DONT_RESIZE);
        drawing.createPicture(anchor, index).resize(0.5);
    }

    Book(XSSFWorkbook wb, EditionReport report, Labels labels) {
        this.wb = wb;
        this.report = report;
        this.labels = labels;
        this.styles = new Styles(wb, labels);
        this.values = new ReportValues(report.metrics());
        this.previousMonth = new ReportValues(report.previousMonth());
        this.previousEdition = new ReportValues(report.previousEdition());
    }
}
