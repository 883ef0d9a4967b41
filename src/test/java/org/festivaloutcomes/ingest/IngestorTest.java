package org.festivaloutcomes.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.festivaloutcomes.SparkTestSession;
import org.festivaloutcomes.engine.SparkRuntime;
import org.festivaloutcomes.ingest.DatasetOutcome.RejectedRecord;
import org.festivaloutcomes.model.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One case per row-level rule of inputs.md: each asserts the exact reason code, column and record
 * number of what goes to quarantine, and what is accepted.
 */
class IngestorTest {

    static final String FESTIVALS = """
            festival_id,name,series,city,start_date,end_date,previous_edition_id,gross_space_sqm
            QD,Qingdao Expo,QD,Qingdao,2023-04-06,2023-04-09,,"60,000"
            SH,Shanghai Festival,SH,Shanghai,2023/5/17,2023-06-16,,
            """;
    static final String EVENTS = """
            event_id,festival_id,name,event_type,section,pavilion,district,channel,starts_at,ends_at
            K1,QD,Keynote,主论坛,,,West Coast,onsite,2023-04-06 09:30,
            T1,QD,Theme forum,theme_forum,,,West Coast,hybrid,2023-04-07,
            S1,SH,Opening,opening_ceremony,,,Huangpu,,2023-05-17 14:00,2023-05-17 17:00
            """;
    static final String ENTERPRISES = """
            enterprise_id,festival_id,name,org_type,role,region,country,industry,pavilion,section,booth_area_sqm,exhibits,is_leading
            E1,QD,Hisense,enterprise,main_exhibitor,Shandong,cn,Electronics,P1,,"1,200",85,yes
            E2,SH,Meituan,,参展商,Shanghai,CN,Internet,,,,,
            """;
    static final String ATTENDANCE_HEADER =
            "record_id,festival_id,event_id,attendee_id,attended_at,channel,attendee_type,origin_region,"
                    + "origin_country,admissions\n";
    static final String DEALS_HEADER = "deal_id,festival_id,event_id,enterprise_id,project_name,counterparty,"
            + "deal_type,industry,amount,amount_unit,currency,signed_on,status,status_date,is_key_project,"
            + "funds_in_place\n";

    @TempDir
    Path dir;

    private final Map<DatasetKind, DatasetFormat> formats = new EnumMap<>(DatasetKind.class);

    private IngestResult ingest(String attendance, String deals) throws IOException {
        write("festivals.csv", FESTIVALS);
        write("events.csv", EVENTS);
        write("enterprises.csv", ENTERPRISES);
        write("attendance.csv", ATTENDANCE_HEADER + attendance);
        write("deals.csv", DEALS_HEADER + deals);
        return run();
    }

    private IngestResult run() {
        Map<DatasetKind, String> inputs = new EnumMap<>(DatasetKind.class);
        inputs.put(DatasetKind.FESTIVALS, "festivals.csv");
        inputs.put(DatasetKind.EVENTS, "events.csv");
        inputs.put(DatasetKind.ENTERPRISES, "enterprises.csv");
        inputs.put(DatasetKind.ATTENDANCE, "attendance*.csv");
        inputs.put(DatasetKind.DEALS, "deals.csv");
        Ingestor ingestor = new Ingestor(SparkRuntime.of(SparkTestSession.get()), dir, "job.yaml", formats,
                Map.of("CNY", BigDecimal.ONE, "USD", new BigDecimal("7.10")), new Pseudonymizer("test"), new StagingStore(dir.resolve(".store")), "test", line -> {
                });
        return ingestor.ingest(inputs);
    }

    private void write(String name, String text) throws IOException {
        write(name, text, StandardCharsets.UTF_8);
    }

    private void write(String name, String text, Charset charset) throws IOException {
        Files.writeString(dir.resolve(name), text, charset);
    }

    private static List<String> reasons(IngestResult result, DatasetKind kind) {
        List<String> reasons = new ArrayList<>();
        for (RejectedRecord r : result.outcomes().get(kind).rejected()) {
            reasons.add(r.recordNumber() + ":" + r.reasonCode() + ":" + (r.column() == null ? "" : r.column()));
        }
        return reasons;
    }

    private static void assertReconciled(IngestResult result) {
        for (DatasetOutcome outcome : result.outcomes().values()) {
            for (DatasetOutcome.FileOutcome file : outcome.files()) {
                assertEquals(file.rowsRead(), file.rowsAccepted() + file.rowsRejected(), file.displayPath());
                assertEquals(file.rowsRejected(), file.rejectedByReason().values().stream()
                        .mapToLong(Long::longValue).sum(), file.displayPath());
            }
        }
    }

