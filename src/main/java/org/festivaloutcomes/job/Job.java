package org.festivaloutcomes.job;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.festivaloutcomes.ingest.DatasetFormat;
import org.festivaloutcomes.ingest.DatasetKind;
import org.festivaloutcomes.report.Language;
import org.festivaloutcomes.storage.Storage;

/**
 * A checked job file: every path resolved against the job file's folder, every code validated.
 *
 * @param inputs dataset to its path or glob, relative to {@link #baseDir()}
 * @param pseudonymKey the secret for hashing attendee ids
 * @param pseudonymKeySource where the secret came from, for messages and the manifest
 * @param outputRoot an absolute local path or a URI ({@code hdfs://}, {@code s3a://}, {@code file://}...)
 * @param storeDir the staging store's folder (attendance and deals files parsed once): {@code store} of the
 *     job file, by default hidden beside the run folders when they are on a local file system; null when off
 */
public record Job(Path jobFile, Path baseDir, String name, List<String> editions, Map<DatasetKind, String> inputs,
        Map<DatasetKind, DatasetFormat> formats, Map<String, BigDecimal> fxToCny, BigDecimal maxRejectedShare,
        String outputRoot, Path storeDir, Language language, String pseudonymKey, String pseudonymKeySource) {

    public DatasetFormat format(DatasetKind kind) {
        return formats.getOrDefault(kind, DatasetFormat.DEFAULT);
    }

    /** The folder holding the job's run folders: {@code <output>/<job name>}, a local path or a URI. */
    public String jobOutputDir() {
        return Storage.resolve(outputRoot, name);
    }
}
