package org.festivaloutcomes.ingest;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads attendance and deals, the datasets that grow to millions of rows, through the
 * {@link StagingStore}: files not yet in the store are cut into parts ({@link FileScan}) and parsed by
 * Spark tasks in parallel, one task per part, straight into the store's Parquet; every file of the run
 * is then read from the store. Duplicates and conflicts, which span files, are decided here (unless a
 * check over the same entries is kept): the sorted 64-bit key hashes each parse task kept are merged
 * to find the hashes that repeat, and only the rows of those are compared on their exact keys.
 */
final class LargeDatasetReader {

    /** The store's rows: where each comes from, why it was rejected, the key it is compared on. */
    private static final List<StructField> META = List.of(
            DataTypes.createStructField("_record", DataTypes.LongType, false),
            DataTypes.createStructField("_reason", DataTypes.StringType, true),
            DataTypes.createStructField("_column", DataTypes.StringType, true),
            DataTypes.createStructField("_detail", DataTypes.StringType, true),
            DataTypes.createStructField("_raw", DataTypes.StringType, true),
            DataTypes.createStructField("_key", DataTypes.StringType, true),
            DataTypes.createStructField("_keyhash", DataTypes.LongType, true),
            DataTypes.createStructField("_signature", DataTypes.StringType, true));
    private static final String ENTRY = "entry";
    /** Store columns with about as many values as rows (a dictionary would only be built and dropped). */
    private static final List<String> UNIQUE_COLUMNS = List.of("_record", "_raw", "_key", "_keyhash", "_signature",
            "attendee_key", "attended_at");
    /** Store columns that reads filter on, whose statistics let Parquet skip row groups. */
    private static final List<String> FILTERED_COLUMNS = List.of("_reason", "festival_id", "day");
    private static final long MIN_CHUNK_BYTES = 4L << 20;
    private static final long MAX_CHUNK_BYTES = 64L << 20;

    private final SparkSession spark;
    private final StagingStore store;
    private final String programVersion;

    LargeDatasetReader(SparkSession spark, StagingStore store, String programVersion) {
        this.spark = spark;
        this.store = store;
        this.programVersion = programVersion;
    }

    /**
     * The accepted rows (a {@link Staged} schema) and what happened to each file, and the same rows as
     * facts files.
     */
    record Result(Dataset<Row> accepted, DatasetOutcome outcome, FactFiles facts) {
    }

    /**
     * The facts files of a run's rows ({@link AttendanceFacts}, {@link DealFacts}): a file as often as it
     * is read, with the record numbers of its rows set aside after the parse; rows: at most this many.
     */
    record FactFiles(List<String> files, List<long[]> setAside, long rows) {
    }

    private record FileEntry(InputFile file, FileScan.Scanned scan, String key, StagingStore.Entry entry) {
    }

    private record Task(int index, int fileIndex, FileScan.Chunk chunk) implements java.io.Serializable {
    }

