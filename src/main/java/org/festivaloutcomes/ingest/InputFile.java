package org.festivaloutcomes.ingest;

import java.io.Serializable;
import java.util.List;

/**
 * One file of a dataset.
 *
 * @param index position among all files of the dataset, in sorted path order
 * @param absolutePath where it is read from
 * @param displayPath relative to the job file's folder, as written to quarantine files and the manifest
 */
public record InputFile(int index, String absolutePath, String displayPath, FileHeader header)
        implements Serializable {

    public List<String> ignoredColumns() {
        return header.ignoredColumns();
    }
}