    @Test
    void attendanceRowRulesInContractOrder() throws IOException {
        IngestResult result = ingest("""
                a1,QD,,v1,2023-04-06 9:05,onsite,trade,Shandong,CN,1
                a2,QD,K1,v1,not a time,onsite,trade,,,1
                a3,,K1,v2,2023-04-06 10:00,,,,,
                a4,QD,,v3,2023-04-06,onsite,,,,1
                a5,QD,,v4,2023-04-06 25:00,,,,,
                a6,QD,,v5,2023-04-06 10:00,hybrid,,,,
                a7,QD,,v6,2023-04-06 10:00,,visitor,,,
                a8,QD,,v7,2023-04-06 10:00,,,,,2
                a9,QD,,,2023-04-06 10:00,,,,,"1,250"
                a10,QD,,,2023-04-06 10:00,,,,,12.0
                a11,XX,,v8,2023-04-06 10:00,,,,,
                a12,QD,S1,v9,2023-04-06 10:00,,,,,
                a13,QD,T1,v10,2023-04-07 14:00,,,,,
                a14,QD,T1,v10,2023-04-07 14:00,线上,专业观众,,,
                a1,QD,,v11,2023-04-07 9:00,,,,,
                a15,QD,,v12,2023-04-07 9:00,,,,,,
                a16,QD,,v13,2023-04-07 9:00,,,,,-1
                """, "");
        assertEquals(List.of(
                "2:invalid_value:attended_at",
                "3:missing_value:festival_id",
                "4:invalid_value:attended_at",
                "5:invalid_value:attended_at",
                "6:invalid_value:channel",
                "7:invalid_value:attendee_type",
                "8:invalid_value:admissions",
                "10:invalid_value:admissions",
                "11:unknown_reference:festival_id",
                "12:unknown_reference:event_id",
                "13:missing_value:channel",
                "15:duplicate:record_id",
                "16:malformed_row:",
                "17:invalid_value:admissions"), reasons(result, DatasetKind.ATTENDANCE));
        assertReconciled(result);
        List<Row> accepted = result.attendance().orderBy("attended_at").collectAsList();
        assertEquals(3, accepted.size());
        Row anonymous = result.attendance().filter("attendee_key is null").first();
        assertEquals(1250L, anonymous.getLong(anonymous.fieldIndex("admissions")));
        Row online = result.attendance().filter("event_id = 'T1'").first();
        assertEquals("online", online.getString(online.fieldIndex("channel")));
        assertEquals("trade", online.getString(online.fieldIndex("attendee_type")));
    }

    @Test
    void attendeeIdsNeverReachQuarantine() throws IOException {
        IngestResult result = ingest("""
                a1,QD,,SECRET-1,not a time,onsite,trade,,,1
                a2,QD,,SECRET-2,2023-04-06 10:00,onsite,trade,,,1,extra
                a3,QD,,"SECRET"3",2023-04-06 10:00,onsite,trade,,,1
                a4,QD,,SECRET-4,2023-04-06 10:00,onsite,trade,,,1
                a4,QD,,SECRET-5,2023-04-06 10:00,onsite,trade,,,1
                """, "");
        List<RejectedRecord> rejected = result.outcomes().get(DatasetKind.ATTENDANCE).rejected();
        assertEquals(4, rejected.size());
        for (RejectedRecord r : rejected) {
            assertFalse(r.raw().contains("SECRET"), r.raw());
        }
        assertEquals("a1,QD,,***,not a time,onsite,trade,,,1", rejected.get(0).raw());
        assertEquals("a4,QD,,***,2023-04-06 10:00,onsite,trade,,,1", rejected.get(3).raw());
    }

    @Test
    void quotedLineBreaksKeepRecordNumbers() throws IOException {
        IngestResult result = ingest("""
                a1,QD,,v1,2023-04-06 9:05,onsite,trade,"Shandong,
                Qingdao",CN,1

                a2,QD,,v2,bad,onsite,trade,,CN,1
                """, "");
        assertEquals(List.of("2:invalid_value:attended_at"), reasons(result, DatasetKind.ATTENDANCE));
        Row row = result.attendance().first();
        assertEquals("Shandong,\nQingdao", row.getString(row.fieldIndex("origin_region")));
    }

