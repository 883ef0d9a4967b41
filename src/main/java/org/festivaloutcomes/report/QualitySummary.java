package org.festivaloutcomes.report;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What ingestion accepted and rejected, per dataset and file, for the Data Quality sheet and the
 * quality warning on the Summary.
 *
 * @param maxRejectedShare the job's quality.max_rejected_share
 * @param datasets in the contract's dataset order
 */
public record QualitySummary(BigDecimal maxRejectedShare, List<DatasetQuality> datasets) {

    /** True when some dataset's rejected share is strictly above the threshold (exit 3). */
    public boolean thresholdExceeded() {
        return datasets.stream().anyMatch(d -> d.exceeds(maxRejectedShare));
    }

    /** One dataset, all its files together. */
    public record DatasetQuality(String dataset, List<FileQuality> files) {
        public long rowsRead() {
            return files.stream().mapToLong(FileQuality::rowsRead).sum();
        }

        public long rowsRejected() {
            return files.stream().mapToLong(FileQuality::rowsRejected).sum();
        }

        public long rowsAccepted() {
            return files.stream().mapToLong(FileQuality::rowsAccepted).sum();
        }

        /** Rejected over read strictly above the threshold, compared exactly (rejected > threshold x read). */
        public boolean exceeds(BigDecimal threshold) {
            return rowsRead() > 0 && BigDecimal.valueOf(rowsRejected())
                    .compareTo(threshold.multiply(BigDecimal.valueOf(rowsRead()))) > 0;
        }

        /** Rejected over read, or null for a dataset with no rows. */
        public BigDecimal rejectedShare() {
            long read = rowsRead();
            return read == 0 ? null
                    : BigDecimal.valueOf(rowsRejected()).divide(BigDecimal.valueOf(read), 10,
                            java.math.RoundingMode.HALF_UP);
        }
    }

    /**
     * One input file.
     *
     * @param path relative to the job file's folder
     * @param rejectedByReason reason code to count, in the order of outputs.md
     * @param examples a few rejected rows (raw already masked)
     */
    public record FileQuality(String path, long rowsRead, long rowsAccepted, long rowsRejected,
            Map<String, Long> rejectedByReason, List<RejectedRow> examples) {
    }

    /** One quarantined row as written to quarantine/&lt;dataset&gt;.csv. */
    public record RejectedRow(String sourceFile, long recordNumber, String reasonCode, String column, String detail,
            String raw) {
    }
}
