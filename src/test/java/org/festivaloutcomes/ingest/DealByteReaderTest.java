package org.festivaloutcomes.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deal parse from bytes writes exactly what the strict reader and {@link RowChecker} write for the
 * same part: the same deal facts, key hashes and rejected rows, byte for byte (amounts in CNY included),
 * on hand-made records and random files, in UTF-8 and GB18030.
 */
class DealByteReaderTest {

    private static final String HEADER = "deal_id,festival_id,event_id,enterprise_id,project_name,counterparty,"
            + "deal_type,industry,amount,amount_unit,currency,signed_on,status,status_date,is_key_project,"
            + "funds_in_place";
    private static final References REFERENCES = new References(Set.of("F1", "F2"),
            Map.of("E1", new References.EventRef("F1", "onsite"), "E3", new References.EventRef("F2", "online")),
            Set.of(References.enterpriseKey("F1", "N1"), References.enterpriseKey("F1", "N2"),
                    References.enterpriseKey("F2", "N1")));
    /** A rate with more decimals than the twelve of amounts in CNY: the rounding is compared too. */
    private static final Map<String, BigDecimal> RATES = Map.of("CNY", BigDecimal.ONE, "USD", new BigDecimal("7.10"),
            "JPY", new BigDecimal("0.0481234567890123"));

    @TempDir
    Path dir;

    private ByteReaderComparison comparison;

    @BeforeEach
    void comparison() {
        comparison = new ByteReaderComparison(dir, DatasetKind.DEALS, REFERENCES, RATES, DealByteReader::new);
    }

    @Test
    void plainDealsAreReadByteByByteAndWriteWhatTheStrictPathWrites() throws IOException {
        String text = HEADER + "\n"
                + "D1,F1,E1,N1,Online Medical Care Data Center,Jing'an Temple Business Circle,procurement,Online "
                + "Medical Care,201.18,wan,CNY,2022-05-20,signed,,,\n"
                + "D2,F1,,,Travel,Lujiazui,investment,Travel,\"2,611.85\",wan,,2022-05-20,intended,2022-06-01,1,100\n"
                + "D3,F2,E3,N1,云计算中心,上海公司,投资,,1500,万元,USD,2023/6/1,签约,,true,\"1,000.5\"\n"
                + "D4,F1,,N2,,,,,0.5,yi,JPY,2023-06-15,completed,2023-06-30,否,12.3456789\n";
        for (Charset charset : List.of(StandardCharsets.UTF_8, Charset.forName("GB18030"))) {
            DatasetFormat format = new DatasetFormat(charset.name(), Map.of(), Map.of(), null);
            ByteReaderComparison.ByteRun run = comparison.compare(text, charset, format);
            assertEquals(4, run.fast());
            assertEquals(4L, run.outcomes().get(""));
        }
    }

    @Test
    void everyDealTheFastReadingDoesNotKnowGoesToTheStrictPath() throws IOException {
        List<String> rows = List.of(
                "D1,F1,E1,N1,P,C,sales,I,10,yuan,CNY,2023-06-01,signed,,,",
                ",F1,E1,N1,P,C,sales,I,10,yuan,CNY,2023-06-01,signed,,,",
                "D3,F9,,,P,C,sales,I,10,yuan,CNY,2023-06-01,signed,,,",
                "D4,F2,E1,,P,C,sales,I,10,yuan,CNY,2023-06-01,signed,,,",
                "D5,F2,,N2,P,C,sales,I,10,yuan,CNY,2023-06-01,signed,,,",
                "D6,F1,,,P,C,sales,I,10,yuan,GBP,2023-06-01,signed,,,",
                "D7,F1,,,P,C,sales,I,10,yuan,CNY,2023-06-01,signed,2023-05-01,,",
                "D8,F1,,,P,C,sales,I,,yuan,CNY,2023-06-01,signed,,,",
                "D9,F1,,,P,C,sales,I,-10,yuan,CNY,2023-06-01,signed,,,",
                "D10,F1,,,P,C,sales,I,1234567890123456,yuan,CNY,2023-06-01,signed,,,",
                "D11,F1,,,P,C,sales,I,123456789012345.678901234,yuan,CNY,2023-06-01,signed,,,",
                "D12,F1,,,P,C,sales,I,10,yuan,CNY,2023-02-30,signed,,,",
                "D13,F1,,,P,C,sales,I,10,yuan,CNY,2023-06-01,,,,",
                "D14,F1,,,P,C,bogus,I,10,yuan,CNY,2023-06-01,signed,,,",
                "D15,F1,,,P,C,sales,I,10,yuan,CNY,2023-06-01,signed,,maybe,",
                " D16 ,F1,,,P,C,sales,I,10,yuan,CNY,2023-06-01,signed,,,",
                "D17,F1,,,  padded  ,\u3000上海\u3000,Sales,I,10,Wan,usd,2023-06-01,SIGNED,,YES,",
                "D18,F1,,,\"a,b\",\"x\"\"y\",sales,I,10,yuan,CNY,2023-06-01,signed,,,",
                "D19,F1,,,P,C,sales,I,\" 10 \",yuan,CNY,2023-06-01,signed,,,",
                "D20,F1,,,P,C,sales,I,10,yuan,CNY,2023-06-01,signed,,,1e5",
                "Ď21,F1,,,P,C,sales,I,10,yuan,CNY,2023-06-01,signed,,,",
                "D22,F1,,,P,C,sales,I,10,yuan,CNY,2023-06-01,signed,,,,extra");
        for (Charset charset : List.of(StandardCharsets.UTF_8, Charset.forName("GB18030"))) {
            DatasetFormat format = new DatasetFormat(charset.name(), Map.of(), Map.of(), null);
            String text = HEADER + "\n" + String.join("\n", rows) + "\n";
            ByteReaderComparison.ByteRun run = comparison.compare(text, charset, format);
            // D1, and D17, whose spaces are stripped and spellings typed once
            assertEquals(2, run.fast());
            comparison.compare(text, charset, format, 48, 1 << 20, 1 << 20);
        }
    }

