package org.festivaloutcomes.ingest;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.festivaloutcomes.model.BadInputException;
import org.festivaloutcomes.storage.Storage;

/**
 * Two passes over a file's bytes, which can run at once on two cores: its SHA-256 and size
 * ({@link #hash}), and the byte offsets where records start ({@link #cut}), so that a large file can be
 * parsed by several tasks at once with exact record numbers.
 *
 * <p>The scan follows {@code StrictCsvReader}'s record boundaries byte by byte (blank lines, quoted
 * line breaks, broken quoting running to the end of its line). That is sound in UTF-8, GB18030 and
 * GBK, where the bytes of quote, comma, CR and LF never occur inside a multi-byte character. A quoted
 * field still open at the end of the file changes the records after its start (fine print 3), so no
 * part starts after such a record.
 */
public final class FileScan {

    private static final int BUFFER = 1 << 20;

    private static final int LINE_START = 0;
    private static final int FIELD_START = 1;
    private static final int UNQUOTED = 2;
    private static final int QUOTED = 3;
    private static final int AFTER_QUOTE = 4;
    private static final int BROKEN = 5;

    /** The bytes that end an unquoted field's run: comma, quote, CR, LF. */
    private static final boolean[] ENDS_UNQUOTED = new boolean[256];

    static {
        for (char c : new char[] {',', '"', '\r', '\n'}) {
            ENDS_UNQUOTED[c] = true;
        }
    }

    private FileScan() {
    }

    /**
     * A part of a file: bytes [start, end), beginning at a record, whose first record has number
     * {@code firstRecord} (the header is record 0).
     */
    public record Chunk(long start, long end, long firstRecord) implements Serializable {
    }

    /**
     * @param chunks the parts after the header, in order, covering every data record; empty when the
     *     file has no record after its header
     */
    public record Scanned(String sha256, long bytes, List<Chunk> chunks) implements Serializable {
    }

    /** A file's SHA-256 and size. */
    public record Hashed(String sha256, long bytes) {
    }

    /**
     * Only the SHA-256 and size: what finds a file's entry in the staging store; a file found there
     * needs no parts.
     */
    public static Hashed hash(Storage storage, String location, String displayPath) {
        MessageDigest digest = sha256();
        long bytes = 0;
        byte[] buf = new byte[BUFFER];
        try (InputStream in = storage.open(location, 0)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                digest.update(buf, 0, n);
                bytes += n;
            }
        } catch (FileNotFoundException e) {
            throw new BadInputException(displayPath + ": file not found");
        } catch (IOException e) {
            throw new BadInputException(displayPath + ": cannot be read (" + e.getMessage() + ")");
        }
        return new Hashed(HexFormat.of().formatHex(digest.digest()), bytes);
    }

    /**
     * The parts of a file with its hash from a separate pass; a file that changed in between (another
     * size) is an error rather than parts that do not match the hash.
     */
    public static Scanned withHash(Scanned cut, Hashed hashed, String displayPath) {
        if (cut.bytes() != hashed.bytes()) {
            throw new BadInputException(displayPath + ": changed while being read (" + hashed.bytes() + " bytes, then "
                    + cut.bytes() + ")");
        }
        return new Scanned(hashed.sha256(), cut.bytes(), cut.chunks());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The parts of a file, of about {@code chunkBytes} (at least one part when it has data records),
     * without its hash (empty); {@code abandoned} is asked between buffers and ends the pass early (the
     * result is then null), for parts cut on spec while the file is hashed.
     */
    public static Scanned cut(Storage storage, String location, String displayPath, long chunkBytes,
            BooleanSupplier abandoned) {
        List<long[]> starts = new ArrayList<>(); // {offset, record number}
        long offset = 0;
        long records = 0;
        long nextCut = 0;
        long recordStart = -1;
        int state = LINE_START;
        byte[] buf = new byte[BUFFER];
        try (InputStream in = storage.open(location, 0)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                if (abandoned.getAsBoolean()) {
                    return null;
                }
                int i = 0;
                while (i < n) {
                    // inside a field or a broken line, skip straight to the next byte that can end it
                    if (state == UNQUOTED) {
                        while (i < n && !ENDS_UNQUOTED[buf[i] & 0xff]) {
                            i++;
                        }
                    } else if (state == QUOTED) {
                        while (i < n && buf[i] != '"') {
                            i++;
                        }
                    } else if (state == BROKEN) {
                        while (i < n && buf[i] != '\n' && buf[i] != '\r') {
                            i++;
                        }
                    }
                    if (i == n) {
                        break;
                    }
                    byte b = buf[i];
                    switch (state) {
                        case LINE_START -> {
                            if (b != '\n' && b != '\r') {
                                recordStart = offset + i;
                                if (records > 0 && recordStart >= nextCut) {
                                    starts.add(new long[] {recordStart, records});
                                    nextCut = recordStart + chunkBytes;
                                }
                                records++;
                                state = b == '"' ? QUOTED : b == ',' ? FIELD_START : UNQUOTED;
                            }
                        }
                        case FIELD_START -> state = b == '"' ? QUOTED : b == ',' ? FIELD_START
                                : b == '\n' || b == '\r' ? LINE_START : UNQUOTED;
                        case UNQUOTED -> state = b == ',' ? FIELD_START : b == '"' ? BROKEN : LINE_START;
                        case QUOTED -> state = AFTER_QUOTE;
                        case AFTER_QUOTE -> state = b == '"' ? QUOTED : b == ',' ? FIELD_START
                                : b == '\n' || b == '\r' ? LINE_START : BROKEN;
                        default -> state = LINE_START; // BROKEN: the record runs to the end of its physical line
                    }
                    i++;
                }
                offset += n;
            }
        } catch (FileNotFoundException e) {
            throw new BadInputException(displayPath + ": file not found");
        } catch (IOException e) {
            throw new BadInputException(displayPath + ": cannot be read (" + e.getMessage() + ")");
        }
        if (state == QUOTED) {
            // unclosed at the end: the records after recordStart are re-read from its second line on
            long unclosed = recordStart;
            starts.removeIf(s -> s[0] > unclosed);
        }
        List<Chunk> chunks = new ArrayList<>(starts.size());
        for (int i = 0; i < starts.size(); i++) {
            long end = i + 1 < starts.size() ? starts.get(i + 1)[0] : offset;
            chunks.add(new Chunk(starts.get(i)[0], end, starts.get(i)[1]));
        }
        return new Scanned("", offset,
                List.copyOf(chunks));
    }
}
