package org.festivaloutcomes.ingest;

import java.io.Serializable;
import java.util.List;
import org.festivaloutcomes.storage.Storage;

/**
 * One file of a dataset.
 *
 * @param index position among all files of the dataset, in sorted path order
 * @param absolutePath where it is read from: a local path or a URI
 * @param displayPath relative to the job file's folder (a URI as it is), as written to quarantine files and
 *     the manifest
 * @param storage opens it, on the driver or inside a Spark task
 */
public record InputFile(int index, String absolutePath, String displayPath, FileHeader header, Storage storage)
        implements Serializable {

    public List<String> ignoredColumns() {
        return header.ignoredColumns();
    }
}
