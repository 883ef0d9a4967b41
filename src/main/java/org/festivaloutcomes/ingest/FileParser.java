package org.festivaloutcomes.ingest;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import org.festivaloutcomes.ingest.csv.CsvRecord;
import org.festivaloutcomes.ingest.csv.StrictCsvReader;
import org.festivaloutcomes.model.BadInputException;
import org.festivaloutcomes.storage.Storage;

/**
 * Reads one input file record by record, decoding it in the dataset's encoding and checking each
 * record with a {@link RowChecker}. The same code runs on the driver (small datasets) and inside
 * Spark tasks (attendance, deals), a whole file or one part of it. Undecodable bytes are a
 * {@link BadInputException}.
 */
public final class FileParser implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int BUFFER_BYTES = 1 << 20;

    private final DatasetKind kind;
    private final DatasetFormat format;
    private final RowChecker checker;

    public FileParser(DatasetKind kind, DatasetFormat format, RowChecker checker) {
        this.kind = kind;
        this.format = format;
        this.checker = checker;
    }

    /** Reads just the header record of a file and maps it; structural problems are exit-2 errors. */
    public static FileHeader readHeader(Storage storage, String location, String displayPath, DatasetKind kind,
            DatasetFormat format) {
        try (InputStream in = open(storage, location, displayPath, 0);
                StrictCsvReader reader = new StrictCsvReader(new InputStreamReader(in, decoder(format)))) {
            return FileHeader.of(reader.next(), kind, format, displayPath);
        } catch (CharacterCodingException e) {
            throw undecodable(displayPath, format, 0);
        } catch (IOException e) {
            throw new BadInputException(displayPath + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /**
     * The records of a file after its header, lazily; the file is closed when they are exhausted.
     *
     * @param keepRaw keep the raw text of accepted records too (for duplicates found later)
     */
    public Records records(InputFile file, boolean keepRaw) {
        return new Records(file, null, keepRaw);
    }

    /** The records of one part of a file (see {@link FileScan}), numbered as in the whole file. */
    public Records records(InputFile file, FileScan.Chunk chunk, boolean keepRaw) {
        return new Records(file, chunk, keepRaw);
    }

    /** A lazy pass over one file or one part of it. */
    public final class Records implements Iterator<ParsedRecord>, Closeable {
        private final InputFile file;
        private final StrictCsvReader reader;
        private final int attendeePosition;
        private final boolean keepRaw;
        private ParsedRecord next;
        private boolean done;
        private long lastRecord;

        Records(InputFile file, FileScan.Chunk chunk, boolean keepRaw) {
            this.file = file;
            this.keepRaw = keepRaw;
            InputStream in = open(file.storage(), file.absolutePath(), file.displayPath(),
                    chunk == null ? 0 : chunk.start());
            if (chunk == null) {
                this.reader = new StrictCsvReader(new InputStreamReader(in, decoder(format)));
            } else {
                this.reader = new StrictCsvReader(new InputStreamReader(
                        new BoundedStream(in, chunk.end() - chunk.start()), decoder(format)),
                        StrictCsvReader.FILE_BUFFER_CHARS / 16, chunk.firstRecord());
                this.lastRecord = chunk.firstRecord() - 1;
            }
            this.attendeePosition = kind == DatasetKind.ATTENDANCE
                    ? file.header().position(kind, "attendee_id") : -1;
            if (chunk == null && read() == null) {
                done = true;
            }
        }

        @Override
        public boolean hasNext() {
            if (next == null && !done) {
                CsvRecord record = read();
                if (record == null) {
                    done = true;
                    close();
                } else {
                    next = parse(record);
                }
            }
            return next != null;
        }

        @Override
        public ParsedRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ParsedRecord result = next;
            next = null;
            return result;
        }

        private ParsedRecord parse(CsvRecord record) {
            return parsed(file, record, attendeePosition, keepRaw);
        }

        private CsvRecord read() {
            try {
                CsvRecord record = reader.next();
                if (record != null) {
                    lastRecord = record.number();
                }
                return record;
            } catch (CharacterCodingException e) {
                throw undecodable(file.displayPath(), format, lastRecord);
            } catch (IOException e) {
                throw new UncheckedIOException(file.displayPath() + ": cannot be read", e);
            }
        }

        @Override
        public void close() {
            try {
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * One record of a file checked: its values, or why it is rejected with its raw text (attendee ids
     * masked at {@code attendeePosition}, -1 for none).
     */
    ParsedRecord parsed(InputFile file, CsvRecord record, int attendeePosition, boolean keepRaw) {
        RowChecker.Checked checked = checker.check(record, file.header());
        if (checked.rejection() == null) {
            return new ParsedRecord(file.index(), record.number(), checked.values(), null,
                    keepRaw ? maskedRaw(record, file.header().fieldCount(), attendeePosition) : null);
        }
        return new ParsedRecord(file.index(), record.number(), null, checked.rejection(),
                maskedRaw(record, file.header().fieldCount(), attendeePosition));
    }

    /** The dataset whose files this parses. */
    DatasetKind kind() {
        return kind;
    }

    /** The dataset's format (its encoding among others). */
    DatasetFormat format() {
        return format;
    }

    /** The checks records are put through. */
    RowChecker checker() {
        return checker;
    }

    /**
     * Some records of a file, checked, with their raw text (attendee ids masked): one pass of the reader
     * that checks only the wanted records. The rare duplicates and conflicts, found after parsing and
     * across files, get their exact keys and text here instead of every row carrying them through the run.
     *
     * @param recordNumbers ascending
     */
    public Map<Long, ParsedRecord> pick(InputFile file, long[] recordNumbers) {
        if (ByteRecordReader.applies(format)) {
            try {
                return RecordPicker.pick(file, this, recordNumbers);
            } catch (FileNotFoundException e) {
                throw new BadInputException(file.displayPath() + ": file not found");
            } catch (IOException e) {
                throw new UncheckedIOException(file.displayPath() + ": cannot be read", e);
            }
        }
        return strictPick(file, recordNumbers);
    }

    /** {@link #pick} with the strict reader alone, in any encoding. */
    Map<Long, ParsedRecord> strictPick(InputFile file, long[] recordNumbers) {
        Map<Long, ParsedRecord> picked = new HashMap<>();
        int attendeePosition = kind == DatasetKind.ATTENDANCE ? file.header().position(kind, "attendee_id") : -1;
        long last = 0;
        try (InputStream in = open(file.storage(), file.absolutePath(), file.displayPath(), 0);
                StrictCsvReader reader = new StrictCsvReader(new InputStreamReader(in, decoder(format)))) {
            reader.next(); // the header
            int next = 0;
            CsvRecord record;
            while (next < recordNumbers.length && (record = reader.next()) != null) {
                last = record.number();
                while (next < recordNumbers.length && recordNumbers[next] < last) {
                    next++;
                }
                if (next < recordNumbers.length && recordNumbers[next] == last) {
                    RowChecker.Checked checked = checker.check(record, file.header());
                    picked.put(last, new ParsedRecord(file.index(), last, checked.values(), checked.rejection(),
                            maskedRaw(record, file.header().fieldCount(), attendeePosition)));
                    next++;
                }
            }
        } catch (CharacterCodingException e) {
            throw undecodable(file.displayPath(), format, last);
        } catch (IOException e) {
            throw new UncheckedIOException(file.displayPath() + ": cannot be read", e);
        }
        return picked;
    }

    /**
     * The record as read, with the attendee_id field replaced by {@code ***}. For a record with the
     * wrong number of fields the id may have shifted, so every field it could have moved to is masked.
     */
    static String maskedRaw(CsvRecord record, int headerFields, int attendeePosition) {
        String raw = record.raw();
        if (attendeePosition < 0 || record.fieldStarts() == null) {
            return raw;
        }
        int shift = Math.abs(record.fields().size() - headerFields);
        int from = Math.max(0, attendeePosition - shift);
        int to = Math.min(record.fields().size() - 1, attendeePosition + shift);
        if (record.problem() != null) {
            to = record.fields().size() - 1;
        }
        StringBuilder masked = new StringBuilder(raw.length());
        int copied = 0;
        for (int i = from; i <= to; i++) {
            int start = record.fieldStarts()[i];
            int end = record.fieldEnds()[i];
            if (start < copied || end > raw.length() || start >= end) {
                continue;
            }
            masked.append(raw, copied, start).append("***");
            copied = end;
        }
        return masked.append(raw, copied, raw.length()).toString();
    }

    /** Opens a file at a byte offset (a seek, not a read of the bytes before it). */
    private static InputStream open(Storage storage, String location, String displayPath, long offset) {
        try {
            return new BufferedInputStream(storage.open(location, offset), BUFFER_BYTES);
        } catch (FileNotFoundException e) {
            throw new BadInputException(displayPath + ": file not found");
        } catch (IOException e) {
            throw new BadInputException(displayPath + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    static CharsetDecoder decoder(DatasetFormat format) {
        return format.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    static BadInputException undecodable(String displayPath, DatasetFormat format, long record) {
        return new BadInputException(displayPath + ": bytes that do not decode as " + format.charset().name()
                + (record == 0 ? " in its first lines" : " after record " + record)
                + "; declare the file's encoding under formats in the job file");
    }

    /** At most {@code remaining} bytes of a stream: one part of a file. */
    private static final class BoundedStream extends java.io.FilterInputStream {
        private long remaining;

        BoundedStream(InputStream in, long remaining) {
            super(in);
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }
}