    @Test
    void dealRulesDuplicatesAndConflicts() throws IOException {
        IngestResult result = ingest("", """
                D1,QD,K1,E1,Film base,,investment,Film,12,yi,CNY,2023-04-06,signed,,true,
                D1,QD,K1,E1,Film base,,investment,Film,12,亿元,cny,2023-04-06,签约,2023-04-06,true,
                D2,QD,,E1,Co-production,,cooperation,Animation,"1,500",wan,CNY,2023-04-07,signed,,,
                D2,QD,,E1,Co-production,,cooperation,Animation,1600,wan,CNY,2023-04-07,signed,,,
                D3,QD,,,X,,,,100,yuan,EUR,2023-04-07,intended,,,
                D4,QD,,,X,,,,100,yuan,USD,2023-04-07,signed,2023-04-01,,
                D5,QD,,E2,X,,,,100,yuan,,2023-04-07,signed,,,
                D6,QD,S1,,X,,,,100,yuan,,2023-04-07,signed,,,
                D7,QD,,,X,,,,-5,yuan,,2023-04-07,signed,,,
                D8,QD,,,X,,,,5,yuan,,2023-04-07,maybe,,,
                D9,QD,,,X,,,,"2,000,000",yuan,USD,2023-04-07,intended,,,"1,000"
                """);
        assertEquals(List.of(
                "2:duplicate:deal_id",
                "3:conflict:deal_id",
                "4:conflict:deal_id",
                "5:invalid_value:currency",
                "6:invalid_value:status_date",
                "7:unknown_reference:enterprise_id",
                "8:unknown_reference:event_id",
                "9:invalid_value:amount",
                "10:invalid_value:status"), reasons(result, DatasetKind.DEALS));
        assertReconciled(result);
        Row d1 = result.deals().filter("deal_id = 'D1'").first();
        assertEquals(0, new BigDecimal("1200000000").compareTo(d1.getDecimal(d1.fieldIndex("amount_cny"))));
        Row d9 = result.deals().filter("deal_id = 'D9'").first();
        assertEquals(0, new BigDecimal("14200000").compareTo(d9.getDecimal(d9.fieldIndex("amount_cny"))));
        assertEquals(0, new BigDecimal("7100").compareTo(d9.getDecimal(d9.fieldIndex("funds_cny"))));
        // the deal facts hold the accepted rows: those set aside as duplicates and conflicts are skipped
        List<String> stored = result.deals().collectAsList().stream().map(r -> String.join("|",
                r.getString(1), r.getString(0), String.valueOf(((java.time.LocalDate) r.get(13)).toEpochDay()),
                r.getDecimal(16).setScale(12).toPlainString(), String.valueOf(r.get(17)), r.getString(12),
                String.valueOf(r.get(14)))).sorted().toList();
        List<String> fromFacts = new ArrayList<>();
        DealFacts facts = result.dealFacts();
        for (int f = 0; f < facts.files().size(); f++) {
            DealFacts.Section section = DealFacts.Section.read(facts.files().get(f), 0, DealFacts.BUCKETS);
            while (section.next()) {
                if (java.util.Arrays.binarySearch(facts.setAside().get(f), section.record()) >= 0) {
                    continue;
                }
                section.at(section.position());
                assertEquals(DealFacts.dealHash(section.text(DealFacts.FESTIVAL), section.text(DealFacts.DEAL)),
                        section.hash());
                fromFacts.add(String.join("|", section.text(DealFacts.FESTIVAL), section.text(DealFacts.DEAL),
                        String.valueOf(section.statusDate()), section.amountCny().toPlainString(),
                        String.valueOf(section.fundsCny()), section.text(DealFacts.STATUS),
                        String.valueOf(section.keyProject())));
            }
        }
        fromFacts.sort(null);
        assertEquals(List.of("QD|D1|19453|1200000000.000000000000|null|signed|true",
                "QD|D9|19454|14200000.000000000000|7100.000000000000|intended|false"), fromFacts);
        assertEquals(stored, fromFacts);
    }

    @Test
    void equalDealRowsAfterTypingAreDuplicatesNotConflicts() throws IOException {
        IngestResult result = ingest("", """
                D1,QD,,,X,,,,"1,500",yuan,CNY,2023-04-06,signed,,,
                D1,QD,,,X,,,,1500.00,,,2023/4/6,signed,2023-04-06,false,
                """);
        assertEquals(List.of("2:duplicate:deal_id"), reasons(result, DatasetKind.DEALS));
    }

