package org.festivaloutcomes.report.sheets;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.util.CellRangeAddress;
import org.festivaloutcomes.metrics.Metric;
import org.festivaloutcomes.metrics.MetricFamily;
import org.festivaloutcomes.metrics.MetricUnit;
import org.festivaloutcomes.metrics.Scope;
import org.festivaloutcomes.model.Festival;
import org.festivaloutcomes.report.EditionReport;
import org.festivaloutcomes.report.Labels;
import org.festivaloutcomes.report.MoneyScale;
import org.festivaloutcomes.report.QualitySummary;
import org.festivaloutcomes.report.RunInfo;

/** The first sheet: headline metrics against the previous month, the previous edition and the targets. */
final class SummarySheet {

    static final int LAST_COL = 8;

    private static final List<String> HEADERS = List.of("col.metric", "col.unit", "col.month", "col.to_date",
            "col.previous_month", "col.previous_edition", "col.change", "col.target", "col.share_reached");

    private static final Map<MetricFamily, List<String>> NOTES = Map.of(
            MetricFamily.ATTENDANCE, List.of("note.visits", "note.online", "note.staff"),
            MetricFamily.PARTICIPATION, List.of("note.participation", "note.net_space"),
            MetricFamily.DEALS, List.of("note.deals"),
            MetricFamily.EVENTS, List.of());

    private SummarySheet() {
    }

    static void write(Book book) {
        Labels l = book.labels;
        EditionReport report = book.report;
        Festival f = report.festival();
        SheetBuilder sb = new SheetBuilder(book, l.sheet("summary"));
        Styles st = book.styles;
        sb.sheet.setDisplayGridlines(false);
        sb.sheet.setPrintGridlines(false);

        int r = 0;
        sb.loose(r++, 0, l.format("title.report", f.name(), report.period().toString()), st.title);
        sb.row(0).setHeightInPoints(24);
        sb.loose(r++, 0, l.format("title.edition", String.valueOf(f.startDate()), String.valueOf(f.endDate()),
                f.city() == null ? "" : f.city()), st.subtitle);
        if (report.previousEditionFestival() != null) {
            sb.loose(r++, 0, l.format("title.previous_edition", report.previousEditionFestival().name()),
                    st.subtitle);
        }
        if (report.qualityFailed()) {
            sb.note(r++, qualityWarning(report.quality(), l), LAST_COL, st.warning);
        }
        r++;
        // one table per family (own header and autofilter), its methodology notes right under it: a note never
        // sits inside a table, so filtering or sorting a table cannot scatter the notes
        int firstHeader = -1;
        for (MetricFamily family : MetricFamily.values()) {
            int block = r;
            sb.loose(r++, 0, l.family(family), st.section);
            int header = r;
            if (firstHeader < 0) {
                firstHeader = header;
            }
            for (int c = 0; c < HEADERS.size(); c++) {
                sb.header(r, c, l.get(HEADERS.get(c)), c >= 2);
            }
            r++;
            for (Metric m : Metric.values()) {
                if (m.family() == family) {
                    metricRow(book, sb, r++, m);
                }
            }
            sb.table(header, r - 1, 0, LAST_COL);
            for (String note : NOTES.get(family)) {
                sb.note(r++, l.get(note), LAST_COL);
            }
            sb.keepTogether(block, r - 1);
            r++;
        }
        sb.note(r++, l.get("note.empty"), LAST_COL);
        sb.note(r++, l.get("note.change"), LAST_COL);
        r++;
        int footer = r;
        r = footer(book, sb, r);
        sb.keepTogether(footer, r - 1);
        sb.fixedWidth(0, firstColumnWidth(l, report.run()));
        // on screen the first family table's header stays in view (the four tables have the same columns); in
        // print each table comes whole with its own header, and every page repeats the report's title
        sb.finish(firstHeader + 1, 0, 0);
    }

    private static int maxNameWidth(Labels l) {
        int w = 0;
        for (Metric m : Metric.values()) {
            w = Math.max(w, SheetBuilder.displayWidth(l.metricName(m)));
        }
        return w;
    }

    static String qualityWarning(QualitySummary quality, Labels l) {
        List<String> parts = new ArrayList<>();
        if (quality != null) {
            for (QualitySummary.DatasetQuality d : quality.datasets()) {
                if (d.exceeds(quality.maxRejectedShare())) {
                    parts.add(l.member("dataset", d.dataset()) + " " + percent(d.rejectedShare()));
                }
            }
        }
        String threshold = quality == null ? "" : percent(quality.maxRejectedShare());
        String list = String.join(l.language() == org.festivaloutcomes.report.Language.ZH_CN ? "，" : ", ", parts);
        return l.format("warning.quality", threshold, list);
    }

    static String percent(BigDecimal share) {
        return share.movePointRight(2).setScale(1, java.math.RoundingMode.HALF_UP).toPlainString() + "%";
    }

