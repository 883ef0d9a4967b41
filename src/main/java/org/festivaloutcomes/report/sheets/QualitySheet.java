package org.festivaloutcomes.report.sheets;

import java.math.BigDecimal;
import java.util.List;
import org.festivaloutcomes.metrics.MetricUnit;
import org.festivaloutcomes.report.Labels;
import org.festivaloutcomes.report.MoneyScale;
import org.festivaloutcomes.report.QualitySummary;

/** Rows read, accepted and rejected per dataset and file, rejects by reason, and example rejected rows. */
final class QualitySheet {

    /** Reason codes in the order of outputs.md. */
    static final List<String> REASONS = List.of("malformed_row", "missing_value", "invalid_value",
            "unknown_reference", "duplicate", "conflict");

    /** Widest the detail and raw record columns grow; longer text wraps. */
    static final int TEXT_WIDTH = 32;

    private QualitySheet() {
    }

    static void write(Book book) {
        Labels l = book.labels;
        Styles st = book.styles;
        SheetBuilder sb = new SheetBuilder(book, l.sheet("quality"));
        QualitySummary q = book.report.quality();
        int r = 0;
        sb.loose(r++, 0, l.sheet("quality") + " – " + book.report.festival().name() + " – " + book.report.period(),
                st.title);
        sb.row(0).setHeightInPoints(24);
        r++;
        if (q == null) {
            sb.finish(1, 0, 0);
            return;
        }
        MoneyScale none = MoneyScale.YUAN;

        int datasetsBlock = r;
        sb.loose(r++, 0, l.get("title.quality.datasets"), st.section);
        int hr = r;
        String[] h1 = {l.get("col.dataset"), l.get("col.rows_read"), l.get("col.rows_accepted"),
            l.get("col.rows_rejected"), l.get("col.rejected_share"), l.get("col.threshold"), l.get("col.status")};
        for (int c = 0; c < h1.length; c++) {
            sb.header(r, c, h1[c], c >= 1 && c <= 5);
        }
        r++;
        for (QualitySummary.DatasetQuality d : q.datasets()) {
            sb.text(r, 0, l.member("dataset", d.dataset()), st.text);
            sb.value(r, 1, MetricUnit.COUNT, d.rowsRead(), none);
            sb.value(r, 2, MetricUnit.COUNT, d.rowsAccepted(), none);
            sb.value(r, 3, MetricUnit.COUNT, d.rowsRejected(), none);
            BigDecimal share = d.rejectedShare();
            sb.value(r, 4, MetricUnit.RATIO, share, none);
            sb.value(r, 5, MetricUnit.RATIO, q.maxRejectedShare(), none);
            boolean above = share != null && share.compareTo(q.maxRejectedShare()) > 0;
            sb.text(r, 6, l.get(above ? "status.above" : "status.ok"), above ? st.textBold : st.text);
            r++;
        }
        sb.table(hr, r - 1, 0, h1.length - 1);
        sb.keepTogether(datasetsBlock, r - 1);
        r++;

        int files = 0;
        int examples = 0;
        int exampleLines = 0;
        for (QualitySummary.DatasetQuality d : q.datasets()) {
            for (QualitySummary.FileQuality f : d.files()) {
                files++;
                for (QualitySummary.RejectedRow e : f.examples() == null ? List.<QualitySummary.RejectedRow>of()
                        : f.examples()) {
                    examples++;
                    exampleLines += Math.max(lines(e.detail()), lines(e.raw()));
                }
            }
        }
        r = placed(book, sb, r, l.get("title.quality.files"), filesHeaders(l), files, files,
                QualitySheet::filesTable);
        placed(book, sb, r, l.get("title.quality.examples"), examplesHeaders(l), examples, exampleLines,
                QualitySheet::examplesTable);
        sb.finish(1, 0, 0);
    }

    /** Writes a table at a row of a sheet and returns the row after it. */
    private interface Table {
        int write(Book book, SheetBuilder sb, int r, List<String> headers);
    }

