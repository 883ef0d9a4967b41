package org.festivaloutcomes.report.charts;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.festivaloutcomes.metrics.Metric;
import org.festivaloutcomes.metrics.MetricFamily;
import org.festivaloutcomes.metrics.Scope;
import org.festivaloutcomes.report.EditionReport;
import org.festivaloutcomes.report.Labels;
import org.festivaloutcomes.report.MoneyScale;
import org.festivaloutcomes.report.ReportValues;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The charts of an edition report. Each chart has a {@code create...Dataset} method (data from the report, labels
 * in the report's language) and a {@code create...Chart} method (the drawing, in the house style). A chart whose
 * dataset is empty is not drawn.
 */
public final class ReportCharts {

    public static final String ATTENDANCE_BY_DAY = "attendance-by-day";
    public static final String VISITS_BY_SECTION = "visits-by-section";
    public static final String VISITS_BY_PAVILION = "visits-by-pavilion";
    public static final String VISITS_BY_DISTRICT = "visits-by-district";
    public static final String PARTICIPANTS_BY_PAVILION = "participants-by-pavilion";
    public static final String SIGNED_VALUE_BY_INDUSTRY = "signed-value-by-industry";
    public static final String DEAL_FOLLOW_UP = "deal-follow-up";
    public static final String EVENTS_BY_TYPE = "events-by-type";

    /** Every chart name, in the order they are drawn. */
    public static final List<String> NAMES = List.of(ATTENDANCE_BY_DAY, VISITS_BY_SECTION, VISITS_BY_PAVILION,
            VISITS_BY_DISTRICT, PARTICIPANTS_BY_PAVILION, SIGNED_VALUE_BY_INDUSTRY, DEAL_FOLLOW_UP, EVENTS_BY_TYPE);

    /** Bars shown before the rest is folded into "other". */
    public static final int TOP_N = 10;

    private ReportCharts() {
    }

    /** A chart's data: the main dataset and, for two-axis charts, the second one. */
    public record ChartData(CategoryDataset primary, CategoryDataset secondary, String unitLabel) {
        public boolean isEmpty() {
            return !hasValue(primary) && (secondary == null || !hasValue(secondary));
        }

        /** Every text the chart's data puts on the image. */
        List<String> texts() {
            List<String> texts = new ArrayList<>();
            for (CategoryDataset d : secondary == null ? List.of(primary) : List.of(primary, secondary)) {
                d.getRowKeys().forEach(k -> texts.add(k.toString()));
                d.getColumnKeys().forEach(k -> texts.add(k.toString()));
            }
            if (unitLabel != null) {
                texts.add(unitLabel);
            }
            return texts;
        }
    }

    private record Spec(String name, MetricFamily family, ChartData data,
            Function<HouseStyle, JFreeChart> chart, List<String> labels) {
    }

    /** Draws every non-empty chart of the report as PNG, in {@link #NAMES} order. */
    public static List<ChartImage> render(EditionReport report, Labels labels) throws IOException {
        ReportValues v = new ReportValues(report.metrics());
        List<Spec> specs = new ArrayList<>();
        ChartData byDay = createAttendanceByDayDataset(v, labels);
        specs.add(new Spec(ATTENDANCE_BY_DAY, MetricFamily.ATTENDANCE, byDay,
                s -> createAttendanceByDayChart(byDay, labels, s), List.of(title(labels, ATTENDANCE_BY_DAY))));
        for (String[] c : new String[][] {{VISITS_BY_SECTION, "section"}, {VISITS_BY_PAVILION, "pavilion"},
            {VISITS_BY_DISTRICT, "district"}}) {
            ChartData data = createVisitsByDataset(v, labels, c[1]);
            specs.add(new Spec(c[0], MetricFamily.ATTENDANCE, data,
                    s -> createVisitsByChart(c[0], data, labels, s),
                    List.of(title(labels, c[0]), labels.metricName(Metric.ATTENDANCE_VISITS))));
        }
        ChartData participants = createParticipantsByPavilionDataset(v, labels);
        specs.add(new Spec(PARTICIPANTS_BY_PAVILION, MetricFamily.PARTICIPATION, participants,
                s -> createParticipantsByPavilionChart(participants, labels, s),
                List.of(title(labels, PARTICIPANTS_BY_PAVILION), labels.get("chart.axis.count"),
                        labels.get("chart.axis.sqm"))));
        ChartData signed = createSignedValueByIndustryDataset(v, labels);
        specs.add(new Spec(SIGNED_VALUE_BY_INDUSTRY, MetricFamily.DEALS, signed,
                s -> createSignedValueByIndustryChart(signed, labels, s),
                List.of(labels.format("chart." + SIGNED_VALUE_BY_INDUSTRY, signed.unitLabel()))));
        ChartData followUp = createDealFollowUpDataset(v, labels);
        specs.add(new Spec(DEAL_FOLLOW_UP, MetricFamily.DEALS, followUp,
                s -> createDealFollowUpChart(followUp, labels, s),
                List.of(title(labels, DEAL_FOLLOW_UP), labels.get("chart.axis.count"))));
        ChartData events = createEventsByTypeDataset(v, labels);
        specs.add(new Spec(EVENTS_BY_TYPE, MetricFamily.EVENTS, events,
                s -> createEventsByTypeChart(events, labels, s),
                List.of(title(labels, EVENTS_BY_TYPE), labels.metricName(Metric.EVENTS_HELD))));

        List<Spec> drawn = specs.stream().filter(sp -> !sp.data().isEmpty()).toList();
        List<String> texts = new ArrayList<>();
        for (Spec sp : drawn) {
            texts.addAll(sp.labels());
            texts.addAll(sp.data().texts());
        }
        HouseStyle style = new HouseStyle(ChartFonts.choose(texts));
        List<ChartImage> images = new ArrayList<>();
        for (Spec sp : drawn) {
            images.add(new ChartImage(sp.name(), sp.family(), HouseStyle.png(sp.chart().apply(style))));
        }
        return images;
    }

    private static String title(Labels labels, String chart) {
        return labels.get("chart." + chart);
    }

    // ---- attendance-by-day

    public static ChartData createAttendanceByDayDataset(ReportValues v, Labels labels) {
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        List<Metric> metrics = List.of(Metric.ATTENDANCE_VISITS, Metric.ATTENDANCE_VISITORS);
        for (String day : v.members("day", List.of(Scope.TO_DATE), metrics)) {
            for (Metric m : metrics) {
                BigDecimal n = v.memberNumber(Scope.TO_DATE, m, "day", day);
                d.addValue(n, labels.metricName(m), day);
            }
        }
        return new ChartData(d, null, null);
    }

    public static JFreeChart createAttendanceByDayChart(ChartData data, Labels labels, HouseStyle style) {
        JFreeChart chart = ChartFactory.createBarChart(title(labels, ATTENDANCE_BY_DAY), null,
                labels.get("chart.axis.count"), data.primary(), PlotOrientation.VERTICAL, true, false, false);
        style.apply(chart, true);
        if (data.primary().getColumnCount() > 16) {
            chart.getCategoryPlot().getRenderer().setDefaultItemLabelsVisible(false);
        }
        return chart;
    }

    // ---- visits-by-section / pavilion / district

    public static ChartData createVisitsByDataset(ReportValues v, Labels labels, String dimension) {
        Map<String, BigDecimal> top = topN(v.ranked(Scope.TO_DATE, Metric.ATTENDANCE_VISITS, dimension), labels,
                dimension);
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        top.forEach((member, n) -> d.addValue(n, labels.metricName(Metric.ATTENDANCE_VISITS), member));
        return new ChartData(d, null, null);
    }

    public static JFreeChart createVisitsByChart(String name, ChartData data, Labels labels, HouseStyle style) {
        JFreeChart chart = ChartFactory.createBarChart(title(labels, name), null,
                labels.metricName(Metric.ATTENDANCE_VISITS), data.primary(), PlotOrientation.HORIZONTAL, false,
                false, false);
        style.apply(chart, true);
        return chart;
    }

    // ---- participants-by-pavilion

    public static ChartData createParticipantsByPavilionDataset(ReportValues v, Labels labels) {
        LinkedHashMap<String, BigDecimal> ranked =
                v.ranked(Scope.EDITION, Metric.PARTICIPATION_PARTICIPANTS, "pavilion");
        DefaultCategoryDataset participants = new DefaultCategoryDataset();
        DefaultCategoryDataset space = new DefaultCategoryDataset();
        List<String> members = new ArrayList<>(ranked.keySet());
        Set<String> used = new HashSet<>();
        int shown = members.size() > TOP_N + 1 ? TOP_N : members.size();
        BigDecimal restCount = BigDecimal.ZERO;
        BigDecimal restSpace = BigDecimal.ZERO;
        String pName = labels.metricName(Metric.PARTICIPATION_PARTICIPANTS);
        String sName = labels.metricName(Metric.PARTICIPATION_NET_SPACE_SQM);
        for (int i = 0; i < members.size(); i++) {
            String m = members.get(i);
            BigDecimal sqm = v.memberNumber(Scope.EDITION, Metric.PARTICIPATION_NET_SPACE_SQM, "pavilion", m);
            if (i < shown) {
                String key = unique(labels.member("pavilion", m), used);
                participants.addValue(ranked.get(m), pName, key);
                space.addValue(sqm, sName, key);
            } else {
                restCount = restCount.add(ranked.get(m));
                restSpace = restSpace.add(sqm == null ? BigDecimal.ZERO : sqm);
            }
        }
        if (shown < members.size()) {
            String key = unique(labels.get("member.other"), used);
            participants.addValue(restCount, pName, key);
            space.addValue(restSpace, sName, key);
        }
        return new ChartData(participants, space, null);
    }

    public static JFreeChart createParticipantsByPavilionChart(ChartData data, Labels labels, HouseStyle style) {
        // two clustered bars on two axes: each dataset gets an empty twin series so the bars stand side by side
        DefaultCategoryDataset left = new DefaultCategoryDataset();
        DefaultCategoryDataset right = new DefaultCategoryDataset();
        CategoryDataset p = data.primary();
        CategoryDataset s = data.secondary();
        for (int c = 0; c < p.getColumnCount(); c++) {
            Comparable<?> key = p.getColumnKey(c);
            left.addValue(p.getValue(0, c), p.getRowKey(0), key);
            left.addValue(null, " ", key);
            right.addValue(null, "  ", key);
            right.addValue(s.getValue(0, s.getColumnIndex(key)), s.getRowKey(0), key);
        }
        JFreeChart chart = ChartFactory.createBarChart(title(labels, PARTICIPANTS_BY_PAVILION), null,
                labels.get("chart.axis.count"), left, PlotOrientation.VERTICAL, true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setRangeAxis(1, new NumberAxis(labels.get("chart.axis.sqm")));
        plot.setDataset(1, right);
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setRenderer(1, new BarRenderer());
        style.apply(chart, true);
        BarRenderer r0 = (BarRenderer) plot.getRenderer(0);
        BarRenderer r1 = (BarRenderer) plot.getRenderer(1);
        r0.setSeriesPaint(0, HouseStyle.NAVY);
        r0.setSeriesVisibleInLegend(1, false);
        r1.setSeriesPaint(1, HouseStyle.AMBER);
        r1.setSeriesVisibleInLegend(0, false);
        r0.setMaximumBarWidth(0.2);
        r1.setMaximumBarWidth(0.2);
        return chart;
    }

    // ---- signed-value-by-industry

    public static ChartData createSignedValueByIndustryDataset(ReportValues v, Labels labels) {
        Map<String, BigDecimal> top = topN(v.ranked(Scope.TO_DATE, Metric.DEALS_SIGNED_VALUE, "industry"), labels,
                "industry");
        MoneyScale scale = MoneyScale.choose(labels.language(), top.values());
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        top.forEach((member, n) -> d.addValue(scale.apply(n), labels.metricName(Metric.DEALS_SIGNED_VALUE), member));
        return new ChartData(d, null, scale.label(labels));
    }

    public static JFreeChart createSignedValueByIndustryChart(ChartData data, Labels labels, HouseStyle style) {
        String title = labels.format("chart." + SIGNED_VALUE_BY_INDUSTRY, data.unitLabel());
        JFreeChart chart = ChartFactory.createBarChart(title, null, data.unitLabel(), data.primary(),
                PlotOrientation.HORIZONTAL, false, false, false);
        style.apply(chart, false);
        return chart;
    }

    // ---- deal-follow-up

    public static ChartData createDealFollowUpDataset(ReportValues v, Labels labels) {
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        BigDecimal signed = v.headlineNumber(Scope.TO_DATE, Metric.DEALS_SIGNED_COUNT);
        if (signed == null || signed.signum() == 0) {
            return new ChartData(d, null, null);
        }
        String series = labels.metricName(Metric.DEALS_SIGNED_COUNT);
        d.addValue(signed, series, labels.get("followup.signed"));
        d.addValue(v.headlineNumber(Scope.TO_DATE, Metric.DEALS_LANDED_COUNT), series, labels.get("followup.landed"));
        d.addValue(startedCount(v, Scope.TO_DATE), series, labels.get("followup.started"));
        return new ChartData(d, null, null);
    }

    /** Deals started, producing or completed: started_rate x signed_count, rounded half-up. */
    public static BigDecimal startedCount(ReportValues v, Scope scope) {
        BigDecimal signed = v.headlineNumber(scope, Metric.DEALS_SIGNED_COUNT);
        BigDecimal rate = v.headlineNumber(scope, Metric.DEALS_STARTED_RATE);
        if (signed == null || rate == null) {
            return null;
        }
        return signed.multiply(rate).setScale(0, RoundingMode.HALF_UP);
    }

    public static JFreeChart createDealFollowUpChart(ChartData data, Labels labels, HouseStyle style) {
        JFreeChart chart = ChartFactory.createBarChart(title(labels, DEAL_FOLLOW_UP), null,
                labels.get("chart.axis.count"), data.primary(), PlotOrientation.HORIZONTAL, false, false, false);
        style.apply(chart, true);
        chart.getCategoryPlot().getRenderer().setSeriesPaint(0, HouseStyle.TEAL);
        return chart;
    }

    // ---- events-by-type

    public static ChartData createEventsByTypeDataset(ReportValues v, Labels labels) {
        Map<String, BigDecimal> top = topN(v.ranked(Scope.TO_DATE, Metric.EVENTS_HELD, "event_type"), labels,
                "event_type");
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        top.forEach((member, n) -> d.addValue(n, labels.metricName(Metric.EVENTS_HELD), member));
        return new ChartData(d, null, null);
    }

    public static JFreeChart createEventsByTypeChart(ChartData data, Labels labels, HouseStyle style) {
        JFreeChart chart = ChartFactory.createBarChart(title(labels, EVENTS_BY_TYPE), null,
                labels.metricName(Metric.EVENTS_HELD), data.primary(), PlotOrientation.HORIZONTAL, false, false,
                false);
        style.apply(chart, true);
        return chart;
    }

    // ---- helpers

    /**
     * The first {@link #TOP_N} members (already ranked) with display labels, the rest summed into "other" when
     * more than one member is left.
     */
    static Map<String, BigDecimal> topN(LinkedHashMap<String, BigDecimal> ranked, Labels labels, String dimension) {
        Map<String, BigDecimal> result = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        List<Map.Entry<String, BigDecimal>> entries = new ArrayList<>(ranked.entrySet());
        int shown = entries.size() > TOP_N + 1 ? TOP_N : entries.size();
        BigDecimal rest = BigDecimal.ZERO;
        for (int i = 0; i < entries.size(); i++) {
            if (i < shown) {
                result.put(unique(labels.member(dimension, entries.get(i).getKey()), used), entries.get(i).getValue());
            } else {
                rest = rest.add(entries.get(i).getValue());
            }
        }
        if (shown < entries.size()) {
            result.put(unique(labels.get("member.other"), used), rest);
        }
        return result;
    }

    private static String unique(String label, Set<String> used) {
        String key = label;
        for (int n = 2; !used.add(key); n++) {
            key = label + " (" + n + ")";
        }
        return key;
    }

    private static boolean hasValue(CategoryDataset d) {
        for (int r = 0; r < d.getRowCount(); r++) {
            for (int c = 0; c < d.getColumnCount(); c++) {
                Number n = d.getValue(r, c);
                if (n != null && n.doubleValue() != 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
