package org.festivaloutcomes.report.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.CategoryItemRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;

/** The one look of every chart: white, navy/teal/amber, light gridlines, thousands separators, one font. */
public final class HouseStyle {

    public static final Color NAVY = new Color(0x1F, 0x3A, 0x5F);
    public static final Color TEAL = new Color(0x2A, 0x9D, 0x8F);
    public static final Color AMBER = new Color(0xE9, 0xA2, 0x3B);
    private static final Color[] PALETTE = {NAVY, TEAL, AMBER};
    private static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
    private static final Color AXIS = new Color(0x88, 0x88, 0x88);
    private static final Color TEXT = new Color(0x33, 0x33, 0x33);

    /**
     * Logical size, the size a chart has on its sheet (in pixels at 100 % zoom); the PNG is drawn at 2.5 times
     * this (1600 x 900 pixels), about 300 dpi where a printed page shows it some 13 cm wide.
     */
    public static final int WIDTH = 640;
    public static final int HEIGHT = 360;
    public static final double SCALE = 2.5;

    private final String fontFamily;
    private final String noDataMessage;

    public HouseStyle(String fontFamily, String noDataMessage) {
        this.fontFamily = fontFamily;
        this.noDataMessage = noDataMessage;
    }

    public String fontFamily() {
        return fontFamily;
    }

