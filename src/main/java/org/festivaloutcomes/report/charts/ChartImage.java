package org.festivaloutcomes.report.charts;

import org.festivaloutcomes.metrics.MetricFamily;

/** A rendered chart: its file name part (e.g. {@code visits-by-pavilion}), the sheet it belongs to, PNG bytes. */
public record ChartImage(String name, MetricFamily family, byte[] png) {
}
