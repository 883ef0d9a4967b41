package org.festivaloutcomes.ingest;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.festivaloutcomes.metrics.Metric;
import org.festivaloutcomes.model.Festival;

/**
 * Reads every dataset of a job in the contract's order (festivals, events, enterprises, attendance,
 * deals, targets), so that each reference is checked against the accepted rows of the dataset it
 * names. The small datasets are read on the driver; attendance and deals are read by Spark tasks,
 * one per file, and the typed result is persisted so it is parsed once.
 */
public final class Ingestor {

    private static final String FILE_SUMMARY = "#file";

    private final SparkSession spark;
    private final Path baseDir;
    private final String jobFileName;
    private final Map<DatasetKind, DatasetFormat> formats;
    private final Map<String, BigDecimal> fxToCny;
    private final Pseudonymizer pseudonymizer;
    private final Consumer<String> progress;

    public Ingestor(SparkSession spark, Path baseDir, String jobFileName, Map<DatasetKind, DatasetFormat> formats,
            Map<String, BigDecimal> fxToCny, Pseudonymizer pseudonymizer, Consumer<String> progress) {
        this.spark = spark;
        this.baseDir = baseDir;
        this.jobFileName = jobFileName;
        this.formats = formats;
        this.fxToCny = fxToCny;
        this.pseudonymizer = pseudonymizer;
        this.progress = progress;
    }

    public IngestResult ingest(Map<DatasetKind, String> inputs) {
        // Resolve every path and header first: structural problems end the run before any work.
        Map<DatasetKind, List<InputFile>> files = new EnumMap<>(DatasetKind.class);
        for (DatasetKind kind : DatasetKind.values()) {
            if (inputs.containsKey(kind)) {
                files.put(kind, inputFiles(kind, inputs.get(kind)));
            }
        }
        Map<DatasetKind, DatasetOutcome> outcomes = new EnumMap<>(DatasetKind.class);

        DriverDataset festivalRows = readOnDriver(DatasetKind.FESTIVALS, files.get(DatasetKind.FESTIVALS),
                References.NONE);
        outcomes.put(DatasetKind.FESTIVALS, festivalRows.outcome);
        List<Festival> festivals = festivalRows.accepted.stream().map(Staging::festival).toList();
        Set<String> festivalIds = new HashSet<>();
        festivals.forEach(f -> festivalIds.add(f.festivalId()));
        References references = new References(Set.copyOf(festivalIds), Map.of(), Set.of());

        DriverDataset eventRows = readOnDriver(DatasetKind.EVENTS, files.get(DatasetKind.EVENTS), references);
        outcomes.put(DatasetKind.EVENTS, eventRows.outcome);
        Map<String, References.EventRef> events = new HashMap<>();
        DatasetKind ev = DatasetKind.EVENTS;
        for (Object[] v : eventRows.accepted) {
            events.put((String) v[ev.columnIndex("event_id")], new References.EventRef(
                    (String) v[ev.columnIndex("festival_id")], (String) v[ev.columnIndex("channel")]));
        }
        references = new References(references.festivalIds(), Map.copyOf(events), Set.of());

        DriverDataset enterpriseRows = readOnDriver(DatasetKind.ENTERPRISES, files.get(DatasetKind.ENTERPRISES),
                references);
        outcomes.put(DatasetKind.ENTERPRISES, enterpriseRows.outcome);
        Set<String> enterpriseKeys = new HashSet<>();
        DatasetKind en = DatasetKind.ENTERPRISES;
        for (Object[] v : enterpriseRows.accepted) {
            enterpriseKeys.add(References.enterpriseKey((String) v[en.columnIndex("festival_id")],
                    (String) v[en.columnIndex("enterprise_id")]));
        }
        references = new References(references.festivalIds(), references.events(), Set.copyOf(enterpriseKeys));

        Dataset<Row> eventsDf = persist(spark.createDataFrame(
                eventRows.accepted.stream().map(Staging::event).toList(), Staged.EVENTS));
        Dataset<Row> enterprisesDf = persist(spark.createDataFrame(
                enterpriseRows.accepted.stream().map(Staging::enterprise).toList(), Staged.ENTERPRISES));

        SparkDataset attendance = readWithSpark(DatasetKind.ATTENDANCE, files.get(DatasetKind.ATTENDANCE),
                references);
        outcomes.put(DatasetKind.ATTENDANCE, attendance.outcome);
        SparkDataset deals = readWithSpark(DatasetKind.DEALS, files.get(DatasetKind.DEALS), references);
        outcomes.put(DatasetKind.DEALS, deals.outcome);

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
        return new IngestResult(festivals, eventsDf, enterprisesDf, attendance.accepted, deals.accepted, targets,
                outcomes);
    }

