package org.festivaloutcomes.report.sheets;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.common.usermodel.HyperlinkType;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.PageMargin;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.util.AreaReference;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFHyperlink;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFTable;
import org.festivaloutcomes.metrics.MetricUnit;
import org.festivaloutcomes.report.MoneyScale;

/**
 * Writes the cells of one sheet: safe text (quote prefix for formula-like text), typed numbers and dates, tables
 * with autofilter, and column widths computed from the content (deterministic, no font metrics).
 */
final class SheetBuilder {

    private static final int MAX_WIDTH = 60;
    /** A header widens its column up to this many character cells, then wraps. */
    private static final int HEADER_WIDTH = 18;
    /** Row height for 10 pt text; Chinese glyphs (a CJK font's taller line) get more. */
    static float rowHeight(org.festivaloutcomes.report.Language language) {
        return language == org.festivaloutcomes.report.Language.ZH_CN ? 16.5f : 14f;
    }
    private static final int MIN_WIDTH = 6;
    /** Width of a column with no content of its own, in character cells. */
    private static final int DEFAULT_WIDTH = 8;

    final Book book;
    final XSSFSheet sheet;
    final Styles styles;
    private final Map<Integer, Integer> widths = new TreeMap<>();
    private final Map<Integer, Map<Integer, Integer>> headerWidths = new TreeMap<>();
    private final Map<Integer, Integer> fixedWidths = new TreeMap<>();
    /** Blocks of rows (a title, its table and notes) kept on one printed page when they fit: first to last. */
    private final Map<Integer, Integer> blocks = new TreeMap<>();
    /** Width of what the sheet shows besides its cells (charts), in pixels: it counts for the print scale. */
    private int drawingWidthPx;
    /** Note rows: row to {last column of the merge, text width}. */
    private final Map<Integer, int[]> notes = new TreeMap<>();

    SheetBuilder(Book book, String name) {
        this.book = book;
        this.sheet = book.wb.createSheet(name);
        this.styles = book.styles;
    }

    XSSFRow row(int r) {
        XSSFRow row = sheet.getRow(r);
        return row == null ? sheet.createRow(r) : row;
    }

    private XSSFCell cell(int r, int c) {
        XSSFRow row = row(r);
        XSSFCell cell = row.getCell(c);
        return cell == null ? row.createCell(c) : cell;
    }