    private static void metricRow(Book book, SheetBuilder sb, int r, Metric m) {
        Labels l = book.labels;
        Scope target = m.family().targetScope();
        Object month = m.family().scopes().contains(Scope.MONTH) ? book.values.headline(Scope.MONTH, m) : null;
        Object toDate = book.values.headline(target, m);
        Object prevMonth = m.family().scopes().contains(Scope.MONTH)
                ? book.previousMonth.headline(Scope.MONTH, m) : null;
        Object prevEdition = book.previousEdition.headline(target, m);
        BigDecimal targetValue = book.report.targets() == null ? null : book.report.targets().get(m);

        MoneyScale scale = MoneyScale.YUAN;
        if (m.unit() == MetricUnit.CNY) {
            List<BigDecimal> amounts = new ArrayList<>();
            for (Object o : new Object[] {month, toDate, prevMonth, prevEdition, targetValue}) {
                if (o instanceof BigDecimal d) {
                    amounts.add(d);
                }
            }
            scale = MoneyScale.choose(l.language(), amounts);
        }
        sb.text(r, 0, l.metricName(m), sb.styles.text);
        sb.text(r, 1, m.unit() == MetricUnit.CNY ? scale.label(l) : l.unit(m.unit()), sb.styles.text);
        sb.value(r, 2, m.unit(), month, scale);
        sb.value(r, 3, m.unit(), toDate, scale);
        sb.value(r, 4, m.unit(), prevMonth, scale);
        sb.value(r, 5, m.unit(), prevEdition, scale);
        BigDecimal change = ratio(numeric(toDate), numeric(prevEdition), true);
        if (m.unit() == MetricUnit.FLAG || m.unit() == MetricUnit.DATE) {
            change = null;
        }
        sb.value(r, 6, MetricUnit.RATIO, change, scale);
        sb.styleChange(r, 6);
        sb.value(r, 7, m.unit(), targetValue == null ? null : m.unit() == MetricUnit.COUNT
                ? (Object) targetValue.longValue() : targetValue, scale);
        BigDecimal reached = m.unit() == MetricUnit.DATE || m.unit() == MetricUnit.FLAG ? null
                : ratio(numeric(toDate), targetValue, false);
        sb.value(r, 8, MetricUnit.RATIO, reached, scale);
    }

    private static BigDecimal numeric(Object value) {
        if (value instanceof Long n) {
            return BigDecimal.valueOf(n);
        }
        return value instanceof BigDecimal d ? d : null;
    }

    /** a / b (or a / b - 1 for a change); null when either is missing or b is 0. */
    private static BigDecimal ratio(BigDecimal a, BigDecimal b, boolean change) {
        if (a == null || b == null || b.signum() == 0) {
            return null;
        }
        BigDecimal q = a.divide(b, MathContext.DECIMAL64);
        return change ? q.subtract(BigDecimal.ONE) : q;
    }

    private static int footer(Book book, SheetBuilder sb, int r) {
        Labels l = book.labels;
        Styles st = book.styles;
        EditionReport report = book.report;
        RunInfo run = report.run();
        sb.loose(r++, 0, l.get("title.footer"), st.section);
        sb.loose(r, 0, l.get("footer.period"), st.key);
        sb.loose(r++, 1, report.period().toString(), st.subtitle);
        if (run == null) {
            return r;
        }
        if (run.runAt() != null) {
            sb.loose(r, 0, l.get("footer.run_at"), st.key);
            ZoneOffset offset = run.runAt().getOffset();
            sb.dateTime(r, 1, run.runAt().toLocalDateTime(),
                    st.runTime("UTC" + (offset.getTotalSeconds() == 0 ? "" : offset.getId())));
            // a date-time cell does not overflow like text: merged over three columns it never shows ####
            sb.sheet.addMergedRegion(new CellRangeAddress(r, r, 1, 3));
            r++;
        }
        sb.loose(r, 0, l.get("footer.version"), st.key);
        sb.loose(r++, 1, run.programVersion(), st.subtitle);
        sb.loose(r, 0, l.get("footer.job"), st.key);
        sb.loose(r++, 1, run.jobName(), st.subtitle);
        r++;
        if (run.inputs() == null || run.inputs().isEmpty()) {
            return r;
        }
        sb.loose(r++, 0, l.get("footer.inputs"), st.section);
        List<String> headers = List.of(l.get("col.file"), l.get("col.dataset"), l.get("col.bytes"),
                l.get("col.sha256"));
        int lines = 0;
        for (RunInfo.InputFile in : run.inputs()) {
            lines += Math.max(1, (int) Math.ceil(SheetBuilder.displayWidth(in.path()) / (double) FILE_WIDTH));
        }
        if (sb.fitsOnPage(headers, lines)) {
            return inputsTable(book, sb, r, headers, run);
        }
        // a month of daily exports is a list longer than a page: its own sheet repeats the header row
        SheetBuilder inputs = SheetBuilder.longTableSheet(book, l.get("footer.inputs"));
        inputsTable(book, inputs, 1, headers, run);
        inputs.finish(2, 0, 1);
        sb.noteLink(r++, l.format("note.detail_sheet", run.inputs().size(), inputs.name()), 3, inputs.name());
        return r;
    }

    private static int inputsTable(Book book, SheetBuilder sb, int r, List<String> headers, RunInfo run) {
        Labels l = book.labels;
        Styles st = book.styles;
        int header = r;
        sb.headerRow(r, headers, c -> c == 2);
        r++;
        for (RunInfo.InputFile in : run.inputs()) {
            sb.wrapped(r, 0, in.path(), st.wrap, FILE_WIDTH);
            sb.text(r, 1, l.member("dataset", in.dataset()), st.text);
            sb.number(r, 2, in.bytes(), st.count, Styles.COUNT);
            // 64 hex digits overflow into the empty cells to the right rather than widen the metric columns
            sb.loose(r, 3, in.sha256(), st.mono);
            r++;
        }
        sb.table(header, r - 1, 0, 3);
        return r;
    }

    /** Widest file path shown on one line in the input files table; longer ones wrap. */
    private static final int FILE_WIDTH = 48;

    private static int firstColumnWidth(Labels l, RunInfo run) {
        int w = maxNameWidth(l);
        if (run != null && run.inputs() != null) {
            for (RunInfo.InputFile in : run.inputs()) {
                w = Math.max(w, Math.min(FILE_WIDTH, SheetBuilder.displayWidth(in.path())));
            }
        }
        return Math.max(28, w + 2);
    }
}
