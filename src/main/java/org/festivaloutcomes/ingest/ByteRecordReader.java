package org.festivaloutcomes.ingest;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.festivaloutcomes.ingest.csv.CsvRecord;
import org.festivaloutcomes.ingest.csv.StrictCsvReader;
import org.festivaloutcomes.model.BadInputException;

/**
 * Reads one part of a large file (attendance, deals) straight from its bytes: a record whose fields are
 * plain - unquoted, or quoted on one line without {@code ""}, and as many as the header's - is handed to
 * {@link #fast}, which checks and writes it without a String or an object per field when it can. Every
 * other record (broken or multi-line quoting, a wrong field count, anything {@link #fast} leaves to the
 * strict path) is decoded alone, read by {@link StrictCsvReader#record} and checked by {@link RowChecker},
 * exactly as the strict reader of the whole part would: record boundaries follow the same rules as
 * {@link FileScan}'s cut, which is sound in UTF-8, GB18030 and GBK, where the bytes of quote, comma, CR
 * and LF never occur inside a multi-byte character. A record too long for the buffer (a quote left open)
 * hands the rest of the part to the strict reader, and so does a part whose records mostly go to the
 * strict path. So every record's outcome is the strict path's; the tests compare the two on hand-made
 * and random files.
 */
abstract class ByteRecordReader<W extends ByteRecordReader.Sink> {

    /** Where the records the strict path reads go. */
    interface Sink {
        void add(ParsedRecord record) throws IOException;
    }

    /** The encodings whose structural bytes never occur inside a character (the job's choices). */
    static final Set<String> ENCODINGS = Set.of("UTF-8", "GB18030", "GBK");

    static final int BUFFER_BYTES = 1 << 20;
    /** A record longer than this holds a quote left open: the strict reader reads the rest of the part. */
    static final int MAX_RECORD_BYTES = 8 << 20;

    private static final byte DATA = 0;
    private static final byte COMMA = 1;
    private static final byte LINE_END = 2;
    private static final byte QUOTE = 3;
    private static final byte HIGH = 4;
    private static final byte[] CLASS = new byte[256];

    static {
        CLASS[','] = COMMA;
        CLASS['\n'] = LINE_END;
        CLASS['\r'] = LINE_END;
        CLASS['"'] = QUOTE;
        for (int b = 0x80; b < 0x100; b++) {
            CLASS[b] = HIGH;
        }
    }

    /**
     * Every this many records, a part of which more than half went to the strict path is read on by
     * the strict reader alone.
     */
    private static final int SWITCH_CHECK = 1024;

    /** Results of splitting a record: more bytes are needed, or the record is not plain. */
    private static final int NEED_MORE = -1;
    private static final int NOT_PLAIN = -2;
    /** A column's text that only the strict path decides (invalid, unknown or unusual). */
    static final Object STRICT = new Object();

    final InputFile file;
    final FileParser parser;
    private final CharsetDecoder decoder;
    private final int fieldCount;
    private final int attendeePosition;
    /** Fields of the file that map to no column: their bytes must still decode. */
    private final int[] ignoredFields;
    private final int maxRecordBytes;
    /** Whether the strict path keeps the raw text of accepted records too. */
    private final boolean keepRaw;
    /** Records read byte by byte, the others having gone to the strict path. */
    private long fastRecords;

    byte[] buf;
    private int pos;
    private int lim;
    private boolean eof;
    private InputStream in;
    private long remaining;
    /** The file offset of buf[0]. */
    private long bufOffset;
    /** The current record's fields: [starts[i], ends[i]) in buf, quotes excluded. */
    final int[] starts;
    final int[] ends;
    private int fields;
    /** Whether the current record has a byte above 0x7F. */
    boolean high;

    /**
     * @param bufferBytes, maxRecordBytes other sizes let the tests cross buffer ends with few bytes
     * @param keepRaw keep the raw text of the records the strict path accepts too
     */
    ByteRecordReader(InputFile file, FileParser parser, int bufferBytes, int maxRecordBytes, boolean keepRaw) {
        this.keepRaw = keepRaw;
        this.file = file;
        this.parser = parser;
        this.buf = new byte[bufferBytes];
        this.maxRecordBytes = maxRecordBytes;
        this.decoder = FileParser.decoder(parser.format());
        FileHeader header = file.header();
        this.fieldCount = header.fieldCount();
        this.starts = new int[fieldCount];
        this.ends = new int[fieldCount];
        DatasetKind kind = parser.kind();
        this.attendeePosition = kind == DatasetKind.ATTENDANCE ? header.position(kind, "attendee_id") : -1;
        boolean[] read = new boolean[fieldCount];
        for (int position : header.positions()) {
            if (position >= 0) {
                read[position] = true;
            }
        }
        this.ignoredFields = IntStream.range(0, fieldCount).filter(f -> !read[f]).toArray();
    }

