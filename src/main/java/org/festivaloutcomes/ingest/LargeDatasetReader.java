package org.festivaloutcomes.ingest;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.festivaloutcomes.engine.SparkRuntime;

/**
 * Reads attendance and deals, the datasets that grow to millions of rows, through the
 * {@link StagingStore}: files not yet in the store are cut into parts ({@link FileScan}) and parsed by
 * Spark tasks in parallel, one task per part. A parse task keeps what the run needs of its rows: the
 * accepted rows as facts files for the metric passes ({@link AttendanceFacts}, {@link DealFacts}), their
 * sorted 64-bit key hashes ({@link KeyHashFiles}), and the rejected rows with their reasons
 * ({@link RejectedFiles}).
 * Duplicates and conflicts, which span files, are decided here (unless a check over the same entries is
 * kept): the key hash files are merged to find the hashes that repeat, and only the rows of those are
 * read again from their files and compared on their exact keys. The accepted rows as a Spark
 * {@link Dataset} are a lazy parse of the files, for callers that want rows rather than facts.
 */
final class LargeDatasetReader {

    private static final long MIN_CHUNK_BYTES = 4L << 20;
    private static final long MAX_CHUNK_BYTES = 64L << 20;

    private final SparkRuntime spark;
    private final StagingStore store;
    private final String programVersion;

    LargeDatasetReader(SparkRuntime spark, StagingStore store, String programVersion) {
        this.spark = spark;
        this.store = store;
        this.programVersion = programVersion;
    }

    /**
     * The accepted rows (a {@link Staged} schema) and what happened to each file, and the same rows as
     * facts files.
     */
    record Result(Supplier<Dataset<Row>> accepted, DatasetOutcome outcome, FactFiles facts) {
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
        RowChecker checker = new RowChecker(kind, format, fxToCny, references);
        FileParser parser = new FileParser(kind, format, checker);

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
                : stage(kind, new ArrayList<>(missing.values()), parser, pseudonymizer);

        // the run's entries: every entry once, plus a renamed copy for a file whose content repeats another's
        Map<String, Integer> fileOfEntry = new HashMap<>();
        List<String> entryValues = new ArrayList<>();
        List<StagingStore.Entry> records = new ArrayList<>();
        for (FileEntry e : entries) {
            StagingStore.Entry record = e.entry() != null ? e.entry() : made.get(e.key());
            records.add(record);
            String value = "e" + e.key();
            if (fileOfEntry.containsKey(value)) {
                value = value + "~" + e.file().index();
            }
            fileOfEntry.put(value, e.file().index());
            entryValues.add(value);
        }

