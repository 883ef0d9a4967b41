package org.festivaloutcomes.report;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.festivaloutcomes.metrics.Metric;
import org.festivaloutcomes.metrics.MetricValue;
import org.festivaloutcomes.metrics.Scope;
import org.festivaloutcomes.model.Festival;

/**
 * Everything the workbook and charts of one edition show; built by the job layer, read by the report
 * layer.
 *
 * @param metrics every value of metrics.csv for this edition and period (headlines and breakdowns)
 * @param previousMonth headline values of the month before, same edition (scopes month and to_date)
 * @param previousEdition headline values of the previous edition at the same point of its run
 *     (to_date and edition scopes), or null when there is none among the inputs
 * @param targets the targets of targets.csv for this edition
 * @param topDeals deals in scope (to_date), largest first
 * @param startedDeals deals started, producing or completed by scope (the count behind deals.started_rate,
 *     from DealMetrics; not a row of metrics.csv), for the follow-up of signed projects
 * @param qualityFailed true when the run ends with exit 3
 */
public record EditionReport(Festival festival, YearMonth period, Language language, List<MetricValue> metrics,
        List<MetricValue> previousMonth, Festival previousEditionFestival, List<MetricValue> previousEdition,
        Map<Metric, BigDecimal> targets, List<DealLine> topDeals, Map<Scope, Long> startedDeals,
        QualitySummary quality, boolean qualityFailed,
        RunInfo run) {

    /** Deals started, producing or completed in the scope (from DealMetrics), or null when not supplied. */
    public Long startedCount(Scope scope) {
        return startedDeals == null ? null : startedDeals.get(scope);
    }
}