    /** Whole numbers with thousands separators, rounded half-up like every figure of the report. */
    public static NumberFormat integerFormat() {
        DecimalFormat f = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.US));
        f.setRoundingMode(java.math.RoundingMode.HALF_UP);
        return f;
    }

    public static NumberFormat decimalFormat() {
        DecimalFormat f = new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.US));
        f.setRoundingMode(java.math.RoundingMode.HALF_UP);
        return f;
    }

    private Font font(int style, int size) {
        return new Font(fontFamily, style, size);
    }

    /**
     * Applies the house style to a category chart; {@code integers} for count axes, {@code note} a line under
     * the title (null for none). A chart whose datasets hold no value other than 0 shows the no-data message
     * in place of empty axes.
     */
    public void apply(JFreeChart chart, boolean integers, String note) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setPadding(new RectangleInsets(6, 6, 6, 14));
        TextTitle title = chart.getTitle();
        if (title != null) {
            title.setFont(font(Font.BOLD, 15));
            title.setPaint(NAVY);
            title.setPadding(new RectangleInsets(2, 4, 6, 4));
        }
        CategoryPlot plot = chart.getCategoryPlot();
        List<CategoryPlot> plots = plot instanceof CombinedDomainCategoryPlot combined ? combined.getSubplots()
                : List.of(plot);
        boolean empty = true;
        for (CategoryPlot p : plots) {
            for (int i = 0; i < p.getDatasetCount(); i++) {
                empty &= !hasValue(p.getDataset(i));
            }
        }
        if (empty) {
            noData(chart);
            return;
        }
        if (note != null) {
            TextTitle subtitle = new TextTitle(note, font(Font.PLAIN, 11));
            subtitle.setPaint(TEXT);
            subtitle.setPadding(new RectangleInsets(0, 4, 6, 4));
            chart.addSubtitle(0, subtitle);
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setItemFont(font(Font.PLAIN, 12));
            legend.setItemPaint(TEXT);
            legend.setFrame(BlockBorder.NONE);
            legend.setBackgroundPaint(Color.WHITE);
            legend.setPosition(RectangleEdge.TOP);
        }
        for (CategoryPlot p : plots) {
            stylePlot(p, integers);
        }
        if (plot != plots.get(0)) {
            styleDomainAxis(plot);
        }
    }

    /** One plot: white, horizontal gridlines only, styled axes and renderers. */
    private void stylePlot(CategoryPlot plot, boolean integers) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(true);
        plot.setRangeGridlinePaint(GRID);
        plot.setRangeGridlineStroke(new BasicStroke(0.8f));
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.FORWARD);
        if (plot.getOrientation() == PlotOrientation.HORIZONTAL) {
            plot.setRangeAxisLocation(org.jfree.chart.axis.AxisLocation.BOTTOM_OR_RIGHT);
        }
        if (plot.getDomainAxis() != null) {
            styleDomainAxis(plot);
        }
        for (int i = 0; i < plot.getRangeAxisCount(); i++) {
            ValueAxis axis = plot.getRangeAxis(i);
            if (axis == null) {
                continue;
            }
            styleAxis(axis);
            if (axis instanceof NumberAxis n) {
                boolean ints = integers && i == 0;
                n.setNumberFormatOverride(ints ? integerFormat() : decimalFormat());
                if (ints) {
                    n.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
                }
                n.setAutoRangeIncludesZero(true);
                // horizontal bars carry their value label past their end: leave room for the longest one
                n.setUpperMargin(plot.getOrientation() == PlotOrientation.HORIZONTAL ? 0.2 : 0.12);
            }
        }
        for (int i = 0; i < plot.getRendererCount(); i++) {
            CategoryItemRenderer r = plot.getRenderer(i);
            if (r != null) {
                styleRenderer(r, i, integers && i == 0, plot.getOrientation());
            }
        }
    }

    private void styleDomainAxis(CategoryPlot plot) {
        CategoryAxis domain = plot.getDomainAxis();
        styleAxis(domain);
        domain.setCategoryMargin(0.15);
        domain.setMaximumCategoryLabelLines(2);
        if (plot.getOrientation() == PlotOrientation.VERTICAL && plot.getCategories().size() > 8) {
            domain.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        if (plot.getOrientation() == PlotOrientation.HORIZONTAL) {
            // names of pavilions, industries... are long: give them up to 40 % of the width before abbreviating
            domain.setMaximumCategoryLabelWidthRatio(0.4f);
        }
    }

    /** Title, no axes, no legend, and the no-data message in the middle. */
    private void noData(JFreeChart chart) {
        CategoryPlot plot = chart.getCategoryPlot();
        for (int i = 0; i < plot.getDatasetCount(); i++) {
            if (plot.getDataset(i) != null) {
                plot.setDataset(i, new DefaultCategoryDataset());
            }
        }
        if (chart.getLegend() != null) {
            chart.getLegend().setVisible(false);
        }
        plot.setBackgroundPaint(new Color(0xF4, 0xF6, 0xF8));
        plot.setOutlineVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.getDomainAxis().setVisible(false);
        for (int i = 0; i < plot.getRangeAxisCount(); i++) {
            if (plot.getRangeAxis(i) != null) {
                plot.getRangeAxis(i).setVisible(false);
            }
        }
        plot.setNoDataMessage(noDataMessage);
        plot.setNoDataMessageFont(font(Font.PLAIN, 16));
        plot.setNoDataMessagePaint(AXIS);
    }

    static boolean hasValue(CategoryDataset d) {
        if (d == null) {
            return false;
        }
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

    private void styleAxis(org.jfree.chart.axis.Axis axis) {
        axis.setTickLabelFont(font(Font.PLAIN, 11));
        axis.setLabelFont(font(Font.PLAIN, 12));
        axis.setTickLabelPaint(TEXT);
        axis.setLabelPaint(TEXT);
        axis.setAxisLinePaint(AXIS);
        axis.setTickMarkPaint(AXIS);
    }

    private void styleRenderer(CategoryItemRenderer r, int index, boolean integers, PlotOrientation orientation) {
        NumberFormat format = integers ? integerFormat() : decimalFormat();
        if (r instanceof BarRenderer bar) {
            bar.setBarPainter(new StandardBarPainter());
            bar.setShadowVisible(false);
            bar.setDrawBarOutline(false);
            bar.setItemMargin(0.04);
            bar.setMaximumBarWidth(0.12);
        }
        if (r instanceof LineAndShapeRenderer line) {
            line.setDefaultShapesVisible(true);
            line.setDefaultShapesFilled(true);
            line.setDefaultStroke(new BasicStroke(2.5f));
        }
        int series = 3;
        for (int s = 0; s < series; s++) {
            Paint paint = PALETTE[(index + s) % PALETTE.length];
            r.setSeriesPaint(s, paint);
            if (r instanceof LineAndShapeRenderer line) {
                line.setSeriesShape(s, new Ellipse2D.Double(-5, -5, 10, 10));
                line.setSeriesStroke(s, new BasicStroke(2.5f));
            }
        }
        r.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", format));
        r.setDefaultItemLabelsVisible(true);
        r.setDefaultItemLabelFont(font(Font.PLAIN, 10));
        r.setDefaultItemLabelPaint(TEXT);
        if (orientation == PlotOrientation.HORIZONTAL) {
            r.setDefaultPositiveItemLabelPosition(
                    new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
        } else {
            r.setDefaultPositiveItemLabelPosition(
                    new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_CENTER));
        }
    }

    /** Renders at print quality: 1600 x 900 pixels (640 x 360 drawn at scale 2.5). */
    public static byte[] png(JFreeChart chart) {
        BufferedImage image = new BufferedImage((int) Math.round(WIDTH * SCALE), (int) Math.round(HEIGHT * SCALE),
                BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.scale(SCALE, SCALE);
            chart.draw(g, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
        } finally {
            g.dispose();
        }
        return Png.encode(image);
    }
}
