package org.festivaloutcomes.report.sheets;

import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.festivaloutcomes.report.Labels;

/** The cell styles of one workbook, created once and shared by every cell. */
final class Styles {

    /** The workbook's font, also its Normal font (the unit of column widths). */
    static final String FONT = "Arial";
    static final String COUNT = "#,##0";
    static final String DECIMAL = "#,##0.00";
    /** Whole yuan: amounts in CNY keep their exact value in the cell, shown without fen. */
    static final String YUAN = "#,##0";
    static final String PERCENT = "0.0%";
    static final String CHANGE = "+#,##0.0%;-#,##0.0%;0.0%";
    static final String DATE = "yyyy-mm-dd";
    static final String DATE_TIME = "yyyy-mm-dd hh:mm:ss";

    private static final byte[] NAVY = {(byte) 0x1F, (byte) 0x3A, (byte) 0x5F};
    private static final byte[] LIGHT = {(byte) 0xE8, (byte) 0xEE, (byte) 0xF4};
    private static final byte[] AMBER_LIGHT = {(byte) 0xFF, (byte) 0xF1, (byte) 0xD6};
    private static final byte[] RED = {(byte) 0x9B, (byte) 0x1C, (byte) 0x1C};

    private final XSSFWorkbook wb;
    private final Map<CellStyle, CellStyle> quoted = new IdentityHashMap<>();

    final XSSFCellStyle title;
    final XSSFCellStyle subtitle;
    final XSSFCellStyle section;
    final XSSFCellStyle header;
    /** A header over a column of numbers: right-aligned like the numbers below it. */
    final XSSFCellStyle headerNumber;
    final XSSFCellStyle text;
    final XSSFCellStyle textBold;
    /** A label of the footer block: bold, no border. */
    final XSSFCellStyle key;
    final XSSFCellStyle wrap;
    final XSSFCellStyle note;
    /** A note that is a link to another sheet: the note's size, in the colour and underline of a link. */
    final XSSFCellStyle link;
    final XSSFCellStyle warning;
    final XSSFCellStyle count;
    final XSSFCellStyle decimal;
    final XSSFCellStyle yuan;
    /** A fingerprint: small monospace text, so that 64 hex digits stay on one line. */
    final XSSFCellStyle mono;
    final XSSFCellStyle percent;
    final XSSFCellStyle change;
    final XSSFCellStyle date;
    final XSSFCellStyle dateTime;
    final XSSFCellStyle flag;