    /** True when spreadsheet software would read the text as a formula or command (OWASP CSV injection). */
    static boolean formulaLike(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        char c = text.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    /** A text cell that counts for the column width. */
    void text(int r, int c, String value, CellStyle style) {
        put(r, c, value, style);
        track(c, displayWidth(value));
    }

    /** A text cell that may overflow to the right (titles, notes): not counted for the width. */
    void loose(int r, int c, String value, CellStyle style) {
        put(r, c, value, style);
    }

    private void put(int r, int c, String value, CellStyle style) {
        XSSFCell cell = cell(r, c);
        if (value == null) {
            cell.setBlank();
            cell.setCellStyle(style);
            return;
        }
        cell.setCellValue(value);
        cell.setCellStyle(formulaLike(value) ? styles.quoted(style) : style);
    }

    /**
     * A methodology note: one line of text merged over columns 0..lastCol and wrapped, so that it prints whole
     * within the width of the table above it. Never inside a table.
     */
    void note(int r, String value, int lastCol) {
        note(r, value, lastCol, styles.note);
    }

    /** As {@link #note(int, String, int)} in another style (the quality warning). */
    void note(int r, String value, int lastCol, CellStyle style) {
        put(r, 0, value, style);
        for (int c = 1; c <= lastCol; c++) {
            blank(r, c, style);
        }
        if (lastCol > 0) {
            sheet.addMergedRegion(new CellRangeAddress(r, r, 0, lastCol));
        }
        notes.put(r, new int[] {lastCol, displayWidth(value)});
    }

    /**
     * A note that links to cell A1 of another sheet of the workbook (an internal hyperlink, no formula): where a
     * table that does not fit here is printed in full.
     */
    void noteLink(int r, String value, int lastCol, String sheetName) {
        note(r, value, lastCol, styles.link);
        XSSFHyperlink link = book.wb.getCreationHelper().createHyperlink(HyperlinkType.DOCUMENT);
        link.setAddress("'" + sheetName.replace("'", "''") + "'!A1");
        sheet.getRow(r).getCell(0).setHyperlink(link);
    }

    /** A table's header row; {@code numeric} picks the columns of numbers (right aligned). */
    void headerRow(int r, java.util.List<String> headers, java.util.function.IntPredicate numeric) {
        for (int c = 0; c < headers.size(); c++) {
            header(r, c, headers.get(c), numeric.test(c));
        }
    }

    void header(int r, int c, String value) {
        header(r, c, value, false);
    }

    /** A table header cell; {@code numeric} right-aligns it over a column of numbers. */
    void header(int r, int c, String value, boolean numeric) {
        put(r, c, value, numeric ? styles.headerNumber : styles.header);
        // bold header text is wider than the digits column widths are counted in
        headerWidths.computeIfAbsent(r, k -> new TreeMap<>()).put(c, (int) Math.ceil(displayWidth(value) * 1.1));
        track(c, Math.min(displayWidth(value), HEADER_WIDTH));
    }

    /** A wrapped text cell: counts for the width up to the maximum, and for the row's height beyond it. */
    void wrapped(int r, int c, String value, CellStyle style) {
        wrapped(r, c, value, style, MAX_WIDTH - 2);
    }

    /** A wrapped text cell whose column grows to at most {@code maxChars}; longer text takes more lines. */
    void wrapped(int r, int c, String value, CellStyle style, int maxChars) {
        put(r, c, value, style);
        // prose is narrower than digits: an average Latin letter is about 0.9 of a digit's width
        int width = displayWidth(value);
        int lineWidth = width == latinWidth(value) ? (int) Math.ceil(width * 0.9) : width;
        headerWidths.computeIfAbsent(r, k -> new TreeMap<>()).merge(c, lineWidth, Math::max);
        track(c, Math.min(width, maxChars));
    }

    void blank(int r, int c, CellStyle style) {
        put(r, c, null, style);
    }

    void number(int r, int c, double value, CellStyle style, String format) {
        XSSFCell cell = cell(r, c);
        cell.setCellValue(value);
        cell.setCellStyle(style);
        track(c, numberWidth(value, format));
    }

    void date(int r, int c, LocalDate value) {
        XSSFCell cell = cell(r, c);
        cell.setCellValue(value);
        cell.setCellStyle(styles.date);
        track(c, 10);
    }

    void dateTime(int r, int c, LocalDateTime value, CellStyle style) {
        XSSFCell cell = cell(r, c);
        cell.setCellValue(value);
        cell.setCellStyle(style);
    }

    /** A metric value in its unit: empty cell for null. CNY goes through the money scale. */
    void value(int r, int c, MetricUnit unit, Object value, MoneyScale scale) {
        if (value == null) {
            blank(r, c, styles.text);
            return;
        }
        if (value instanceof LocalDate d) {
            date(r, c, d);
            return;
        }
        BigDecimal n = value instanceof Long l ? BigDecimal.valueOf(l) : (BigDecimal) value;
        switch (unit) {
            case COUNT -> number(r, c, n.doubleValue(), styles.count, Styles.COUNT);
            case RATIO -> number(r, c, n.doubleValue(), styles.percent, Styles.PERCENT);
            case SQM -> number(r, c, n.doubleValue(), styles.decimal, Styles.DECIMAL);
            case CNY -> {
                if (scale == MoneyScale.YUAN) {
                    number(r, c, scale.apply(n), styles.yuan, Styles.YUAN);
                } else {
                    number(r, c, scale.apply(n), styles.decimal, Styles.DECIMAL);
                }
            }
            case FLAG -> {
                XSSFCell cell = cell(r, c);
                cell.setCellValue(n.doubleValue());
                cell.setCellStyle(styles.flag);
                track(c, 4);
            }
            default -> number(r, c, n.doubleValue(), styles.decimal, Styles.DECIMAL);
        }
    }

    /** Shows a ratio cell as a signed change (+12.5%). */
    void styleChange(int r, int c) {
        XSSFCell cell = cell(r, c);
        if (cell.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC) {
            cell.setCellStyle(styles.change);
        }
    }

    /** Makes rows headerRow..lastRow, columns firstCol..lastCol an Excel table with its own autofilter. */
    void table(int headerRow, int lastRow, int firstCol, int lastCol) {
        if (lastRow <= headerRow) {
            return;
        }
        AreaReference area = new AreaReference(new CellReference(headerRow, firstCol),
                new CellReference(lastRow, lastCol), SpreadsheetVersion.EXCEL2007);
        XSSFTable table = sheet.createTable(area);
        int n = ++book.tables;
        table.setName("Table" + n);
        table.setDisplayName("Table" + n);
        table.setStyleName("TableStyleLight1");
        table.updateHeaders();
        if (!table.getCTTable().isSetAutoFilter()) {
            table.getCTTable().addNewAutoFilter();
        }
        table.getCTTable().getAutoFilter().setRef(area.formatAsString());
    }

    /** Rows first..last (a section title, its table, its notes) go on one printed page when they fit on one. */
    void keepTogether(int first, int last) {
        if (last >= first) {
            blocks.put(first, last);
        }
    }

    void drawingWidth(int pixels) {
        drawingWidthPx = Math.max(drawingWidthPx, pixels);
    }

    void fixedWidth(int c, int chars) {
        fixedWidths.put(c, chars);
    }

    void track(int c, int chars) {
        widths.merge(c, chars, Math::max);
    }

    /** Column widths, header row heights, freeze pane and print setup. */
    void finish(int frozenRows, int repeatFirstRow, int repeatLastRow) {
        Map<Integer, Integer> finalWidths = columnWidths();
        finalWidths.forEach((c, w) -> sheet.setColumnWidth(c, w * 256));
        // every row gets the height Excel gives 11 pt text: spreadsheets that size rows from their own fonts
        // (LibreOffice) then lay out pages, pictures and page breaks as computed here
        for (int r = 0; r <= sheet.getLastRowNum(); r++) {
            XSSFRow row = row(r);
            if (!row.getCTRow().isSetHt()) {
                row.setHeightInPoints(rowHeight(book.labels.language()));
            }
        }
        for (Map.Entry<Integer, Map<Integer, Integer>> e : headerWidths.entrySet()) {
            int lines = 1;
            for (Map.Entry<Integer, Integer> h : e.getValue().entrySet()) {
                // word wrap and bold header text need some room beyond the bare character count
                int colWidth = Math.max(1, finalWidths.getOrDefault(h.getKey(), 8) - 2);
                int packed = (int) Math.ceil(h.getValue() / (double) colWidth);
                // long text wraps at word ends, and each line loses part of a word's width: seen as clipped
                // lines of raw records in LibreOffice
                lines = Math.max(lines, packed < 3 ? packed : (int) Math.ceil(h.getValue() / (colWidth * 0.8)));
            }
            row(e.getKey()).setHeightInPoints(Math.min(10, lines) * (rowHeight(book.labels.language()) - 1f) + 2f);
        }
        for (Map.Entry<Integer, int[]> e : notes.entrySet()) {
            int width = 0;
            for (int c = 0; c <= e.getValue()[0]; c++) {
                width += finalWidths.getOrDefault(c, 8);
            }
            // italic 10 pt text is a little narrower than the 11 pt digits column widths are counted in
            XSSFRow row = row(e.getKey());
            float points = book.wb.getFontAt(row.getCell(0).getCellStyle().getFontIndex()).getFontHeightInPoints();
            int lines = Math.max(1, (int) Math.ceil(e.getValue()[1] * points / 11.0 / Math.max(1, width - 3)));
            row.setHeightInPoints(lines * (points + 4f) + 4f);
        }
        if (frozenRows > 0) {
            sheet.createFreezePane(0, frozenRows);
        }
        PrintSetup ps = sheet.getPrintSetup();
        ps.setLandscape(true);
        ps.setPaperSize(PrintSetup.A4_PAPERSIZE);
        ps.setFitWidth((short) 1);
        ps.setFitHeight((short) 0);
        sheet.setFitToPage(true);
        sheet.setAutobreaks(true);
        sheet.setHorizontallyCenter(false);
        sheet.setMargin(PageMargin.LEFT, SIDE_MARGIN);
        sheet.setMargin(PageMargin.RIGHT, SIDE_MARGIN);
        sheet.setMargin(PageMargin.TOP, TOP_BOTTOM_MARGIN);
        sheet.setMargin(PageMargin.BOTTOM, TOP_BOTTOM_MARGIN);
        sheet.setMargin(PageMargin.HEADER, 0.25);
        sheet.setMargin(PageMargin.FOOTER, 0.25);
        // every printed page says what it is and where it belongs; '&' is the header codes' escape character
        String edition = book.report.festival().name() + " – " + book.report.period();
        sheet.getHeader().setLeft("&8" + edition.replace("&", "&&"));
        sheet.getHeader().setRight("&8&A");
        sheet.getFooter().setRight("&8" + book.labels.format("print.page", "&P", "&N"));
        if (repeatFirstRow >= 0) {
            sheet.setRepeatingRows(new CellRangeAddress(repeatFirstRow, repeatLastRow, -1, -1));
        }
        breakPages(repeatFirstRow, repeatLastRow);
    }

    /** Column widths in character cells as {@link #finish} sets them: the content's, capped, then the fixed ones. */
    private Map<Integer, Integer> columnWidths() {
        TreeMap<Integer, Integer> finalWidths = new TreeMap<>();
        for (Map.Entry<Integer, Integer> e : widths.entrySet()) {
            finalWidths.put(e.getKey(), Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, e.getValue() + 2)));
        }
        finalWidths.putAll(fixedWidths);
        // the columns under a chart wider than the cells get an explicit width: a picture is anchored to cells
        // computed with it, and a spreadsheet's own default width would stretch or squeeze the chart
        int c = finalWidths.isEmpty() ? 0 : finalWidths.lastKey() + 1;
        int px = 0;
        for (int w : finalWidths.values()) {
            px += w * 7;
        }
        for (; px < drawingWidthPx; c++) {
            finalWidths.putIfAbsent(c, DEFAULT_WIDTH);
            px += DEFAULT_WIDTH * 7;
        }
        return finalWidths;
    }

    /** A4 landscape in points. */
    private static final double PAGE_WIDTH = 842;
    private static final double PAGE_HEIGHT = 595;
    /** Margins set in {@link #finish}, in inches: page header and footer print inside them. */
    private static final double SIDE_MARGIN = 0.5;
    private static final double TOP_BOTTOM_MARGIN = 0.6;
    /**
     * Points per character cell of column width as Excel draws it (7 pixels of the Normal font's digit, at 96 dpi).
     * LibreOffice draws the same width with Liberation Sans's digit, 5.56 pt, so it prints at a smaller scale and
     * fits more rows on a page: computing with Excel's narrower cells keeps every estimate on the safe side.
     */
    private static final double POINTS_PER_CHAR = 5.25;
    /** Room left for the spreadsheet's own rounding of row heights on a printed page. */
    private static final double ROUNDING = 0.98;

    /**
     * The fit-to-width print scale (at most 1): the printable width over the widest of the columns and the
     * charts. Columns are measured as {@link #finish} will set them, so it can be asked before.
     */
    double printScale() {
        double cells = 0;
        for (int w : columnWidths().values()) {
            cells += w * POINTS_PER_CHAR;
        }
        double width = Math.max(cells, drawingWidthPx * 0.75);
        double printable = PAGE_WIDTH - 72 * 2 * SIDE_MARGIN;
        return width <= printable ? 1 : printable / width;
    }

    /** Height of one printed page in the sheet's points (rows of this height fill a page at the print scale). */
    double pageHeight() {
        return (PAGE_HEIGHT - 72 * 2 * TOP_BOTTOM_MARGIN) / printScale() * ROUNDING;
    }

    /**
     * A sheet of its own for a table longer than a printed page: a sheet repeats one range of rows on
     * every page, so only there can the table's header row repeat. Row 0 holds its title; the caller
     * writes the table's header row at row 1 and its rows below, then calls {@code finish(2, 0, 1)}.
     */
    static SheetBuilder longTableSheet(Book book, String wantedName) {
        String name = sheetName(book, wantedName);
        SheetBuilder sheet = new SheetBuilder(book, name);
        sheet.loose(0, 0, name + " – " + book.report.festival().name() + " – " + book.report.period(),
                book.styles.title);
        sheet.row(0).setHeightInPoints(24);
        return sheet;
    }

    String name() {
        return sheet.getSheetName();
    }

    /** A valid sheet name (at most 31 characters, none of : \\ / ? * [ ] ,) not yet used in the workbook. */
    static String sheetName(Book book, String wanted) {
        // no comma: the print titles' defined name is read back as a union at a comma (POI)
        String base = org.apache.poi.ss.util.WorkbookUtil.createSafeSheetName(wanted.replace(",", ""));
        String name = base;
        for (int n = 2; book.wb.getSheet(name) != null; n++) {
            String suffix = " " + n;
            name = base.substring(0, Math.min(base.length(), 31 - suffix.length())) + suffix;
        }
        return name;
    }

    /**
     * True when a table with a section title, these headers and {@code rows} one-line rows fits on one printed
     * page below the sheet's repeated title row, at the print scale of what the sheet holds so far (what comes
     * later can only widen the sheet and so lengthen its pages). A header's height is taken at its most lines:
     * its column as narrow as the header alone makes it.
     */
    boolean fitsOnPage(java.util.List<String> headers, int rows) {
        int lines = 1;
        for (String h : headers) {
            int width = displayWidth(h);
            lines = Math.max(lines, (int) Math.ceil(Math.ceil(width * 1.1) / Math.max(MIN_WIDTH - 2,
                    Math.min(width, HEADER_WIDTH))));
        }
        float row = rowHeight(book.labels.language());
        double table = row + Math.min(10, lines) * (row - 1f) + 2f + rows * (double) row;
        return table <= pageHeight() - height(0);
    }

    /**
     * Places every page break of the sheet itself, so that the spreadsheet never breaks a page anywhere else:
     * a block that would be cut by the end of a page but fits on one starts a new page (no table starts with its
     * title alone at the bottom of a page), and a page that is full ends before the row that does not fit. The
     * page holds {@link #pageHeight()} less the repeated rows; it is estimated on the safe side, so the
     * spreadsheet's own page is at least as long and never ends before a break placed here.
     */
    private void breakPages(int repeatFirstRow, int repeatLastRow) {
        if (blocks.isEmpty()) {
            return;
        }
        double page = pageHeight();
        double repeat = 0;
        if (repeatFirstRow >= 0) {
            for (int r = repeatFirstRow; r <= repeatLastRow; r++) {
                repeat += height(r);
            }
        }
        double y = 0;
        for (int r = 0; r <= sheet.getLastRowNum(); r++) {
            Integer last = blocks.get(r);
            if (r > 0 && sheet.isRowBroken(r - 1)) {
                y = repeat;
            }
            double h = height(r);
            boolean full = y + h > page;
            if (!full && last != null && y > repeat) {
                double block = 0;
                for (int b = r; b <= last; b++) {
                    block += height(b);
                }
                full = y + block > page && repeat + block <= page;
            }
            if (full && y > repeat) {
                sheet.setRowBreak(r - 1);
                y = repeat;
            }
            y += h;
        }
    }

    private double height(int r) {
        XSSFRow row = sheet.getRow(r);
        return row == null ? sheet.getDefaultRowHeightInPoints() : row.getHeightInPoints();
    }

    /** Width in character cells: East Asian wide characters count twice. */
    static int displayWidth(String text) {
        if (text == null) {
            return 0;
        }
        int width = 0;
        int longestLine = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\n') {
                longestLine = Math.max(longestLine, width);
                width = 0;
                continue;
            }
            width += isWide(cp) ? 2 : 1;
        }
        return Math.max(longestLine, width);
    }

    /** The number of code points: equal to the display width when the text has no wide character. */
    private static int latinWidth(String text) {
        return text == null ? 0 : text.codePointCount(0, text.length());
    }

    static boolean isWide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    }

    private static int numberWidth(double value, String format) {
        String pattern = switch (format) {
            case Styles.PERCENT -> "0.0%";
            case Styles.CHANGE -> "+0.0%";
            case Styles.COUNT -> "#,##0";
            default -> "#,##0.00";
        };
        DecimalFormat df = new DecimalFormat(pattern.replace("+", ""), DecimalFormatSymbols.getInstance(Locale.US));
        return df.format(value).length() + (pattern.startsWith("+") ? 1 : 0) + 1;
    }
}
