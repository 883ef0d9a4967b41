package org.festivaloutcomes.job;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.festivaloutcomes.storage.Storage;

/**
 * A run folder written elsewhere first and put in place only when complete, so a crash or a kill
 * leaves the previous report intact (outputs.md). The run always writes into a local folder
 * ({@link #dir()}); how it is put in place depends on where the target is:
 *
 * <ul>
 *   <li>where folders rename atomically (local paths, {@code file:}, {@code hdfs:}): a hidden sibling
 *       {@code .<YYYY-MM>.staging-<id>} (for a local target the run writes straight into it, else the
 *       local folder is uploaded there) is renamed into place, the old folder first renamed aside;</li>
 *   <li>on object stores ({@link Storage#atomicRename}): the folder is uploaded whole to
 *       {@code .runs/<YYYY-MM>-<run id>/}, then the pointer file {@code <YYYY-MM>.current} is rewritten
 *       with one write to name it, then {@code <YYYY-MM>/} is made a copy of it (its manifest.json removed
 *       first and copied last). The next run of the month removes the folders the pointer no longer names.</li>
 * </ul>
 */
public final class RunFolder {

    static final String RUNS = ".runs";
    static final String POINTER_SUFFIX = ".current";
    private static final String MANIFEST = "manifest.json";
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Storage storage;
    private final String target;
    private final Path dir;
    private final String staging;
    private final Lock lock;

    private RunFolder(Storage storage, String target, Path dir, String staging, Lock lock) {
        this.storage = storage;
        this.target = target;
        this.dir = dir;
        this.staging = staging;
        this.lock = lock;
    }

    /** What a run holds while it writes a job's month: released when it commits or gives up. */
    private interface Lock {
        void release();
    }

    /**
     * Takes the lock of a job and period, before any work, so that a second run stops at once. A local
     * target is locked with an OS file lock (released if the process dies); a URI with a lock file
     * created only if absent, naming its holder (a dead holder on this host is taken over; see README).
     */
    public static Claim claim(Storage storage, String target) throws IOException {
        String parent = Storage.parent(target);
        storage.mkdirs(parent);
        String lockFile = Storage.resolve(parent, "." + Storage.name(target) + ".lock");
        return new Claim(storage, target, Storage.isUri(target) ? lockFile(storage, lockFile, target)
                : osLock(Path.of(lockFile), target));
    }

