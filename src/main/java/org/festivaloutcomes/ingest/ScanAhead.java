package org.festivaloutcomes.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.festivaloutcomes.storage.Storage;

/**
 * Hashes and cuts the large local input files of a run in the background before the run asks for
 * them: started while Spark starts, when one core is mostly idle, so that the first parse begins
 * without a pass over the files. Each file's SHA-256 and size, and its parts of {@link #FINE_BYTES},
 * which {@link FileScan#coarsen} joins to the run's part size.
 *
 * <p>A scan is used once, and only while the file has the size and modification time it had when it
 * was scanned; anything else (a scan that failed, a file changed or not scanned) leaves the run to scan
 * the file itself, with its own messages. URIs are never scanned ahead.
 */
public final class ScanAhead {

    /** Part size of a scan ahead: the smallest part size the run uses. */
    static final long FINE_BYTES = 4L << 20;

    private static final Map<Key, CompletableFuture<FileScan.Scanned>> SCANS = new ConcurrentHashMap<>();

    private record Key(String path, long size, long modifiedMicros) {
    }

    private ScanAhead() {
    }

    /**
     * Starts scanning the local files of the given patterns (resolved against {@code baseDir}) on one
     * daemon thread, in order; patterns that are URIs or match nothing are skipped (the run reports
     * them).
     */
    public static void start(Path baseDir, List<String> patterns) {
        SCANS.clear();
        List<Path> files = new ArrayList<>();
        for (String pattern : patterns) {
            if (pattern == null || Storage.isUri(pattern)) {
                continue;
            }
            try {
                InputFiles.resolve(Storage.standalone(), baseDir, pattern, "scan ahead").forEach(f -> files.add(
                        Path.of(f)));
            } catch (RuntimeException e) {
                // the run resolves the pattern again and says what is wrong with it
            }
        }
        if (files.isEmpty()) {
            return;
        }
        Map<Path, CompletableFuture<FileScan.Hashed>> hashes = new java.util.LinkedHashMap<>();
        Map<Path, CompletableFuture<FileScan.Scanned>> cuts = new java.util.LinkedHashMap<>();
        for (Path file : files) {
            Optional<Key> key = key(file.toString());
            if (key.isPresent() && !SCANS.containsKey(key.get())) {
                CompletableFuture<FileScan.Hashed> hash = new CompletableFuture<>();
                CompletableFuture<FileScan.Scanned> cut = new CompletableFuture<>();
                hashes.put(file, hash);
                cuts.put(file, cut);
                SCANS.put(key.get(), hash.thenCombine(cut, (h, c) -> FileScan.withHash(c, h, file.toString())));
            }
        }
        // hash and cut on two threads, as the run itself would: once Spark has started, the run waits for
        // them with both cores free
        daemon("scan-ahead-hash", () -> hashes.forEach((file, future) -> complete(future,
                () -> FileScan.hash(Storage.standalone(), file.toString(), file.toString()))));
        daemon("scan-ahead-cut", () -> cuts.forEach((file, future) -> complete(future,
                () -> FileScan.cut(Storage.standalone(), file.toString(), file.toString(), FINE_BYTES, () -> false))));
    }

    private static <T> void complete(CompletableFuture<T> future, java.util.function.Supplier<T> work) {
        try {
            future.complete(work.get());
        } catch (RuntimeException | Error e) {
            future.completeExceptionally(e);
        }
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The scan made ahead of a local file (waiting for it if under way), removed from the waiting
     * scans; empty when there is none for the file as it is now or it failed.
     */
    static Optional<FileScan.Scanned> take(String location) {
        if (SCANS.isEmpty() || Storage.isUri(location)) {
            return Optional.empty();
        }
        Optional<Key> key = key(location);
        CompletableFuture<FileScan.Scanned> future = key.map(SCANS::remove).orElse(null);
        if (future == null) {
            return Optional.empty();
        }
        try {
            FileScan.Scanned scan = future.join();
            // the file must still be what was read: same size and time after the read as before it
            return key(location).equals(key) && scan.bytes() == key.get().size() ? Optional.of(scan)
                    : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Key> key(String location) {
        try {
            Path path = Path.of(location).toAbsolutePath().normalize();
            return Optional.of(new Key(path.toString(), Files.size(path),
                    Files.getLastModifiedTime(path).to(TimeUnit.MICROSECONDS)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
