package org.festivaloutcomes.job;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.festivaloutcomes.cli.VersionProvider;
import org.festivaloutcomes.engine.SparkRuntime;
import org.festivaloutcomes.ingest.DatasetKind;
import org.festivaloutcomes.ingest.DatasetOutcome;
import org.festivaloutcomes.ingest.IngestResult;
import org.festivaloutcomes.ingest.Ingestor;
import org.festivaloutcomes.ingest.Pseudonymizer;
import org.festivaloutcomes.ingest.StagingStore;
import org.festivaloutcomes.metrics.AttendanceMetrics;
import org.festivaloutcomes.metrics.DealMetrics;
import org.festivaloutcomes.metrics.EventMetrics;
import org.festivaloutcomes.metrics.MetricRequest;
import org.festivaloutcomes.metrics.MetricValue;
import org.festivaloutcomes.metrics.ParticipationMetrics;
import org.festivaloutcomes.metrics.Scope;
import org.festivaloutcomes.model.BadInputException;
import org.festivaloutcomes.model.Festival;
import org.festivaloutcomes.report.DealLine;
import org.festivaloutcomes.report.EditionReport;
import org.festivaloutcomes.report.MetricsCsv;
import org.festivaloutcomes.report.QualitySummary;
import org.festivaloutcomes.report.QuarantineCsv;
import org.festivaloutcomes.report.ReportWriter;
import org.festivaloutcomes.report.RunInfo;
import org.festivaloutcomes.storage.Storage;

/**
 * The monthly run of a job, for one month or a range of months (a backfill): ingest once, then for
 * each month compute every metric of every reported edition (and the same metrics for the month
 * before and the previous edition, by the same code), write its run folder and move it into place.
 */
public final class MonthlyRun {

    public static final int EXIT_OK = 0;
    public static final int EXIT_QUALITY = 3;
    private static final int TOP_DEALS = 15;
    private static final int EXAMPLES_PER_FILE = 5;

    private final SparkRuntime spark;
    private final Job job;
    private final List<YearMonth> periods;
    private final OffsetDateTime runAt;
    private final Consumer<String> progress;
    /** Stages shared by every month of the run (ingestion), then each month's own. */
    private final Map<String, Long> sharedTimings = new LinkedHashMap<>();
    private Map<String, Long> timings = sharedTimings;
    /** The run's metric values came from the store (an earlier run over the same inputs). */
    private boolean metricsReused;

    /**
     * @param runAt the run time shown in the workbooks (pinned for reproducible runs)
     * @param progress receives one line per stage
     */
    public MonthlyRun(SparkRuntime spark, Job job, YearMonth period, OffsetDateTime runAt, Consumer<String> progress) {
        this(spark, job, List.of(period), runAt, progress);
    }

    /** @param periods the months to report on, each into its own run folder, in this order */
    public MonthlyRun(SparkRuntime spark, Job job, List<YearMonth> periods, OffsetDateTime runAt,
            Consumer<String> progress) {
        this.spark = spark;
        this.job = job;
        this.periods = List.copyOf(periods);
        this.runAt = runAt;
        this.progress = progress;
    }

    /** The outcome of a run: its exit code (0 or 3) and the folder now in place (a local path or a URI). */
    public record Result(int exitCode, String folder) {
    }

    /** Runs the single month of this run. */
    public Result run() throws IOException {
        if (periods.size() != 1) {
            throw new IllegalStateException("run() is for one month; use runAll()");
        }
        return runAll().get(0);
    }

    /** Runs every month, in order; a month that fails stops the run (earlier months stay written). */
    public List<Result> runAll() throws IOException {
        OffsetDateTime startedAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        Storage storage = Storage.of(spark.context());
        Path scratchStore = job.storeDir() == null ? scratchStore() : null;
        try {
            Ingestor ingestor = new Ingestor(spark, job.baseDir(), job.jobFile().getFileName().toString(),
                    job.formats(), job.fxToCny(), new Pseudonymizer(job.pseudonymKey()),
                    new StagingStore(scratchStore != null ? scratchStore : job.storeDir()),
                    VersionProvider.build(), progress);
            // structural problems first (exit 2 writes nothing), then claim every month: a second run of
            // the same job and month stops before the long work
            Ingestor.Prepared inputs = ingestor.prepare(job.inputs());
            Map<YearMonth, RunFolder.Claim> claims = new LinkedHashMap<>();
            try {
                for (YearMonth period : periods) {
                    claims.put(period, RunFolder.claim(storage, Storage.resolve(job.jobOutputDir(), period.toString())));
                }
                return runAll(startedAt, ingestor, inputs, claims);
            } finally {
                claims.values().forEach(RunFolder.Claim::close);
            }
        } finally {
            if (scratchStore != null) {
                StagingStore.deleteTree(scratchStore);
            }
        }
    }