    @Test
    void smallDatasetsRulesAndReferences() throws IOException {
        write("festivals.csv", FESTIVALS + """
                BAD,Bad dates,,,2023-05-10,2023-05-01,,
                QD,Repeated,,,2023-04-06,2023-04-09,,
                """);
        write("events.csv", EVENTS + """
                K1,QD,Repeated id,seminar,,,,,2023-04-06,
                X1,BAD,Event of a rejected festival,seminar,,,,,2023-04-06,
                X2,QD,No type,,,,,,2023-04-06,
                """);
        write("enterprises.csv", ENTERPRISES + """
                E1,QD,Repeated,enterprise,main_exhibitor,,,,,,,,
                E1,SH,Same id other edition,enterprise,sponsor,,,,,,12.5,3,no
                E9,QD,Bad area,enterprise,sponsor,,,,,,12 sqm,,
                """);
        write("attendance.csv", ATTENDANCE_HEADER);
        write("deals.csv", DEALS_HEADER);
        IngestResult result = run();
        assertEquals(List.of("3:invalid_value:end_date", "4:duplicate:festival_id"),
                reasons(result, DatasetKind.FESTIVALS));
        assertEquals(List.of("4:duplicate:event_id", "5:unknown_reference:festival_id", "6:missing_value:event_type"),
                reasons(result, DatasetKind.EVENTS));
        assertEquals(List.of("3:duplicate:enterprise_id", "5:invalid_value:booth_area_sqm"),
                reasons(result, DatasetKind.ENTERPRISES));
        assertEquals(3, result.enterprises().count());
        Row e1 = result.enterprises().filter("enterprise_id = 'E1' and festival_id = 'QD'").first();
        assertEquals("CN", e1.getString(e1.fieldIndex("country")));
        assertTrue(e1.getBoolean(e1.fieldIndex("is_leading")));
        Row e2 = result.enterprises().filter("enterprise_id = 'E2'").first();
        assertEquals("main_exhibitor", e2.getString(e2.fieldIndex("role")));
        assertEquals("enterprise", e2.getString(e2.fieldIndex("org_type")));
        assertNull(e2.get(e2.fieldIndex("is_leading")));
        Row s1 = result.events().filter("event_id = 'S1'").first();
        assertEquals("onsite", s1.getString(s1.fieldIndex("channel")));
        assertEquals(new BigDecimal("60000"), result.festivals().get(0).grossSpaceSqm());
    }

    @Test
    void chineseGb18030ExportWithMappedHeaders() throws IOException {
        formats.put(DatasetKind.ATTENDANCE, new DatasetFormat("GB18030",
                Map.of("流水号", "record_id", "展会编号", "festival_id", "活动编号", "event_id", "观众编号",
                        "attendee_id", "入场时间", "attended_at", "渠道", "channel", "观众类型", "attendee_type",
                        "来源地区", "origin_region", "国家", "origin_country", "人次", "admissions"),
                Map.of("channel", Map.of("现场", "onsite")), "uuuu年M月d日 H:mm"));
        write("festivals.csv", FESTIVALS);
        write("events.csv", EVENTS);
        write("enterprises.csv", ENTERPRISES);
        write("attendance.csv", """
                流水号,展会编号,活动编号,观众编号,入场时间,渠道,观众类型,来源地区,国家,人次,备注
                r1,QD,,张三,2023年4月6日 9:05,现场,专业观众,山东省青岛市,CN,1,第一次
                r2,QD,K1,李四,2023/4/6 10:00,线下,嘉宾,北京市,,1,
                r3,QD,,王五,2023年4月6日,现场,公众,,,1,
                """, Charset.forName("GB18030"));
        write("deals.csv", DEALS_HEADER);
        IngestResult result = run();
        assertEquals(List.of("3:invalid_value:attended_at"), reasons(result, DatasetKind.ATTENDANCE));
        assertEquals(List.of("备注"), result.outcomes().get(DatasetKind.ATTENDANCE).files().get(0).ignoredColumns());
        Row first = result.attendance().orderBy("attended_at").first();
        assertEquals("山东省青岛市", first.getString(first.fieldIndex("origin_region")));
        assertEquals("trade", first.getString(first.fieldIndex("attendee_type")));
        assertEquals("***", result.outcomes().get(DatasetKind.ATTENDANCE).rejected().get(0).raw().split(",")[3]);
    }

    @Test
    void utf8BomCrlfAndCaseInsensitiveHeaders() throws IOException {
        write("festivals.csv", "\uFEFF" + FESTIVALS.replace("festival_id,name", " Festival_ID ,NAME")
                .replace("\n", "\r\n"));
        write("events.csv", EVENTS);
        write("enterprises.csv", ENTERPRISES);
        write("attendance.csv", ATTENDANCE_HEADER);
        write("deals.csv", DEALS_HEADER);
        IngestResult result = run();
        assertEquals(2, result.festivals().size());
        assertEquals("QD", result.festivals().get(0).festivalId());
        assertEquals("Qingdao Expo", result.festivals().get(0).name());
    }

    @Test
    void globReadsFilesInSortedOrderAsOneDataset() throws IOException {
        ingest("a1,QD,,v1,2023-04-06 9:05,onsite,trade,,,1\n", "");
        write("attendance-2.csv", ATTENDANCE_HEADER + "a1,QD,,v1,2023-04-07 9:05,onsite,trade,,,1\n");
        IngestResult result = run();
        DatasetOutcome outcome = result.outcomes().get(DatasetKind.ATTENDANCE);
        assertEquals(List.of("attendance-2.csv", "attendance.csv"),
                outcome.files().stream().map(DatasetOutcome.FileOutcome::displayPath).toList());
        // attendance-2.csv sorts first, so the row of attendance.csv is the later duplicate
        assertEquals("attendance.csv", outcome.rejected().get(0).sourceFile());
        assertEquals(64, outcome.files().get(0).sha256().length());
    }

