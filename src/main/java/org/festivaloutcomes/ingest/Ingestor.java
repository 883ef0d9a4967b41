package org.festivaloutcomes.ingest;


import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.festivaloutcomes.engine.SparkRuntime;
import org.festivaloutcomes.metrics.Metric;
import org.festivaloutcomes.model.Festival;
import org.festivaloutcomes.storage.Storage;

/**
 * Reads every dataset of a job in the contract's order (festivals, events, enterprises, attendance,
 * deals, targets), so that each reference is checked against the accepted rows of the dataset it
 * names. The small datasets are read on the driver; attendance and deals go through the staging
 * store ({@link LargeDatasetReader}), so each of their files is parsed once, by Spark tasks.
 */
public final class Ingestor {

    private static final String FILE_SUMMARY = "#file";

    private final SparkRuntime spark;
    private final Storage storage;
    private final Path baseDir;
    private final String jobFileName;
    private final Map<DatasetKind, DatasetFormat> formats;
    private final Map<String, BigDecimal> fxToCny;
    private final Pseudonymizer pseudonymizer;
    private final LargeDatasetReader largeDatasets;
    private final Consumer<String> progress;

    /**
     * @param store where attendance and deals files are kept once parsed
     * @param programVersion part of the store's keys
     */
    public Ingestor(SparkRuntime spark, Path baseDir, String jobFileName, Map<DatasetKind, DatasetFormat> formats,
            Map<String, BigDecimal> fxToCny, Pseudonymizer pseudonymizer, StagingStore store, String programVersion,
            Consumer<String> progress) {
        this.spark = spark;
        this.storage = Storage.of(spark.context());
        this.largeDatasets = new LargeDatasetReader(spark, store, programVersion);
        this.baseDir = baseDir;
        this.jobFileName = jobFileName;
        this.formats = formats;
        this.fxToCny = fxToCny;
        this.pseudonymizer = pseudonymizer;
        this.progress = progress;
    }

    public IngestResult ingest(Map<DatasetKind, String> inputs) {
        return ingest(prepare(inputs));
    }

    /** The input files of every dataset, with their headers read and mapped. */
    public record Prepared(Map<DatasetKind, List<InputFile>> files) {
    }

    /**
     * Resolves every path and reads every header: the structural problems a run can see without
     * parsing (a file missing, a required column missing, an undecodable header) end it before any work.
     */
    public Prepared prepare(Map<DatasetKind, String> inputs) {
        Map<DatasetKind, List<InputFile>> files = new EnumMap<>(DatasetKind.class);
        for (DatasetKind kind : DatasetKind.values()) {
            if (inputs.containsKey(kind)) {
                files.put(kind, inputFiles(kind, inputs.get(kind)));
            }
        }
        return new Prepared(files);
    }

    public IngestResult ingest(Prepared prepared) {
        Map<DatasetKind, List<InputFile>> files = prepared.files();
        Map<DatasetKind, DatasetOutcome> outcomes = new EnumMap<>(DatasetKind.class);

        DriverDataset festivalRows = readOnDriver(DatasetKind.FESTIVALS, files.get(DatasetKind.FESTIVALS),
                References.NONE);
        outcomes.put(DatasetKind.FESTIVALS, festivalRows.outcome);
        List<Festival> festivals = festivalRows.accepted.stream().map(Staging::festival).toList();
        References references = References.NONE.withFestivals(festivalRows.accepted);

        DriverDataset eventRows = readOnDriver(DatasetKind.EVENTS, files.get(DatasetKind.EVENTS), references);
        outcomes.put(DatasetKind.EVENTS, eventRows.outcome);
        references = references.withEvents(eventRows.accepted);

        DriverDataset enterpriseRows = readOnDriver(DatasetKind.ENTERPRISES, files.get(DatasetKind.ENTERPRISES),
                references);
        outcomes.put(DatasetKind.ENTERPRISES, enterpriseRows.outcome);
        references = references.withEnterprises(enterpriseRows.accepted);

        // on the driver for a run; as Datasets only when asked for (no Spark query planned in a run)
        List<Row> events = eventRows.accepted.stream().map(Staging::event).toList();
        List<Row> enterprises = enterpriseRows.accepted.stream().map(Staging::enterprise).toList();

        LargeDatasetReader.Result attendance = readLarge(DatasetKind.ATTENDANCE, files.get(DatasetKind.ATTENDANCE),
                references);
        outcomes.put(DatasetKind.ATTENDANCE, attendance.outcome());
        LargeDatasetReader.Result deals = readLarge(DatasetKind.DEALS, files.get(DatasetKind.DEALS), references);
        outcomes.put(DatasetKind.DEALS, deals.outcome());

        Map<String, Map<Metric, BigDecimal>> targets = new TreeMap<>();
        if (files.containsKey(DatasetKind.TARGETS)) {
            DriverDataset targetRows = readOnDriver(DatasetKind.TARGETS, files.get(DatasetKind.TARGETS), references);
            outcomes.put(DatasetKind.TARGETS, targetRows.outcome);
            DatasetKind t = DatasetKind.TARGETS;
            for (Object[] v : targetRows.accepted) {
                targets.computeIfAbsent((String) v[t.columnIndex("festival_id")], k -> new LinkedHashMap<>())
                        .put(Metric.byId((String) v[t.columnIndex("metric_id")]).orElseThrow(),
                                (BigDecimal) v[t.columnIndex("target")]);
            }
        }
        LargeDatasetReader.FactFiles a = attendance.facts();
        LargeDatasetReader.FactFiles d = deals.facts();
        return new IngestResult(festivals, events, () -> persist(spark.session().createDataFrame(events, Staged.EVENTS)),
                enterprises, () -> persist(spark.session().createDataFrame(enterprises, Staged.ENTERPRISES)),
                attendance.accepted(), deals.accepted(), targets, outcomes,
                new AttendanceFacts(a.files(), a.setAside(), a.rows()), new DealFacts(d.files(), d.setAside(), d.rows()));
    }

