package org.festivaloutcomes.cli;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.festivaloutcomes.ingest.DatasetKind;
import org.festivaloutcomes.ingest.FileScan;
import org.festivaloutcomes.ingest.InputFiles;
import org.festivaloutcomes.ingest.StagingStore;
import org.festivaloutcomes.job.Job;
import org.festivaloutcomes.job.JobLoader;
import org.festivaloutcomes.model.BadInputException;
import org.festivaloutcomes.storage.Storage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code store JOB.yaml [--prune | --clear]}: shows or trims a job's staging store. */
@Command(name = "store", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Lists the entries of a job's staging store (attendance and deals files parsed once, "
                + "their rows kept for later runs), or removes those no longer needed.",
            "Do not prune or clear while a run of the job is going on."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "2:bad command line or job file", "1:anything else"})
public final class StoreCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "JOB.yaml", description = "The job file.")
    Path jobFile;

    @Option(names = "--prune", description = "Remove entries of files that are no longer among the job's inputs "
            + "(or whose content changed) and entries made by another program version.")
    boolean prune;

    @Option(names = "--clear", description = "Remove every entry (and the metric values kept per run): the next "
            + "run parses every file again.")
    boolean clear;

    @Override
    public Integer call() {
        try {
            if (prune && clear) {
                throw new BadInputException("give either --prune or --clear, not both");
            }
            Job job = new JobLoader().load(jobFile);
            if (job.storeDir() == null) {
                throw new BadInputException(jobFile + ": the job keeps no staging store (store: off, or the output"
                        + " on " + job.outputRoot() + " without store:)");
            }
            StagingStore store = new StagingStore(job.storeDir());
            Set<String> current = currentFiles(job);
            List<StagingStore.Entry> entries = store.list();
            long kept = 0;
            long removed = 0;
            long removedBytes = 0;
            System.out.println(String.format(Locale.ROOT, "%-10s %-7s %12s %14s  %-20s  %s", "dataset", "state",
                    "rows", "source bytes", "made", "source"));
            for (StagingStore.Entry entry : entries) {
                boolean inUse = current.contains(entry.dataset() + "\u0000" + entry.sha256())
                        && entry.programVersion().equals(VersionProvider.build());
                boolean remove = clear || (prune && !inUse);
                System.out.println(String.format(Locale.ROOT, "%-10s %-7s %,12d %,14d  %-20s  %s", entry.dataset(),
                        remove ? "removed" : inUse ? "current" : "stale", entry.rowsRead(), entry.bytes(),
                        entry.createdAt(), entry.source()));
                if (remove) {
                    store.remove(DatasetKind.byCode(entry.dataset()).orElseThrow(), entry.key());
                    removed++;
                    removedBytes += entry.bytes();
                } else {
                    kept++;
                }
            }
            // a kept duplicate check is of use only while every entry it was made over is there
            Set<String> keptEntries = new HashSet<>();
            store.list().forEach(e -> keptEntries.add("e" + e.key()));
            for (DatasetKind kind : List.of(DatasetKind.ATTENDANCE, DatasetKind.DEALS)) {
                for (StagingStore.KeyCheck check : store.checks(kind)) {
                    if (clear || check.entries().stream().anyMatch(e -> !keptEntries.contains(e.split("~")[0]))) {
                        store.removeCheck(kind, check.key());
                    }
                }
            }
            if (clear) {
                // the metric values kept per run go too: the next run computes everything again
                new org.festivaloutcomes.job.ResultCache(store.root()).clear();
            }
            System.err.println(String.format(Locale.ROOT, "store %s: %d entries kept, %d removed", store.root(),
                    kept, removed) + (removed > 0 ? String.format(Locale.ROOT, " (sources of %,d bytes)",
                    removedBytes) : ""));
            return 0;
        } catch (BadInputException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println("error: " + Failures.oneLine(e));
            return 1;
        }
    }

    /** dataset + SHA-256 of every attendance and deals file the job reads now. */
    private static Set<String> currentFiles(Job job) {
        Set<String> current = new HashSet<>();
        for (DatasetKind kind : List.of(DatasetKind.ATTENDANCE, DatasetKind.DEALS)) {
            String pattern = job.inputs().get(kind);
            Storage storage = Storage.standalone();
            for (String location : InputFiles.resolve(storage, job.baseDir(), pattern,
                    job.jobFile().getFileName() + ": inputs." + kind.code())) {
                FileScan.Hashed scan = FileScan.hash(storage, location, InputFiles.display(job.baseDir(), location));
                current.add(kind.code() + "\u0000" + scan.sha256());
            }
        }
        return current;
    }
}