    /** Whether a dataset's format lets its records be found byte by byte. */
    static boolean applies(DatasetFormat format) {
        return ENCODINGS.contains(format.charset().name());
    }

    /**
     * Checks a record of plain fields as {@link RowChecker} would and writes it when it passes every
     * check; false (nothing written) whenever the strict path is to decide.
     */
    abstract boolean fast(W writer, long number);

    /** How many records of the part were read byte by byte (the rest by the strict path). */
    long fastRecords() {
        return fastRecords;
    }

    /** The position in the file of a column of the dataset (-1: not in the file). */
    int position(String column) {
        return file.header().position(parser.kind(), column);
    }

    /** A column of few distinct texts, each typed once: {@code type} gets a stripped, non-empty text. */
    Column column(String name, Function<String, Object> type) {
        return new Column(position(name), type);
    }

    /** A column typed as {@link RowChecker#typed} types it. */
    Column typedColumn(String name) {
        int index = parser.kind().columnIndex(name);
        RowChecker checker = parser.checker();
        return column(name, text -> {
            Object value = checker.typed(index, text);
            return value == null ? STRICT : value;
        });
    }

    /** Reads the records of one part of the file into a task's writer. */
    void read(FileScan.Chunk chunk, W writer) throws IOException {
        try {
            in = file.storage().open(file.absolutePath(), chunk.start());
        } catch (FileNotFoundException e) {
            throw new BadInputException(file.displayPath() + ": file not found");
        } catch (IOException e) {
            throw new BadInputException(file.displayPath() + ": cannot be read (" + e.getMessage() + ")");
        }
        remaining = chunk.end() - chunk.start();
        bufOffset = chunk.start();
        long number = chunk.firstRecord();
        try (InputStream closing = in) {
            for (;;) {
                // blank lines are no records
                for (;;) {
                    if (pos == lim && !refill(pos)) {
                        return;
                    }
                    byte b = buf[pos];
                    if (b != '\n' && b != '\r') {
                        break;
                    }
                    pos++;
                }
                int end = split(pos);
                while (end == NEED_MORE && lim - pos < maxRecordBytes) {
                    // refill reads more or marks the end of the part: each round makes progress
                    refill(pos);
                    end = split(pos);
                }
                if (end >= 0 && fields == fieldCount && (!high || ignoredFieldsDecode()) && fast(writer, number)) {
                    pos = end;
                    fastRecords++;
                } else {
                    end = recordEnd(pos);
                    if (end < 0) {
                        strictRest(chunk, number, writer);
                        return;
                    }
                    writer.add(strict(pos, end, number));
                    pos = end;
                }
                number++;
                long records = number - chunk.firstRecord();
                if (records % SWITCH_CHECK == 0 && records - fastRecords > records / 2) {
                    // mostly records the fast reading does not know (a job's own timestamp pattern, an
                    // export quoting with "" everywhere): the streaming strict reader is cheaper than
                    // decoding and reading them one at a time
                    strictRest(chunk, number, writer);
                    return;
                }
            }
        }
    }

