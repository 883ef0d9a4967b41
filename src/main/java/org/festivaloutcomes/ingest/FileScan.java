package org.festivaloutcomes.ingest;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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
 * <p>The cut follows {@code StrictCsvReader}'s record boundaries exactly (blank lines, quoted
 * line breaks, broken quoting running to the end of its line). That is sound in UTF-8, GB18030 and
 * GBK, where the bytes of quote, comma, CR and LF never occur inside a multi-byte character. A quoted
 * field still open at the end of the file changes the records after its start (fine print 3), so no
 * part starts after such a record.
 */
public final class FileScan {

    private static final int BUFFER = 1 << 20;

    private static final int LINE_START = 0;
    /** Unquoted field content, commas included (a quote after a comma opens a quoted field). */
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int AFTER_QUOTE = 3;
    private static final int BROKEN = 4;

    /** Eight bytes at a time: the cut looks for three byte values in long runs of field content. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = ONES * '"';
    private static final long LFS = ONES * '\n';
    private static final long CRS = ONES * '\r';

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
        return cut(storage, location, displayPath, chunkBytes, abandoned, BUFFER);
    }

    static Scanned cut(Storage storage, String location, String displayPath, long chunkBytes,
            BooleanSupplier abandoned, int bufferBytes) {
        Cutter cutter = new Cutter(chunkBytes);
        byte[] buf = new byte[bufferBytes];
        try (InputStream in = storage.open(location, 0)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                if (abandoned.getAsBoolean()) {
                    return null;
                }
                cutter.accept(buf, n);
            }
        } catch (FileNotFoundException e) {
            throw new BadInputException(displayPath + ": file not found");
        } catch (IOException e) {
            throw new BadInputException(displayPath + ": cannot be read (" + e.getMessage() + ")");
        }
        return new Scanned("", cutter.offset, cutter.chunks());
    }

    /** The cut's state machine, fed one buffer at a time. */
    private static final class Cutter {
        private final long chunkBytes;
        private final List<long[]> starts = new ArrayList<>(); // {offset, record number}
        private long offset;
        private long records;
        private long nextCut;
        private long recordStart = -1;
        private int state = LINE_START;
        // the byte before the buffer's first, which tells a quote opening a field from a broken one
        private byte last = '\n';

        Cutter(long chunkBytes) {
            this.chunkBytes = chunkBytes;
        }

        void accept(byte[] buf, int n) {
            int i = 0;
            while (i < n) {
                switch (state) {
                    case LINE_START -> {
                        byte b = buf[i];
                        if (b != '\n' && b != '\r') {
                            recordStart = offset + i;
                            if (records > 0 && recordStart >= nextCut) {
                                starts.add(new long[] {recordStart, records});
                                nextCut = recordStart + chunkBytes;
                            }
                            records++;
                            state = b == '"' ? QUOTED : UNQUOTED;
                        }
                        i++;
                    }
                    case UNQUOTED -> {
                        // commas change nothing here: only a quote or a line end can
                        i = next(buf, i, n, QUOTES, LFS, CRS);
                        if (i < n) {
                            if (buf[i] == '"') {
                                byte before = i > 0 ? buf[i - 1] : last;
                                state = before == ',' ? QUOTED : BROKEN;
                            } else {
                                state = LINE_START;
                            }
                            i++;
                        }
                    }
                    case QUOTED -> {
                        i = next(buf, i, n, QUOTES, QUOTES, QUOTES);
                        if (i < n) {
                            state = AFTER_QUOTE;
                            i++;
                        }
                    }
                    case AFTER_QUOTE -> {
                        byte b = buf[i];
                        state = b == '"' ? QUOTED : b == ',' ? UNQUOTED : b == '\n' || b == '\r' ? LINE_START
                                : BROKEN;
                        i++;
                    }
                    default -> {
                        // BROKEN: the record runs to the end of its physical line
                        i = next(buf, i, n, LFS, CRS, CRS);
                        if (i < n) {
                            state = LINE_START;
                            i++;
                        }
                    }
                }
            }
            last = buf[n - 1];
            offset += n;
        }

        List<Chunk> chunks() {
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
            return List.copyOf(chunks);
        }
    }

    /**
     * The high bit of each byte of {@code word} equal to the pattern's byte; bits above a match may be
     * set falsely (borrows), the lowest set bit never is.
     */
    private static long equalBytes(long word, long pattern) {
        long x = word ^ pattern;
        return (x - ONES) & ~x & HIGHS;
    }

    /**
     * Index of the first byte in [i, n) equal to one of the patterns' bytes (each pattern repeats its
     * byte eight times; pass one twice to look for fewer); n if none.
     */
    private static int next(byte[] buf, int i, int n, long a, long b, long c) {
        while (i + Long.BYTES <= n) {
            long word = (long) LONGS.get(buf, i);
            long found = equalBytes(word, a) | equalBytes(word, b) | equalBytes(word, c);
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            i += Long.BYTES;
        }
        while (i < n && buf[i] != (byte) a && buf[i] != (byte) b && buf[i] != (byte) c) {
            i++;
        }
        return i;
    }
}
