package org.festivaloutcomes.ingest;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Some records of a whole file, found byte by byte ({@link ByteRecordReader}): the records in between are
 * only split into fields, not decoded, typed or checked; the wanted ones go through the strict path with
 * their raw text. The duplicate check reads the rows of repeated keys again with it (a dirty export can
 * have them all over its file).
 */
final class RecordPicker extends ByteRecordReader<RecordPicker.Picked> {

    /** The wanted records as the strict path read them, by record number. */
    static final class Picked implements ByteRecordReader.Sink {
        private final long[] wanted;
        private final Map<Long, ParsedRecord> records = new HashMap<>();

        Picked(long[] wanted) {
            this.wanted = wanted;
        }

        boolean wants(long number) {
            return java.util.Arrays.binarySearch(wanted, number) >= 0;
        }

        @Override
        public void add(ParsedRecord record) {
            if (wants(record.recordNumber())) {
                records.put(record.recordNumber(), record);
            }
        }
    }

    private RecordPicker(InputFile file, FileParser parser) {
        super(file, parser, BUFFER_BYTES, MAX_RECORD_BYTES, true);
    }

    /**
     * The wanted records of a file (numbers ascending; the header is record 0), checked, with their raw
     * text: the same as {@link FileParser#pick}'s one pass of the strict reader.
     */
    static Map<Long, ParsedRecord> pick(InputFile file, FileParser parser, long[] wanted) throws IOException {
        Picked picked = new Picked(wanted);
        long size = file.storage().size(file.absolutePath());
        // the whole file, the header as record 0 (wanted numbers start at 1, so it is only split)
        new RecordPicker(file, parser).read(new FileScan.Chunk(0, size, 0), picked);
        return picked.records;
    }

    @Override
    boolean fast(Picked picked, long number) {
        // a wanted record goes to the strict path; any other is done with
        return !picked.wants(number);
    }
}
