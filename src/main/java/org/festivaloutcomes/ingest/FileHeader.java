package org.festivaloutcomes.ingest;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.festivaloutcomes.ingest.csv.CsvRecord;
import org.festivaloutcomes.model.BadInputException;

/**
 * How one file's header maps onto its dataset's canonical columns.
 *
 * @param fieldCount the number of fields every record must have
 * @param positions for each canonical column (in {@link DatasetKind#columns()} order), its field index
 *     in the file, or -1 when the (optional) column is absent
 * @param ignoredColumns export headers that map to no canonical column, or to one already taken
 */
public record FileHeader(int fieldCount, int[] positions, List<String> ignoredColumns) implements Serializable {

    /**
     * Maps a header record; a broken header or a missing required column is a {@link BadInputException}.
     */
    public static FileHeader of(CsvRecord header, DatasetKind kind, DatasetFormat format, String fileName) {
        if (header == null) {
            throw new BadInputException(fileName + ": the file is empty, a header row is required");
        }
        if (header.problem() != null) {
            throw new BadInputException(fileName + ": the header row does not parse (" + header.problem() + ")");
        }
        Map<String, String> mapping = format.columns();
        int[] positions = new int[kind.columns().size()];
        Arrays.fill(positions, -1);
        List<String> ignored = new ArrayList<>();
        List<String> fields = header.fields();
        for (int i = 0; i < fields.size(); i++) {
            String name = fields.get(i).strip();
            String normalized = Enums.normalize(name);
            String canonical = mapping.get(normalized);
            if (canonical == null && kind.column(normalized).isPresent()) {
                canonical = normalized;
            }
            if (canonical == null) {
                ignored.add(name);
                continue;
            }
            int column = kind.columnIndex(canonical);
            if (positions[column] >= 0) {
                ignored.add(name);
            } else {
                positions[column] = i;
            }
        }
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < positions.length; c++) {
            if (positions[c] < 0 && kind.columns().get(c).required()) {
                missing.add(kind.columns().get(c).name());
            }
        }
        if (!missing.isEmpty()) {
            throw new BadInputException(fileName + ": required column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " missing from the header of this " + kind.code() + " file");
        }
        return new FileHeader(fields.size(), positions, List.copyOf(ignored));
    }

    public int position(DatasetKind kind, String column) {
        return positions[kind.columnIndex(column)];
    }
}