    Result read(DatasetKind kind, List<InputFile> files, DatasetFormat format, Map<String, BigDecimal> fxToCny,
            References references, Pseudonymizer pseudonymizer) {
        StructType staged = kind == DatasetKind.ATTENDANCE ? Staged.ATTENDANCE : Staged.DEALS;
        String context = parseContext(kind, format, fxToCny, references, pseudonymizer);
        long chunkBytes = chunkBytes(files);

        List<FileEntry> entries = new ArrayList<>();
        Map<String, FileEntry> missing = new LinkedHashMap<>();
        for (InputFile file : files) {
            // the parts are cut on another core while the file is hashed, and dropped if the store has it
            AtomicBoolean unwanted = new AtomicBoolean();
            CompletableFuture<FileScan.Scanned> cutting = CompletableFuture.supplyAsync(() -> FileScan.cut(
                    file.storage(), file.absolutePath(), file.displayPath(), chunkBytes, unwanted::get));
            FileScan.Hashed hashed;
            try {
                hashed = FileScan.hash(file.storage(), file.absolutePath(), file.displayPath());
            } catch (RuntimeException e) {
                unwanted.set(true);
                throw e;
            }
            String key = StagingStore.key(hashed.sha256(), programVersion, context);
            StagingStore.Entry stored = store.find(kind, key).orElse(null);
            FileScan.Scanned scan;
            if (stored != null || missing.containsKey(key)) {
                unwanted.set(true);
                scan = new FileScan.Scanned(hashed.sha256(), hashed.bytes(), List.of());
            } else {
                scan = FileScan.withHash(joined(cutting), hashed, file.displayPath());
            }
            FileEntry entry = new FileEntry(file, scan, key, stored);
            entries.add(entry);
            if (entry.entry() == null) {
                missing.putIfAbsent(key, entry);
            }
        }
        Map<String, StagingStore.Entry> made = missing.isEmpty() ? Map.of()
                : stage(kind, new ArrayList<>(missing.values()), format, fxToCny, references, pseudonymizer, staged);

        // the run's rows: every entry once, plus a renamed copy for a file whose content repeats another's
        Map<String, Integer> fileOfEntry = new HashMap<>();
        List<String> repeatedContent = new ArrayList<>();
        List<String> entryValues = new ArrayList<>();
        List<StagingStore.Entry> records = new ArrayList<>();
        List<String> withRejectedRows = new ArrayList<>();
        for (FileEntry e : entries) {
            StagingStore.Entry record = e.entry() != null ? e.entry() : made.get(e.key());
            records.add(record);
            String value = "e" + e.key();
            if (fileOfEntry.containsKey(value)) {
                value = value + "~" + e.file().index();
                repeatedContent.add(value);
            }
            fileOfEntry.put(value, e.file().index());
            entryValues.add(value);
            if (!record.rejectedByReason().isEmpty()) {
                withRejectedRows.add(value);
            }
        }
        Dataset<Row> rows = readEntries(kind, entries, staged, repeatedContent);

        // only the entries whose record counts rejected rows are read for them (none for clean exports)
        List<DatasetOutcome.RejectedRecord> rejected = new ArrayList<>();
        List<Row> rejectedRows = withRejectedRows.isEmpty() ? List.of()
                : rows.filter(col(ENTRY).isin(withRejectedRows.toArray())).filter(col("_reason").isNotNull())
                        .select(ENTRY, "_record", "_reason", "_column", "_detail", "_raw").collectAsList();
        for (Row row : rejectedRows) {
            InputFile file = files.get(fileOfEntry.get(row.getString(0)));
            rejected.add(new DatasetOutcome.RejectedRecord(file.displayPath(), row.getLong(1), row.getString(2),
                    row.getString(3), row.getString(4), row.getString(5)));
        }
        Dataset<Row> candidates = rows.filter(col("_reason").isNull());
        List<String> checkedEntries = new ArrayList<>(fileOfEntry.keySet());
        checkedEntries.sort(Comparator.comparing(fileOfEntry::get));
        String checkKey = StagingStore.checkKey(kind, checkedEntries);
        Optional<StagingStore.KeyCheck> kept = store.findCheck(kind, checkKey);
        List<KeyRejection> keyRejections;
        if (kept.isPresent()) {
            keyRejections = kept.get().rejections().stream().map(r -> new KeyRejection(r.entry(),
                    new DatasetOutcome.RejectedRecord(files.get(fileOfEntry.get(r.entry())).displayPath(), r.record(),
                            r.reason(), r.column(), r.detail(), r.raw()))).toList();
        } else {
            keyRejections = keyRejections(kind, files, format, candidates, fileOfEntry, checkedEntries);
            keepCheck(kind, checkKey, checkedEntries, keyRejections);
        }
        Dataset<Row> accepted = candidates;
        if (!keyRejections.isEmpty()) {
            List<Row> keys = keyRejections.stream().map(r -> RowFactory.create(r.entry(), r.record().recordNumber()))
                    .toList();
            Dataset<Row> rejectedKeys = spark.createDataFrame(keys, DataTypes.createStructType(List.of(
                    DataTypes.createStructField(ENTRY, DataTypes.StringType, false), META.get(0))));
            accepted = candidates.join(broadcast(rejectedKeys),
                    scala.jdk.javaapi.CollectionConverters.asScala(List.of(ENTRY, "_record")).toSeq(), "left_anti");
            keyRejections.forEach(r -> rejected.add(r.record()));
        }
        accepted = accepted.select(java.util.Arrays.stream(staged.fieldNames()).map(n -> col(n))
                .toArray(Column[]::new));
        // not persisted: each metric family reads its dataset once, straight from the store's Parquet
        Map<String, Integer> order = new HashMap<>();
        files.forEach(f -> order.put(f.displayPath(), f.index()));
        rejected.sort(Comparator.comparingInt((DatasetOutcome.RejectedRecord r) -> order.get(r.sourceFile()))
                .thenComparingLong(DatasetOutcome.RejectedRecord::recordNumber));

        List<DatasetOutcome.FileOutcome> fileOutcomes = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            FileEntry e = entries.get(i);
            StagingStore.Entry record = records.get(i);
            Map<String, Long> byReason = new HashMap<>(record.rejectedByReason());
            for (KeyRejection r : keyRejections) {
                if (r.record().sourceFile().equals(e.file().displayPath())) {
                    byReason.merge(r.record().reasonCode(), 1L, Long::sum);
                }
            }
            fileOutcomes.add(new DatasetOutcome.FileOutcome(e.file().displayPath(), e.file().absolutePath(),
                    e.scan().sha256(), e.scan().bytes(), record.rowsRead(),
                    byReason.values().stream().mapToLong(Long::longValue).sum(), Ingestor.sorted(byReason),
                    e.file().ignoredColumns(), e.entry() != null));
        }
        FactFiles facts = facts(kind, entries, records, entryValues, keyRejections);
        return new Result(accepted, new DatasetOutcome(kind, fileOutcomes, rejected, kept.isPresent()), facts);
    }

    /**
     * Every file's facts, a file as often as it is read, with the records of its rows set aside across
     * files (the store trusts only entries whose facts files are all there and whole).
     */
    private FactFiles facts(DatasetKind kind, List<FileEntry> entries, List<StagingStore.Entry> records,
            List<String> entryValues, List<KeyRejection> keyRejections) {
        Map<String, TreeSet<Long>> setAside = new HashMap<>();
        for (KeyRejection r : keyRejections) {
            setAside.computeIfAbsent(r.entry(), k -> new TreeSet<>()).add(r.record().recordNumber());
        }
        List<String> files = new ArrayList<>();
        List<long[]> skipped = new ArrayList<>();
        long rows = 0;
        for (int i = 0; i < entries.size(); i++) {
            List<Path> parts = store.factFiles(kind, entries.get(i).key());
            long[] skip = setAside.getOrDefault(entryValues.get(i), new TreeSet<>()).stream()
                    .mapToLong(Long::longValue).toArray();
            for (Path part : parts) {
                files.add(part.toString());
                skipped.add(skip);
            }
            rows += records.get(i).rowsRead();
        }
        return new FactFiles(files, skipped, rows);
    }

    /** The cut parts, failing as the cut failed (a one-line input error stays one). */
    private static FileScan.Scanned joined(CompletableFuture<FileScan.Scanned> cutting) {
        try {
            return cutting.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private void keepCheck(DatasetKind kind, String checkKey, List<String> entryValues, List<KeyRejection> decided) {
        List<StagingStore.KeyCheckRow> rows = decided.stream().map(r -> new StagingStore.KeyCheckRow(r.entry(),
                r.record().recordNumber(), r.record().reasonCode(), r.record().column(), r.record().detail(),
                r.record().raw())).toList();
        try {
            store.saveCheck(kind, new StagingStore.KeyCheck(checkKey, kind.code(), entryValues, programVersion,
                    Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), rows));
        } catch (IOException e) {
            throw new UncheckedIOException("staging store " + store.root() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parts of about a quarter of a core's share of the new bytes (at most 64 MB), so that tasks balance
     * across cores: the last round of tasks leaves cores idle, and small parts make it short.
     */
    private long chunkBytes(List<InputFile> files) {
        long total = 0;
        for (InputFile file : files) {
            try {
                total += file.storage().size(file.absolutePath());
            } catch (IOException e) {
                // the scan names the file in its error
            }
        }
        int cores = Math.max(1, spark.sparkContext().defaultParallelism());
        return Math.max(MIN_CHUNK_BYTES, Math.min(MAX_CHUNK_BYTES, total / (cores * 4L)));
    }

    // ---------------------------------------------------------------- staging new files

    /** Parses the files into new store entries, one Spark task per part of a file. */
    private Map<String, StagingStore.Entry> stage(DatasetKind kind, List<FileEntry> newFiles, DatasetFormat format,
            Map<String, BigDecimal> fxToCny, References references, Pseudonymizer pseudonymizer, StructType staged) {
        List<Task> tasks = new ArrayList<>();
        List<InputFile> inputs = new ArrayList<>();
        Map<String, StagingStore.Entry> made = new HashMap<>();
        for (FileEntry e : newFiles) {
            inputs.add(e.file());
            for (FileScan.Chunk chunk : e.scan().chunks()) {
                tasks.add(new Task(tasks.size(), inputs.size() - 1, chunk));
            }
        }
        try (StagingStore.Work work = store.begin()) {
            Path output = work.output(kind);
            Path keys = work.keys(kind);
            // what each task wrote, by task: rows by outcome ("" = accepted)
            Map<Integer, Map<String, Long>> counts = new HashMap<>();
            if (!tasks.isEmpty()) {
                Files.createDirectories(output);
                Files.createDirectories(keys);
                String outputDir = output.toString();
                String keysDir = keys.toString();
                StructType schema = storeSchema(staged, false);
                RowChecker checker = new RowChecker(kind, format, fxToCny, references);
                FileParser parser = new FileParser(kind, format, checker);
                List<PartWriter.Written> written = JavaSparkContext.fromSparkContext(spark.sparkContext())
                        .parallelize(tasks, tasks.size())
                        .map(task -> new PartWriter(kind, pseudonymizer, checker, schema).write(task.index(),
                                parser.records(inputs.get(task.fileIndex()), task.chunk(), false), outputDir, keysDir))
                        .collect();
                for (PartWriter.Written w : written) {
                    counts.put(w.task(), w.outcomes());
                }
            }
            String createdAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            for (int f = 0; f < newFiles.size(); f++) {
                FileEntry e = newFiles.get(f);
                long read = 0;
                Map<String, Long> byReason = new TreeMap<>();
                List<Path> entryParts = new ArrayList<>();
                int keyFiles = 0;
                for (int t = 0; t < tasks.size(); t++) {
                    if (tasks.get(t).fileIndex() != f) {
                        continue;
                    }
                    // every task returned only after writing its part and its key hashes (even none)
                    entryParts.add(output.resolve(PartWriter.partName(t)));
                    entryParts.add(keys.resolve(KeyHashFiles.name(t)));
                    entryParts.add(keys.resolve(SectionFiles.name(t)));
                    keyFiles++;
                    for (Map.Entry<String, Long> c : counts.getOrDefault(t, Map.of()).entrySet()) {
                        read += c.getValue();
                        if (!c.getKey().isEmpty()) {
                            byReason.merge(c.getKey(), c.getValue(), Long::sum);
                        }
                    }
                }
                StagingStore.Entry entry = new StagingStore.Entry(e.key(), kind.code(), e.file().displayPath(),
                        e.scan().sha256(), e.scan().bytes(), read, byReason, programVersion, createdAt, keyFiles);
                work.commit(kind, entry, entryParts);
                made.put(e.key(), entry);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("staging store " + store.root() + ": " + e.getMessage(), e);
        }
        return made;
    }

    private static StructType storeSchema(StructType staged, boolean withEntry) {
        List<StructField> fields = new ArrayList<>(META);
        for (StructField field : staged.fields()) {
            fields.add(DataTypes.createStructField(field.name(), field.dataType(), true));
        }
        if (withEntry) {
            fields.add(DataTypes.createStructField(ENTRY, DataTypes.StringType, false));
        }
        return DataTypes.createStructType(fields);
    }

    /** Every file's entry; a file whose content repeats an earlier file's is read again under its own name. */
    private Dataset<Row> readEntries(DatasetKind kind, List<FileEntry> entries, StructType staged,
            List<String> repeatedContent) {
        StructType schema = storeSchema(staged, true);
        Set<String> paths = new TreeSet<>();
        for (FileEntry e : entries) {
            if (hasRows(kind, e.key())) {
                paths.add(store.entryDir(kind, e.key()).toString());
            }
        }
        Dataset<Row> rows = paths.isEmpty() ? spark.createDataFrame(List.of(), schema)
                : spark.read().schema(schema).option("basePath", store.datasetDir(kind).toString())
                        .parquet(paths.toArray(String[]::new));
        for (String value : repeatedContent) {
            String key = value.substring(1, value.indexOf('~'));
            if (hasRows(kind, key)) {
                rows = rows.unionByName(spark.read().schema(schema)
                        .option("basePath", store.datasetDir(kind).toString())
                        .parquet(store.entryDir(kind, key).toString()).withColumn(ENTRY, lit(value)));
            }
        }
        return rows;
    }

    private boolean hasRows(DatasetKind kind, String key) {
        try (Stream<Path> list = Files.list(store.entryDir(kind, key))) {
            return list.anyMatch(p -> p.getFileName().toString().startsWith("part-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- duplicates and conflicts

    private record KeyRejection(String entry, DatasetOutcome.RejectedRecord record) {
    }

    /**
     * Duplicates and conflicts, decided among the rows that passed every other check (fine print 10):
     * attendance rows repeating a record_id; deal rows of one deal and status date. The 64-bit key
     * hashes that occur more than once are found by merging the entries' sorted hash files; only the rows
     * of those hashes are read and compared on the key itself, so a hash collision never merges two keys.
     */
    private List<KeyRejection> keyRejections(DatasetKind kind, List<InputFile> files, DatasetFormat format,
            Dataset<Row> candidates, Map<String, Integer> fileOfEntry, List<String> entryValues) {
        // the run's key hashes, each file's as often as the file is read, merged from the sorted files
        List<Path> keyFiles = new ArrayList<>();
        for (String value : entryValues) {
            int tilde = value.indexOf('~');
            keyFiles.addAll(store.keyFiles(kind, value.substring(1, tilde < 0 ? value.length() : tilde)));
        }
        long[] repeatedHashes;
        try {
            repeatedHashes = KeyHashFiles.repeated(keyFiles);
        } catch (IOException e) {
            throw new UncheckedIOException("staging store " + store.root() + ": " + e.getMessage(), e);
        }
        if (repeatedHashes.length == 0) {
            return List.of();
        }
        List<Row> hashRows = new ArrayList<>(repeatedHashes.length);
        for (long hash : repeatedHashes) {
            hashRows.add(RowFactory.create(hash));
        }
        Dataset<Row> repeated = spark.createDataFrame(hashRows, DataTypes.createStructType(List.of(META.get(6))));
        List<Row> involved = candidates.filter(col("_keyhash").isNotNull()).join(broadcast(repeated), "_keyhash")
                .select(ENTRY, "_record", "_key", "_signature").collectAsList();
        List<Row> ordered = new ArrayList<>(involved);
        ordered.sort(Comparator.comparing((Row r) -> r.getString(2))
                .thenComparingInt(r -> fileOfEntry.get(r.getString(0))).thenComparingLong(r -> r.getLong(1)));
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        for (Row row : ordered) {
            groups.computeIfAbsent(row.getString(2), k -> new ArrayList<>()).add(row);
        }
        Map<Integer, Map<Long, Rejection>> decided = new TreeMap<>();
        Map<Integer, Map<Long, String>> entryOf = new HashMap<>();
        for (List<Row> group : groups.values()) {
            if (group.size() < 2) {
                continue;
            }
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
                int file = fileOfEntry.get(row.getString(0));
                decided.computeIfAbsent(file, f -> new TreeMap<>()).put(row.getLong(1), rejection);
                entryOf.computeIfAbsent(file, f -> new HashMap<>()).put(row.getLong(1), row.getString(0));
            }
        }
        List<KeyRejection> result = new ArrayList<>();
        decided.forEach((fileIndex, byRecord) -> {
            InputFile file = files.get(fileIndex);
            Map<Long, String> raws = FileParser.raws(file, kind, format, byRecord.keySet());
            byRecord.forEach((recordNumber, rejection) -> result.add(new KeyRejection(
                    entryOf.get(fileIndex).get(recordNumber), new DatasetOutcome.RejectedRecord(file.displayPath(),
                    recordNumber, rejection.reasonCode(), rejection.column(), rejection.detail(),
                    raws.get(recordNumber)))));
        });
        return result;
    }

    // ---------------------------------------------------------------- the store key

    /**
     * Everything besides the file's bytes that decides how its rows are parsed and checked: the
     * dataset and its format, exchange rates, the accepted keys of the datasets it refers to, and a
     * fingerprint of the pseudonym key (never the key).
     */
    private static String parseContext(DatasetKind kind, DatasetFormat format, Map<String, BigDecimal> fxToCny,
            References references, Pseudonymizer pseudonymizer) {
        StringBuilder context = new StringBuilder();
        context.append("dataset=").append(kind.code()).append('\n');
        context.append("encoding=").append(format.charset().name()).append('\n');
        context.append("columns=").append(new TreeMap<>(format.columns())).append('\n');
        Map<String, Map<String, String>> values = new TreeMap<>();
        format.values().forEach((column, synonyms) -> values.put(column, new TreeMap<>(synonyms)));
        context.append("values=").append(values).append('\n');
        context.append("timestamp_pattern=").append(format.timestampPattern()).append('\n');
        if (kind == DatasetKind.DEALS) {
            Map<String, String> rates = new TreeMap<>();
            fxToCny.forEach((currency, rate) -> rates.put(currency, rate.toPlainString()));
            context.append("fx_to_cny=").append(rates).append('\n');
        }
        HashFunction digest = Hashing.sha256();
        com.google.common.hash.Hasher refs = digest.newHasher();
        new TreeSet<>(references.festivalIds()).forEach(id -> refs.putString(id, StandardCharsets.UTF_8).putByte((byte) 0));
        refs.putByte((byte) 1);
        new TreeMap<>(references.events()).forEach((id, ref) -> refs.putString(id, StandardCharsets.UTF_8)
                .putByte((byte) 0).putString(ref.festivalId(), StandardCharsets.UTF_8).putByte((byte) 0)
                .putString(ref.channel(), StandardCharsets.UTF_8).putByte((byte) 0));
        if (kind == DatasetKind.DEALS) {
            refs.putByte((byte) 2);
            new TreeSet<>(references.enterpriseKeys()).forEach(k -> refs.putString(k, StandardCharsets.UTF_8)
                    .putByte((byte) 0));
        }
        context.append("references=").append(refs.hash()).append('\n');
        if (kind == DatasetKind.ATTENDANCE) {
            context.append("pseudonym_key=").append(pseudonymizer.fingerprint()).append('\n');
        }
        return context.toString();
    }

    // ---------------------------------------------------------------- rows of the store

    /**
     * One parse task: turns the parsed records of one part of a file into rows of the store's schema,
     * written to the part's Parquet file ({@link StoreParquet}), and keeps the part's sorted key hashes
     * ({@link KeyHashFiles}) and its rows by outcome. Both files are written aside and renamed into
     * place, so a retried task replaces what a failed attempt left.
     */
    static final class PartWriter {
        private static final HashFunction KEY_HASH = Hashing.murmur3_128();
        private final DatasetKind kind;
        private final Pseudonymizer pseudonymizer;
        private final RowChecker checker;
        private final StructType schema;
        /** Rejected rows by reason; accepted ones are only counted (a map update per row showed). */
        private final Map<String, Long> outcomes = new HashMap<>();
        private long accepted;
        private long[] hashes = new long[1 << 16];
        private int hashCount;
        /** The accepted rows again, compactly, for the attendance or deal pass. */
        private final AttendanceFacts.Writer facts;
        private final DealFacts.Writer dealFacts;

        /** What a task wrote: its rows by outcome ("" = accepted). */
        record Written(int task, Map<String, Long> outcomes) implements java.io.Serializable {
        }

        PartWriter(DatasetKind kind, Pseudonymizer pseudonymizer, RowChecker checker, StructType schema) {
            this.kind = kind;
            this.pseudonymizer = pseudonymizer;
            this.checker = checker;
            this.schema = schema;
            this.facts = kind == DatasetKind.ATTENDANCE ? new AttendanceFacts.Writer() : null;
            this.dealFacts = kind == DatasetKind.DEALS ? new DealFacts.Writer() : null;
        }

        static String partName(int task) {
            return String.format("part-%05d.snappy.parquet", task);
        }

        Written write(int task, FileParser.Records records, String outputDir, String keysDir) throws IOException {
            Path part = Path.of(outputDir, partName(task));
            Path aside = part.resolveSibling("." + part.getFileName() + "." + java.util.UUID.randomUUID() + ".tmp");
            try (records; ParquetWriter<Object[]> writer = StoreParquet.open(aside, schema, UNIQUE_COLUMNS,
                    FILTERED_COLUMNS)) {
                while (records.hasNext()) {
                    writer.write(row(records.next()));
                }
            }
            Files.move(aside, part, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            KeyHashFiles.write(Path.of(keysDir, KeyHashFiles.name(task)), hashes, hashCount);
            if (facts != null) {
                facts.write(Path.of(keysDir, SectionFiles.name(task)));
            } else {
                dealFacts.write(Path.of(keysDir, SectionFiles.name(task)));
            }
            if (accepted > 0) {
                outcomes.put("", accepted);
            }
            return new Written(task, outcomes);
        }

        private Object[] row(ParsedRecord record) {
            Object[] row = new Object[schema.size()];
            row[0] = record.recordNumber();
            if (record.rejection() != null) {
                outcomes.merge(record.rejection().reasonCode(), 1L, Long::sum);
                row[1] = record.rejection().reasonCode();
                row[2] = record.rejection().column();
                row[3] = record.rejection().detail();
                row[4] = record.raw();
                return row;
            }
            accepted++;
            Object[] values = record.values();
            Object[] staged;
            String key;
            if (kind == DatasetKind.ATTENDANCE) {
                key = (String) values[Staging.Att.RECORD_ID];
                staged = Staging.attendance(values, pseudonymizer);
                facts.add(staged, record.recordNumber());
            } else {
                key = References.enterpriseKey((String) values[kind.columnIndex("festival_id")],
                        values[kind.columnIndex("deal_id")] + "\u0000" + values[kind.columnIndex("status_date")]);
                row[7] = Staging.dealSignature(values);
                staged = Staging.deal(values, checker);
                dealFacts.add(staged, record.recordNumber());
            }
            if (key != null) {
                long hash = KEY_HASH.hashString(key, StandardCharsets.UTF_8).asLong();
                row[5] = key;
                row[6] = hash;
                if (hashCount == hashes.length) {
                    hashes = java.util.Arrays.copyOf(hashes, hashCount * 2);
                }
                hashes[hashCount++] = hash;
            }
            System.arraycopy(staged, 0, row, META.size(), staged.length);
            return row;
        }
    }
}
