package org.festivaloutcomes.job;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.StandardOpenOption;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.festivaloutcomes.ingest.StagingStore;

/**
 * A run folder written elsewhere first and moved into place only when complete, so a crash or a
 * kill leaves the previous report intact (outputs.md). The staging folder is a hidden sibling of the
 * final one, on the same file system, so the moves are renames.
 */
public final class RunFolder {

    private final Path target;
    private final Path staging;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private RunFolder(Path target, Path staging, FileChannel lockChannel, FileLock lock) {
        this.target = target;
        this.staging = staging;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Takes the lock of a job and period, before any work, so that a second run stops at once; the OS
     * releases it if the process dies.
     */
    public static Claim claim(Path target) throws IOException {
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path lockFile = parent.resolve("." + target.getFileName() + ".lock");
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
        return new Claim(target, channel, lock);
    }

    /** The lock of one job and period, held until its folder is committed or abandoned. */
    public static final class Claim implements AutoCloseable {
        private final Path target;
        private final FileChannel channel;
        private final FileLock lock;
        private boolean begun;

        private Claim(Path target, FileChannel channel, FileLock lock) {
            this.target = target;
            this.channel = channel;
            this.lock = lock;
        }

        /** Creates the staging folder, first restoring a report a crashed run left aside. */
        public RunFolder begin() throws IOException {
            recover(target);
            Path staging = target.getParent().resolve("." + target.getFileName() + ".staging-" + UUID.randomUUID());
            Files.createDirectories(staging);
            begun = true;
            return new RunFolder(target, staging, channel, lock);
        }

        /** Lets go of a claim whose folder was never begun (the folder then releases it). */
        @Override
        public void close() {
            if (!begun) {
                try {
                    lock.release();
                    channel.close();
                } catch (IOException e) {
                    // closing the channel releases the lock in any case
                }
            }
        }
    }

    /** Another process holds the lock of this job and period. */
    public static final class AlreadyRunningException extends RuntimeException {
        AlreadyRunningException(String message) {
            super(message);
        }
    }

    /** Where the run writes its files. */
    public Path dir() {
        return staging;
    }

    public Path target() {
        return target;
    }

    /** Puts the finished folder in place of the old one. */
    public void commit() throws IOException {
        Path aside = target.resolveSibling("." + target.getFileName() + ".previous-" + UUID.randomUUID());
        boolean hadPrevious = Files.exists(target);
        if (hadPrevious) {
            move(target, aside);
        }
        move(staging, target);
        if (hadPrevious) {
            StagingStore.deleteTree(aside);
        }
        release();
    }

    private void release() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            // closing the channel releases the lock in any case
        }
    }

    /** Removes the staging folder of a run that did not finish. */
    public void abandon() {
        try {
            StagingStore.deleteTree(staging);
        } catch (IOException e) {
            // best effort: a later run's recover() clears it
        }
        release();
    }

    /**
     * Clears what interrupted runs left: a report moved aside while its successor was moved in is put
     * back if the successor never arrived; stale staging folders are deleted.
     */
    static void recover(Path target) throws IOException {
        Path parent = target.getParent();
        String name = target.getFileName().toString();
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(parent, "." + name + ".*")) {
            for (Path sibling : siblings) {
                String siblingName = sibling.getFileName().toString();
                if (siblingName.startsWith("." + name + ".previous-") && !Files.exists(target)) {
                    move(sibling, target);
                } else if (siblingName.startsWith("." + name + ".staging-")
                        || siblingName.startsWith("." + name + ".previous-")) {
                    StagingStore.deleteTree(sibling);
                }
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

}
