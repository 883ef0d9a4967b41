package org.festivaloutcomes.ingest;

import java.util.List;
import java.util.Map;

/**
 * What ingestion did with one dataset: per-file counts and fingerprints, and every rejected row in
 * file order, then record order (the content of quarantine/&lt;dataset&gt;.csv).
 *
 * @param keyCheckReused its duplicates and conflicts came from the staging store: an earlier run
 *     decided them over exactly the same files
 */
public record DatasetOutcome(DatasetKind kind, List<FileOutcome> files, List<RejectedRecord> rejected,
        boolean keyCheckReused) {

    public DatasetOutcome(DatasetKind kind, List<FileOutcome> files, List<RejectedRecord> rejected) {
        this(kind, files, rejected, false);
    }

    public long rowsRead() {
        return files.stream().mapToLong(FileOutcome::rowsRead).sum();
    }

    public long rowsRejected() {
        return files.stream().mapToLong(FileOutcome::rowsRejected).sum();
    }

    /**
     * One input file.
     *
     * @param rejectedByReason reason code to count (only reasons that occur)
     * @param reused its rows came from the staging store, parsed by an earlier run
     */
    public record FileOutcome(String displayPath, String absolutePath, String sha256, long bytes, long rowsRead,
            long rowsRejected, Map<String, Long> rejectedByReason, List<String> ignoredColumns, boolean reused) {

        public long rowsAccepted() {
            return rowsRead - rowsRejected;
        }
    }

    /** One quarantined row (its raw text has attendee ids masked). */
    public record RejectedRecord(String sourceFile, long recordNumber, String reasonCode, String column,
            String detail, String raw) {
    }
}