    private static Lock osLock(Path lockFile, String target) throws IOException {
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new AlreadyRunningException("another run is already writing " + target
                    + " (lock " + lockFile.getFileName() + "); wait for it to finish");
        }
        FileLock held = lock;
        return () -> {
            try {
                held.release();
                channel.close();
            } catch (IOException e) {
                // closing the channel releases the lock in any case
            }
        };
    }

    /**
     * No OS lock exists on Hadoop file systems: the lock is a file created only if absent (atomic on HDFS
     * and local file systems; on object stores a check then a write, so the scheduler must not start two
     * runs of one month at the same moment). It names its holder, {@code pid@host started run-id}; a lock
     * whose holder was a process of this host that is gone (killed) is taken over.
     */
    private static Lock lockFile(Storage storage, String lockFile, String target) throws IOException {
        String holder = ProcessHandle.current().pid() + "@" + host() + " " + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                + " " + UUID.randomUUID();
        for (int attempt = 0; ; attempt++) {
            try {
                storage.write(lockFile, holder.getBytes(StandardCharsets.UTF_8), false);
                return () -> {
                    try {
                        if (holder.equals(readOrNull(storage, lockFile))) {
                            storage.delete(lockFile);
                        }
                    } catch (IOException e) {
                        // a lock left behind names this process, which is gone: the next run takes it over
                    }
                };
            } catch (FileAlreadyExistsException e) {
                String other = readOrNull(storage, lockFile);
                if (attempt == 0 && (other == null || deadHere(other))) {
                    if (other != null && other.equals(readOrNull(storage, lockFile))) {
                        storage.delete(lockFile);
                    }
                    continue;
                }
                throw new AlreadyRunningException("another run is already writing " + target + " (lock "
                        + lockFile + " held by " + other + "); wait for it to finish, or delete the lock file if"
                        + " that run is dead");
            }
        }
    }

    private static String readOrNull(Storage storage, String file) throws IOException {
        try {
            return new String(storage.readAll(file), StandardCharsets.UTF_8).strip();
        } catch (FileNotFoundException e) {
            return null;
        }
    }

    /** True when a lock's holder was a process of this host that no longer runs. */
    private static boolean deadHere(String holder) {
        int at = holder.indexOf('@');
        int space = holder.indexOf(' ');
        if (at < 0 || space < at) {
            return false;
        }
        try {
            long pid = Long.parseLong(holder.substring(0, at));
            return holder.substring(at + 1, space).equals(host()) && ProcessHandle.of(pid).isEmpty();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** The lock of one job and period, held until its folder is committed or abandoned. */
    public static final class Claim implements AutoCloseable {
        private final Storage storage;
        private final String target;
        private final Lock lock;
        private boolean begun;

        private Claim(Storage storage, String target, Lock lock) {
            this.storage = storage;
            this.target = target;
            this.lock = lock;
        }

        /** Clears what interrupted runs left, then makes the folder the run writes into. */
        public RunFolder begin() throws IOException {
            String name = Storage.name(target);
            String parent = Storage.parent(target);
            String staging;
            if (storage.atomicRename(target)) {
                recover(storage, target);
                staging = Storage.resolve(parent, "." + name + ".staging-" + UUID.randomUUID());
            } else {
                recoverPointer(storage, target);
                staging = Storage.resolve(Storage.resolve(parent, RUNS), name + "-" + RUN_ID.format(Instant.now())
                        + "-" + UUID.randomUUID().toString().substring(0, 8));
            }
            Path dir;
            if (Storage.isUri(target)) {
                dir = Files.createTempDirectory("festival-outcomes-run-");
            } else {
                dir = Path.of(staging);
                Files.createDirectories(dir);
            }
            begun = true;
            return new RunFolder(storage, target, dir, staging, lock);
        }

        /** Lets go of a claim whose folder was never begun (the folder then releases it). */
        @Override
        public void close() {
            if (!begun) {
                lock.release();
            }
        }
    }

    /** Another process holds the lock of this job and period. */
    public static final class AlreadyRunningException extends RuntimeException {
        AlreadyRunningException(String message) {
            super(message);
        }
    }

    /** Where the run writes its files (a local folder). */
    public Path dir() {
        return dir;
    }

    /** The run folder's place, a local path or a URI. */
    public String target() {
        return target;
    }

    /** For object stores: the pointer file and the complete folder it now names, for messages. */
    public String pointerNote() {
        return storage.atomicRename(target) ? "" : " (" + Storage.name(target) + POINTER_SUFFIX + " names "
                + RUNS + "/" + Storage.name(staging) + ")";
    }

    /** Puts the finished folder in place of the old one. */
    public void commit() throws IOException {
        if (Storage.isUri(target)) {
            for (String file : storage.listFiles(dir.toString())) {
                storage.copy(Storage.resolve(dir.toString(), file), Storage.resolve(staging, file));
            }
        }
        if (storage.atomicRename(target)) {
            String aside = Storage.resolve(Storage.parent(target), "." + Storage.name(target) + ".previous-"
                    + UUID.randomUUID());
            boolean hadPrevious = storage.exists(target);
            if (hadPrevious) {
                storage.rename(target, aside);
            }
            storage.rename(staging, target);
            if (hadPrevious) {
                storage.delete(aside);
            }
        } else {
            // the one step that replaces the report: a single small write
            storage.write(pointer(target), (RUNS + "/" + Storage.name(staging) + "\n").getBytes(StandardCharsets.UTF_8),
                    true);
            mirror(storage, dir.toString(), target);
        }
        if (Storage.isUri(target)) {
            storage.delete(dir.toString());
        }
        lock.release();
    }

    /** Removes what the run wrote of a folder that did not finish. */
    public void abandon() {
        try {
            storage.delete(staging);
            storage.delete(dir.toString());
        } catch (IOException e) {
            // best effort: a later run's recovery clears it
        }
        lock.release();
    }

    /**
     * Clears what interrupted runs left where folders rename: a report moved aside while its successor was
     * moved in is put back if the successor never arrived; stale staging folders are deleted.
     */
    static void recover(Storage storage, String target) throws IOException {
        String parent = Storage.parent(target);
        String name = Storage.name(target);
        for (String sibling : storage.list(parent)) {
            String location = Storage.resolve(parent, sibling);
            if (sibling.startsWith("." + name + ".previous-") && !storage.exists(target)) {
                storage.rename(location, target);
            } else if (sibling.startsWith("." + name + ".staging-") || sibling.startsWith("." + name + ".previous-")) {
                storage.delete(location);
            }
        }
    }

    /**
     * Clears what earlier runs left on an object store: every folder of the month under {@code .runs/} but
     * the one the pointer names (superseded reports, uploads of runs that died), and makes the copy in
     * {@code <YYYY-MM>/} whole again if a run died while copying.
     */
    static void recoverPointer(Storage storage, String target) throws IOException {
        String runs = Storage.resolve(Storage.parent(target), RUNS);
        String current = readOrNull(storage, pointer(target));
        String currentName = current == null ? null : current.substring(current.lastIndexOf('/') + 1);
        for (String run : storage.list(runs)) {
            if (run.startsWith(Storage.name(target) + "-") && !run.equals(currentName)) {
                storage.delete(Storage.resolve(runs, run));
            }
        }
        if (currentName != null) {
            String complete = Storage.resolve(runs, currentName);
            String copied = Storage.resolve(target, MANIFEST);
            if (!storage.exists(copied) || !java.util.Arrays.equals(storage.readAll(copied),
                    storage.readAll(Storage.resolve(complete, MANIFEST)))) {
                mirror(storage, complete, target);
            }
        }
    }

    static String pointer(String target) {
        return Storage.resolve(Storage.parent(target), Storage.name(target) + POINTER_SUFFIX);
    }

    /**
     * Makes {@code to} a copy of {@code from}: its manifest.json is removed first and written last, so a
     * reader that finds it finds the files it lists.
     */
    private static void mirror(Storage storage, String from, String to) throws IOException {
        List<String> files = storage.listFiles(from);
        storage.delete(Storage.resolve(to, MANIFEST));
        for (String file : files) {
            if (!file.equals(MANIFEST)) {
                storage.copy(Storage.resolve(from, file), Storage.resolve(to, file));
            }
        }
        Set<String> wanted = new HashSet<>(files);
        for (String old : storage.exists(to) ? storage.listFiles(to) : List.<String>of()) {
            if (!wanted.contains(old)) {
                storage.delete(Storage.resolve(to, old));
            }
        }
        storage.copy(Storage.resolve(from, MANIFEST), Storage.resolve(to, MANIFEST));
    }
}
