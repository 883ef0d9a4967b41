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
            sb.loose(r++, 0, l.get("col.previous_edition") + ": " + report.previousEditionFestival().name(),
                    st.subtitle);
        }
        if (report.qualityFailed()) {
            sb.loose(r, 0, qualityWarning(report.quality(), l), st.warning);
            sb.sheet.addMergedRegion(new CellRangeAddress(r, r, 0, LAST_COL));
            for (int c = 1; c <= LAST_COL; c++) {
                sb.blank(r, c, st.warning);
            }
            sb.row(r).setHeightInPoints(48);
            r++;
        }
        r++;
        int headerRow = r;
        String[] headers = {l.get("col.metric"), l.get("col.unit"), l.get("col.month"), l.get("col.to_date"),
            l.get("col.previous_month"), l.get("col.previous_edition"), l.get("col.change"), l.get("col.target"),
            l.get("col.share_reached")};
        for (int c = 0; c < headers.length; c++) {
            sb.header(r, c, headers[c]);
        }
        r++;
        for (MetricFamily family : MetricFamily.values()) {
            sb.text(r++, 0, l.family(family), st.section);
            for (Metric m : Metric.values()) {
                if (m.family() == family) {
                    metricRow(book, sb, r++, m);
                }
            }
            for (String note : NOTES.get(family)) {
                sb.loose(r++, 0, l.get(note), st.note);
            }
            r++;
        }
        sb.loose(r++, 0, l.get("note.empty"), st.note);
        r++;
        r = footer(book, sb, r);
        sb.fixedWidth(0, Math.max(28, Math.min(40, maxNameWidth(l) + 2)));
        sb.finish(headerRow + 1, headerRow, headerRow);
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
        sb.text(r, 0, l.get("footer.period"), st.textBold);
        sb.loose(r++, 1, report.period().toString(), st.text);
        if (run != null) {
            sb.text(r, 0, l.get("footer.run_at"), st.textBold);
            if (run.runAt() != null) {
                sb.dateTime(r, 1, run.runAt().toLocalDateTime());
                ZoneOffset offset = run.runAt().getOffset();
                sb.loose(r, 2, "UTC" + (offset.getTotalSeconds() == 0 ? "" : offset.getId()), st.text);
            }
            r++;
            sb.text(r, 0, l.get("footer.version"), st.textBold);
            sb.loose(r++, 1, run.programVersion(), st.text);
            sb.text(r, 0, l.get("footer.job"), st.textBold);
            sb.loose(r++, 1, run.jobName(), st.text);
            r++;
            sb.loose(r++, 0, l.get("footer.inputs"), st.section);
            sb.text(r, 0, l.get("col.dataset"), st.textBold);
            sb.loose(r, 1, l.get("col.file"), st.textBold);
            sb.loose(r, 5, l.get("col.sha256"), st.textBold);
            r++;
            if (run.inputs() != null) {
                for (RunInfo.InputFile in : run.inputs()) {
                    sb.text(r, 0, l.member("dataset", in.dataset()), st.text);
                    sb.loose(r, 1, in.path(), st.text);
                    sb.loose(r, 5, in.sha256(), st.text);
                    r++;
                }
            }
        }
        return r;
    }
}
