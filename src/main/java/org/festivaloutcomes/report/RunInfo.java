package org.festivaloutcomes.report;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Facts about the run for the Summary's footer block.
 *
 * @param runAt when the run started (pinned for reproducible runs)
 * @param inputs every input file read
 */
public record RunInfo(String jobName, String programVersion, OffsetDateTime runAt, List<InputFile> inputs) {

    /** An input file with its fingerprint. */
    public record InputFile(String dataset, String path, String sha256, long bytes) {
    }
}
