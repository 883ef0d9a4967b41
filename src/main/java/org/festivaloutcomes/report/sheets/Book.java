package org.festivaloutcomes.report.sheets;

import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.util.Units;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;
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

    /**
     * Embeds a chart PNG at {@code width x height} pixels (100 % zoom), its top-left corner at row {@code row} and
     * {@code x} pixels from the left edge of the sheet. Both corners are computed here from the column widths
     * and row heights, so call it after they are set.
     */
    void picture(XSSFSheet sheet, byte[] png, int row, int x, int width, int height) {
        int index = wb.addPicture(png, Workbook.PICTURE_TYPE_PNG);
        XSSFDrawing drawing = sheet.getDrawingPatriarch() != null ? sheet.getDrawingPatriarch()
                : sheet.createDrawingPatriarch();
        int[] from = column(sheet, x);
        int[] to = column(sheet, x + width);
        int[] top = row(sheet, row, 0);
        int[] bottom = row(sheet, row, height);
        XSSFClientAnchor anchor = drawing.createAnchor(from[1] * Units.EMU_PER_PIXEL, top[1] * Units.EMU_PER_PIXEL,
                to[1] * Units.EMU_PER_PIXEL, bottom[1] * Units.EMU_PER_PIXEL, from[0], top[0], to[0], bottom[0]);
        anchor.setAnchorType(ClientAnchor.AnchorType.MOVE_DONT_RESIZE);
        drawing.createPicture(anchor, index);
    }

    /** The column holding pixel {@code x} and the offset into it. */
    private static int[] column(XSSFSheet sheet, int x) {
        int col = 0;
        int left = x;
        while (left >= Math.round(sheet.getColumnWidthInPixels(col))) {
            left -= Math.round(sheet.getColumnWidthInPixels(col));
            col++;
        }
        return new int[] {col, left};
    }

    /** The row {@code y} pixels below the top of row {@code start} and the offset into it. */
    private static int[] row(XSSFSheet sheet, int start, int y) {
        int r = start;
        int left = y;
        while (true) {
            org.apache.poi.xssf.usermodel.XSSFRow row = sheet.getRow(r);
            float points = row == null ? sheet.getDefaultRowHeightInPoints() : row.getHeightInPoints();
            int pixels = Math.round(points / 0.75f);
            if (left < pixels) {
                return new int[] {r, left};
            }
            left -= pixels;
            r++;
        }
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
