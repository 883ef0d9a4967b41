package org.festivaloutcomes.generate;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** RFC 4180 helpers for the small (non hot-loop) datasets. */
final class Csv {

    private Csv() {
    }

    /** One field, quoted only when it must be (comma, quote, line break, outer spaces). */
    static String field(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0
                || s.indexOf('\r') >= 0 || s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' ';
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    static String line(List<String> fields) {
        StringBuilder sb = new StringBuilder(128);
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(field(fields.get(i)));
        }
        return sb.toString();
    }

    /**
     * Writes a header and records; each record is either a list of fields or an already-made raw
     * line (a {@link Raw}, used for the deliberately malformed rows).
     */
    static void write(Path file, List<String> header, List<?> records, Charset cs, boolean bom, String eol)
            throws IOException {
        StringBuilder sb = new StringBuilder(256 * (records.size() + 1));
        sb.append(line(header)).append(eol);
        for (Object r : records) {
            if (r instanceof Raw raw) {
                sb.append(raw.line());
            } else {
                @SuppressWarnings("unchecked")
                List<String> f = (List<String>) r;
                sb.append(line(f));
            }
            sb.append(eol);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            if (bom) {
                out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            }
            out.write(sb.toString().getBytes(cs));
        }
    }

    static void writeUtf8(Path file, List<String> header, List<?> records) throws IOException {
        write(file, header, records, StandardCharsets.UTF_8, false, "\n");
    }

    /** A record written as is (already CSV text), e.g. one with a wrong number of fields. */
    record Raw(String line) {
    }
}