    /**
     * A job without a staging store still stages its attendance and deals through one, kept for this run
     * only. It is on the driver's disk, so only where the executors share it: in local mode.
     */
    private Path scratchStore() throws IOException {
        String why = "the job keeps no staging store (store: off" + (Storage.isUri(job.outputRoot())
                ? ", or the output on " + Storage.scheme(job.outputRoot()) + ":// without store:" : "") + ")";
        if (!spark.context().isLocal()) {
            throw new BadInputException(job.jobFile().getFileName() + ": " + why + "; on a cluster set store: to a"
                    + " folder mounted at the same path on the driver and every executor");
        }
        progress.accept("note: " + why + ": every attendance and deals file is parsed in this run");
        return Files.createTempDirectory("festival-outcomes-store-");
    }

    private List<Result> runAll(OffsetDateTime startedAt, Ingestor ingestor, Ingestor.Prepared inputs,
            Map<YearMonth, RunFolder.Claim> claims) throws IOException {
        IngestResult data = timed("ingest", () -> ingestor.ingest(inputs));
        try {
            Map<YearMonth, List<Festival>> reported = new LinkedHashMap<>();
            for (YearMonth period : periods) {
                reported.put(period, reportedEditions(data, period));
            }
            // every month's attendance, its comparisons' too, in one pass over the rows; then the other
            // families for the same requests, each in a few Spark jobs for all of them
            Set<MetricRequest> requests = requests(data, reported);
            // a run over the very inputs of an earlier one (same program and job) gets the same values
            ResultCache cache = job.storeDir() == null ? null : new ResultCache(job.storeDir());
            String key = cache == null ? null : resultKey(data, requests);
            Computed computed = cache == null ? null : cache.find(key, Computed.class).orElse(null);
            metricsReused = computed != null;
            if (computed != null) {
                Computed reused = computed;
                timed("metrics_from_store", () -> reused, c -> count(c.values()) + " values");
            } else {
                Map<MetricRequest, List<MetricValue>> attendance = timed("metrics_attendance",
                        () -> AttendanceMetrics.compute(spark.context(), data.attendanceFacts(), data.eventTable(),
                                requests),
                        values -> count(values) + " values");
                computed = computeAll(data, attendance, requests);
                if (cache != null) {
                    cache.save(key, computed);
                }
            }
            List<Result> results = new ArrayList<>();
            for (YearMonth period : periods) {
                timings = new LinkedHashMap<>(sharedTimings);
                OffsetDateTime monthStartedAt = results.isEmpty() ? startedAt
                        : OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
                RunFolder folder = claims.get(period).begin();
                try {
                    Result result = report(folder, monthStartedAt, data, computed, reported.get(period), period);
                    folder.commit();
                    progress.accept("done: " + folder.target() + folder.pointerNote()
                            + (result.exitCode() == EXIT_QUALITY
                            ? " (exit 3: rejected share above quality.max_rejected_share)" : ""));
                    results.add(result);
                } catch (IOException | RuntimeException | Error e) {
                    folder.abandon();
                    throw e;
                }
            }
            return results;
        } finally {
            data.unpersist();
        }
    }

    /** The job's editions that have started by the end of the month (metrics.md leaves later ones out). */
    private List<Festival> reportedEditions(IngestResult data, YearMonth period) {
        Map<String, Festival> festivals = festivalsById(data);
        List<Festival> reported = new ArrayList<>();
        for (String edition : job.editions()) {
            Festival festival = festivals.get(edition);
            if (festival == null) {
                throw new BadInputException(job.jobFile().getFileName() + ": edition " + edition
                        + " is not an accepted row of festivals (" + job.inputs().get(DatasetKind.FESTIVALS) + ")");
            }
            if (!festival.startDate().isAfter(period.atEndOfMonth())) {
                reported.add(festival);
            }
        }
        return reported;
    }

    private static Map<String, Festival> festivalsById(IngestResult data) {
        Map<String, Festival> festivals = new LinkedHashMap<>();
        data.festivals().forEach(f -> festivals.put(f.festivalId(), f));
        return festivals;
    }