    /**
     * A titled table in place when it fits a printed page; else on a sheet of its own that repeats its
     * header row on every page, with a linked note in its place.
     */
    private static int placed(Book book, SheetBuilder sb, int r, String title, List<String> headers, int rows,
            int lines, Table table) {
        int block = r;
        sb.loose(r++, 0, title, book.styles.section);
        if (sb.fitsOnPage(headers, lines)) {
            r = table.write(book, sb, r, headers);
        } else {
            SheetBuilder own = SheetBuilder.longTableSheet(book, title);
            table.write(book, own, 1, headers);
            own.finish(2, 0, 1);
            sb.noteLink(r++, book.labels.format("note.detail_sheet", rows, own.name()), headers.size() - 1,
                    own.name());
        }
        sb.keepTogether(block, r - 1);
        return r + 1;
    }

    /** Lines a wrapped detail or raw cell takes. */
    private static int lines(String text) {
        return text == null ? 1 : Math.max(1, (int) Math.ceil(SheetBuilder.displayWidth(text) / (double) TEXT_WIDTH));
    }

    private static List<String> filesHeaders(Labels l) {
        List<String> headers = new java.util.ArrayList<>(List.of(l.get("col.dataset"), l.get("col.file"),
                l.get("col.rows_read"), l.get("col.rows_accepted"), l.get("col.rows_rejected"),
                l.get("col.rejected_share")));
        REASONS.forEach(reason -> headers.add(l.member("reason", reason)));
        return headers;
    }

    private static int filesTable(Book book, SheetBuilder sb, int r, List<String> headers) {
        Labels l = book.labels;
        Styles st = book.styles;
        QualitySummary q = book.report.quality();
        MoneyScale none = MoneyScale.YUAN;
        int hr = r;
        sb.headerRow(r, headers, c -> c >= 2);
        r++;
        for (QualitySummary.DatasetQuality d : q.datasets()) {
            for (QualitySummary.FileQuality f : d.files()) {
                sb.text(r, 0, l.member("dataset", d.dataset()), st.text);
                sb.text(r, 1, f.path(), st.text);
                sb.value(r, 2, MetricUnit.COUNT, f.rowsRead(), none);
                sb.value(r, 3, MetricUnit.COUNT, f.rowsAccepted(), none);
                sb.value(r, 4, MetricUnit.COUNT, f.rowsRejected(), none);
                sb.value(r, 5, MetricUnit.RATIO, f.rowsRead() == 0 ? null
                        : BigDecimal.valueOf(f.rowsRejected()).divide(BigDecimal.valueOf(f.rowsRead()),
                                java.math.MathContext.DECIMAL64), none);
                for (int i = 0; i < REASONS.size(); i++) {
                    Long n = f.rejectedByReason() == null ? null : f.rejectedByReason().get(REASONS.get(i));
                    sb.value(r, 6 + i, MetricUnit.COUNT, n == null ? 0L : n, none);
                }
                r++;
            }
        }
        sb.table(hr, r - 1, 0, headers.size() - 1);
        return r;
    }

    private static List<String> examplesHeaders(Labels l) {
        return List.of(l.get("col.dataset"), l.get("col.file"), l.get("col.record_number"), l.get("col.reason"),
                l.get("col.column"), l.get("col.detail"), l.get("col.raw"));
    }

    private static int examplesTable(Book book, SheetBuilder sb, int r, List<String> headers) {
        Labels l = book.labels;
        Styles st = book.styles;
        QualitySummary q = book.report.quality();
        MoneyScale none = MoneyScale.YUAN;
        int hr = r;
        sb.headerRow(r, headers, c -> c == 2);
        r++;
        for (QualitySummary.DatasetQuality d : q.datasets()) {
            for (QualitySummary.FileQuality f : d.files()) {
                if (f.examples() == null) {
                    continue;
                }
                for (QualitySummary.RejectedRow e : f.examples()) {
                    sb.text(r, 0, l.member("dataset", d.dataset()), st.text);
                    sb.text(r, 1, e.sourceFile(), st.text);
                    sb.value(r, 2, MetricUnit.COUNT, e.recordNumber(), none);
                    sb.text(r, 3, l.member("reason", e.reasonCode()), st.text);
                    sb.text(r, 4, e.column(), st.text);
                    // capped: these columns are also the share and reason columns of the tables above
                    sb.wrapped(r, 5, e.detail(), st.wrap, TEXT_WIDTH);
                    sb.wrapped(r, 6, e.raw(), st.wrap, TEXT_WIDTH);
                    r++;
                }
            }
        }
        sb.table(hr, r - 1, 0, headers.size() - 1);
        return r;
    }
}
