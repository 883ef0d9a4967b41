package org.festivaloutcomes.ingest;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.festivaloutcomes.metrics.Metric;
import org.festivaloutcomes.metrics.SmallTable;
import org.festivaloutcomes.model.Festival;

/**
 * The accepted, typed rows of every dataset (schemas of {@link Staged}) and what happened to each input
 * file. A run reads attendance and deals from their facts and events and enterprises from rows on the
 * driver; the Datasets of the same rows are made only when asked for (tests, the Dataset forms of the
 * metric functions), so that a run plans no Spark query for them.
 */
public final class IngestResult {

    private final List<Festival> festivals;
    private final List<Row> eventRows;
    private final List<Row> enterpriseRows;
    private final LazyDataset events;
    private final LazyDataset enterprises;
    private final LazyDataset attendance;
    private final LazyDataset deals;
    private final Map<String, Map<Metric, BigDecimal>> targets;
    private final Map<DatasetKind, DatasetOutcome> outcomes;
    private final AttendanceFacts attendanceFacts;
    private final DealFacts dealFacts;

    /**
     * @param eventRows the accepted events, each with {@link Staged#EVENTS}' fields in order
     * @param enterpriseRows the accepted enterprises, each with {@link Staged#ENTERPRISES}' fields in order
     * @param targets festival_id to metric to target
     * @param outcomes per dataset, in the contract's order; targets only when the job has them
     * @param attendanceFacts the accepted attendance rows as the attendance pass reads them
     *     ({@link AttendanceFacts})
     * @param dealFacts the accepted deal rows, in sections by deal ({@link DealFacts})
     */
    IngestResult(List<Festival> festivals, List<Row> eventRows, Supplier<Dataset<Row>> events,
            List<Row> enterpriseRows, Supplier<Dataset<Row>> enterprises, Supplier<Dataset<Row>> attendance,
            Supplier<Dataset<Row>> deals, Map<String, Map<Metric, BigDecimal>> targets,
            Map<DatasetKind, DatasetOutcome> outcomes, AttendanceFacts attendanceFacts, DealFacts dealFacts) {
        this.festivals = festivals;
        this.eventRows = List.copyOf(eventRows);
        this.enterpriseRows = List.copyOf(enterpriseRows);
        this.events = new LazyDataset(events);
        this.enterprises = new LazyDataset(enterprises);
        this.attendance = new LazyDataset(attendance);
        this.deals = new LazyDataset(deals);
        this.targets = targets;
        this.outcomes = outcomes;
        this.attendanceFacts = attendanceFacts;
        this.dealFacts = dealFacts;
    }

    public List<Festival> festivals() {
        return festivals;
    }

    /** The accepted events on the driver. */
    public SmallTable eventTable() {
        return SmallTable.of(eventRows, Staged.EVENTS);
    }

    /** The accepted enterprises on the driver. */
    public SmallTable enterpriseTable() {
        return SmallTable.of(enterpriseRows, Staged.ENTERPRISES);
    }

    /** The accepted events as a Dataset (persisted), made at the first call. */
    public Dataset<Row> events() {
        return events.get();
    }

    /** The accepted enterprises as a Dataset (persisted), made at the first call. */
    public Dataset<Row> enterprises() {
        return enterprises.get();
    }

    /** The accepted attendance rows as a Dataset: a lazy parse of the files, made at the first call. */
    public Dataset<Row> attendance() {
        return attendance.get();
    }

    /** The accepted deal rows as a Dataset: a lazy parse of the files, made at the first call. */
    public Dataset<Row> deals() {
        return deals.get();
    }

    public Map<String, Map<Metric, BigDecimal>> targets() {
        return targets;
    }

    public Map<DatasetKind, DatasetOutcome> outcomes() {
        return outcomes;
    }

    public AttendanceFacts attendanceFacts() {
        return attendanceFacts;
    }

    public DealFacts dealFacts() {
        return dealFacts;
    }

    /** Releases the Datasets that were made and persisted. */
    public void unpersist() {
        for (LazyDataset dataset : List.of(events, enterprises, attendance, deals)) {
            dataset.unpersist();
        }
    }

    /** A Dataset made at the first call, once. */
    private static final class LazyDataset {
        private final Supplier<Dataset<Row>> make;
        private Dataset<Row> made;

        LazyDataset(Supplier<Dataset<Row>> make) {
            this.make = make;
        }

        synchronized Dataset<Row> get() {
            if (made == null) {
                made = make.get();
            }
            return made;
        }

        synchronized void unpersist() {
            if (made != null) {
                made.unpersist();
            }
        }
    }
}
