package org.festivaloutcomes.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The staging store: every attendance and deals file is parsed and checked once, and what the runs need
 * of its rows kept under a key of the file's SHA-256, the program version and everything else its parse
 * depends on (dataset format, exchange rates, the accepted keys it was checked against, the pseudonym
 * key): the accepted rows as typed facts for the metric passes (attendee ids already hashed), their key
 * hashes, and the rejected rows with their reasons. Later runs reuse an entry instead of parsing the file
 * again.
 *
 * <p>Layout: {@code <root>/<dataset>/entry=e<key>/}: the parse tasks' compact accepted rows
 * {@code _facts-*.bin} ({@link AttendanceFacts}, {@link DealFacts}), their sorted key hashes with record
 * numbers {@code _keys-*.bin} ({@link KeyHashFiles}), the rejected rows {@code _rejected-*.bin}
 * ({@link RejectedFiles}, only from tasks that rejected some), and {@code _entry.json}. An entry is
 * built whole in {@code <root>/tmp/<id>/} and renamed into place with its {@code _entry.json} already
 * written, so a crash never leaves a half-written entry that a later run trusts; the work folder of a
 * run that died is removed by the next run (its lock file is no longer held).
 */
public final class StagingStore {

    /** Bumped whenever staged rows change meaning, so that older entries are never reused. */
    public static final int FORMAT = 7;
    static final String ENTRY_FILE = "_entry.json";
    private static final String TMP = "tmp";
    private static final String CHECKS = "checks";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path root;

    public StagingStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /**
     * What an entry holds, as recorded when it was made.
     *
     * @param source the file's path (relative to its job file) when the entry was made
     * @param rejectedByReason reasons of the rows rejected while parsing (duplicates and conflicts are
     *     decided per run, across files)
     * @param keyFiles how many sorted key hash files ({@link KeyHashFiles}) the entry holds, one per
     *     parse task
     */
    public record Entry(String key, String dataset, String source, String sha256, long bytes, long rowsRead,
            Map<String, Long> rejectedByReason, String programVersion, String createdAt, int keyFiles) {
    }