    private List<InputFile> inputFiles(DatasetKind kind, String pattern) {
        DatasetFormat format = formats.getOrDefault(kind, DatasetFormat.DEFAULT);
        List<Path> paths = InputFiles.resolve(baseDir, pattern, jobFileName + ": inputs." + kind.code());
        List<InputFile> files = new ArrayList<>();
        for (Path path : paths) {
            String display = InputFiles.display(baseDir, path);
            files.add(new InputFile(files.size(), path.toString(), display,
                    FileParser.readHeader(path, display, kind, format)));
        }
        return files;
    }

    private FileParser parser(DatasetKind kind, References references) {
        DatasetFormat format = formats.getOrDefault(kind, DatasetFormat.DEFAULT);
        return new FileParser(kind, format, new RowChecker(kind, format, fxToCny, references));
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
                    records.sha256(), records.bytes(), read, byReason.values().stream().mapToLong(Long::longValue)
                    .sum(), sorted(byReason), file.ignoredColumns()));
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

    // ---------------------------------------------------------------- large datasets, with Spark

    private record SparkDataset(Dataset<Row> accepted, DatasetOutcome outcome) {
    }

    private static final List<StructField> META = List.of(
            DataTypes.createStructField("_file", DataTypes.IntegerType, false),
            DataTypes.createStructField("_record", DataTypes.LongType, false),
            DataTypes.createStructField("_reason", DataTypes.StringType, true),
            DataTypes.createStructField("_column", DataTypes.StringType, true),
            DataTypes.createStructField("_detail", DataTypes.StringType, true),
            DataTypes.createStructField("_raw", DataTypes.StringType, true),
            DataTypes.createStructField("_key", DataTypes.StringType, true),
            DataTypes.createStructField("_signature", DataTypes.StringType, true));

    private static StructType parsedSchema(StructType staged) {
        List<StructField> fields = new ArrayList<>(META);
        for (StructField field : staged.fields()) {
            fields.add(DataTypes.createStructField(field.name(), field.dataType(), true));
        }
        return DataTypes.createStructType(fields);
    }

    private SparkDataset readWithSpark(DatasetKind kind, List<InputFile> files, References references) {
        long started = System.nanoTime();
        StructType staged = kind == DatasetKind.ATTENDANCE ? Staged.ATTENDANCE : Staged.DEALS;
        RowChecker checker = new RowChecker(kind, formats.getOrDefault(kind, DatasetFormat.DEFAULT), fxToCny,
                references);
        FileParser parser = new FileParser(kind, formats.getOrDefault(kind, DatasetFormat.DEFAULT), checker);
        Pseudonymizer hasher = pseudonymizer;
        JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(files, files.size())
                .flatMap(file -> new ParsedRows(parser.records(file, false), kind, hasher, checker));
        Dataset<Row> parsed = spark.createDataFrame(rows, parsedSchema(staged))
                .persist(StorageLevel.MEMORY_AND_DISK());

        // one pass over the persisted rows for every per-file count and fingerprint
        Map<Integer, Map<String, Long>> byReason = new HashMap<>();
        Map<Integer, Long> read = new HashMap<>();
        Map<Integer, Row> summaries = new HashMap<>();
        for (Row row : parsed.groupBy(col("_file"), col("_reason"))
                .agg(org.apache.spark.sql.functions.count("*").as("n"),
                        org.apache.spark.sql.functions.max("_record").as("bytes"),
                        org.apache.spark.sql.functions.max("_detail").as("sha"))
                .collectAsList()) {
            int file = row.getInt(0);
            String reason = row.getString(1);
            if (FILE_SUMMARY.equals(reason)) {
                summaries.put(file, row);
                continue;
            }
            read.merge(file, row.getLong(2), Long::sum);
            if (reason != null) {
                byReason.computeIfAbsent(file, f -> new HashMap<>()).put(reason, row.getLong(2));
            }
        }

        Dataset<Row> candidates = parsed.filter(col("_reason").isNull());
        List<DatasetOutcome.RejectedRecord> keyRejections = keyRejections(kind, files, candidates);
        for (DatasetOutcome.RejectedRecord r : keyRejections) {
            int file = fileIndex(files, r.sourceFile());
            byReason.computeIfAbsent(file, f -> new HashMap<>()).merge(r.reasonCode(), 1L, Long::sum);
        }
        Dataset<Row> accepted = candidates;
        if (!keyRejections.isEmpty()) {
            List<Row> keys = keyRejections.stream()
                    .map(r -> RowFactory.create(fileIndex(files, r.sourceFile()), r.recordNumber())).toList();
            Dataset<Row> rejectedKeys = spark.createDataFrame(keys, DataTypes.createStructType(List.of(
                    META.get(0), META.get(1))));
            accepted = candidates.join(broadcast(rejectedKeys),
                    scala.jdk.javaapi.CollectionConverters.asScala(List.of("_file", "_record")).toSeq(), "left_anti");
        }
        // the staged columns (nullable here; values follow Staged), persisted before the parsed rows go
        accepted = accepted.select(java.util.Arrays.stream(staged.fieldNames()).map(n -> col(n))
                .toArray(org.apache.spark.sql.Column[]::new)).persist(StorageLevel.MEMORY_AND_DISK());
        accepted.count();

        List<DatasetOutcome.RejectedRecord> rejected = new ArrayList<>();
        for (Row row : parsed.filter(col("_reason").isNotNull().and(col("_reason").notEqual(FILE_SUMMARY)))
                .select("_file", "_record", "_reason", "_column", "_detail", "_raw").collectAsList()) {
            rejected.add(new DatasetOutcome.RejectedRecord(files.get(row.getInt(0)).displayPath(), row.getLong(1),
                    row.getString(2), row.getString(3), row.getString(4), row.getString(5)));
        }
        rejected.addAll(keyRejections);
        rejected.sort(Comparator.comparingInt((DatasetOutcome.RejectedRecord r) -> fileIndex(files, r.sourceFile()))
                .thenComparingLong(DatasetOutcome.RejectedRecord::recordNumber));
        parsed.unpersist();

        List<DatasetOutcome.FileOutcome> fileOutcomes = new ArrayList<>();
        for (InputFile file : files) {
            Row summary = summaries.get(file.index());
            Map<String, Long> reasons = byReason.getOrDefault(file.index(), Map.of());
            fileOutcomes.add(new DatasetOutcome.FileOutcome(file.displayPath(), file.absolutePath(),
                    summary == null ? null : summary.getString(4), summary == null ? 0 : summary.getLong(3),
                    read.getOrDefault(file.index(), 0L), reasons.values().stream().mapToLong(Long::longValue).sum(),
                    sorted(reasons), file.ignoredColumns()));
        }
        DatasetOutcome outcome = new DatasetOutcome(kind, fileOutcomes, rejected);
        report(kind, outcome, started);
        return new SparkDataset(accepted, outcome);
    }

    private static int fileIndex(List<InputFile> files, String displayPath) {
        for (InputFile file : files) {
            if (file.displayPath().equals(displayPath)) {
                return file.index();
            }
        }
        throw new IllegalStateException("unknown file " + displayPath);
    }

    /**
     * Duplicates and conflicts, decided among the rows that passed every other check (fine print
     * 10): attendance rows repeating a record_id; deal rows of one deal and status date.
     */
    private List<DatasetOutcome.RejectedRecord> keyRejections(DatasetKind kind, List<InputFile> files,
            Dataset<Row> candidates) {
        Dataset<Row> keyed = candidates.filter(col("_key").isNotNull());
        Dataset<Row> repeated = keyed.groupBy("_key").count().filter(col("count").gt(1)).select("_key");
        List<Row> involved = keyed.join(broadcast(repeated), "_key")
                .select("_key", "_file", "_record", "_signature")
                .orderBy("_key", "_file", "_record").collectAsList();
        if (involved.isEmpty()) {
            return List.of();
        }
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        for (Row row : involved) {
            groups.computeIfAbsent(row.getString(0), k -> new ArrayList<>()).add(row);
        }
        Map<Integer, Map<Long, Rejection>> decided = new TreeMap<>();
        for (List<Row> group : groups.values()) {
            boolean allEqual = group.stream().map(r -> r.getString(3)).distinct().count() == 1;
            for (int i = 0; i < group.size(); i++) {
                Rejection rejection;
                if (allEqual || kind == DatasetKind.ATTENDANCE) {
                    if (i == 0) {
                        continue;
                    }
                    rejection = new Rejection(Rejection.DUPLICATE, kind.idColumn(),
                            kind == DatasetKind.ATTENDANCE ? "repeats the record_id of an earlier row"
                                    : "repeats an earlier row of this deal and status date");
                } else {
                    rejection = new Rejection(Rejection.CONFLICT, kind.idColumn(), "rows of this deal dated "
                            + "the same day disagree (" + group.size() + " rows, all set aside)");
                }
                Row row = group.get(i);
                decided.computeIfAbsent(row.getInt(1), f -> new TreeMap<>()).put(row.getLong(2), rejection);
            }
        }
        List<DatasetOutcome.RejectedRecord> result = new ArrayList<>();
        decided.forEach((fileIndex, records) -> {
            InputFile file = files.get(fileIndex);
            Map<Long, String> raws = RawLookup.read(file, kind, formats.getOrDefault(kind, DatasetFormat.DEFAULT),
                    records.keySet());
            records.forEach((recordNumber, rejection) -> result.add(new DatasetOutcome.RejectedRecord(
                    file.displayPath(), recordNumber, rejection.reasonCode(), rejection.column(), rejection.detail(),
                    raws.get(recordNumber))));
        });
        return result;
    }

    /** Turns a file's parsed records into rows of the parsed schema, ending with a file summary row. */
    private static final class ParsedRows implements java.util.Iterator<Row> {
        private final FileParser.Records records;
        private final DatasetKind kind;
        private final Pseudonymizer pseudonymizer;
        private final RowChecker checker;
        private final int width;
        private boolean summarized;

        ParsedRows(FileParser.Records records, DatasetKind kind, Pseudonymizer pseudonymizer, RowChecker checker) {
            this.records = records;
            this.kind = kind;
            this.pseudonymizer = pseudonymizer;
            this.checker = checker;
            this.width = META.size() + (kind == DatasetKind.ATTENDANCE ? Staged.ATTENDANCE : Staged.DEALS).size();
        }

        @Override
        public boolean hasNext() {
            return records.hasNext() || !summarized;
        }

        @Override
        public Row next() {
            Object[] row = new Object[width];
            if (!records.hasNext()) {
                summarized = true;
                row[0] = records.fileIndex();
                row[1] = records.bytes();
                row[2] = FILE_SUMMARY;
                row[4] = records.sha256();
                return RowFactory.create(row);
            }
            ParsedRecord record = records.next();
            row[0] = record.fileIndex();
            row[1] = record.recordNumber();
            if (record.rejection() != null) {
                row[2] = record.rejection().reasonCode();
                row[3] = record.rejection().column();
                row[4] = record.rejection().detail();
                row[5] = record.raw();
                return RowFactory.create(row);
            }
            Object[] values = record.values();
            Object[] staged;
            if (kind == DatasetKind.ATTENDANCE) {
                row[6] = values[kind.columnIndex("record_id")];
                staged = Staging.attendance(values, pseudonymizer);
            } else {
                row[6] = References.enterpriseKey((String) values[kind.columnIndex("festival_id")],
                        values[kind.columnIndex("deal_id")] + "\u0000" + values[kind.columnIndex("status_date")]);
                row[7] = Staging.dealSignature(values);
                staged = Staging.deal(values, checker);
            }
            System.arraycopy(staged, 0, row, META.size(), staged.length);
            return RowFactory.create(row);
        }
    }

    // ---------------------------------------------------------------- shared

    private static Map<String, Long> sorted(Map<String, Long> byReason) {
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
        progress.accept(String.format(java.util.Locale.ROOT, "ingest %-11s %,d rows read, %,d rejected, %d file%s,"
                + " %.1f s", kind.code(), outcome.rowsRead(), outcome.rowsRejected(), outcome.files().size(),
                outcome.files().size() == 1 ? "" : "s", (System.nanoTime() - startedNanos) / 1e9));
    }
}