    /**
     * What the months of the run need: each reported edition's month with breakdowns, its month before
     * and its previous edition's matching month as headlines.
     */
    private static Set<MetricRequest> requests(IngestResult data,
            Map<YearMonth, List<Festival>> reported) {
        Map<String, Festival> festivals = festivalsById(data);
        Set<MetricRequest> requests = new LinkedHashSet<>();
        reported.forEach((period, editions) -> {
            for (Festival festival : editions) {
                requests.add(new MetricRequest(festival.festivalId(), period, true));
                requests.add(new MetricRequest(festival.festivalId(), period.minusMonths(1), false));
                Festival previous = previousEdition(festival, festivals);
                if (previous != null) {
                    requests.add(new MetricRequest(previous.festivalId(),
                            period.minusMonths(editionGap(previous, festival)), false));
                }
            }
        });
        return requests;
    }

    private static Festival previousEdition(Festival festival, Map<String, Festival> festivals) {
        return festival.previousEditionId() == null ? null : festivals.get(festival.previousEditionId());
    }

    /** Months between two editions' start months: the previous edition's month matching a month. */
    private static long editionGap(Festival previous, Festival festival) {
        return ChronoUnit.MONTHS.between(YearMonth.from(previous.startDate()), YearMonth.from(festival.startDate()));
    }

