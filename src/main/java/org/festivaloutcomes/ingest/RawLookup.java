package org.festivaloutcomes.ingest;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Fetches the raw text of a few records of a file. Raw text is kept in memory only for rows
 * rejected while parsing; the rare duplicates and conflicts, found later across files, are looked
 * up here instead of carrying every row's text through the run.
 */
final class RawLookup {

    private RawLookup() {
    }

    static Map<Long, String> read(InputFile file, DatasetKind kind, DatasetFormat format, Set<Long> recordNumbers) {
        Map<Long, String> raws = new HashMap<>();
        FileParser parser = new FileParser(kind, format, new RowChecker(kind, format, Map.of(), References.NONE));
        FileParser.Records records = parser.records(file, true);
        while (records.hasNext() && raws.size() < recordNumbers.size()) {
            ParsedRecord record = records.next();
            if (recordNumbers.contains(record.recordNumber())) {
                raws.put(record.recordNumber(), record.raw());
            }
        }
        records.close();
        return raws;
    }
}