    @Test
    void randomFilesOfGoodBadAndOddDeals() throws IOException {
        long[] taken = comparison.compareRandom(new Random(20261122), 80, Map.of("status", Map.of("done", "completed")),
                "yyyy年M月d日", random -> randomFile(random, 40 + random.nextInt(100)),
                new ByteReaderComparison.Sizes(32, 300, 80, 600));
        assertTrue(taken[0] > 1500 && taken[1] > 1500, "both paths taken: " + taken[0] + " fast, " + taken[1] + " strict");
    }

    /** Each column's values: the first {@link #GOOD} of them accepted byte by byte, the others not always. */
    private static final int[] GOOD = {4, 3, 3, 3, 4, 3, 4, 3, 4, 4, 3, 3, 3, 3, 3, 3};
    private static final String[][] VALUES = {
        {"D1", "D2", "D3", "D10", "", " D4", "Ď5", "D\t6"},
        {"F1", "F1", "F2", "", "F9", " F1"},
        {"", "", "E1", "E3", "E9", " E1"},
        {"", "N1", "N2", "N9", " N1", "企业"},
        {"Data Center", "Smart City", "", "云计算中心", " padded ", "a,b", "x\"y", "\u3000"},
        {"Lujiazui", "", "上海公司", " Jing'an ", "\u3000上海\u3000"},
        {"", "investment", "procurement", "投资", "Sales", "bogus"},
        {"", "Online Travel", "Medical", " Retail", "零售"},
        {"201.18", "2,611.85", "1500", "0.5", "", "-1", "1e5", "1,50", "1234567890123456",
            "12345678901234.5678901", "007.10", "1.", ".5", "123,456,789.0001"},
        {"", "wan", "yuan", "万元", "Wan", "bogus", "yi"},
        {"", "CNY", "USD", "usd", "JPY", "GBP", " EUR"},
        {"2022-05-20", "2023/6/1", "2023-06-15", "", "2023-02-30", "2023-6-1", "20230601", "2023-06-01 10:00",
            "2023年6月2日"},
        {"signed", "intended", "签约", "", "bogus", "Completed", "done"},
        {"", "", "2023-06-30", "2022-01-01", "2023/7/1", "bad"},
        {"", "1", "true", "yes", "否", "maybe", "TRUE"},
        {"", "", "100", "1,000.5", "abc", "99999999999999999999", "0.0000000000001"},
    };

    private static String randomFile(Random random, int records) {
        String[] names = HEADER.split(",");
        List<Integer> order = new ArrayList<>();
        for (int c = 0; c < names.length; c++) {
            order.add(c);
        }
        Collections.shuffle(order, random);
        StringBuilder text = new StringBuilder();
        text.append(String.join(",", order.stream().map(c -> names[c]).toList())).append('\n');
        String[] lineEnds = {"\n", "\n", "\n", "\r\n", "\r", "\n\n"};
        for (int r = 0; r < records; r++) {
            List<String> fields = new ArrayList<>();
            for (int c : order) {
                String value = VALUES[c][random.nextInt(random.nextInt(10) == 0 ? VALUES[c].length : GOOD[c])];
                boolean must = value.contains(",") || value.contains("\"");
                fields.add(must || random.nextInt(10) == 0 ? "\"" + value.replace("\"", "\"\"") + "\"" : value);
            }
            if (random.nextInt(50) == 0) {
                fields.remove(random.nextInt(fields.size()));
            }
            text.append(String.join(",", fields));
            if (r < records - 1 || random.nextBoolean()) {
                text.append(lineEnds[random.nextInt(lineEnds.length)]);
            }
        }
        return text.toString();
    }

    @Test
    void byteHelpersAgreeWithTheirStringVersions() {
        Random random = new Random(11);
        String alphabet = "0123456789,.,.-e ";
        for (int n = 0; n < 200_000; n++) {
            StringBuilder s = new StringBuilder();
            int length = 1 + random.nextInt(14);
            for (int i = 0; i < length; i++) {
                s.append(random.nextInt(3) == 0 ? alphabet.charAt(random.nextInt(alphabet.length()))
                        : (char) ('0' + random.nextInt(10)));
            }
            String text = s.toString();
            byte[] bytes = ("x" + text + "y").getBytes(StandardCharsets.US_ASCII);
            BigDecimal fromBytes = Values.number(bytes, 1, bytes.length - 1);
            if (fromBytes != null) {
                BigDecimal fromText = Values.number(text);
                assertEquals(fromText, fromBytes, text);
            }
            int day = Values.dateDay(bytes, 1, bytes.length - 1);
            java.time.LocalDate date = Values.date(text, null);
            assertEquals(date == null ? Values.NO_DAY : (int) date.toEpochDay(), day, text);
        }
        for (String number : List.of("0", "007", "1,234", "1,234,567.890", "999999999999999999", "0.5", "12.")) {
            byte[] bytes = number.getBytes(StandardCharsets.US_ASCII);
            assertEquals(Values.number(number), Values.number(bytes, 0, bytes.length), number);
        }
        // the years of four digits: 0000-01-01 to 9999-12-31
        for (int day = -719_528; day <= 2_932_896; day += 997) {
            String iso = java.time.LocalDate.ofEpochDay(day).toString();
            assertEquals(Hash64.add(Hash64.START, iso), Hash64.addIsoDate(Hash64.START, day), iso);
        }
    }
}
