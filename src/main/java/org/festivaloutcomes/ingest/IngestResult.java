package org.festivaloutcomes.ingest;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.festivaloutcomes.metrics.Metric;
import org.festivaloutcomes.model.Festival;

/**
 * The accepted, typed rows of every dataset (schemas of {@link Staged}, persisted) and what happened
 * to each input file.
 *
 * @param targets festival_id to metric to target
 * @param outcomes per dataset, in the contract's order; targets only when the job has them
 * @param attendanceFacts the accepted attendance rows again, compactly, or null when they cannot be
 *     used ({@link AttendanceFacts})
 * @param dealFacts the accepted deal rows again, in sections by deal, or null ({@link DealFacts})
 */
public record IngestResult(List<Festival> festivals, Dataset<Row> events, Dataset<Row> enterprises,
        Dataset<Row> attendance, Dataset<Row> deals, Map<String, Map<Metric, BigDecimal>> targets,
        Map<DatasetKind, DatasetOutcome> outcomes, AttendanceFacts attendanceFacts, DealFacts dealFacts) {

    public void unpersist() {
        events.unpersist();
        enterprises.unpersist();
        attendance.unpersist();
        deals.unpersist();
    }
}