        List<DatasetOutcome.RejectedRecord> rejected = rejectedRows(kind, files, records, entryValues, fileOfEntry);
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
            keyRejections = keyRejections(kind, files, parser, fileOfEntry, checkedEntries);
            keepCheck(kind, checkKey, checkedEntries, keyRejections);
        }
        keyRejections.forEach(r -> rejected.add(r.record()));
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
        Map<String, long[]> setAside = setAside(keyRejections);
        Map<Integer, long[]> setAsideByFile = new HashMap<>();
        setAside.forEach((entry, skip) -> setAsideByFile.put(fileOfEntry.get(entry), skip));
        Supplier<Dataset<Row>> accepted = () -> acceptedRows(kind, files, parser, pseudonymizer,
                setAsideByFile, staged);
        FactFiles facts = facts(kind, entries, records, entryValues, setAside);
        return new Result(accepted, new DatasetOutcome(kind, fileOutcomes, rejected, kept.isPresent()), facts);
    }

    /** The record numbers of each entry's rows set aside across files, ascending. */
    private static Map<String, long[]> setAside(List<KeyRejection> keyRejections) {
        Map<String, TreeSet<Long>> byEntry = new HashMap<>();
        for (KeyRejection r : keyRejections) {
            byEntry.computeIfAbsent(r.entry(), k -> new TreeSet<>()).add(r.record().recordNumber());
        }
        Map<String, long[]> setAside = new HashMap<>();
        byEntry.forEach((entry, records) -> setAside.put(entry, records.stream().mapToLong(Long::longValue)
                .toArray()));
        return setAside;
    }

    /**
     * The rows rejected while parsing, read from the rejected rows files of the entries that have some
     * (none for clean exports).
     */
    private List<DatasetOutcome.RejectedRecord> rejectedRows(DatasetKind kind, List<InputFile> files,
            List<StagingStore.Entry> records, List<String> entryValues, Map<String, Integer> fileOfEntry) {
        List<DatasetOutcome.RejectedRecord> rejected = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).rejectedByReason().isEmpty()) {
                continue;
            }
            String value = entryValues.get(i);
            String sourceFile = files.get(fileOfEntry.get(value)).displayPath();
            try {
                for (Path part : store.rejectedFiles(kind, entryKey(value))) {
                    for (RejectedFiles.Row row : RejectedFiles.read(part)) {
                        rejected.add(new DatasetOutcome.RejectedRecord(sourceFile, row.record(), row.reason(),
                                row.column(), row.detail(), row.raw()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("staging store " + store.root() + ": " + e.getMessage(), e);
            }
        }
        return rejected;
    }

    /** The store key of an entry value ({@code e<key>}, or {@code e<key>~<file>} for repeated content). */
    private static String entryKey(String entryValue) {
        int tilde = entryValue.indexOf('~');
        return entryValue.substring(1, tilde < 0 ? entryValue.length() : tilde);
    }

    /**
     * The accepted rows as a Dataset of the {@link Staged} schema: a lazy parse of the files, one Spark task
     * per file, keeping the rows that pass every check and were not set aside across files. A run reads the
     * facts files instead and never computes it.
     */
    private Dataset<Row> acceptedRows(DatasetKind kind, List<InputFile> files, FileParser parser,
            Pseudonymizer pseudonymizer, Map<Integer, long[]> setAside, StructType staged) {
        if (files.isEmpty()) {
            return spark.session().createDataFrame(List.of(), staged);
        }
        List<InputFile> inputs = List.copyOf(files);
        List<Integer> indexes = inputs.stream().map(InputFile::index).toList();
        RowChecker checker = parser.checker();
        return spark.session().createDataFrame(spark.javaContext()
                .parallelize(indexes, indexes.size())
                .flatMap(i -> new AcceptedRows(kind, parser.records(inputs.get(i), false),
                        setAside.getOrDefault(i, new long[0]), pseudonymizer, checker)), staged);
    }

    /** One file's accepted rows as Spark rows of the {@link Staged} schema. */
    private static final class AcceptedRows implements java.util.Iterator<Row> {
        private final DatasetKind kind;
        private final FileParser.Records records;
        private final long[] setAside;
        private final Pseudonymizer pseudonymizer;
        private final RowChecker checker;
        private Row next;

        AcceptedRows(DatasetKind kind, FileParser.Records records, long[] setAside, Pseudonymizer pseudonymizer,
                RowChecker checker) {
            this.kind = kind;
            this.records = records;
            this.setAside = setAside;
            this.pseudonymizer = pseudonymizer;
            this.checker = checker;
        }

        @Override
        public boolean hasNext() {
            while (next == null && records.hasNext()) {
                ParsedRecord record = records.next();
                if (record.rejection() != null
                        || java.util.Arrays.binarySearch(setAside, record.recordNumber()) >= 0) {
                    continue;
                }
                next = RowFactory.create(kind == DatasetKind.ATTENDANCE
                        ? Staging.attendance(record.values(), pseudonymizer)
                        : Staging.deal(record.values(), checker));
            }
            return next != null;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            Row row = next;
            next = null;
            return row;
        }
    }

    /**
     * Every file's facts, a file as often as it is read, with the records of its rows set aside across
     * files (the store trusts only entries whose facts files are all there and whole).
     */
    private FactFiles facts(DatasetKind kind, List<FileEntry> entries, List<StagingStore.Entry> records,
            List<String> entryValues, Map<String, long[]> setAside) {
        List<String> files = new ArrayList<>();
        List<long[]> skipped = new ArrayList<>();
        long rows = 0;
        for (int i = 0; i < entries.size(); i++) {
            List<Path> parts = store.factFiles(kind, entries.get(i).key());
            long[] skip = setAside.getOrDefault(entryValues.get(i), new long[0]);
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
        int cores = Math.max(1, spark.context().defaultParallelism());
        return Math.max(MIN_CHUNK_BYTES, Math.min(MAX_CHUNK_BYTES, total / (cores * 4L)));
    }

    // ---------------------------------------------------------------- staging new files

    /** Parses the files into new store entries, one Spark task per part of a file. */
    private Map<String, StagingStore.Entry> stage(DatasetKind kind, List<FileEntry> newFiles, FileParser parser,
            Pseudonymizer pseudonymizer) {
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
            // what each task wrote, by task
            Map<Integer, PartWriter.Written> written = new HashMap<>();
            if (!tasks.isEmpty()) {
                Files.createDirectories(output);
                Files.createDirectories(keys);
                String outputDir = output.toString();
                String keysDir = keys.toString();
                boolean bytes = ByteRecordReader.applies(parser.format());
                // the parser holds the accepted keys of the datasets read before: shipped once per
                // executor as a broadcast, not deserialized again for every task
                org.apache.spark.broadcast.Broadcast<FileParser> shared = spark.javaContext().broadcast(parser);
                try {
                    for (PartWriter.Written w : spark.javaContext()
                            .parallelize(tasks, tasks.size())
                            .map(task -> new PartWriter(kind, pseudonymizer, shared.value().checker())
                                    .write(task.index(), rows(bytes, shared.value(), pseudonymizer,
                                            inputs.get(task.fileIndex()), task.chunk()), outputDir, keysDir))
                            .collect()) {
                        written.put(w.task(), w);
                    }
                } finally {
                    shared.destroy();
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
                    // every task returned only after writing its files: key hashes and facts even if none
                    if (written.get(t).rejectedPart()) {
                        entryParts.add(output.resolve(RejectedFiles.name(t)));
                    }
                    entryParts.add(keys.resolve(KeyHashFiles.name(t)));
                    entryParts.add(keys.resolve(SectionFiles.name(t)));
                    keyFiles++;
                    for (Map.Entry<String, Long> c : written.get(t).outcomes().entrySet()) {
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

    /**
     * The rows of one part: straight from its bytes ({@link AttendanceByteReader}, {@link DealByteReader})
     * in the encodings where that is sound, else through the strict reader.
     */
    static PartWriter.Rows rows(boolean bytes, FileParser parser, Pseudonymizer pseudonymizer, InputFile file,
            FileScan.Chunk chunk) {
        if (bytes && parser.kind() == DatasetKind.ATTENDANCE) {
            return writer -> new AttendanceByteReader(file, parser, pseudonymizer).read(chunk, writer);
        }
        if (bytes && parser.kind() == DatasetKind.DEALS) {
            return writer -> new DealByteReader(file, parser).read(chunk, writer);
        }
        return PartWriter.of(parser.records(file, chunk, false));
    }

    // ---------------------------------------------------------------- duplicates and conflicts

    private record KeyRejection(String entry, DatasetOutcome.RejectedRecord record) {
    }

    /** Which records of a file to read again: the rows whose key hash repeats. */
    private record Reread(int file, String entry, long[] records) implements java.io.Serializable {
    }

    /** A row read again: its exact key (and for deals its values' signature) and its masked text. */
    private record Keyed(String entry, int file, long record, String key, String signature, String raw)
            implements java.io.Serializable {
    }

    /**
     * Duplicates and conflicts, decided among the rows that passed every other check (fine print 10):
     * attendance rows repeating a record_id; deal rows of one deal and status date. The 64-bit key
     * hashes that occur more than once are found by merging the entries' sorted hash files; only the rows
     * of those hashes are read again from their files (one Spark task per file) and compared on the key
     * itself, so a hash collision never merges two keys.
     */
    private List<KeyRejection> keyRejections(DatasetKind kind, List<InputFile> files, FileParser parser,
            Map<String, Integer> fileOfEntry, List<String> entryValues) {
        List<Reread> rereads = new ArrayList<>();
        try {
            // the run's key hashes, each file's as often as the file is read, merged from the sorted files
            Map<String, List<Path>> keyFilesOf = new LinkedHashMap<>();
            List<Path> keyFiles = new ArrayList<>();
            for (String value : entryValues) {
                keyFilesOf.put(value, store.keyFiles(kind, entryKey(value)));
                keyFiles.addAll(keyFilesOf.get(value));
            }
            long[] repeatedHashes = KeyHashFiles.repeated(keyFiles);
            if (repeatedHashes.length == 0) {
                return List.of();
            }
            for (String value : entryValues) {
                TreeSet<Long> involved = new TreeSet<>();
                for (Path keyFile : keyFilesOf.get(value)) {
                    for (long record : KeyHashFiles.records(keyFile, repeatedHashes)) {
                        involved.add(record);
                    }
                }
                if (!involved.isEmpty()) {
                    rereads.add(new Reread(fileOfEntry.get(value), value,
                            involved.stream().mapToLong(Long::longValue).toArray()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("staging store " + store.root() + ": " + e.getMessage(), e);
        }
        List<InputFile> inputs = List.copyOf(files);
        List<Keyed> involved = spark.javaContext()
                .parallelize(rereads, rereads.size())
                .flatMap(r -> reread(kind, parser, inputs.get(r.file()), r).iterator())
                .collect();
        List<Keyed> ordered = new ArrayList<>(involved);
        ordered.sort(Comparator.comparing(Keyed::key).thenComparingInt(Keyed::file)
                .thenComparingLong(Keyed::record));
        Map<String, List<Keyed>> groups = new LinkedHashMap<>();
        for (Keyed row : ordered) {
            groups.computeIfAbsent(row.key(), k -> new ArrayList<>()).add(row);
        }
        List<KeyRejection> result = new ArrayList<>();
        for (List<Keyed> group : groups.values()) {
            if (group.size() < 2) {
                continue;
            }
            boolean allEqual = group.stream().map(Keyed::signature).distinct().count() == 1;
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
                Keyed row = group.get(i);
                result.add(new KeyRejection(row.entry(), new DatasetOutcome.RejectedRecord(
                        files.get(row.file()).displayPath(), row.record(), rejection.reasonCode(),
                        rejection.column(), rejection.detail(), row.raw())));
            }
        }
        result.sort(Comparator.comparingInt((KeyRejection r) -> fileOfEntry.get(r.entry()))
                .thenComparingLong(r -> r.record().recordNumber()));
        return result;
    }

    /** The rows of one file to compare on their keys, parsed again; a row no longer accepted is an error. */
    private static List<Keyed> reread(DatasetKind kind, FileParser parser, InputFile file, Reread wanted) {
        Map<Long, ParsedRecord> parsed = parser.pick(file, wanted.records());
        List<Keyed> rows = new ArrayList<>();
        for (long record : wanted.records()) {
            ParsedRecord row = parsed.get(record);
            if (row == null || row.rejection() != null) {
                throw new org.festivaloutcomes.model.BadInputException(file.displayPath()
                        + ": changed while the run read it (record " + record + " is no longer what was parsed)");
            }
            rows.add(new Keyed(wanted.entry(), wanted.file(), record, PartWriter.key(kind, row.values()),
                    kind == DatasetKind.DEALS ? Staging.dealSignature(row.values()) : null, row.raw()));
        }
        return rows;
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
     * One parse task: turns the parsed records of one part of a file into the entry's files: the accepted
     * rows as facts ({@link AttendanceFacts}, {@link DealFacts}), their sorted key hashes with record
     * numbers ({@link KeyHashFiles}), and the rejected rows, if any ({@link RejectedFiles}).
     * Each file is written aside and renamed into place, so a retried task replaces what a failed attempt
     * left.
     */
    static final class PartWriter implements ByteRecordReader.Sink {
        private final DatasetKind kind;
        private final Pseudonymizer pseudonymizer;
        private final RowChecker checker;
        /** Rejected rows by reason; accepted ones are only counted (a map update per row showed). */
        private final Map<String, Long> outcomes = new HashMap<>();
        private long accepted;
        private long[] hashes = new long[1 << 16];
        private long[] hashRecords = new long[1 << 16];
        private int hashCount;
        /** The accepted rows, compactly, for the attendance or deal pass. */
        private final AttendanceFacts.Writer facts;
        private final DealFacts.Writer dealFacts;
        /** The rejected rows, opened at the first. */
        private RejectedFiles.Writer rejected;
        private Path rejectedFile;

        /** What a task wrote: its rows by outcome ("" = accepted), and whether it wrote rejected rows. */
        record Written(int task, Map<String, Long> outcomes, boolean rejectedPart) implements java.io.Serializable {
        }

        PartWriter(DatasetKind kind, Pseudonymizer pseudonymizer, RowChecker checker) {
            this.kind = kind;
            this.pseudonymizer = pseudonymizer;
            this.checker = checker;
            this.facts = kind == DatasetKind.ATTENDANCE ? new AttendanceFacts.Writer() : null;
            this.dealFacts = kind == DatasetKind.DEALS ? new DealFacts.Writer() : null;
        }

        /** The key rows are compared on across files: attendance record_id; a deal and its status date. */
        static String key(DatasetKind kind, Object[] values) {
            if (kind == DatasetKind.ATTENDANCE) {
                return (String) values[Staging.Att.RECORD_ID];
            }
            return References.enterpriseKey((String) values[Staging.Deal.FESTIVAL_ID],
                    values[Staging.Deal.DEAL_ID] + "\u0000" + values[Staging.Deal.STATUS_DATE]);
        }

        /** Where a task's rows come from: the strict reader's records, or an attendance part's bytes. */
        interface Rows {
            void into(PartWriter writer) throws IOException;
        }

        static Rows of(FileParser.Records records) {
            return writer -> {
                try (records) {
                    while (records.hasNext()) {
                        writer.add(records.next());
                    }
                }
            };
        }

        Written write(int task, Rows rows, String outputDir, String keysDir) throws IOException {
            rejectedFile = Path.of(outputDir, RejectedFiles.name(task));
            try {
                rows.into(this);
                if (rejected != null) {
                    rejected.commit();
                }
            } finally {
                if (rejected != null) {
                    rejected.close();
                }
            }
            KeyHashFiles.write(Path.of(keysDir, KeyHashFiles.name(task)), hashes, hashRecords, hashCount);
            if (facts != null) {
                facts.write(Path.of(keysDir, SectionFiles.name(task)));
            } else {
                dealFacts.write(Path.of(keysDir, SectionFiles.name(task)));
            }
            if (accepted > 0) {
                outcomes.put("", accepted);
            }
            return new Written(task, outcomes, rejected != null);
        }

        /** An attendance row accepted by {@link AttendanceByteReader}, by its values. */
        void acceptedAttendance(String festival, String event, String channel, String type, String region,
                String country, boolean keyed, long key, int day, long admissions, long record, boolean hasRecordId,
                long recordIdHash) {
            accepted++;
            facts.add(festival, event, channel, type, region, country, keyed, key, day, admissions, record);
            if (hasRecordId) {
                keyHash(recordIdHash, record);
            }
        }

        /** A deal row accepted by {@link DealByteReader}, by its values (see {@link DealFacts.Writer#add}). */
        void acceptedDeal(long hash, long record, int statusDate, int signedOn, boolean keyProject,
                BigDecimal amountCny, BigDecimal fundsCny, byte[][] texts, int[] from, int[] to, long keyHash) {
            accepted++;
            dealFacts.add(hash, record, statusDate, signedOn, keyProject, amountCny, fundsCny, texts, from, to);
            keyHash(keyHash, record);
        }

        private void keyHash(long hash, long record) {
            if (hashCount == hashes.length) {
                hashes = java.util.Arrays.copyOf(hashes, hashCount * 2);
                hashRecords = java.util.Arrays.copyOf(hashRecords, hashCount * 2);
            }
            hashes[hashCount] = hash;
            hashRecords[hashCount++] = record;
        }

        @Override
        public void add(ParsedRecord record) throws IOException {
            if (record.rejection() != null) {
                outcomes.merge(record.rejection().reasonCode(), 1L, Long::sum);
                if (rejected == null) {
                    rejected = new RejectedFiles.Writer(rejectedFile);
                }
                rejected.add(record.recordNumber(), record.rejection().reasonCode(), record.rejection().column(),
                        record.rejection().detail(), record.raw());
                return;
            }
            accepted++;
            Object[] values = record.values();
            if (kind == DatasetKind.ATTENDANCE) {
                facts.add(Staging.attendance(values, pseudonymizer), record.recordNumber());
            } else {
                dealFacts.add(Staging.deal(values, checker), record.recordNumber());
            }
            String key = key(kind, values);
            if (key != null) {
                keyHash(KeyHashFiles.hash(key), record.recordNumber());
            }
        }
    }
}