    /** The entry key: a SHA-256 over the file's hash and every input of its parse. */
    public static String key(String fileSha256, String programVersion, String parseContext) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(("festival-outcomes staging " + FORMAT + "\n" + programVersion + "\n" + fileSha256 + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            digest.update(parseContext.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The dataset folder, the base path of its entries' partition column {@code entry}. */
    public Path datasetDir(DatasetKind kind) {
        return root.resolve(kind.code());
    }

    public Path entryDir(DatasetKind kind, String key) {
        return datasetDir(kind).resolve("entry=e" + key);
    }

    /** The complete entry of a key, if there is one. */
    public Optional<Entry> find(DatasetKind kind, String key) {
        Path file = entryDir(kind, key).resolve(ENTRY_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Entry entry;
        try {
            entry = JSON.readValue(file.toFile(), Entry.class);
        } catch (IOException e) {
            // written before the rename, so unreadable only if damaged from outside: parse the file again
            return Optional.empty();
        }
        List<Path> keyFiles = keyFiles(kind, key);
        if (keyFiles.size() != entry.keyFiles() || !keyFiles.stream().allMatch(KeyHashFiles::valid)) {
            // a key hash file lost or cut short: the entry is damaged like an unreadable record
            return Optional.empty();
        }
        List<Path> factFiles = factFiles(kind, key);
        if (factFiles.size() != entry.keyFiles() || !factFiles.stream().allMatch(kind == DatasetKind.ATTENDANCE
                ? AttendanceFacts::complete : DealFacts::complete)) {
            // the same for a facts file (one per parse task too)
            return Optional.empty();
        }
        if (!entry.rejectedByReason().isEmpty() && rejectedFiles(kind, key).isEmpty()) {
            // rejected rows counted but none kept: lost from outside
            return Optional.empty();
        }
        return Optional.of(entry);
    }

    /** The sorted key hash files of an entry, in task order. */
    List<Path> keyFiles(DatasetKind kind, String key) {
        return entryFiles(kind, key, "_keys-");
    }

    /** The rejected rows files of an entry ({@link RejectedFiles}), in task order; none for a clean file. */
    List<Path> rejectedFiles(DatasetKind kind, String key) {
        return entryFiles(kind, key, "_rejected-");
    }

    /** The facts files of an entry ({@link AttendanceFacts}, {@link DealFacts}), in task order. */
    List<Path> factFiles(DatasetKind kind, String key) {
        return entryFiles(kind, key, "_facts-");
    }

    private List<Path> entryFiles(DatasetKind kind, String key, String prefix) {
        Path dir = entryDir(kind, key);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> {
                String name = f.getFileName().toString();
                return name.startsWith(prefix) && name.endsWith(".bin");
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every complete entry, by dataset then key. */
    public List<Entry> list() {
        List<Entry> entries = new ArrayList<>();
        for (DatasetKind kind : DatasetKind.values()) {
            Path dir = datasetDir(kind);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> children = Files.list(dir)) {
                for (Path child : children.sorted().toList()) {
                    String name = child.getFileName().toString();
                    if (name.startsWith("entry=e")) {
                        find(kind, name.substring("entry=e".length())).ifPresent(entries::add);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return entries;
    }

    // ---------------------------------------------------------------- duplicate checks

    /**
     * The duplicates and conflicts decided across the files of a run (they span files, so no single
     * entry holds them), kept so that a run over the very same entries in the same order skips the
     * check. One per dataset is kept: the latest.
     *
     * @param entries the entry of each file, in file order ({@code e<key>}, {@code ~<file index>} added
     *     when a file repeats an earlier file's content)
     */
    public record KeyCheck(String key, String dataset, List<String> entries, String programVersion,
            String createdAt, List<KeyCheckRow> rejections) {
    }

    /** One row set aside by the check: its file's entry value, record number and why. */
    public record KeyCheckRow(String entry, long record, String reason, String column, String detail, String raw) {
    }

    /** The key of the check over these entries, in this order. */
    public static String checkKey(DatasetKind kind, List<String> entries) {
        return key(kind.code() + "\n" + String.join("\n", entries), "", "duplicate check");
    }

    private Path checksDir(DatasetKind kind) {
        return datasetDir(kind).resolve(CHECKS);
    }

    /** The kept check of these entries, if it is the one kept; unreadable means absent. */
    public Optional<KeyCheck> findCheck(DatasetKind kind, String key) {
        Path file = checksDir(kind).resolve("c" + key + ".json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), KeyCheck.class));
        } catch (IOException e) {
            // written whole before its rename, so only damaged from outside (or removed meanwhile)
            return Optional.empty();
        }
    }

    /** Keeps a check in place of the dataset's earlier ones (written aside, then renamed). */
    public void saveCheck(DatasetKind kind, KeyCheck check) throws IOException {
        Path dir = checksDir(kind);
        Files.createDirectories(dir);
        Path written = dir.resolve(".c" + check.key() + "-" + UUID.randomUUID() + ".tmp");
        JSON.writeValue(written.toFile(), check);
        Path target = dir.resolve("c" + check.key() + ".json");
        Files.move(written, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        List<Path> others;
        try (Stream<Path> files = Files.list(dir)) {
            others = files.filter(f -> !f.equals(target)).toList();
        }
        long anHourAgo = System.currentTimeMillis() - 3_600_000L;
        for (Path other : others) {
            String name = other.getFileName().toString();
            // a .tmp file that old was left by a run that died while writing it
            if (name.endsWith(".json") || Files.getLastModifiedTime(other).toMillis() < anHourAgo) {
                Files.deleteIfExists(other);
            }
        }
    }

    /** The dataset's kept checks (normally one). */
    public List<KeyCheck> checks(DatasetKind kind) throws IOException {
        Path dir = checksDir(kind);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<KeyCheck> checks = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith("c") && name.endsWith(".json")) {
                    findCheck(kind, name.substring(1, name.length() - ".json".length())).ifPresent(checks::add);
                }
            }
        }
        return checks;
    }

    /** Removes a kept check. */
    public void removeCheck(DatasetKind kind, String key) throws IOException {
        Files.deleteIfExists(checksDir(kind).resolve("c" + key + ".json"));
    }

    /** Removes an entry (first renamed out of the way, so that no reader sees it half deleted). */
    public void remove(DatasetKind kind, String key) throws IOException {
        Path dir = entryDir(kind, key);
        if (!Files.exists(dir)) {
            return;
        }
        Files.createDirectories(root.resolve(TMP));
        Path doomed = root.resolve(TMP).resolve("removed-" + UUID.randomUUID());
        Files.move(dir, doomed, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(doomed);
    }

    /** Starts adding entries; removes what runs that died left in the work area first. */
    public Work begin() throws IOException {
        Path tmp = root.resolve(TMP);
        Files.createDirectories(tmp);
        sweep(tmp);
        String id = UUID.randomUUID().toString();
        FileChannel channel = FileChannel.open(tmp.resolve(id + ".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock = channel.lock();
        Path dir = Files.createDirectory(tmp.resolve(id));
        return new Work(dir, channel, lock);
    }

    /** Removes work folders whose lock no process holds (their run died), and removal leftovers. */
    private static void sweep(Path tmp) throws IOException {
        List<Path> children;
        try (Stream<Path> list = Files.list(tmp)) {
            children = list.toList();
        }
        for (Path child : children) {
            String name = child.getFileName().toString();
            if (name.startsWith("removed-")) {
                deleteTree(child);
            } else if (name.endsWith(".lock")) {
                try (FileChannel channel = FileChannel.open(child, StandardOpenOption.WRITE)) {
                    FileLock lock = channel.tryLock();
                    if (lock != null) {
                        deleteTree(tmp.resolve(name.substring(0, name.length() - ".lock".length())));
                        lock.release();
                        Files.deleteIfExists(child);
                    }
                } catch (java.nio.channels.OverlappingFileLockException e) {
                    // held by another run in this JVM: still in use
                }
            }
        }
    }

    /** One run's additions: built under the work folder, then renamed into place one entry at a time. */
    public final class Work implements AutoCloseable {
        private final Path dir;
        private final FileChannel channel;
        private final FileLock lock;

        private Work(Path dir, FileChannel channel, FileLock lock) {
            this.dir = dir;
            this.channel = channel;
            this.lock = lock;
        }

        /** Where the parse tasks write the new entries' rejected rows ({@link RejectedFiles}) of a dataset. */
        public Path output(DatasetKind kind) {
            return dir.resolve(kind.code());
        }

        /** Where the parse tasks write their key hash files ({@link KeyHashFiles}) and facts files. */
        public Path keys(DatasetKind kind) {
            return dir.resolve(kind.code() + "-keys");
        }

        /**
         * Makes an entry of the given files (moved out of the work folder) and its record; when
         * another run made the same entry meanwhile, that one is kept.
         */
        public void commit(DatasetKind kind, Entry entry, List<Path> partFiles) throws IOException {
            Path staging = dir.resolve("entries").resolve(kind.code()).resolve("entry=e" + entry.key());
            Files.createDirectories(staging);
            for (Path part : partFiles) {
                Files.move(part, staging.resolve(part.getFileName()));
            }
            JSON.writeValue(staging.resolve(ENTRY_FILE).toFile(), entry);
            Path target = entryDir(kind, entry.key());
            Files.createDirectories(target.getParent());
            if (Files.exists(target) && find(kind, entry.key()).isEmpty()) {
                // damaged from outside (no readable record): never trusted, so replace it
                remove(kind, entry.key());
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                // another run made the same entry meanwhile
                deleteTree(staging);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the staging store " + root + " needs a filesystem with atomic rename", e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                deleteTree(dir);
            } finally {
                lock.release();
                channel.close();
                Files.deleteIfExists(dir.resolveSibling(dir.getFileName() + ".lock"));
            }
        }
    }

    /** Deletes a folder and everything in it; nothing if it does not exist. */
    public static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
