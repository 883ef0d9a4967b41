package org.festivaloutcomes.generate;

import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * A minimal buffered byte writer for the attendance hot loop: pre-encoded byte arrays and ASCII
 * digits go straight into one large buffer, no String formatting, no encoder per row.
 */
final class ByteSink implements Closeable {

    private final OutputStream out;
    private final byte[] buf = new byte[1 << 20];
    private int pos;
    private long written;

    ByteSink(Path file) throws IOException {
        this.out = new FileOutputStream(file.toFile());
    }

    void put(byte[] b) throws IOException {
        if (pos + b.length > buf.length) {
            flush();
            if (b.length > buf.length) {
                out.write(b);
                written += b.length;
                return;
            }
        }
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    void put(byte b) throws IOException {
        if (pos == buf.length) {
            flush();
        }
        buf[pos++] = b;
    }

    /** Writes v (>= 0) zero-padded to width digits (more if it needs more). */
    void digits(long v, int width) throws IOException {
        if (pos + 20 > buf.length) {
            flush();
        }
        int n = 1;
        for (long t = v; t >= 10; t /= 10) {
            n++;
        }
        int len = Math.max(n, width);
        int end = pos + len;
        for (int i = end - 1; i >= pos; i--) {
            buf[i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        pos = end;
    }

    /** Writes v (>= 0) without padding. */
    void num(long v) throws IOException {
        digits(v, 1);
    }

    long bytesWritten() {
        return written + pos;
    }

    private void flush() throws IOException {
        out.write(buf, 0, pos);
        written += pos;
        pos = 0;
    }

    @Override
    public void close() throws IOException {
        flush();
        out.close();
    }
}