    @Test
    void structuralProblemsAreOneLineErrors() throws IOException {
        write("festivals.csv", FESTIVALS);
        write("events.csv", EVENTS);
        write("enterprises.csv", ENTERPRISES);
        write("deals.csv", DEALS_HEADER);
        write("attendance.csv", "record_id,festival_id,attendee_id\nr1,QD,v1\n");
        BadInputException missing = assertThrows(BadInputException.class, this::run);
        assertEquals("attendance.csv: required column attended_at missing from the header of this attendance file",
                missing.getMessage());

        Files.write(dir.resolve("attendance.csv"), (ATTENDANCE_HEADER + "r1,QD,,v1,2023-04-06 9:00,,,\u00ff,,1\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        BadInputException undecodable = assertThrows(BadInputException.class, this::run);
        assertTrue(undecodable.getMessage().startsWith("attendance.csv: bytes that do not decode as UTF-8"),
                undecodable.getMessage());

        Files.delete(dir.resolve("attendance.csv"));
        BadInputException none = assertThrows(BadInputException.class, this::run);
        assertEquals("job.yaml: inputs.attendance: no file matches attendance*.csv", none.getMessage());
    }

    @Test
    void undecodableBytesDeepInAFileReadBySparkAreOneLineErrors() throws IOException {
        StringBuilder rows = new StringBuilder(ATTENDANCE_HEADER);
        for (int i = 0; i < 5000; i++) {
            rows.append("a").append(i).append(",QD,,v").append(i).append(",2023-04-06 9:05,onsite,trade,,,1\n");
        }
        byte[] good = rows.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bytes = java.util.Arrays.copyOf(good, good.length + 40);
        byte[] tail = "z,QD,,v,2023-04-06 9:05,,,\u00ff,,1\n".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(tail, 0, bytes, good.length, tail.length);
        write("festivals.csv", FESTIVALS);
        write("events.csv", EVENTS);
        write("enterprises.csv", ENTERPRISES);
        write("deals.csv", DEALS_HEADER);
        Files.write(dir.resolve("attendance.csv"), java.util.Arrays.copyOf(bytes, good.length + tail.length));
        Exception failure = assertThrows(Exception.class, this::run);
        BadInputException bad = null;
        for (Throwable t = failure; t != null && bad == null; t = t.getCause()) {
            bad = t instanceof BadInputException b ? b : null;
        }
        assertTrue(bad != null && bad.getMessage().startsWith("attendance.csv: bytes that do not decode as UTF-8"),
                String.valueOf(failure));
    }

    /**
     * A bad deals file read by Spark tasks is its own one-line error, and when both large datasets have
     * one, attendance's (read first in the contract's order) is the run's.
     */
    @Test
    void anUndecodableDealsFileIsAOneLineErrorAndAttendanceComesFirst() throws IOException {
        write("festivals.csv", FESTIVALS);
        write("events.csv", EVENTS);
        write("enterprises.csv", ENTERPRISES);
        write("attendance.csv", ATTENDANCE_HEADER + "a1,QD,,v1,2023-04-06 9:05,onsite,trade,,,1\n");
        byte[] header = DEALS_HEADER.getBytes(StandardCharsets.UTF_8);
        byte[] badRow = "D1,QD,,E1,P\u00ff,C,investment,IT,100,wan,CNY,2023-04-06,signed,,,\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] deals = java.util.Arrays.copyOf(header, header.length + badRow.length);
        System.arraycopy(badRow, 0, deals, header.length, badRow.length);
        Files.write(dir.resolve("deals.csv"), deals);
        assertTrue(badInput(assertThrows(Exception.class, this::run)).startsWith(
                "deals.csv: bytes that do not decode as UTF-8"));
        byte[] attendance = (ATTENDANCE_HEADER + "a1,QD,,v1,2023-04-06 9:05,onsite,trade,\u00ff,,1\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve("attendance.csv"), attendance);
        assertTrue(badInput(assertThrows(Exception.class, this::run)).startsWith(
                "attendance.csv: bytes that do not decode as UTF-8"));
    }

    private static String badInput(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BadInputException b) {
                return b.getMessage();
            }
        }
        return "no BadInputException in " + failure;
    }

    // ---------------------------------------------------------------- the staging store

    private static final String STORE_ATTENDANCE = """
            a1,QD,,v1,2023-04-06 9:05,onsite,trade,Shandong,CN,1
            a2,QD,K1,v2,2023-04-06 10:00,,public,,,
            a3,QD,,,2023-04-07 10:00,,,,,40
            a1,QD,,v3,2023-04-07 9:00,,,,,
            a4,QD,,v4,not a time,,,,,
            """;

    @Test
    void attendanceFactsHoldTheAcceptedRows() throws IOException {
        IngestResult clean = ingest("""
                a1,QD,,v1,2023-04-06 9:05,onsite,trade,Shandong,CN,1
                a2,QD,K1,v2,2023-04-06 10:00,,public,,,
                a3,QD,,,2023-04-07 10:00,,,,,40
                a4,QD,,v4,not a time,,,,,
                a5,SH,S1,v1,2023-05-17 15:00,online,,,KR,1
                """, "");
        // the rows read, rejected ones included: what sizes the pass's tasks
        assertEquals(5, clean.attendanceFacts().rows());
        assertEquals(storedRows(clean), factRows(clean.attendanceFacts()));
        // the same from the store on the next run
        assertEquals(storedRows(clean), factRows(run().attendanceFacts()));
        // a record_id repeated in another file: its later row is set aside, in the facts too
        write("attendance-2.csv", ATTENDANCE_HEADER + "a1,QD,,v9,2023-04-08 9:00,,,,,\na9,QD,,v9,2023-04-08 9:30,,,,,\n");
        IngestResult repeated = run();
        assertEquals(1, repeated.outcomes().get(DatasetKind.ATTENDANCE).rejected().stream()
                .filter(r -> r.reasonCode().equals("duplicate")).count());
        assertEquals(5, storedRows(repeated).size());
        assertEquals(storedRows(repeated), factRows(repeated.attendanceFacts()));
        // and from the kept check
        assertEquals(storedRows(repeated), factRows(run().attendanceFacts()));
    }

    private static List<String> storedRows(IngestResult result) {
        return result.attendance().collectAsList().stream().map(r -> String.join("|",
                r.getString(0), String.valueOf(r.get(1)), String.valueOf(r.get(2)),
                String.valueOf(((java.time.LocalDate) r.get(4)).toEpochDay()), r.getString(5), r.getString(6),
                String.valueOf(r.get(7)), String.valueOf(r.get(8)), String.valueOf(r.getLong(9)))).sorted().toList();
    }

    /** The rows the facts give the attendance pass (those set aside skipped), as storedRows writes them. */
    private static List<String> factRows(AttendanceFacts facts) {
        List<String> rows = new ArrayList<>();
        for (int f = 0; f < facts.files().size(); f++) {
            AttendanceFacts.Section section = AttendanceFacts.Section.read(facts.files().get(f), 0,
                    AttendanceFacts.BUCKETS);
            while (section.next()) {
                if (java.util.Arrays.binarySearch(facts.setAside().get(f), section.record()) >= 0) {
                    continue;
                }
                String[] c = section.combinations()[section.combination()];
                rows.add(String.join("|", c[AttendanceFacts.FESTIVAL], String.valueOf(c[AttendanceFacts.EVENT]),
                        section.keyed() ? String.valueOf(section.key()) : "null", String.valueOf(section.day()),
                        c[AttendanceFacts.CHANNEL], c[AttendanceFacts.TYPE], String.valueOf(c[AttendanceFacts.REGION]),
                        String.valueOf(c[AttendanceFacts.COUNTRY]), String.valueOf(section.admissions())));
            }
        }
        rows.sort(null);
        return rows;
    }

    private static List<String> acceptedRows(IngestResult result) {
        return result.attendance().orderBy("attended_at", "attendee_key").collectAsList().stream()
                .map(Row::toString).toList();
    }

    private static List<Boolean> reused(IngestResult result, DatasetKind kind) {
        return result.outcomes().get(kind).files().stream().map(DatasetOutcome.FileOutcome::reused).toList();
    }

    @Test
    void aSecondRunReadsUnchangedFilesFromTheStoreWithTheSameResult() throws IOException {
        IngestResult first = ingest(STORE_ATTENDANCE, "D1,QD,,E1,P,C,investment,IT,100,wan,CNY,2023-04-06,signed,,,\n");
        IngestResult second = run();
        assertEquals(List.of(false), reused(first, DatasetKind.ATTENDANCE));
        assertEquals(List.of(true), reused(second, DatasetKind.ATTENDANCE));
        assertEquals(List.of(true), reused(second, DatasetKind.DEALS));
        assertEquals(acceptedRows(first), acceptedRows(second));
        assertEquals(3, acceptedRows(second).size());
        assertEquals(reasons(first, DatasetKind.ATTENDANCE), reasons(second, DatasetKind.ATTENDANCE));
        assertEquals(List.of("4:duplicate:record_id", "5:invalid_value:attended_at"),
                reasons(second, DatasetKind.ATTENDANCE));
        // the duplicates were decided by the first run over the same files: kept, raw text masked
        assertFalse(first.outcomes().get(DatasetKind.ATTENDANCE).keyCheckReused());
        assertTrue(second.outcomes().get(DatasetKind.ATTENDANCE).keyCheckReused());
        assertEquals("a1,QD,,***,2023-04-07 9:00,,,,,", second.outcomes().get(DatasetKind.ATTENDANCE).rejected()
                .get(0).raw());
        assertReconciled(second);
        // a damaged kept check is not trusted: the check runs again, with the same result
        try (var checks = Files.list(dir.resolve(".store/attendance/checks"))) {
            for (Path check : checks.toList()) {
                Files.writeString(check, "{garbage");
            }
        }
        IngestResult third = run();
        assertFalse(third.outcomes().get(DatasetKind.ATTENDANCE).keyCheckReused());
        assertEquals(first.outcomes().get(DatasetKind.ATTENDANCE).rejected(),
                third.outcomes().get(DatasetKind.ATTENDANCE).rejected());
        assertTrue(run().outcomes().get(DatasetKind.ATTENDANCE).keyCheckReused());
        try (var work = Files.list(dir.resolve(".store/tmp"))) {
            assertEquals(List.of(), work.toList(), "no work folder left");
        }
    }

    /** Accepted rows are kept as facts only; rejected rows files come from the tasks that had some. */
    @Test
    void onlyTasksWithRejectedRowsKeepThem() throws IOException {
        IngestResult result = ingest(STORE_ATTENDANCE, "D1,QD,,E1,P,C,investment,IT,100,wan,CNY,2023-04-06,signed,,,\n");
        assertEquals(List.of("4:duplicate:record_id", "5:invalid_value:attended_at"),
                reasons(result, DatasetKind.ATTENDANCE));
        for (String dataset : List.of("attendance", "deals")) {
            try (var files = Files.walk(dir.resolve(".store/" + dataset))) {
                long rejectedFiles = files.filter(p -> p.getFileName().toString().startsWith("_rejected-")).count();
                // the duplicate is decided across files, after the parse: only the invalid row is kept
                assertEquals(dataset.equals("attendance") ? 1 : 0, rejectedFiles, dataset);
            }
        }
        // a run from the store reads the rejected row back and decides the duplicate again from the key files
        IngestResult again = run();
        assertEquals(List.of(true), reused(again, DatasetKind.ATTENDANCE));
        assertEquals(reasons(result, DatasetKind.ATTENDANCE), reasons(again, DatasetKind.ATTENDANCE));
        assertEquals(result.outcomes().get(DatasetKind.ATTENDANCE).rejected(),
                again.outcomes().get(DatasetKind.ATTENDANCE).rejected());
    }

    @Test
    void changedAndNewFilesAreParsedAndDuplicatesSpanStoredAndNewFiles() throws IOException {
        ingest(STORE_ATTENDANCE, "");
        write("attendance.csv", ATTENDANCE_HEADER + STORE_ATTENDANCE + "a5,QD,,v5,2023-04-08 9:00,,,,,\n");
        write("attendance2.csv", ATTENDANCE_HEADER + "a2,QD,,v9,2023-04-08 9:00,,,,,\na6,QD,,v6,2023-04-08 9:00,,,,,\n");
        IngestResult result = run();
        assertEquals(List.of(false, false), reused(result, DatasetKind.ATTENDANCE));
        IngestResult again = run();
        assertEquals(List.of(true, true), reused(again, DatasetKind.ATTENDANCE));
        // other files than the kept check's: decided again; then kept for the next run
        assertFalse(result.outcomes().get(DatasetKind.ATTENDANCE).keyCheckReused());
        assertTrue(again.outcomes().get(DatasetKind.ATTENDANCE).keyCheckReused());
        for (IngestResult r : List.of(result, again)) {
            assertEquals(5, acceptedRows(r).size());
            List<RejectedRecord> rejected = r.outcomes().get(DatasetKind.ATTENDANCE).rejected();
            assertEquals("attendance2.csv:1:duplicate", rejected.get(2).sourceFile() + ":" + rejected.get(2)
                    .recordNumber() + ":" + rejected.get(2).reasonCode());
            assertReconciled(r);
        }
        // a changed context (another event accepted) parses the files again
        write("events.csv", EVENTS + "K2,QD,Forum,seminar,,,,onsite,2023-04-08,\n");
        assertEquals(List.of(false, false), reused(run(), DatasetKind.ATTENDANCE));
    }

    @Test
    void whatACrashLeavesInTheStoreIsNeverTrusted() throws IOException {
        List<String> firstRows = acceptedRows(ingest(STORE_ATTENDANCE, ""));
        Path datasetDir = dir.resolve(".store/attendance");
        Path entry;
        try (var entries = Files.list(datasetDir)) {
            entry = entries.filter(p -> p.getFileName().toString().startsWith("entry=")).findFirst().orElseThrow();
        }
        // an entry whose record is missing (damaged from outside) and parts that are garbage
        Files.delete(entry.resolve(StagingStore.ENTRY_FILE));
        try (var parts = Files.list(entry)) {
            for (Path part : parts.toList()) {
                Files.writeString(part, "garbage");
            }
        }
        // the work folder of a run that was killed while staging (its lock is free)
        Path deadWork = Files.createDirectories(dir.resolve(".store/tmp/dead-run/attendance"));
        Files.writeString(deadWork.resolve("part-00000-x.parquet"), "half written");
        Files.writeString(dir.resolve(".store/tmp/dead-run.lock"), "");

        IngestResult second = run();
        assertEquals(List.of(false), reused(second, DatasetKind.ATTENDANCE));
        assertEquals(firstRows, acceptedRows(second));
        assertTrue(Files.isRegularFile(entry.resolve(StagingStore.ENTRY_FILE)), "entry made again");
        try (var work = Files.list(dir.resolve(".store/tmp"))) {
            assertEquals(List.of(), work.toList(), "dead run's work removed");
        }
        assertEquals(List.of(true), reused(run(), DatasetKind.ATTENDANCE));
    }

    @Test
    void anEntryWithAFactsFileCutShortIsMadeAgain() throws IOException {
        IngestResult first = ingest(STORE_ATTENDANCE, "D1,QD,,E1,P,C,investment,IT,100,wan,CNY,2023-04-06,signed,,,\n");
        List<String> firstRows = acceptedRows(first);
        for (String dataset : List.of("attendance", "deals")) {
            Path facts;
            try (var files = Files.walk(dir.resolve(".store/" + dataset))) {
                facts = files.filter(p -> p.getFileName().toString().startsWith("_facts-")).findFirst().orElseThrow();
            }
            byte[] bytes = Files.readAllBytes(facts);
            Files.write(facts, java.util.Arrays.copyOf(bytes, bytes.length - 3));
            IngestResult again = run();
            DatasetKind kind = dataset.equals("deals") ? DatasetKind.DEALS : DatasetKind.ATTENDANCE;
            assertEquals(List.of(false), reused(again, kind), dataset);
            assertEquals(bytes.length, Files.size(facts), "made again whole");
            assertEquals(firstRows, acceptedRows(again));
            assertReconciled(again);
        }
    }

    @Test
    void anEntryWithAKeyHashFileCutShortIsMadeAgain() throws IOException {
        IngestResult first = ingest(STORE_ATTENDANCE, "");
        List<String> firstRows = acceptedRows(first);
        Path entry;
        try (var entries = Files.list(dir.resolve(".store/attendance"))) {
            entry = entries.filter(p -> p.getFileName().toString().startsWith("entry=")).findFirst().orElseThrow();
        }
        Path keys;
        try (var files = Files.list(entry)) {
            keys = files.filter(p -> p.getFileName().toString().startsWith("_keys-")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(keys);
        Files.write(keys, java.util.Arrays.copyOf(bytes, bytes.length - 8));
        IngestResult second = run();
        // not reused: a lost hash could have hidden a duplicate
        assertEquals(List.of(false), reused(second, DatasetKind.ATTENDANCE));
        assertEquals(firstRows, acceptedRows(second));
        assertEquals(reasons(first, DatasetKind.ATTENDANCE), reasons(second, DatasetKind.ATTENDANCE));
        assertEquals(bytes.length, Files.size(keys), "made again whole");
        assertReconciled(second);
    }

    @Test
    void aLargeFileIsParsedInPartsWithExactRecordNumbers() throws IOException {
        StringBuilder rows = new StringBuilder();
        for (int i = 1; i <= 120_000; i++) {
            // every 10,000th row is bad, and a quoted line break every 7,919 rows
            String region = i % 7919 == 0 ? "\"Shan\ndong\"" : "Shandong";
            String time = i % 10_000 == 0 ? "bad" : "2023-04-06 9:05";
            rows.append('r').append(i).append(",QD,,v").append(i % 5000).append(',').append(time)
                    .append(",onsite,trade,").append(region).append(",CN,1\n");
        }
        IngestResult result = ingest(rows.toString(), "");
        List<String> expected = new ArrayList<>();
        for (int i = 10_000; i <= 120_000; i += 10_000) {
            expected.add(i + ":invalid_value:attended_at");
        }
        assertEquals(expected, reasons(result, DatasetKind.ATTENDANCE));
        assertEquals(120_000 - 12, result.attendance().count());
        Path entry;
        try (var entries = Files.list(dir.resolve(".store/attendance"))) {
            entry = entries.filter(p -> p.getFileName().toString().startsWith("entry=")).findFirst().orElseThrow();
        }
        try (var parts = Files.list(entry)) {
            assertTrue(parts.filter(p -> p.getFileName().toString().startsWith("_facts-")).count() > 1,
                    "parsed in several parts");
        }
    }
}
