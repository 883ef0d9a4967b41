package org.festivaloutcomes.report.sheets;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.festivaloutcomes.metrics.Metric;
import org.festivaloutcomes.metrics.MetricFamily;
import org.festivaloutcomes.metrics.MetricUnit;
import org.festivaloutcomes.metrics.Scope;
import org.festivaloutcomes.report.DealLine;
import org.festivaloutcomes.report.Labels;
import org.festivaloutcomes.report.MoneyScale;
import org.festivaloutcomes.report.ReportValues;
import org.festivaloutcomes.report.charts.ChartImage;

/** A sheet of one metric family: headline table by scope, every breakdown table, the family's charts. */
final class FamilySheet {

    /** Width of a chart on the sheet: the 1600 x 900 PNG shown at 40 %. */
    static final int CHART_WIDTH_PX = 640;
    static final int CHART_HEIGHT_PX = 360;
    static final int CHART_GAP_PX = 16;
    /** Rows a chart takes on the sheet (its height in rows of the default height, plus a gap row). */
    static int chartRows(Labels labels) {
        return (int) Math.ceil(CHART_HEIGHT_PX * 0.75 / SheetBuilder.rowHeight(labels.language())) + 1;
    }
    /** Widest name column of the top deals; longer names wrap. */
    static final int NAME_WIDTH = 20;

    private FamilySheet() {
    }

    static void write(Book book, MetricFamily family, String sheetKey, List<ChartImage> charts) {
        Labels l = book.labels;
        Styles st = book.styles;
        SheetBuilder sb = new SheetBuilder(book, l.sheet(sheetKey));
        List<Metric> metrics = new ArrayList<>();
        for (Metric m : Metric.values()) {
            if (m.family() == family) {
                metrics.add(m);
            }
        }
        List<Scope> scopes = family.scopes();
        int r = 0;
        sb.loose(r++, 0, l.family(family) + " – " + book.report.festival().name() + " – " + book.report.period(),
                st.title);
        sb.row(0).setHeightInPoints(24);
        r++;

        // headline table
        int block = r;
        sb.loose(r++, 0, l.get("title.headline"), st.section);
        int head = r;
        sb.header(r, 0, l.get("col.metric"));
        sb.header(r, 1, l.get("col.unit"));
        for (int i = 0; i < scopes.size(); i++) {
            sb.header(r, 2 + i, l.scope(scopes.get(i)), true);
        }
        r++;
        for (Metric m : metrics) {
            MoneyScale scale = MoneyScale.YUAN;
            if (m.unit() == MetricUnit.CNY) {
                List<BigDecimal> amounts = new ArrayList<>();
                scopes.forEach(s -> amounts.add(book.values.headlineNumber(s, m)));
                scale = MoneyScale.choose(l.language(), amounts);
            }
            sb.text(r, 0, l.metricName(m), st.text);
            sb.text(r, 1, m.unit() == MetricUnit.CNY ? scale.label(l) : l.unit(m.unit()), st.text);
            for (int i = 0; i < scopes.size(); i++) {
                sb.value(r, 2 + i, m.unit(), book.values.headline(scopes.get(i), m), scale);
            }
            r++;
        }
        sb.table(head, r - 1, 0, 1 + scopes.size());
        sb.keepTogether(block, r - 1);
        r++;

        if (family == MetricFamily.DEALS) {
            r = followUp(book, sb, r);
            r++;
        }

        // the charts two side by side, between the headline and the breakdowns, kept on one printed page
        int chartRow = r;
        if (!charts.isEmpty()) {
            // each pair of charts is kept whole on a page; two pairs share one when the page holds them
            for (int pair = 0; pair < (charts.size() + 1) / 2; pair++) {
                sb.keepTogether(r, r + chartRows(l) - 1);
                r += chartRows(l);
            }
            sb.row(r - 1);
            sb.drawingWidth(charts.size() > 1 ? 2 * CHART_WIDTH_PX + CHART_GAP_PX : CHART_WIDTH_PX);
        }

        // breakdown tables
        Set<String> dimensions = new LinkedHashSet<>();
        metrics.forEach(m -> dimensions.addAll(m.dimensions()));
        for (String dim : dimensions) {
            List<Metric> dimMetrics = metrics.stream().filter(m -> m.dimensions().contains(dim)).toList();
            List<String> members = orderedMembers(book.values, dim, scopes, dimMetrics);
            if (members.isEmpty()) {
                continue;
            }
            List<Column> columns = new ArrayList<>();
            List<String> headers = new ArrayList<>();
            headers.add(l.dimension(dim));
            for (Scope s : scopes) {
                for (Metric m : dimMetrics) {
                    MoneyScale scale = MoneyScale.YUAN;
                    if (m.unit() == MetricUnit.CNY) {
                        List<BigDecimal> amounts = new ArrayList<>();
                        members.forEach(mem -> amounts.add(book.values.memberNumber(s, m, dim, mem)));
                        scale = MoneyScale.choose(l.language(), amounts);
                    }
                    headers.add(m.unit() == MetricUnit.CNY
                            ? l.format("col.value_scope_unit", l.metricName(m), l.scope(s), scale.label(l))
                            : m.unit() == MetricUnit.SQM
                                    ? l.format("col.value_scope_unit", l.metricName(m), l.scope(s),
                                            l.unit(m.unit()))
                                    : l.format("col.value_scope", l.metricName(m), l.scope(s)));
                    columns.add(new Column(s, m, scale));
                }
            }
            int start = r;
            sb.loose(r++, 0, l.format("title.breakdown", dimensionInTitle(l, dim)), st.section);
            if (sb.fitsOnPage(headers, members.size())) {
                r = breakdownTable(book, sb, r, dim, headers, columns, members);
            } else {
                // a table longer than a page gets a sheet of its own, whose every printed page repeats the
                // table's header row (a sheet has one range of repeated rows); this sheet says where it is
                SheetBuilder detail = SheetBuilder.longTableSheet(book, l.format("sheet.breakdown",
                        l.sheet(sheetKey), dimensionInTitle(l, dim)));
                breakdownTable(book, detail, 1, dim, headers, columns, members);
                detail.finish(2, 0, 1);
                sb.noteLink(r++, l.format("note.detail_sheet", members.size(), detail.name()), columns.size(),
                        detail.name());
            }
            sb.keepTogether(start, r - 1);
            r++;
        }

        if (family == MetricFamily.DEALS) {
            r = topDeals(book, sb, r);
        }
        sb.finish(1, 0, 0);
        for (int i = 0; i < charts.size(); i++) {
            book.picture(sb.sheet, charts.get(i).png(), chartRow + (i / 2) * chartRows(l),
                    i % 2 == 0 ? 0 : CHART_WIDTH_PX + CHART_GAP_PX, CHART_WIDTH_PX, CHART_HEIGHT_PX);
        }
    }