    private List<InputFile> inputFiles(DatasetKind kind, String pattern) {
        DatasetFormat format = formats.getOrDefault(kind, DatasetFormat.DEFAULT);
        List<String> locations = InputFiles.resolve(storage, baseDir, pattern, jobFileName + ": inputs." + kind.code());
        List<InputFile> files = new ArrayList<>();
        for (String location : locations) {
            String display = InputFiles.display(baseDir, location);
            files.add(new InputFile(files.size(), location, display,
                    FileParser.readHeader(storage, location, display, kind, format), storage));
        }
        return files;
    }

    private FileParser parser(DatasetKind kind, References references) {
        DatasetFormat format = formats.getOrDefault(kind, DatasetFormat.DEFAULT);
        return new FileParser(kind, format, new RowChecker(kind, format, fxToCny, references));
    }

    private LargeDatasetReader.Result readLarge(DatasetKind kind, List<InputFile> files, References references) {
        long started = System.nanoTime();
        LargeDatasetReader.Result result = largeDatasets.read(kind, files,
                formats.getOrDefault(kind, DatasetFormat.DEFAULT), fxToCny, references, pseudonymizer);
        report(kind, result.outcome(), started);
        return result;
    }

    // ---------------------------------------------------------------- small datasets, on the driver

    private record DriverDataset(List<Object[]> accepted, DatasetOutcome outcome) {
    }

    private DriverDataset readOnDriver(DatasetKind kind, List<InputFile> files, References references) {
        long started = System.nanoTime();
        FileParser parser = parser(kind, references);
        List<Object[]> accepted = new ArrayList<>();
        List<DatasetOutcome.RejectedRecord> rejected = new ArrayList<>();
        List<DatasetOutcome.FileOutcome> fileOutcomes = new ArrayList<>();
        Set<String> seenKeys = new HashSet<>();
        for (InputFile file : files) {
            long read = 0;
            Map<String, Long> byReason = new LinkedHashMap<>();
            FileScan.Hashed scan = FileScan.hash(storage, file.absolutePath(), file.displayPath());
            FileParser.Records records = parser.records(file, true);
            while (records.hasNext()) {
                ParsedRecord record = records.next();
                read++;
                Rejection rejection = record.rejection();
                if (rejection == null && !seenKeys.add(key(kind, record.values()))) {
                    rejection = new Rejection(Rejection.DUPLICATE, kind.idColumn(),
                            "repeats the key of an earlier row");
                }
                if (rejection == null) {
                    accepted.add(record.values());
                } else {
                    byReason.merge(rejection.reasonCode(), 1L, Long::sum);
                    rejected.add(new DatasetOutcome.RejectedRecord(file.displayPath(), record.recordNumber(),
                            rejection.reasonCode(), rejection.column(), rejection.detail(), record.raw()));
                }
            }
            fileOutcomes.add(new DatasetOutcome.FileOutcome(file.displayPath(), file.absolutePath(),
                    scan.sha256(), scan.bytes(), read, byReason.values().stream().mapToLong(Long::longValue)
                    .sum(), sorted(byReason), file.ignoredColumns(), false));
        }
        DatasetOutcome outcome = new DatasetOutcome(kind, fileOutcomes, rejected);
        report(kind, outcome, started);
        return new DriverDataset(accepted, outcome);
    }

    private static String key(DatasetKind kind, Object[] v) {
        return switch (kind) {
            case FESTIVALS -> (String) v[kind.columnIndex("festival_id")];
            case EVENTS -> (String) v[kind.columnIndex("event_id")];
            case ENTERPRISES -> References.enterpriseKey((String) v[kind.columnIndex("festival_id")],
                    (String) v[kind.columnIndex("enterprise_id")]);
            case TARGETS -> References.enterpriseKey((String) v[kind.columnIndex("festival_id")],
                    (String) v[kind.columnIndex("metric_id")]);
            default -> throw new IllegalArgumentException(kind + " is not read on the driver");
        };
    }

    // ---------------------------------------------------------------- shared

    static Map<String, Long> sorted(Map<String, Long> byReason) {
        Map<String, Long> ordered = new LinkedHashMap<>();
        for (String reason : Rejection.REASON_CODES) {
            if (byReason.containsKey(reason)) {
                ordered.put(reason, byReason.get(reason));
            }
        }
        return ordered;
    }

    private static Dataset<Row> persist(Dataset<Row> dataset) {
        return dataset.persist(StorageLevel.MEMORY_AND_DISK());
    }

    private void report(DatasetKind kind, DatasetOutcome outcome, long startedNanos) {
        long reused = outcome.files().stream().filter(DatasetOutcome.FileOutcome::reused).count();
        progress.accept(String.format(java.util.Locale.ROOT, "ingest %-11s %,d rows read, %,d rejected, %d file%s%s,"
                + " %.1f s", kind.code(), outcome.rowsRead(), outcome.rowsRejected(), outcome.files().size(),
                outcome.files().size() == 1 ? "" : "s", reused == 0 ? "" : " (" + reused + " from the store"
                        + (outcome.keyCheckReused() ? ", duplicates checked before" : "") + ")",
                (System.nanoTime() - startedNanos) / 1e9));
    }
}
