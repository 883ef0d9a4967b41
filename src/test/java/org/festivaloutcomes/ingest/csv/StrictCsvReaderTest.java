package org.festivaloutcomes.ingest.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictCsvReaderTest {

    @TempDir
    Path tmp;

    // ------------------------------------------------------------------ helpers

    static List<CsvRecord> readAll(String text) throws IOException {
        return readAll(new StringReader(text), 64 * 1024);
    }

    static List<CsvRecord> readAll(Reader reader, int bufferChars) throws IOException {
        List<CsvRecord> out = new ArrayList<>();
        try (StrictCsvReader r = new StrictCsvReader(reader, bufferChars)) {
            CsvRecord rec;
            while ((rec = r.next()) != null) {
                out.add(rec);
            }
            assertNull(r.next(), "next() after the end stays null");
        }
        return out;
    }

    /** Compact view of all records: "number|problem-or-ok|field1|field2..." per record. */
    static List<String> summary(List<CsvRecord> recs) {
        List<String> out = new ArrayList<>();
        for (CsvRecord r : recs) {
            out.add(r.number() + "|" + (r.problem() == null ? "ok" : r.problem()) + "|" + String.join("|", r.fields()));
        }
        return out;
    }

    /** Every field span must cover exactly its text in raw (for well-formed records). */
    static void assertSpansConsistent(CsvRecord r) {
        assertEquals(r.fields().size(), r.fieldStarts().length);
        assertEquals(r.fields().size(), r.fieldEnds().length);
        int prevEnd = -1;
        for (int i = 0; i < r.fields().size(); i++) {
            int s = r.fieldStarts()[i];
            int e = r.fieldEnds()[i];
            assertTrue(s <= e && e <= r.raw().length(), "span in raw");
            assertTrue(s > prevEnd, "spans in order and separated by commas");
            if (i > 0) {
                assertEquals(',', r.raw().charAt(s - 1));
            }
            String span = r.raw().substring(s, e);
            if (r.problem() == null) {
                String expected = span.startsWith("\"")
                        ? span.substring(1, span.length() - 1).replace("\"\"", "\"")
                        : span;
                assertEquals(expected, r.fields().get(i));
            }
            prevEnd = e;
        }
        if (!r.fields().isEmpty()) {
            assertEquals(0, r.fieldStarts()[0]);
            assertEquals(r.raw().length(), r.fieldEnds()[r.fields().size() - 1]);
        }
    }

    /** A reader that hands out at most one char per read() call: exercises every buffer boundary. */
    static final class TrickleReader extends Reader {
        private final String s;
        private int i;

        TrickleReader(String s) {
            this.s = s;
        }

        @Override
        public int read(char[] cbuf, int off, int len) {
            if (i >= s.length()) {
                return -1;
            }
            cbuf[off] = s.charAt(i++);
            return 1;
        }

        @Override
        public void close() {
        }
    }

    // ------------------------------------------------------------------ well-formed records

    @Test
    void simpleRecordsNumberedFromZero() throws IOException {
        List<CsvRecord> recs = readAll("a,b,c\n1,2,3\n4,5,6\n");
        assertEquals(List.of("0|ok|a|b|c", "1|ok|1|2|3", "2|ok|4|5|6"), summary(recs));
        assertEquals("1,2,3", recs.get(1).raw());
        assertArrayEquals(new int[] {0, 2, 4}, recs.get(1).fieldStarts());
        assertArrayEquals(new int[] {1, 3, 5}, recs.get(1).fieldEnds());
    }

    @Test
    void emptyInput() throws IOException {
        assertEquals(List.of(), readAll(""));
        assertEquals(List.of(), readAll("\n\r\n\r"));
        assertEquals(List.of(), readAll("\uFEFF"));
    }

    @Test
    void quotedCommas() throws IOException {
        List<CsvRecord> recs = readAll("h1,h2\n\"1,250.50\",x\n");
        assertEquals(List.of("0|ok|h1|h2", "1|ok|1,250.50|x"), summary(recs));
        assertArrayEquals(new int[] {0, 11}, recs.get(1).fieldStarts());
        assertArrayEquals(new int[] {10, 12}, recs.get(1).fieldEnds());
    }

    @Test
    void doubledQuotes() throws IOException {
        List<CsvRecord> recs = readAll("h\n\"say \"\"hi\"\"\"\n\"\"\"\"\n\"\"\n");
        assertEquals(List.of("0|ok|h", "1|ok|say \"hi\"", "2|ok|\"", "3|ok|"), summary(recs));
        assertEquals("\"say \"\"hi\"\"\"", recs.get(1).raw());
        assertEquals("\"\"", recs.get(3).raw());
    }

    @Test
    void quotedLfLineBreakIsOneRecord() throws IOException {
        List<CsvRecord> recs = readAll("id,note\n1,\"line one\nline two\"\n2,x\n");
        assertEquals(List.of("0|ok|id|note", "1|ok|1|line one\nline two", "2|ok|2|x"), summary(recs));
        assertEquals("1,\"line one\nline two\"", recs.get(1).raw());
    }

    @Test
    void quotedCrLfLineBreakKeptAsIs() throws IOException {
        List<CsvRecord> recs = readAll("id,note\r\n1,\"a\r\nb\r\n\r\nc\"\r\n2,\"\"\r\n");
        assertEquals(List.of("0|ok|id|note", "1|ok|1|a\r\nb\r\n\r\nc", "2|ok|2|"), summary(recs));
        assertEquals("1,\"a\r\nb\r\n\r\nc\"", recs.get(1).raw());
    }

    @Test
    void blankLinesSkippedAndNotCounted() throws IOException {
        List<CsvRecord> recs = readAll("\n\r\nh\n\na\n\n\r\nb\n\n");
        assertEquals(List.of("0|ok|h", "1|ok|a", "2|ok|b"), summary(recs));
    }

    @Test
    void lineWithSpacesIsNotBlank() throws IOException {
        assertEquals(List.of("0|ok|h", "1|ok| ", "2|ok|x"), summary(readAll("h\n \nx\n")));
    }

    @Test
    void bomRemovedOnlyAtStart() throws IOException {
        List<CsvRecord> recs = readAll("\uFEFFa,b\n\uFEFFc,d\n");
        assertEquals(List.of("0|ok|a|b", "1|ok|\uFEFFc|d"), summary(recs));
        assertEquals("a,b", recs.get(0).raw());
        assertEquals(List.of("0|ok|h", "1|ok|x"), summary(readAll("\uFEFF\n\nh\nx")));
    }

    @Test
    void crLfFile() throws IOException {
        List<CsvRecord> recs = readAll("a,b\r\n1,2\r\n3,4\r\n");
        assertEquals(List.of("0|ok|a|b", "1|ok|1|2", "2|ok|3|4"), summary(recs));
        assertEquals("1,2", recs.get(1).raw());
    }

    @Test
    void loneCrLineEnds() throws IOException {
        List<CsvRecord> recs = readAll("a,b\r1,2\r\r3,\"x\"\r4,5");
        assertEquals(List.of("0|ok|a|b", "1|ok|1|2", "2|ok|3|x", "3|ok|4|5"), summary(recs));
        assertEquals("3,\"x\"", recs.get(2).raw());
    }

    @Test
    void mixedLineEnds() throws IOException {
        assertEquals(List.of("0|ok|a", "1|ok|b", "2|ok|c", "3|ok|d"), summary(readAll("a\nb\r\nc\rd\n")));
    }

    @Test
    void lastLineWithoutTerminator() throws IOException {
        assertEquals(List.of("0|ok|a|b", "1|ok|1|2"), summary(readAll("a,b\n1,2")));
        assertEquals(List.of("0|ok|a|b", "1|ok|1|x"), summary(readAll("a,b\n1,\"x\"")));
    }

    @Test
    void trailingCommaIsOneMoreEmptyField() throws IOException {
        List<CsvRecord> recs = readAll("a,b,\n,\n,,\"\"\nx,");
        assertEquals(List.of("0|ok|a|b|", "1|ok||", "2|ok|||", "3|ok|x|"), summary(recs));
        assertEquals(3, recs.get(0).size());
        assertArrayEquals(new int[] {0, 2, 4}, recs.get(0).fieldStarts());
        assertArrayEquals(new int[] {1, 3, 4}, recs.get(0).fieldEnds());
        assertArrayEquals(new int[] {0, 1, 2}, recs.get(2).fieldStarts());
        assertArrayEquals(new int[] {0, 1, 4}, recs.get(2).fieldEnds());
    }

    @Test
    void fieldsAreNotTrimmed() throws IOException {
        assertEquals(List.of("0|ok| a | b\t"), summary(readAll(" a , b\t\n")));
    }

    @Test
    void chineseText() throws IOException {
        List<CsvRecord> recs = readAll("展会编号,名称\nSHICF-2023,\"2023上海信息消费节，\"\"新品\"\"\"\n");
        assertEquals(List.of("0|ok|展会编号|名称", "1|ok|SHICF-2023|2023上海信息消费节，\"新品\""), summary(recs));
        assertSpansConsistent(recs.get(1));
    }

    @Test
    void supplementaryCharacters() throws IOException {
        // a surrogate pair is two chars; it must not be split into separate fields
        assertEquals(List.of("0|ok|𠀀|\"𠀀\""), summary(readAll("𠀀,\"\"\"𠀀\"\"\"\n")));
    }

    // ------------------------------------------------------------------ broken quoting

    @Test
    void quoteInsideUnquotedField() throws IOException {
        List<CsvRecord> recs = readAll("a,b,c\n1,2,x\"y\"z,4\n5,6,7\n");
        assertEquals("1,2,x\"y\"z,4", recs.get(1).raw());
        assertEquals("unexpected quote in unquoted field 3", recs.get(1).problem());
        assertEquals(List.of("1", "2", "x\"y\"z", "4"), recs.get(1).fields());
        assertEquals("2|ok|5|6|7", summary(recs).get(2));
        assertSpansConsistent(recs.get(1));
    }

    @Test
    void textAfterClosingQuote() throws IOException {
        List<CsvRecord> recs = readAll("a,b\n\"x\",\"y\"z\n1,2\n");
        assertEquals("\"x\",\"y\"z", recs.get(1).raw());
        assertEquals("characters after closing quote in field 2", recs.get(1).problem());
        assertEquals(List.of("x", "\"y\"z"), recs.get(1).fields());
        assertEquals(1, recs.get(1).number());
        assertEquals("2|ok|1|2", summary(recs).get(2));
    }

    @Test
    void spaceAfterClosingQuote() throws IOException {
        List<CsvRecord> recs = readAll("h\n\"x\" ,y\n");
        assertEquals("characters after closing quote in field 1", recs.get(1).problem());
        assertEquals("\"x\" ,y", recs.get(1).raw());
        assertEquals(List.of("\"x\" ", "y"), recs.get(1).fields());
    }

    @Test
    void spaceBeforeQuoteIsBrokenQuoting() throws IOException {
        List<CsvRecord> recs = readAll("a,b\n1, \"x,y\"\n2,3\n");
        assertEquals("unexpected quote in unquoted field 2", recs.get(1).problem());
        assertEquals("1, \"x,y\"", recs.get(1).raw());
        // the lenient split only honours a quote at the start of a field
        assertEquals(List.of("1", " \"x", "y\""), recs.get(1).fields());
        assertEquals("2|ok|2|3", summary(recs).get(2));
    }

    @Test
    void brokenRecordEndsAtEndOfPhysicalLineAfterLegitLineBreak() throws IOException {
        // the quoted line break is legitimate; the problem is found on the second physical line
        List<CsvRecord> recs = readAll("a,b\n\"x\ny\"z,\"p\nq\"\n1,2\r\n");
        assertEquals("\"x\ny\"z,\"p", recs.get(1).raw());
        assertEquals("characters after closing quote in field 1", recs.get(1).problem());
        // reading resumes on the next line: q" is an unquoted field with a quote
        assertEquals("q\"", recs.get(2).raw());
        assertEquals(2, recs.get(2).number());
        assertEquals("unexpected quote in unquoted field 1", recs.get(2).problem());
        assertEquals("3|ok|1|2", summary(recs).get(3));
    }

    @Test
    void brokenRecordEndingWithCrLfOrLoneCrOrEof() throws IOException {
        assertEquals(List.of("0|ok|h", "1|unexpected quote in unquoted field 1|a\"b", "2|ok|c"),
                summary(readAll("h\r\na\"b\r\nc\r\n")));
        assertEquals(List.of("0|ok|h", "1|unexpected quote in unquoted field 1|a\"b", "2|ok|c"),
                summary(readAll("h\ra\"b\rc")));
        assertEquals(List.of("0|ok|h", "1|unexpected quote in unquoted field 1|a\"b"), summary(readAll("h\na\"b")));
    }

    @Test
    void unclosedQuoteAtEofOnlyFirstPhysicalLineIsMalformed() throws IOException {
        // seen from inside the open quote, the "" pairs below are escapes, so it stays open to the end
        String text = "id,name,note\n1,a,\"never closed\n2,b,ok\n\n3,\"\",\"\"\"\"\n4,d,e";
        List<CsvRecord> recs = readAll(text);
        assertEquals(List.of(
                "0|ok|id|name|note",
                "1|quoted field 3 not closed at end of file|1|a|\"never closed",
                "2|ok|2|b|ok",
                "3|ok|3||\"",
                "4|ok|4|d|e"), summary(recs));
        assertEquals("1,a,\"never closed", recs.get(1).raw());
        assertSpansConsistent(recs.get(1));
        assertEquals("3,\"\",\"\"\"\"", recs.get(3).raw());
    }

    @Test
    void unclosedQuoteAtEofWithCrLf() throws IOException {
        assertEquals(List.of(
                "0|ok|h|i",
                "1|quoted field 1 not closed at end of file|\"a",
                "2|ok|b|",
                "3|ok|c|"), summary(readAll("h,i\r\n\"a\r\nb,\r\n\r\nc,\"\"\r\n")));
        // a later quote closes the open field: then it is broken quoting on that line, not an open field
        assertEquals(List.of("0|ok|h", "1|characters after closing quote in field 1|\"a\r\nb\r\n\"c", "2|ok|d"),
                summary(readAll("h\r\n\"a\r\nb\r\n\"c\r\nd")));
    }

    @Test
    void unclosedQuoteOnLastLineWithoutLineBreak() throws IOException {
        List<CsvRecord> recs = readAll("h\n\"abc");
        assertEquals(List.of("0|ok|h", "1|quoted field 1 not closed at end of file|\"abc"), summary(recs));
        recs = readAll("h\n\"abc\n");
        assertEquals(List.of("0|ok|h", "1|quoted field 1 not closed at end of file|\"abc"), summary(recs));
        assertEquals("\"abc", recs.get(1).raw());
    }

    @Test
    void unclosedQuoteInHeader() throws IOException {
        assertEquals(List.of("0|quoted field 2 not closed at end of file|a|\"b", "1|ok|1|2"),
                summary(readAll("a,\"b\n1,2\n")));
    }

    @Test
    void unclosedPushbackLargerThanBuffer() throws IOException {
        StringBuilder sb = new StringBuilder("h\n\"open\n");
        for (int i = 0; i < 100; i++) {
            sb.append("row").append(i).append('\n');
        }
        List<CsvRecord> recs = readAll(new StringReader(sb.toString()), 16);
        assertEquals(102, recs.size());
        assertEquals("quoted field 1 not closed at end of file", recs.get(1).problem());
        assertEquals("101|ok|row99", summary(recs).get(101));
    }

    // ------------------------------------------------------------------ spans and masking

    @Test
    void spansAllowMasking() throws IOException {
        List<CsvRecord> recs = readAll("rid,attendee_id,at\n1,\"P,0001\",2023-05-17 09:00\n2,P0002,x\n");
        CsvRecord r = recs.get(1);
        assertEquals("P,0001", r.field(1));
        assertEquals(2, r.fieldStarts()[1]);
        assertEquals(10, r.fieldEnds()[1]);
        assertEquals("1,***,2023-05-17 09:00", r.rawMasked("***", 1));
        assertEquals("2,***,x", recs.get(2).rawMasked("***", 1));
        assertEquals("***,***,x", recs.get(2).rawMasked("***", 1, 0, 7));
        for (CsvRecord rec : recs) {
            assertSpansConsistent(rec);
        }
    }

    @Test
    void spansOfMalformedRecordAllowMasking() throws IOException {
        CsvRecord r = readAll("h\n1,P0001,x\"y\n").get(1);
        assertEquals("unexpected quote in unquoted field 3", r.problem());
        assertEquals("1,***,x\"y", r.rawMasked("***", 1));
        CsvRecord r2 = readAll("h\n1,\"P,0001\",\"open\n2\n").get(1);
        assertEquals(List.of("1", "P,0001", "\"open"), r2.fields());
        assertEquals("1,***,\"open", r2.rawMasked("***", 1));
    }

    @Test
    void spansOfQuotedMultilineField() throws IOException {
        CsvRecord r = readAll("h\n\"a\nb\",\"c\"\"\",\n").get(1);
        assertArrayEquals(new int[] {0, 6, 12}, r.fieldStarts());
        assertArrayEquals(new int[] {5, 11, 12}, r.fieldEnds());
        assertSpansConsistent(r);
    }

    // ------------------------------------------------------------------ buffers, files, encodings

    @ParameterizedTest
    @ValueSource(ints = {16, 17, 31, 64})
    void smallBuffersGiveSameRecords(int bufferChars) throws IOException {
        String text = "\uFEFFa,b,c\r\n\r\n\"x,\"\"y\"\"\r\nz\",2,\r\n\r3,\"\",4\n5,6\"7,8\n9,\"open\r\n10,11,12\r\n13,14,15";
        List<String> expected = summary(readAll(text));
        assertEquals(List.of(
                "0|ok|a|b|c",
                "1|ok|x,\"y\"\r\nz|2|",
                "2|ok|3||4",
                "3|unexpected quote in unquoted field 2|5|6\"7|8",
                "4|quoted field 2 not closed at end of file|9|\"open",
                "5|ok|10|11|12",
                "6|ok|13|14|15"), expected);
        assertEquals(expected, summary(readAll(new StringReader(text), bufferChars)));
        assertEquals(expected, summary(readAll(new TrickleReader(text), bufferChars)));
    }

    @Test
    void openUtf8FileWithBom() throws IOException {
        Path f = tmp.resolve("a.csv");
        Files.write(f, ("\uFEFF观众编号,入场时间\r\nA001,2023-05-17 09:00\r\n").getBytes(StandardCharsets.UTF_8));
        List<CsvRecord> recs = new ArrayList<>();
        try (StrictCsvReader r = StrictCsvReader.open(f, StandardCharsets.UTF_8)) {
            CsvRecord rec;
            while ((rec = r.next()) != null) {
                recs.add(rec);
            }
        }
        assertEquals(List.of("0|ok|观众编号|入场时间", "1|ok|A001|2023-05-17 09:00"), summary(recs));
    }

    @Test
    void openGb18030FileWithBom() throws IOException {
        Charset gb = Charset.forName("GB18030");
        Path f = tmp.resolve("gb.csv");
        Files.write(f, ("\uFEFF名称,城市\n信息消费节,上海\n").getBytes(gb));
        try (StrictCsvReader r = StrictCsvReader.open(f, gb)) {
            assertEquals(List.of("名称", "城市"), r.next().fields());
            assertEquals(List.of("信息消费节", "上海"), r.next().fields());
            assertNull(r.next());
        }
    }

    @Test
    void undecodableBytesThrowCharacterCodingException() throws IOException {
        Path f = tmp.resolve("bad.csv");
        byte[] gbk = "名称\n上海\n".getBytes(Charset.forName("GB18030"));
        Files.write(f, gbk);
        assertThrows(CharacterCodingException.class, () -> {
            try (StrictCsvReader r = StrictCsvReader.open(f, StandardCharsets.UTF_8)) {
                while (r.next() != null) {
                    // read on
                }
            }
        });
    }

    @Test
    void truncatedUtf8AtEndOfFileThrows() throws IOException {
        Path f = tmp.resolve("trunc.csv");
        byte[] ok = "h\nab".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = java.util.Arrays.copyOf(ok, ok.length + 2);
        bytes[ok.length] = (byte) 0xE4; // first two bytes of a three-byte sequence
        bytes[ok.length + 1] = (byte) 0xB8;
        Files.write(f, bytes);
        try (StrictCsvReader r = StrictCsvReader.open(f, StandardCharsets.UTF_8)) {
            assertThrows(CharacterCodingException.class, () -> {
                while (r.next() != null) {
                    // read on
                }
            });
        }
    }

    @Test
    void badBytesFarIntoTheFileThrow() throws IOException {
        Path f = tmp.resolve("late.csv");
        StringBuilder sb = new StringBuilder("h\n");
        for (int i = 0; i < 100_000; i++) {
            sb.append("上海,").append(i).append('\n');
        }
        byte[] good = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bytes = java.util.Arrays.copyOf(good, good.length + 3);
        bytes[good.length] = (byte) 0xFF;
        bytes[good.length + 1] = 'x';
        bytes[good.length + 2] = '\n';
        Files.write(f, bytes);
        try (StrictCsvReader r = StrictCsvReader.open(f, StandardCharsets.UTF_8)) {
            assertThrows(CharacterCodingException.class, () -> {
                while (r.next() != null) {
                    // read on
                }
            });
        }
    }

    @Test
    void manyGeneratedLines() throws IOException {
        int n = 200_000;
        StringBuilder sb = new StringBuilder(n * 60);
        sb.append("record_id,festival_id,attendee_id,attended_at,note\r\n");
        for (int i = 1; i <= n; i++) {
            sb.append('r').append(i).append(",SHICF-2023,P").append(i % 9973).append(",2023-05-17 09:")
                    .append(i % 50 + 10).append(',');
            if (i % 1000 == 0) {
                sb.append("\"multi\nline, \"\"quoted\"\"\"");
            } else if (i % 777 == 0) {
                sb.append("bro\"ken");
            } else {
                sb.append("展位").append(i % 7);
            }
            sb.append(i % 3 == 0 ? "\n" : "\r\n");
        }
        int count = 0;
        int broken = 0;
        try (StrictCsvReader r = new StrictCsvReader(new StringReader(sb.toString()))) {
            CsvRecord rec;
            while ((rec = r.next()) != null) {
                assertEquals(count, rec.number());
                if (rec.number() > 0) {
                    assertEquals(5, rec.size());
                    assertEquals("r" + rec.number(), rec.field(0));
                    if (rec.number() % 1000 == 0) {
                        assertEquals("multi\nline, \"quoted\"", rec.field(4));
                    }
                    if (rec.problem() != null) {
                        broken++;
                        assertEquals("unexpected quote in unquoted field 5", rec.problem());
                    }
                }
                count++;
            }
        }
        assertEquals(n + 1, count);
        assertEquals(n / 777 - n / (777 * 1000), broken);
    }

    /**
     * Values that repeat in a column come back as one String (the checks' lookups reuse its hash); every
     * value is still exactly the field's text, also in columns of mostly new values, after the reader
     * stops looking those up, and for values of equal length and hash slot.
     */
    @Test
    void repeatedValuesOfAColumnAreOneStringAndEveryValueIsExact() throws IOException {
        StringBuilder csv = new StringBuilder("id,channel,city,note\n");
        String[] channels = {"onsite", "online", "Aa", "BB"}; // "Aa" and "BB" have one hash code
        List<String[]> expected = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            String[] row = {"r" + i, channels[i % channels.length], i % 3 == 0 ? "" : "city" + (i % 700),
                i % 5 == 0 ? "\"quoted, " + i + "\"" : "n" + (i % 2)};
            expected.add(row);
            csv.append(String.join(",", row)).append('\n');
        }
        try (StrictCsvReader reader = new StrictCsvReader(new StringReader(csv.toString()), 4096)) {
            reader.next();
            String firstOnline = null;
            for (String[] row : expected) {
                CsvRecord record = reader.next();
                for (int f = 0; f < row.length; f++) {
                    String want = row[f].startsWith("\"") ? row[f].substring(1, row[f].length() - 1) : row[f];
                    assertEquals(want, record.field(f), "record " + record.number() + " field " + f);
                }
                if (row[1].equals("online")) {
                    if (firstOnline == null) {
                        firstOnline = record.field(1);
                    }
                    org.junit.jupiter.api.Assertions.assertSame(firstOnline, record.field(1), "record " + record.number());
                }
            }
            assertNull(reader.next());
        }
    }
}