    /** A breakdown's value column: the scope, the metric and the money scale of its amounts. */
    private record Column(Scope scope, Metric metric, MoneyScale scale) {
    }

    /** Writes a breakdown table (header row at {@code r}, one row per member); returns the row after it. */
    private static int breakdownTable(Book book, SheetBuilder sb, int r, String dim, List<String> headers,
            List<Column> columns, List<String> members) {
        int hr = r;
        sb.headerRow(r, headers, c -> c > 0);
        r++;
        for (String member : members) {
            java.time.LocalDate day = dim.equals("day") ? parseDay(member) : null;
            if (day != null) {
                // a day is a date cell: it sorts and filters as a date
                sb.date(r, 0, day);
            } else {
                sb.text(r, 0, book.labels.member(dim, member), book.styles.text);
            }
            for (int i = 0; i < columns.size(); i++) {
                Column col = columns.get(i);
                sb.value(r, 1 + i, col.metric().unit(), book.values.member(col.scope(), col.metric(), dim, member),
                        col.scale());
            }
            r++;
        }
        sb.table(hr, r - 1, 0, columns.size());
        return r;
    }

    private static java.time.LocalDate parseDay(String member) {
        try {
            return java.time.LocalDate.parse(member);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static String dimensionInTitle(Labels l, String dim) {
        String label = l.dimension(dim);
        return l.language() == org.festivaloutcomes.report.Language.EN
                ? label.toLowerCase(java.util.Locale.ROOT) : label;
    }

    /** Days and months in time order; other members by their first value, largest first, then by name. */
    static List<String> orderedMembers(ReportValues v, String dim, List<Scope> scopes, List<Metric> metrics) {
        List<String> members = new ArrayList<>(v.members(dim, scopes, metrics));
        if (dim.equals("day") || dim.equals("signed_month")) {
            return members;
        }
        Scope s = scopes.get(scopes.size() - 1);
        Metric m = metrics.get(0);
        members.sort(Comparator.<String, BigDecimal>comparing(mem -> {
            BigDecimal n = v.memberNumber(s, m, dim, mem);
            return n == null ? BigDecimal.valueOf(Long.MIN_VALUE) : n;
        }).reversed().thenComparing(Comparator.naturalOrder()));
        return members;
    }

    private static int followUp(Book book, SheetBuilder sb, int r) {
        Labels l = book.labels;
        Styles st = book.styles;
        ReportValues v = book.values;
        Scope s = Scope.TO_DATE;
        BigDecimal signedValue = v.headlineNumber(s, Metric.DEALS_SIGNED_VALUE);
        BigDecimal funds = v.headlineNumber(s, Metric.DEALS_FUNDS_IN_PLACE);
        List<BigDecimal> amounts = new ArrayList<>();
        amounts.add(signedValue);
        amounts.add(funds);
        MoneyScale scale = MoneyScale.choose(l.language(), amounts);
        int start = r;
        sb.loose(r++, 0, l.get("title.followup"), st.section);
        int hr = r;
        sb.header(r, 0, l.get("col.stage"));
        sb.header(r, 1, l.get("col.count"), true);
        sb.header(r, 2, l.format("col.with_unit", l.get("col.amount"), scale.label(l)), true);
        sb.header(r, 3, l.get("col.rate"), true);
        r++;
        Object[][] rows = {
            {"followup.signed", v.headline(s, Metric.DEALS_SIGNED_COUNT), signedValue, null, null},
            {"followup.landed", v.headline(s, Metric.DEALS_LANDED_COUNT), null, v.headline(s, Metric.DEALS_LANDING_RATE),
                "followup.landing_rate"},
            {"followup.started", book.report.startedCount(s), null, v.headline(s, Metric.DEALS_STARTED_RATE),
                "followup.started_rate"},
            {"followup.funds", null, funds, v.headline(s, Metric.DEALS_FUNDS_IN_PLACE_RATE), "followup.funds_rate"}};
        for (Object[] row : rows) {
            sb.text(r, 0, l.get((String) row[0]), st.text);
            Object count = row[1] instanceof BigDecimal d ? (Object) d.longValue() : row[1];
            sb.value(r, 1, MetricUnit.COUNT, count, scale);
            sb.value(r, 2, MetricUnit.CNY, row[2], scale);
            sb.value(r, 3, MetricUnit.RATIO, row[3], scale);
            r++;
        }
        sb.table(hr, r - 1, 0, 3);
        for (Object[] row : rows) {
            if (row[4] != null) {
                sb.note(r++, l.get((String) row[4]), 3);
            }
        }
        sb.keepTogether(start, r - 1);
        return r;
    }

    private static int topDeals(Book book, SheetBuilder sb, int r) {
        List<DealLine> deals = book.report.topDeals();
        if (deals == null || deals.isEmpty()) {
            return r;
        }
        Labels l = book.labels;
        Styles st = book.styles;
        List<BigDecimal> amounts = new ArrayList<>();
        deals.forEach(d -> amounts.add(d.amountCny()));
        MoneyScale scale = MoneyScale.choose(l.language(), amounts);
        int start = r;
        sb.loose(r++, 0, l.get("title.topdeals"), st.section);
        int hr = r;
        // figures first, long names last: the numeric columns line up with those of the tables above, and the
        // names wrap in capped columns instead of pushing the printed page to a small scale
        String[] headers = {l.get("col.deal_id"), l.format("col.with_unit", l.get("col.deal_amount"), scale.label(l)),
            l.format("col.with_unit", l.get("col.funds_in_place"), scale.label(l)), l.get("col.deal_status"),
            l.get("col.signed_on"), l.get("col.status_date"), l.get("col.key_project"), l.get("col.deal_type"),
            l.get("col.industry"), l.get("col.project"), l.get("col.enterprise"), l.get("col.counterparty")};
        for (int c = 0; c < headers.length; c++) {
            sb.header(r, c, headers[c], c >= 1 && c <= 2);
        }
        r++;
        for (DealLine d : deals) {
            sb.text(r, 0, d.dealId(), st.text);
            sb.value(r, 1, MetricUnit.CNY, d.amountCny(), scale);
            sb.value(r, 2, MetricUnit.CNY, d.fundsInPlaceCny(), scale);
            sb.text(r, 3, l.member("status", d.status()), st.text);
            sb.value(r, 4, MetricUnit.DATE, d.signedOn(), scale);
            sb.value(r, 5, MetricUnit.DATE, d.statusDate(), scale);
            sb.value(r, 6, MetricUnit.FLAG, d.keyProject() ? 1L : 0L, scale);
            sb.text(r, 7, l.member("deal_type", d.dealType()), st.text);
            sb.wrapped(r, 8, d.industry(), st.wrap, NAME_WIDTH);
            sb.wrapped(r, 9, d.projectName(), st.wrap, NAME_WIDTH);
            sb.wrapped(r, 10, d.enterpriseName(), st.wrap, NAME_WIDTH);
            sb.wrapped(r, 11, d.counterparty(), st.wrap, NAME_WIDTH);
            r++;
        }
        sb.table(hr, r - 1, 0, headers.length - 1);
        sb.keepTogether(start, r - 1);
        return r + 1;
    }
}