    private Result report(RunFolder folder, OffsetDateTime startedAt, IngestResult data, Computed computed,
            List<Festival> reported, YearMonth period) throws IOException {
        Map<String, Festival> festivals = festivalsById(data);
        List<String> ids = reported.stream().map(Festival::festivalId).toList();

        // comparisons come from the same requests, computed by the same code as the month's own values
        List<MetricValue> current = computed.values(ids, period, true);
        Map<String, List<MetricValue>> previousMonth = byFestival(computed.values(ids, period.minusMonths(1), false));
        Map<String, List<MetricValue>> previousEdition = new LinkedHashMap<>();
        for (Festival festival : reported) {
            Festival previous = previousEdition(festival, festivals);
            if (previous != null) {
                previousEdition.put(festival.festivalId(), computed.values(List.of(previous.festivalId()),
                        period.minusMonths(editionGap(previous, festival)), false));
            }
        }

        QualitySummary quality = quality(data.outcomes().values());
        boolean qualityFailed = quality.thresholdExceeded();
        int exitCode = qualityFailed ? EXIT_QUALITY : EXIT_OK;

        Path dir = folder.dir();
        timed("write_metrics", () -> {
            MetricsCsv.write(dir.resolve("metrics.csv"), period, current);
            return current.size();
        }, rows -> rows + " rows");
        timed("write_quarantine", () -> {
            int rows = 0;
            for (DatasetOutcome outcome : data.outcomes().values()) {
                if (!outcome.rejected().isEmpty()) {
                    Files.createDirectories(dir.resolve("quarantine"));
                    QuarantineCsv.write(dir.resolve("quarantine").resolve(outcome.kind().code() + ".csv"),
                            outcome.rejected());
                    rows += outcome.rejected().size();
                }
            }
            return rows;
        }, rows -> rows + " rows");
        RunInfo runInfo = new RunInfo(job.name(), VersionProvider.programVersion(), runAt, inputFiles(data));
        Map<String, List<MetricValue>> currentByFestival = byFestival(current);
        timed("write_workbooks", () -> {
            for (Festival festival : reported) {
                String id = festival.festivalId();
                Festival previous = previousEdition(festival, festivals);
                EditionReport report = new EditionReport(festival, period, job.language(),
                        currentByFestival.getOrDefault(id, List.of()), previousMonth.getOrDefault(id, List.of()),
                        previous, previousEdition.get(id), data.targets().getOrDefault(id, Map.of()),
                        computed.topDeals().getOrDefault(new MetricRequest(id, period, true), List.of()),
                        computed.startedDeals().get(new MetricRequest(id, period, true)), quality,
                        qualityFailed, runInfo);
                ReportWriter.write(report, dir.resolve(id + "-" + period + ".xlsx"), dir.resolve("charts"));
            }
            return reported.size();
        }, workbooks -> workbooks + (workbooks == 1 ? " workbook" : " workbooks"));

        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("job", job.name());
        manifest.put("job_file", job.jobFile().toString());
        manifest.put("period", period.toString());
        manifest.put("editions", ids);
        manifest.put("started_at", startedAt.toString());
        manifest.put("finished_at", OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS).toString());
        manifest.put("exit_code", exitCode);
        manifest.put("versions", Map.of("program", VersionProvider.programVersion(), "spark", spark.version(),
                "java", System.getProperty("java.version")));
        manifest.put("timings_ms", timings);
        manifest.put("inputs", Manifest.inputs(data.outcomes().values()));
        manifest.put("staging_store", storeEntry(data));
        manifest.put("quality", qualityEntry(quality));
        manifest.put("pseudonymisation", Map.of("attendee_id", "SipHash-2-4, key from " + job.pseudonymKeySource()));
        manifest.put("outputs", Manifest.outputs(dir));
        Manifest.write(dir.resolve("manifest.json"), manifest);
        return new Result(exitCode, folder.target());
    }

    /**
     * What a run's values are computed from (see {@link ResultCache}): the program, the job file, the
     * pseudonym key, every input file's content, and the requests.
     */
    private String resultKey(IngestResult data, Set<MetricRequest> requests) throws IOException {
        List<String> parts = new ArrayList<>();
        parts.add("program " + VersionProvider.build());
        // the job file's bytes, whatever they encode: any edit of it gives other values a chance
        parts.add("job " + new String(Files.readAllBytes(job.jobFile()), java.nio.charset.StandardCharsets.ISO_8859_1));
        parts.add("pseudonym key " + new Pseudonymizer(job.pseudonymKey()).fingerprint());
        for (DatasetKind kind : DatasetKind.values()) {
            DatasetOutcome outcome = data.outcomes().get(kind);
            if (outcome != null) {
                outcome.files().forEach(f -> parts.add(kind.code() + " " + f.sha256()));
            }
        }
        requests.stream().map(MetricRequest::toString).sorted().forEach(r -> parts.add("request " + r));
        return ResultCache.key(parts);
    }

    /** Every request's values of every family (headlines only for a request without breakdowns). */
    private record Computed(Map<MetricRequest, List<MetricValue>> values, Map<MetricRequest, List<DealLine>> topDeals,
            Map<MetricRequest, Map<Scope, Long>> startedDeals) implements java.io.Serializable {

        /** The values of the editions' requests for the month, in metrics.csv order. */
        List<MetricValue> values(Collection<String> ids, YearMonth month, boolean breakdowns) {
            List<MetricValue> out = new ArrayList<>();
            for (String id : ids) {
                List<MetricValue> edition = values.get(new MetricRequest(id, month, breakdowns));
                if (edition == null) {
                    throw new IllegalStateException("metrics of " + id + " for " + month + " were not computed");
                }
                out.addAll(edition);
            }
            out.sort(MetricsCsv.ORDER);
            return out;
        }
    }

    /** The participation, deals and events families for every request, added to its attendance values. */
    private Computed computeAll(IngestResult data, Map<MetricRequest, List<MetricValue>> attendance,
            Set<MetricRequest> requests) throws IOException {
        Map<MetricRequest, BigDecimal> foreignShare = new LinkedHashMap<>();
        for (MetricRequest request : requests) {
            foreignShare.put(request, AttendanceMetrics.toDateForeignVisitorShare(attendance.get(request))
                    .get(request.festivalId()));
        }
        Map<MetricRequest, List<MetricValue>> participation = timed("metrics_participation",
                () -> ParticipationMetrics.compute(data.enterpriseTable(), data.festivals(), requests, foreignShare),
                values -> count(values) + " values");
        DealMetrics.Results deals = timed("metrics_deals",
                () -> DealMetrics.compute(spark.context(), data.dealFacts(), data.enterpriseTable(), requests,
                        TOP_DEALS),
                results -> count(results.values()) + " values");
        Map<MetricRequest, List<MetricValue>> events = timed("metrics_events",
                () -> EventMetrics.compute(data.eventTable(), requests), values -> count(values) + " values");
        Map<MetricRequest, List<MetricValue>> values = new LinkedHashMap<>();
        for (MetricRequest request : requests) {
            List<MetricValue> all = new ArrayList<>(attendance.get(request));
            all.addAll(participation.get(request));
            all.addAll(deals.values().get(request));
            all.addAll(events.get(request));
            values.put(request, all);
        }
        return new Computed(values, deals.topDeals(), deals.started());
    }

    private static int count(Map<MetricRequest, List<MetricValue>> values) {
        return values.values().stream().mapToInt(List::size).sum();
    }

    private static Map<String, List<MetricValue>> byFestival(List<MetricValue> values) {
        Map<String, List<MetricValue>> result = new LinkedHashMap<>();
        for (MetricValue value : values) {
            result.computeIfAbsent(value.festivalId(), k -> new ArrayList<>()).add(value);
        }
        return result;
    }

    private QualitySummary quality(Collection<DatasetOutcome> outcomes) {
        List<QualitySummary.DatasetQuality> datasets = new ArrayList<>();
        for (DatasetOutcome outcome : outcomes) {
            List<QualitySummary.FileQuality> files = new ArrayList<>();
            for (DatasetOutcome.FileOutcome file : outcome.files()) {
                List<QualitySummary.RejectedRow> examples = outcome.rejected().stream()
                        .filter(r -> r.sourceFile().equals(file.displayPath())).limit(EXAMPLES_PER_FILE)
                        .map(r -> new QualitySummary.RejectedRow(r.sourceFile(), r.recordNumber(), r.reasonCode(),
                                r.column(), r.detail(), r.raw()))
                        .toList();
                files.add(new QualitySummary.FileQuality(file.displayPath(), file.rowsRead(), file.rowsAccepted(),
                        file.rowsRejected(), file.rejectedByReason(), examples));
            }
            datasets.add(new QualitySummary.DatasetQuality(outcome.kind().code(), files));
        }
        return new QualitySummary(job.maxRejectedShare(), datasets);
    }

    private static Map<String, Object> qualityEntry(QualitySummary quality) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("max_rejected_share", quality.maxRejectedShare());
        Map<String, Object> datasets = new LinkedHashMap<>();
        for (QualitySummary.DatasetQuality dataset : quality.datasets()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("rows_read", dataset.rowsRead());
            d.put("rows_rejected", dataset.rowsRejected());
            d.put("rejected_share", dataset.rejectedShare());
            datasets.put(dataset.dataset(), d);
        }
        entry.put("datasets", datasets);
        entry.put("threshold_exceeded", quality.thresholdExceeded());
        return entry;
    }

    private static List<RunInfo.InputFile> inputFiles(IngestResult data) {
        List<RunInfo.InputFile> files = new ArrayList<>();
        for (DatasetKind kind : DatasetKind.values()) {
            DatasetOutcome outcome = data.outcomes().get(kind);
            if (outcome != null) {
                outcome.files().forEach(f -> files.add(new RunInfo.InputFile(kind.code(), f.displayPath(),
                        f.sha256(), f.bytes())));
            }
        }
        return files;
    }

    /** Cache hits of the staging store: attendance and deals files read from it, and files parsed. */
    private Map<String, Object> storeEntry(IngestResult data) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("path", job.storeDir() == null ? "off" : job.storeDir().toString());
        long reused = 0;
        long parsed = 0;
        for (DatasetKind kind : List.of(DatasetKind.ATTENDANCE, DatasetKind.DEALS)) {
            for (DatasetOutcome.FileOutcome file : data.outcomes().get(kind).files()) {
                if (file.reused()) {
                    reused++;
                } else {
                    parsed++;
                }
            }
        }
        entry.put("metrics_reused", metricsReused);
        entry.put("files_reused", reused);
        entry.put("files_parsed", parsed);
        entry.put("duplicate_checks_reused", List.of(DatasetKind.ATTENDANCE, DatasetKind.DEALS).stream()
                .filter(kind -> data.outcomes().get(kind).keyCheckReused()).map(DatasetKind::code).toList());
        return entry;
    }

    private interface Stage<T> {
        T get() throws IOException;
    }

    private <T> T timed(String stage, Stage<T> work) throws IOException {
        return timed(stage, work, null);
    }

    /** Runs a stage, records its time and prints one progress line (with what it made, when given). */
    private <T> T timed(String stage, Stage<T> work, java.util.function.Function<T, String> made)
            throws IOException {
        long started = System.nanoTime();
        T result = work.get();
        long millis = (System.nanoTime() - started) / 1_000_000;
        timings.put(stage, millis);
        if (!stage.equals("ingest")) {
            progress.accept(String.format(java.util.Locale.ROOT, "%-29s %-16s %6.1f s", stage,
                    made == null ? "" : made.apply(result), millis / 1000.0));
        }
        return result;
    }
}