    Styles(XSSFWorkbook wb, Labels labels) {
        this.wb = wb;
        // Arial in both languages: LibreOffice draws it with Liberation Sans, whose metrics are Arial's, so column
        // widths computed here fit there as in Excel (Calibri becomes the wider DejaVu Sans without Carlito and
        // numbers turn into ####); Chinese text falls back to the system's CJK font in both programs
        String fontName = FONT;
        XSSFFont normal = wb.getFontAt(0);
        normal.setFontName(FONT);
        normal.setFontHeightInPoints((short) 10);
        XSSFFont base = font(fontName, 10, false, null);
        XSSFFont bold = font(fontName, 10, true, null);
        XSSFFont titleFont = font(fontName, 14, true, NAVY);
        XSSFFont sectionFont = font(fontName, 11, true, NAVY);
        XSSFFont headerFont = font(fontName, 10, true, new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
        XSSFFont noteFont = font(fontName, 9, false, new byte[] {(byte) 0x55, (byte) 0x55, (byte) 0x55});
        noteFont.setItalic(true);
        XSSFFont linkFont = font(fontName, 9, false, new byte[] {(byte) 0x1F, (byte) 0x4E, (byte) 0xA8});
        linkFont.setUnderline(org.apache.poi.ss.usermodel.Font.U_SINGLE);
        XSSFFont warningFont = font(fontName, 11, true, RED);

        title = style(titleFont, null);
        subtitle = style(base, null);
        section = style(sectionFont, null);
        header = style(headerFont, null);
        header.setFillForegroundColor(new XSSFColor(NAVY, null));
        header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        header.setWrapText(true);
        header.setVerticalAlignment(VerticalAlignment.CENTER);
        headerNumber = style(headerFont, null);
        headerNumber.cloneStyleFrom(header);
        headerNumber.setAlignment(HorizontalAlignment.RIGHT);
        text = style(base, null);
        textBold = style(bold, null);
        key = style(bold, null);
        wrap = style(base, null);
        wrap.setWrapText(true);
        wrap.setVerticalAlignment(VerticalAlignment.TOP);
        note = style(noteFont, null);
        warning = style(warningFont, null);
        warning.setFillForegroundColor(new XSSFColor(AMBER_LIGHT, null));
        warning.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        warning.setWrapText(true);
        warning.setVerticalAlignment(VerticalAlignment.CENTER);
        count = style(base, COUNT);
        decimal = style(base, DECIMAL);
        yuan = style(base, YUAN);
        mono = style(font("Courier New", 9, false, null), null);
        mono.setIndention((short) 1);
        percent = style(base, PERCENT);
        change = style(base, CHANGE);
        date = style(base, DATE);
        dateTime = style(base, DATE_TIME);
        flag = style(base, '"' + labels.flag(true) + "\";\"" + labels.flag(true) + "\";\"" + labels.flag(false) + '"');
        flag.setAlignment(HorizontalAlignment.CENTER);
        for (XSSFCellStyle s : new XSSFCellStyle[] {header, headerNumber, text, textBold, wrap, count, decimal, yuan, percent,
            change, date, dateTime, flag, mono}) {
            s.setBorderBottom(BorderStyle.HAIR);
            s.setBottomBorderColor(new XSSFColor(LIGHT, null));
        }
        // centred in the row: Chinese and Latin text of one row stay level whatever font draws them, and the
        // values of a row with a wrapped name stay level with each other
        for (XSSFCellStyle s : new XSSFCellStyle[] {text, textBold, wrap, count, decimal, yuan, percent, change,
            date, dateTime, flag, mono}) {
            s.setVerticalAlignment(VerticalAlignment.CENTER);
        }
        note.setWrapText(true);
        note.setVerticalAlignment(VerticalAlignment.TOP);
        link = style(linkFont, null);
        link.setWrapText(true);
        link.setVerticalAlignment(VerticalAlignment.TOP);
        date.setAlignment(HorizontalAlignment.RIGHT);
        dateTime.setAlignment(HorizontalAlignment.RIGHT);
        header.setBottomBorderColor(IndexedColors.WHITE.getIndex());
        headerNumber.setBottomBorderColor(IndexedColors.WHITE.getIndex());
    }

    /** The footer's run time, with its UTC offset as literal text of the format (deterministic, no clock). */
    XSSFCellStyle runTime(String zone) {
        XSSFCellStyle s = wb.createCellStyle();
        s.cloneStyleFrom(subtitle);
        s.setDataFormat(wb.createDataFormat().getFormat(DATE_TIME + " \"" + zone + "\""));
        s.setAlignment(HorizontalAlignment.LEFT);
        return s;
    }

    /** The same style with the quote prefix, so that formula-like text stays text. */
    CellStyle quoted(CellStyle style) {
        return quoted.computeIfAbsent(style, s -> {
            XSSFCellStyle copy = wb.createCellStyle();
            copy.cloneStyleFrom(s);
            copy.setQuotePrefixed(true);
            return copy;
        });
    }

    private XSSFFont font(String name, int points, boolean bold, byte[] rgb) {
        XSSFFont f = wb.createFont();
        f.setFontName(name);
        f.setFontHeightInPoints((short) points);
        f.setBold(bold);
        if (rgb != null) {
            f.setColor(new XSSFColor(rgb, null));
        }
        return f;
    }

    private XSSFCellStyle style(XSSFFont font, String format) {
        XSSFCellStyle s = wb.createCellStyle();
        s.setFont(font);
        if (format != null) {
            s.setDataFormat(wb.createDataFormat().getFormat(format));
        }
        return s;
    }
}
