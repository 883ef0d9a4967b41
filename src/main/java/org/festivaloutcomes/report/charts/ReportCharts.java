package org.festivaloutcomes.report.charts;

import java.math.BigDecimal;
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
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The charts of an edition report. Each chart has a {@code create...Dataset} method (data from the report, labels
 * in the report's language) and a {@code create...Chart} method (the drawing, in the house style). Every chart is
 * drawn: one without data shows its title and "no data" instead of empty axes.
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

    /** Bars shown before the rest is folded into "other" (additive breakdowns) or left out (overlapping ones). */
    public static final int TOP_N = 10;

    private ReportCharts() {
    }

    /**
     * A chart's data: the main dataset and, for two-axis charts, the second one; a label the chart shows with
     * the data (the money unit of the values, or the day axis's label; may be null) and a note drawn under the
     * title (null for none).
     */
    public record ChartData(CategoryDataset primary, CategoryDataset secondary, String unitLabel, String note) {
        public ChartData(CategoryDataset primary, CategoryDataset secondary, String unitLabel) {
            this(primary, secondary, unitLabel, null);
        }

        public boolean isEmpty() {
            return !HouseStyle.hasValue(primary) && (secondary == null || !HouseStyle.hasValue(secondary));
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
            if (note != null) {
                texts.add(note);
            }
            return texts;
        }
    }

    private record Spec(String name, MetricFamily family, ChartData data,
            Function<HouseStyle, JFreeChart> chart, List<String> labels) {
    }

    /** Draws every chart of the report as PNG, in {@link #NAMES} order. */
    public static List<ChartImage> render(EditionReport report, Labels labels) {
        ReportValues v = new ReportValues(report.metrics());
        List<Spec> specs = new ArrayList<>();
        ChartData byDay = createAttendanceByDayDataset(v, labels);
        specs.add(new Spec(ATTENDANCE_BY_DAY, MetricFamily.ATTENDANCE, byDay,
                s -> createAttendanceByDayChart(byDay, labels, s),
                List.of(title(labels, ATTENDANCE_BY_DAY), labels.get("chart.axis.count"))));
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
                List.of(title(labels, PARTICIPANTS_BY_PAVILION), labels.get("chart.axis.participants"),
                        labels.get("chart.axis.sqm"))));
        ChartData signed = createSignedValueByIndustryDataset(v, labels);
        specs.add(new Spec(SIGNED_VALUE_BY_INDUSTRY, MetricFamily.DEALS, signed,
                s -> createSignedValueByIndustryChart(signed, labels, s),
                List.of(labels.format("chart." + SIGNED_VALUE_BY_INDUSTRY, signed.unitLabel()))));
        ChartData followUp = createDealFollowUpDataset(v, report.startedCount(Scope.TO_DATE), labels);
        specs.add(new Spec(DEAL_FOLLOW_UP, MetricFamily.DEALS, followUp,
                s -> createDealFollowUpChart(followUp, labels, s),
                List.of(title(labels, DEAL_FOLLOW_UP), labels.get("chart.axis.count"))));
        ChartData events = createEventsByTypeDataset(v, labels);
        specs.add(new Spec(EVENTS_BY_TYPE, MetricFamily.EVENTS, events,
                s -> createEventsByTypeChart(events, labels, s),
                List.of(title(labels, EVENTS_BY_TYPE), labels.metricName(Metric.EVENTS_HELD))));

        List<String> texts = new ArrayList<>();
        texts.add(labels.get("chart.no_data"));
        for (Spec sp : specs) {
            texts.addAll(sp.labels());
            texts.addAll(sp.data().texts());
        }
        HouseStyle style = new HouseStyle(ChartFonts.choose(texts), labels.get("chart.no_data"));
        List<ChartImage> images = new ArrayList<>();
        for (Spec sp : specs) {
            images.add(new ChartImage(sp.name(), sp.family(), HouseStyle.png(sp.chart().apply(style))));
        }
        return images;
    }

    private static String title(Labels labels, String chart) {
        return labels.get("chart." + chart);
    }

    // ---- attendance-by-day

    /**
     * Visits and visitors of each day (to date). A person counts once a day in both, so the two are equal on
     * every day unless the data says otherwise; equal series are drawn as one, named for both.
     */
    public static ChartData createAttendanceByDayDataset(ReportValues v, Labels labels) {
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        List<Metric> metrics = List.of(Metric.ATTENDANCE_VISITS, Metric.ATTENDANCE_VISITORS);
        List<String> days = v.members("day", List.of(Scope.TO_DATE), metrics);
        boolean same = true;
        for (String day : days) {
            BigDecimal visits = v.memberNumber(Scope.TO_DATE, Metric.ATTENDANCE_VISITS, "day", day);
            BigDecimal visitors = v.memberNumber(Scope.TO_DATE, Metric.ATTENDANCE_VISITORS, "day", day);
            same &= visits != null && visitors != null && visits.compareTo(visitors) == 0;
        }
        boolean oneYear = days.stream().map(day -> day.substring(0, Math.min(4, day.length()))).distinct()
                .count() <= 1;
        for (String day : days) {
            // within one year the year is in the axis label: the ticks show month-day only
            String key = oneYear && day.length() == 10 ? day.substring(5) : day;
            if (same) {
                d.addValue(v.memberNumber(Scope.TO_DATE, Metric.ATTENDANCE_VISITS, "day", day),
                        labels.get("chart.same_day"), key);
            } else {
                for (Metric m : metrics) {
                    d.addValue(v.memberNumber(Scope.TO_DATE, m, "day", day), labels.metricName(m), key);
                }
            }
        }
        String axis = oneYear && !days.isEmpty() && days.get(0).length() == 10
                ? labels.format("chart.axis.day_year", days.get(0).substring(0, 4)) : labels.get("chart.axis.day");
        return new ChartData(d, null, axis);
    }

    public static JFreeChart createAttendanceByDayChart(ChartData data, Labels labels, HouseStyle style) {
        JFreeChart chart = ChartFactory.createBarChart(title(labels, ATTENDANCE_BY_DAY), data.unitLabel(),
                labels.get("chart.axis.count"), data.primary(), PlotOrientation.VERTICAL, true, false, false);
        style.apply(chart, true, null);
        if (data.primary().getColumnCount() * data.primary().getRowCount() > 16) {
            chart.getCategoryPlot().getRenderer().setDefaultItemLabelsVisible(false);
        }
        return chart;
    }

    // ---- visits-by-section / pavilion / district

    /**
     * The members with the most visits. Members can overlap (a person's visit counts for every section it went
     * to), so the rest is not summed into an "other" bar: the chart says how many are left out.
     */
    public static ChartData createVisitsByDataset(ReportValues v, Labels labels, String dimension) {
        LinkedHashMap<String, BigDecimal> ranked = v.ranked(Scope.TO_DATE, Metric.ATTENDANCE_VISITS, dimension);
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        Set<String> used = new HashSet<>();
        int shown = 0;
        for (Map.Entry<String, BigDecimal> e : ranked.entrySet()) {
            if (shown++ == TOP_N) {
                break;
            }
            d.addValue(e.getValue(), labels.metricName(Metric.ATTENDANCE_VISITS),
                    unique(labels.member(dimension, e.getKey()), used));
        }
        return new ChartData(d, null, null, leftOutNote(labels, ranked.size()));
    }

    public static JFreeChart createVisitsByChart(String name, ChartData data, Labels labels, HouseStyle style) {
        JFreeChart chart = ChartFactory.createBarChart(title(labels, name), null,
                labels.metricName(Metric.ATTENDANCE_VISITS), data.primary(), PlotOrientation.HORIZONTAL, false,
                false, false);
        style.apply(chart, true, data.note());
        return chart;
    }

    // ---- participants-by-pavilion

    /**
     * Participants and net space of the pavilions with the most participants. An enterprise can take part in
     * several pavilions, so the rest is not summed into an "other" bar: the chart says how many are left out.
     */
    public static ChartData createParticipantsByPavilionDataset(ReportValues v, Labels labels) {
        LinkedHashMap<String, BigDecimal> ranked =
                v.ranked(Scope.EDITION, Metric.PARTICIPATION_PARTICIPANTS, "pavilion");
        DefaultCategoryDataset participants = new DefaultCategoryDataset();
        DefaultCategoryDataset space = new DefaultCategoryDataset();
        Set<String> used = new HashSet<>();
        String pName = labels.metricName(Metric.PARTICIPATION_PARTICIPANTS);
        String sName = labels.metricName(Metric.PARTICIPATION_NET_SPACE_SQM);
        int shown = 0;
        for (Map.Entry<String, BigDecimal> e : ranked.entrySet()) {
            if (shown++ == TOP_N) {
                break;
            }
            String key = unique(labels.member("pavilion", e.getKey()), used);
            participants.addValue(e.getValue(), pName, key);
            space.addValue(v.memberNumber(Scope.EDITION, Metric.PARTICIPATION_NET_SPACE_SQM, "pavilion",
                    e.getKey()), sName, key);
        }
        return new ChartData(participants, space, null, leftOutNote(labels, ranked.size()));
    }

    public static JFreeChart createParticipantsByPavilionChart(ChartData data, Labels labels, HouseStyle style) {
        String title = title(labels, PARTICIPANTS_BY_PAVILION);
        if (data.isEmpty()) {
            // a combined plot draws only its subplots: the no-data message needs a plain plot
            JFreeChart chart = ChartFactory.createBarChart(title, null, null, data.primary(),
                    PlotOrientation.HORIZONTAL, false, false, false);
            style.apply(chart, true, null);
            return chart;
        }
        // two panels side by side sharing the pavilion names: each quantity on its own axis, no label collisions
        CategoryAxis pavilions = new CategoryAxis();
        CombinedDomainCategoryPlot plot = new CombinedDomainCategoryPlot(pavilions);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setGap(24);
        BarRenderer left = new BarRenderer();
        BarRenderer right = new BarRenderer();
        plot.add(new CategoryPlot(data.primary(), null, new NumberAxis(labels.get("chart.axis.participants")),
                left), 1);
        plot.add(new CategoryPlot(data.secondary(), null, new NumberAxis(labels.get("chart.axis.sqm")), right), 1);
        for (Object sub : plot.getSubplots()) {
            ((CategoryPlot) sub).setOrientation(PlotOrientation.HORIZONTAL);
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        style.apply(chart, true, data.note());
        left.setSeriesPaint(0, HouseStyle.NAVY);
        right.setSeriesPaint(0, HouseStyle.AMBER);
        return chart;
    }

    // ---- signed-value-by-industry

    /** Signed value by industry; a deal has one industry, so the industries past the first ten add up to "other". */
    public static ChartData createSignedValueByIndustryDataset(ReportValues v, Labels labels) {
        Map<String, BigDecimal> top = additiveTopN(v.ranked(Scope.TO_DATE, Metric.DEALS_SIGNED_VALUE, "industry"),
                labels, "industry");
        MoneyScale scale = MoneyScale.choose(labels.language(), top.values());
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        top.forEach((member, n) -> d.addValue(scale.apply(n), labels.metricName(Metric.DEALS_SIGNED_VALUE), member));
        return new ChartData(d, null, scale.label(labels));
    }

    public static JFreeChart createSignedValueByIndustryChart(ChartData data, Labels labels, HouseStyle style) {
        String title = labels.format("chart." + SIGNED_VALUE_BY_INDUSTRY, data.unitLabel());
        JFreeChart chart = ChartFactory.createBarChart(title, null, data.unitLabel(), data.primary(),
                PlotOrientation.HORIZONTAL, false, false, false);
        style.apply(chart, false, data.note());
        return chart;
    }

    // ---- deal-follow-up

    /**
     * The funnel of signed projects to date: signed, landed and started. The started count is DealMetrics's own
     * (not rate x signed), so it is exact whatever the rate's rounding.
     */
    public static ChartData createDealFollowUpDataset(ReportValues v, Long started, Labels labels) {
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        BigDecimal signed = v.headlineNumber(Scope.TO_DATE, Metric.DEALS_SIGNED_COUNT);
        if (signed == null || signed.signum() == 0) {
            return new ChartData(d, null, null);
        }
        String series = labels.metricName(Metric.DEALS_SIGNED_COUNT);
        d.addValue(signed, series, labels.get("followup.signed"));
        d.addValue(v.headlineNumber(Scope.TO_DATE, Metric.DEALS_LANDED_COUNT), series, labels.get("followup.landed"));
        d.addValue(started, series, labels.get("followup.started"));
        return new ChartData(d, null, null);
    }

    public static JFreeChart createDealFollowUpChart(ChartData data, Labels labels, HouseStyle style) {
        JFreeChart chart = ChartFactory.createBarChart(title(labels, DEAL_FOLLOW_UP), null,
                labels.get("chart.axis.count"), data.primary(), PlotOrientation.HORIZONTAL, false, false, false);
        style.apply(chart, true, data.note());
        chart.getCategoryPlot().getRenderer().setSeriesPaint(0, HouseStyle.TEAL);
        return chart;
    }

    // ---- events-by-type

    /** Events held by type; an event has one type, so the types past the first ten add up to "other". */
    public static ChartData createEventsByTypeDataset(ReportValues v, Labels labels) {
        Map<String, BigDecimal> top = additiveTopN(v.ranked(Scope.TO_DATE, Metric.EVENTS_HELD, "event_type"), labels,
                "event_type");
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        top.forEach((member, n) -> d.addValue(n, labels.metricName(Metric.EVENTS_HELD), member));
        return new ChartData(d, null, null);
    }

    public static JFreeChart createEventsByTypeChart(ChartData data, Labels labels, HouseStyle style) {
        JFreeChart chart = ChartFactory.createBarChart(title(labels, EVENTS_BY_TYPE), null,
                labels.metricName(Metric.EVENTS_HELD), data.primary(), PlotOrientation.HORIZONTAL, false, false,
                false);
        style.apply(chart, true, data.note());
        return chart;
    }

    // ---- helpers

    /**
     * The first {@link #TOP_N} members (already ranked) with display labels, the rest summed into "other (n)"
     * when more than one member is left. Only for breakdowns whose members cannot overlap (each row has exactly
     * one member), where the sum of the rest is what the "other" bar claims to be.
     */
    static Map<String, BigDecimal> additiveTopN(LinkedHashMap<String, BigDecimal> ranked, Labels labels,
            String dimension) {
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
            result.put(unique(labels.format("chart.other_n", entries.size() - shown), used), rest);
        }
        return result;
    }

    /** The note of a chart that shows only the first {@link #TOP_N} of {@code members}, or null. */
    private static String leftOutNote(Labels labels, int members) {
        return members > TOP_N ? labels.format("chart.top_n", TOP_N, members) : null;
    }

    private static String unique(String label, Set<String> used) {
        String key = label;
        for (int n = 2; !used.add(key); n++) {
            key = label + " (" + n + ")";
        }
        return key;
    }

}