    /**
     * Splits the record at {@code start} into plain fields: unquoted, or quoted on one line without
     * {@code ""}. Returns the index of the record's end (its line end, or the end of the part),
     * {@link #NEED_MORE} when the buffer ends first, {@link #NOT_PLAIN} for anything else.
     */
    private int split(int start) {
        final byte[] b = buf;
        final int limit = lim;
        final int max = fieldCount;
        boolean highBytes = false;
        int f = 0;
        int p = start;
        for (;;) {
            if (p < limit && b[p] == '"') {
                int q = p + 1;
                for (;;) {
                    if (q == limit) {
                        return eof ? NOT_PLAIN : NEED_MORE;
                    }
                    byte c = b[q];
                    if (c == '"') {
                        break;
                    }
                    if (c == '\n' || c == '\r') {
                        return NOT_PLAIN;
                    }
                    highBytes |= c < 0;
                    q++;
                }
                if (f == max) {
                    return NOT_PLAIN;
                }
                starts[f] = p + 1;
                ends[f] = q;
                f++;
                p = q + 1;
                if (p == limit) {
                    if (!eof) {
                        return NEED_MORE;
                    }
                    fields = f;
                    high = highBytes;
                    return p;
                }
                byte c = b[p];
                if (c == ',') {
                    p++;
                    continue;
                }
                if (c == '\n' || c == '\r') {
                    fields = f;
                    high = highBytes;
                    return p;
                }
                return NOT_PLAIN; // "" inside, or text after the closing quote
            }
            int s = p;
            for (;;) {
                if (p == limit) {
                    if (!eof) {
                        return NEED_MORE;
                    }
                    if (f == max) {
                        return NOT_PLAIN;
                    }
                    starts[f] = s;
                    ends[f] = p;
                    fields = f + 1;
                    high = highBytes;
                    return p;
                }
                byte k = CLASS[b[p] & 0xFF];
                if (k == DATA) {
                    p++;
                    continue;
                }
                if (k == HIGH) {
                    highBytes = true;
                    p++;
                    continue;
                }
                if (k == QUOTE || f == max) {
                    return NOT_PLAIN;
                }
                starts[f] = s;
                ends[f] = p;
                f++;
                if (k == COMMA) {
                    p++;
                    break;
                }
                fields = f;
                high = highBytes;
                return p;
            }
        }
    }

    /** Whether the ignored fields of the current record decode (checked only when it has high bytes). */
    private boolean ignoredFieldsDecode() {
        for (int f : ignoredFields) {
            if (decode(starts[f], ends[f]) == null) {
                return false;
            }
        }
        return true;
    }

