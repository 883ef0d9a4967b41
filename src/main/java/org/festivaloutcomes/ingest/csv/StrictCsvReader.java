package org.festivaloutcomes.ingest.csv;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Strict RFC 4180 record reader (inputs.md, "General rules for every CSV" and "Fine print" 2-3).
 *
 * <ul>
 * <li>Separator {@code ,}, quote {@code "}; a field is quoted only when its first character is a quote;
 * {@code ""} inside a quoted field is one quote; quoted fields may hold commas and line breaks.</li>
 * <li>Line ends: LF, CRLF or a lone CR. A last line without terminator is a record. Blank lines (no
 * characters at all) outside quotes are skipped and not counted. A BOM at the start is dropped.</li>
 * <li>Broken quoting (a quote inside an unquoted field, anything but a comma or line end after a closing
 * quote) makes the record malformed; it ends at the end of the physical line where the problem was found,
 * and reading goes on with the next line.</li>
 * <li>A quoted field still open at the end of the input: only the first physical line of that record is
 * the malformed record, and the lines after it are read again as records.</li>
 * </ul>
 * Field counts are not compared with the header: that is the caller's job. Not thread-safe.
 */
public final class StrictCsvReader implements Closeable {

    /** Buffer size used by {@link #open}. */
    public static final int FILE_BUFFER_CHARS = 1 << 20;

    private static final int START = 0; // at the start of a field
    private static final int UNQUOTED = 1; // inside an unquoted field
    private static final int QUOTED = 2; // inside a quoted field
    private static final int AFTER_QUOTE = 3; // just after a quote inside a quoted field

    private final Reader in;
    private char[] buf;
    private int pos;
    private int limit;
    /** Index in buf of the first char of the current record not yet copied to {@link #raw}; -1 between records. */
    private int chunk = -1;
    private boolean eof;
    private boolean atStreamStart = true;
    private long nextNumber;

    private final StringBuilder raw = new StringBuilder(256);
    /** The text of the record just ended (by {@link #endRecordAt}). */
    private String recordText;
    private int nFields;
    private int[] starts = new int[32];
    private int[] ends = new int[32];
    private byte[] kinds = new byte[32]; // 0 unquoted, 1 quoted, 2 quoted with "" escapes

    /**
     * The last values seen of each of the first columns, by a hash of their text: a column of few values
     * (a festival, a channel, a region) then gives the same String again instead of a new one per record,
     * whose hash code the checks' lookups compute once. A column whose values rarely
     * repeat (ids, times) stops being looked up after its first records.
     */
    private static final int CACHED_COLUMNS = 32;
    private static final int CACHE_SLOTS = 1024;
    private static final int CACHE_TRIAL = 2048;
    /** Longer values (names, notes) are seldom looked up by the checks: comparing them costs more. */
    private static final int CACHED_LENGTH = 24;
    private final String[][] cache = new String[CACHED_COLUMNS][];
    /** The hash of each slot's value: a miss is told without asking the String (a fresh one computes it). */
    private final int[][] cacheHashes = new int[CACHED_COLUMNS][];
    private final int[] cacheTries = new int[CACHED_COLUMNS];
    private final int[] cacheHits = new int[CACHED_COLUMNS];

    public StrictCsvReader(Reader in) {
        this(in, 64 * 1024);
    }

    public StrictCsvReader(Reader in, int bufferChars) {
        this(in, bufferChars, 0);
    }

    /**
     * A reader of a part of a file that starts at a record boundary after the header (see
     * {@code ingest.FileScan}): records are numbered from {@code firstNumber}, and a leading U+FEFF is
     * data, not a byte order mark.
     */
    public StrictCsvReader(Reader in, int bufferChars, long firstNumber) {
        if (in == null) {
            throw new NullPointerException("in");
        }
        this.in = in;
        this.buf = new char[Math.max(16, bufferChars)];
        this.nextNumber = firstNumber;
        this.atStreamStart = firstNumber == 0;
    }

    /**
     * Opens a file for strict decoding: bytes that are malformed or unmappable in {@code cs} make
     * {@link #next()} throw {@link java.nio.charset.CharacterCodingException} (they are never replaced).
     */
    public static StrictCsvReader open(Path file, Charset cs) throws IOException {
        CharsetDecoder decoder = cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        // InputStreamReader reads the stream in 8 KiB byte chunks; the 1 MiB char buffer is ours.
        Reader reader = new InputStreamReader(Files.newInputStream(file), decoder);
        return new StrictCsvReader(reader, FILE_BUFFER_CHARS);
    }

    /**
     * The record whose whole text (without its line terminator) is {@code text}, numbered {@code number}:
     * what this reader returns for it in the middle of a file. A reader of a file's bytes hands the records
     * it does not read itself to this.
     */
    public static CsvRecord record(String text, long number) {
        try (StrictCsvReader reader = new StrictCsvReader(new java.io.StringReader(text), text.length(), number)) {
            return reader.next();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a StringReader does not fail
        }
    }

    /** Number the next record will get (0 before the header has been read). */
    public long nextNumber() {
        return nextNumber;
    }

    /** The next record, or null at the end of the input. */
    public CsvRecord next() throws IOException {
        if (atStreamStart) {
            atStreamStart = false;
            if (pos == limit) {
                fill();
            }
            if (pos < limit && buf[pos] == '\uFEFF') {
                pos++;
            }
        }
        // skip blank lines
        for (;;) {
            if (pos == limit && !fill()) {
                return null;
            }
            char c = buf[pos];
            if (c == '\n') {
                pos++;
            } else if (c == '\r') {
                pos++;
                skipLfAfterCr();
            } else {
                break;
            }
        }
        raw.setLength(0);
        nFields = 0;
        chunk = pos;

        int state = START;
        int fieldStart = 0;
        boolean escaped = false;
        for (;;) {
            if (pos == limit && !fill()) {
                // end of input inside the record
                switch (state) {
                    case START -> addField(offset(pos), offset(pos), (byte) 0); // after a comma
                    case UNQUOTED -> addField(fieldStart, offset(pos), (byte) 0);
                    case AFTER_QUOTE -> addField(fieldStart, offset(pos), escaped ? (byte) 2 : (byte) 1);
                    default -> {
                        return unclosedAtEof(nFields + 1);
                    }
                }
                endRecordAt(pos);
                return wellFormed();
            }
            switch (state) {
                case START -> {
                    fieldStart = offset(pos);
                    char c = buf[pos];
                    if (c == '"') {
                        pos++;
                        escaped = false;
                        state = QUOTED;
                    } else if (c == ',') {
                        addField(fieldStart, fieldStart, (byte) 0);
                        pos++;
                    } else if (c == '\n' || c == '\r') {
                        addField(fieldStart, fieldStart, (byte) 0);
                        endRecordAtLineEnd();
                        return wellFormed();
                    } else {
                        pos++;
                        state = UNQUOTED;
                    }
                }
                case UNQUOTED -> {
                    final char[] b = buf;
                    final int lim = limit;
                    int p = pos;
                    char c = 0;
                    while (p < lim) {
                        c = b[p];
                        // ',' is the greatest of the four: one test passes digits, letters and CJK
                        if (c <= ',' && (c == ',' || c == '"' || c == '\n' || c == '\r')) {
                            break;
                        }
                        p++;
                    }
                    pos = p;
                    if (p == lim) {
                        continue;
                    }
                    if (c == ',') {
                        addField(fieldStart, offset(p), (byte) 0);
                        pos++;
                        state = START;
                    } else if (c == '"') {
                        return malformed("unexpected quote in unquoted field " + (nFields + 1));
                    } else {
                        addField(fieldStart, offset(p), (byte) 0);
                        endRecordAtLineEnd();
                        return wellFormed();
                    }
                }
                case QUOTED -> {
                    final char[] b = buf;
                    final int lim = limit;
                    int p = pos;
                    while (p < lim && b[p] != '"') {
                        p++;
                    }
                    if (p == lim) {
                        pos = p;
                        continue;
                    }
                    pos = p + 1;
                    state = AFTER_QUOTE;
                }
                default -> { // AFTER_QUOTE
                    char c = buf[pos];
                    if (c == '"') {
                        escaped = true;
                        pos++;
                        state = QUOTED;
                    } else if (c == ',') {
                        addField(fieldStart, offset(pos), escaped ? (byte) 2 : (byte) 1);
                        pos++;
                        state = START;
                    } else if (c == '\n' || c == '\r') {
                        addField(fieldStart, offset(pos), escaped ? (byte) 2 : (byte) 1);
                        endRecordAtLineEnd();
                        return wellFormed();
                    } else {
                        return malformed("characters after closing quote in field " + (nFields + 1));
                    }
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    // ---------------------------------------------------------------- buffer handling

    /** Offset in the current record's raw text of buf[i]. */
    private int offset(int i) {
        return raw.length() + (i - chunk);
    }

    /**
     * Refills the buffer (called only when pos == limit), first saving the current record's pending chars.
     * Returns false at the end of input.
     */
    private boolean fill() throws IOException {
        if (chunk >= 0) {
            raw.append(buf, chunk, limit - chunk);
            chunk = 0;
        }
        pos = 0;
        limit = 0;
        if (eof) {
            return false;
        }
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            return false;
        }
        limit = n;
        return true;
    }

    private void skipLfAfterCr() throws IOException {
        if (pos == limit && !fill()) {
            return;
        }
        if (buf[pos] == '\n') {
            pos++;
        }
    }

    /** Ends the record before buf[end] (exclusive), which is the end of the input or not part of it. */
    private void endRecordAt(int end) {
        if (raw.length() == 0) {
            // the whole record is in the buffer (the usual case): one copy, not two through raw
            recordText = new String(buf, chunk, end - chunk);
        } else {
            raw.append(buf, chunk, end - chunk);
            recordText = raw.toString();
        }
        chunk = -1;
    }

    /** Ends the record at the line terminator at buf[pos] and consumes the terminator. */
    private void endRecordAtLineEnd() throws IOException {
        char c = buf[pos];
        endRecordAt(pos);
        pos++;
        if (c == '\r') {
            skipLfAfterCr();
        }
    }

    private void addField(int start, int end, byte kind) {
        if (nFields == starts.length) {
            int n = nFields * 2;
            starts = Arrays.copyOf(starts, n);
            ends = Arrays.copyOf(ends, n);
            kinds = Arrays.copyOf(kinds, n);
        }
        starts[nFields] = start;
        ends[nFields] = end;
        kinds[nFields] = kind;
        nFields++;
    }

    // ---------------------------------------------------------------- building records

    private CsvRecord wellFormed() {
        String r = recordText;
        int n = nFields;
        String[] values = new String[n];
        for (int i = 0; i < n; i++) {
            int s = starts[i];
            int e = ends[i];
            byte k = kinds[i];
            if (k == 0) {
                values[i] = s == e ? "" : unquoted(r, i, s, e);
            } else {
                String v = e - s == 2 ? "" : r.substring(s + 1, e - 1);
                values[i] = k == 2 ? v.replace("\"\"", "\"") : v;
            }
        }
        return new CsvRecord(nextNumber++, r, Collections.unmodifiableList(Arrays.asList(values)),
                Arrays.copyOf(starts, n), Arrays.copyOf(ends, n), null);
    }

    /** The text of an unquoted field: a repeat of an earlier value of its column when there is one. */
    private String unquoted(String r, int column, int s, int e) {
        int length = e - s;
        if (column >= CACHED_COLUMNS || cacheTries[column] < 0 || length > CACHED_LENGTH) {
            return r.substring(s, e);
        }
        int tries = ++cacheTries[column];
        if (tries == CACHE_TRIAL && cacheHits[column] < CACHE_TRIAL / 4) {
            // mostly new values: looking them up costs more than it saves
            cacheTries[column] = -1;
            cache[column] = null;
            cacheHashes[column] = null;
            return r.substring(s, e);
        }
        int h = 0;
        for (int i = s; i < e; i++) {
            h = 31 * h + r.charAt(i);
        }
        String[] slots = cache[column];
        int[] hashes = cacheHashes[column];
        if (slots == null) {
            slots = cache[column] = new String[CACHE_SLOTS];
            hashes = cacheHashes[column] = new int[CACHE_SLOTS];
        }
        int slot = (h ^ (h >>> 8) ^ (h >>> 16)) & (CACHE_SLOTS - 1);
        String seen = slots[slot];
        // the hash first, a cheap test before the text's
        if (seen != null && hashes[slot] == h && seen.length() == length && r.regionMatches(s, seen, 0, length)) {
            cacheHits[column]++;
            return seen;
        }
        String value = r.substring(s, e);
        slots[slot] = value;
        hashes[slot] = h;
        return value;
    }

    /** Broken quoting detected at buf[pos]: the record runs to the end of this physical line. */
    private CsvRecord malformed(String problem) throws IOException {
        for (;;) {
            if (pos == limit && !fill()) {
                endRecordAt(pos);
                break;
            }
            final char[] b = buf;
            final int lim = limit;
            int p = pos;
            while (p < lim && b[p] != '\n' && b[p] != '\r') {
                p++;
            }
            pos = p;
            if (p < lim) {
                endRecordAtLineEnd();
                break;
            }
        }
        return lenient(recordText, problem);
    }

    /**
     * A quoted field is open at the end of the input: the record's first physical line is the malformed
     * record, and the text after it is pushed back to be read again.
     */
    private CsvRecord unclosedAtEof(int field) {
        // fill() has copied everything into raw
        chunk = -1;
        String all = raw.toString();
        int n = all.length();
        int lineEnd = 0;
        while (lineEnd < n && all.charAt(lineEnd) != '\n' && all.charAt(lineEnd) != '\r') {
            lineEnd++;
        }
        int restStart = lineEnd;
        if (restStart < n) {
            restStart += all.charAt(restStart) == '\r' && restStart + 1 < n && all.charAt(restStart + 1) == '\n' ? 2 : 1;
        }
        int restLen = n - restStart;
        if (restLen > buf.length) {
            buf = new char[restLen];
        }
        all.getChars(restStart, n, buf, 0);
        pos = 0;
        limit = restLen;
        // eof stays true: nothing more comes from the reader
        String line = lineEnd == n ? all : all.substring(0, lineEnd);
        return lenient(line, "quoted field " + field + " not closed at end of file");
    }

    /**
     * A malformed record: fields are split on commas outside quotes, where a quote only opens a quoted
     * section at the start of a field (as in a well-formed record) and the first lone quote closes it.
     */
    private CsvRecord lenient(String r, String problem) {
        List<String> values = new ArrayList<>();
        nFields = 0;
        int n = r.length();
        int i = 0;
        for (;;) {
            int s = i;
            if (i < n && r.charAt(i) == '"') {
                i++;
                while (i < n) {
                    if (r.charAt(i) == '"') {
                        if (i + 1 < n && r.charAt(i + 1) == '"') {
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    i++;
                }
            }
            while (i < n && r.charAt(i) != ',') {
                i++;
            }
            addField(s, i, (byte) 0);
            String span = r.substring(s, i);
            if (span.length() >= 2 && span.charAt(0) == '"' && span.charAt(span.length() - 1) == '"') {
                span = span.substring(1, span.length() - 1).replace("\"\"", "\"");
            }
            values.add(span);
            if (i >= n) {
                break;
            }
            i++; // the comma
        }
        return new CsvRecord(nextNumber++, r, Collections.unmodifiableList(values),
                Arrays.copyOf(starts, nFields), Arrays.copyOf(ends, nFields), problem);
    }
}
