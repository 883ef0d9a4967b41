package org.festivaloutcomes.job;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.festivaloutcomes.ingest.DatasetFormat;
import org.festivaloutcomes.ingest.DatasetKind;
import org.festivaloutcomes.report.Language;

/**
 * A checked job file: every path resolved against the job file's folder, every code validated.
 *
 * @param inputs dataset to its path or glob, relative to {@link #baseDir()}
 * @param pseudonymKey the secret for hashing attendee ids
 * @param pseudonymKeySource where the secret came from, for messages and the manifest
 */
public record Job(Path jobFile, Path baseDir, String name, List<String> editions, Map<DatasetKind, String> inputs,
        Map<DatasetKind, DatasetFormat> formats, Map<String, BigDecimal> fxToCny, BigDecimal maxRejectedShare,
        Path outputRoot, Language language, String pseudonymKey, String pseudonymKeySource) {

    public DatasetFormat format(DatasetKind kind) {
        return formats.getOrDefault(kind, DatasetFormat.DEFAULT);
    }

    /** The folder holding the job's run folders: {@code <output>/<job name>}. */
    public Path jobOutputDir() {
        return outputRoot.resolve(name);
    }

    /** The job's staging store: its attendance and deals files, parsed once (hidden beside the run folders). */
    public Path storeDir() {
        return jobOutputDir().resolve(".store");
    }
}