    /** Whether field {@code f} is ASCII without spaces or controls at its ends (its strip is itself). */
    boolean plainAscii(int f) {
        int s = starts[f];
        int e = ends[f];
        if ((buf[s] & 0xFF) <= ' ' || (buf[e - 1] & 0xFF) <= ' ') {
            return false;
        }
        if (high) {
            for (int i = s; i < e; i++) {
                if (buf[i] < 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Digits only, as a long; -1 for anything else or more than a long holds (the strict path decides). */
    long wholeNumber(int s, int e) {
        long v = 0;
        for (int i = s; i < e; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9 || v > (Long.MAX_VALUE - d) / 10) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /**
     * The end of the record at {@code start} as the strict reader finds it (a line end outside quotes; for
     * broken quoting the end of the physical line), or -1 when it has a quote still open at the end of the
     * part or is longer than the longest record the buffer may grow to.
     */
    private int recordEnd(int start) throws IOException {
        for (;;) {
            int end = recordEndInBuffer(start);
            if (end != NEED_MORE) {
                return end;
            }
            if (lim - start >= maxRecordBytes || !refill(start)) {
                return -1;
            }
            start = pos;
        }
    }

    private static final int START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int AFTER_QUOTE = 3;
    private static final int BROKEN = 4;

    private int recordEndInBuffer(int start) {
        int state = START;
        for (int p = start; p < lim; p++) {
            byte c = buf[p];
            boolean lineEnd = c == '\n' || c == '\r';
            switch (state) {
                case START -> {
                    if (lineEnd) {
                        return p;
                    }
                    state = c == '"' ? QUOTED : c == ',' ? START : UNQUOTED;
                }
                case UNQUOTED -> {
                    if (lineEnd) {
                        return p;
                    }
                    state = c == ',' ? START : c == '"' ? BROKEN : UNQUOTED;
                }
                case QUOTED -> state = c == '"' ? AFTER_QUOTE : QUOTED;
                case AFTER_QUOTE -> {
                    if (lineEnd) {
                        return p;
                    }
                    state = c == '"' ? QUOTED : c == ',' ? START : BROKEN;
                }
                default -> {
                    if (lineEnd) {
                        return p;
                    }
                }
            }
        }
        if (!eof) {
            return NEED_MORE;
        }
        // a quote open at the end changes how the rest reads: the strict reader takes it from here
        return state == QUOTED ? -1 : lim;
    }

    /** The record in buf[start, end) read and checked by the strict path. */
    private ParsedRecord strict(int start, int end, long number) {
        String text;
        try {
            text = decoder.reset().decode(ByteBuffer.wrap(buf, start, end - start)).toString();
        } catch (CharacterCodingException e) {
            throw FileParser.undecodable(file.displayPath(), parser.format(), number - 1);
        }
        CsvRecord record = StrictCsvReader.record(text, number);
        return parser.parsed(file, record, attendeePosition, keepRaw);
    }

    /** The rest of the part, from the record at pos on, through the strict reader. */
    private void strictRest(FileScan.Chunk chunk, long number, W writer)
            throws IOException {
        FileScan.Chunk rest = new FileScan.Chunk(bufOffset + pos, chunk.end(), number);
        try (FileParser.Records records = parser.records(file, rest, keepRaw)) {
            while (records.hasNext()) {
                writer.add(records.next());
            }
        }
    }

    /**
     * Moves buf[from, lim) to the front, growing the buffer if it is full, and reads more of the part;
     * false when nothing more could be read (the end of the part: {@link #eof} is then set).
     */
    private boolean refill(int from) throws IOException {
        int kept = lim - from;
        if (from > 0) {
            System.arraycopy(buf, from, buf, 0, kept);
            bufOffset += from;
        } else if (kept == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        pos = 0;
        lim = kept;
        if (remaining == 0) {
            eof = true;
            return false;
        }
        int n;
        try {
            n = in.read(buf, lim, (int) Math.min(buf.length - lim, remaining));
        } catch (IOException e) {
            // named as the strict reader names it
            throw new java.io.UncheckedIOException(file.displayPath() + ": cannot be read", e);
        }
        if (n <= 0) {
            // the file is shorter than when it was cut: the part ends here
            remaining = 0;
            eof = true;
            return false;
        }
        lim += n;
        remaining -= n;
        return true;
    }

    /** Decodes buf[s, e) in the file's encoding; null when the bytes do not decode. */
    String decode(int s, int e) {
        boolean ascii = true;
        for (int i = s; i < e && ascii; i++) {
            ascii = buf[i] >= 0;
        }
        if (ascii) {
            return new String(buf, s, e - s, StandardCharsets.ISO_8859_1);
        }
        try {
            return decoder.reset().decode(ByteBuffer.wrap(buf, s, e - s)).toString();
        } catch (CharacterCodingException ex) {
            return null;
        }
    }

    /**
     * One column of few distinct texts: each distinct byte sequence is decoded, stripped and typed once
     * (null for an empty field, {@link #STRICT} for what the strict path decides), then found by its bytes.
     */
    static final class Column {
        private static final int MAX_ENTRIES = 1 << 16;
        private final int position;
        private final Function<String, Object> type;
        private byte[][] keys = new byte[64][];
        private int[] hashes = new int[64];
        private Object[] values = new Object[64];
        private int size;

        Column(int position, Function<String, Object> type) {
            this.position = position;
            this.type = type;
        }

        /** The same column with each typed value mapped once more. */
        Column map(Function<Object, Object> then) {
            return new Column(position, type.andThen(then));
        }

        Object value(ByteRecordReader reader) {
            if (position < 0) {
                return null;
            }
            int s = reader.starts[position];
            int e = reader.ends[position];
            if (s == e) {
                return null;
            }
            byte[] b = reader.buf;
            int h = 0;
            for (int i = s; i < e; i++) {
                h = 31 * h + b[i];
            }
            int mask = keys.length - 1;
            int i = (h ^ (h >>> 16)) & mask;
            for (byte[] k; (k = keys[i]) != null; i = (i + 1) & mask) {
                if (hashes[i] == h && Arrays.equals(k, 0, k.length, b, s, e)) {
                    return values[i];
                }
            }
            Object value = resolve(reader, s, e);
            if (size < MAX_ENTRIES) {
                keys[i] = Arrays.copyOfRange(b, s, e);
                hashes[i] = h;
                values[i] = value;
                if (2 * ++size > keys.length) {
                    grow();
                }
            }
            return value;
        }

        private Object resolve(ByteRecordReader reader, int s, int e) {
            String text = reader.decode(s, e);
            if (text == null) {
                return STRICT;
            }
            String stripped = text.strip();
            return stripped.isEmpty() ? STRICT : type.apply(stripped);
        }

        private void grow() {
            byte[][] oldKeys = keys;
            int[] oldHashes = hashes;
            Object[] oldValues = values;
            keys = new byte[oldKeys.length * 2][];
            hashes = new int[keys.length];
            values = new Object[keys.length];
            int mask = keys.length - 1;
            for (int j = 0; j < oldKeys.length; j++) {
                if (oldKeys[j] != null) {
                    int i = (oldHashes[j] ^ (oldHashes[j] >>> 16)) & mask;
                    while (keys[i] != null) {
                        i = (i + 1) & mask;
                    }
                    keys[i] = oldKeys[j];
                    hashes[i] = oldHashes[j];
                    values[i] = oldValues[j];
                }
            }
        }
    }
}
