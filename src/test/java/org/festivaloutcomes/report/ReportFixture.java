package org.festivaloutcomes.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.festivaloutcomes.metrics.Metric;
import org.festivaloutcomes.metrics.MetricValue;
import org.festivaloutcomes.metrics.Scope;
import org.festivaloutcomes.model.Festival;

/**
 * A hand-built report of the 2023 Qingdao Digital Culture Expo (8 to 11 September 2023, six pavilions), reported
 * for September 2023, with deals signed in August and September and some rejected rows.
 */
final class ReportFixture {

    static final String ID = "qdce-2023";
    /** Signed deals started (DealMetrics's count, supplied beside the metrics) in the month and to date. */
    static final long STARTED_MONTH = 18;
    static final long STARTED_TO_DATE = 31;
    static final String FORMULA_MEMBER = "=HYPERLINK(\"http://example.com\",\"click\")";
    static final List<String> PAVILIONS = List.of("Digital Film and Television", "Animation and Games",
            "Digital Publishing", "Creative Design", "Smart Tourism", "Digital Music");

    private final List<MetricValue> values = new ArrayList<>();
    private boolean withDistricts = true;

    private ReportFixture() {
    }

    static EditionReport report(Language language, boolean qualityFailed) {
        return new ReportFixture().build(language, qualityFailed);
    }

    /** The same report without the district breakdowns (so visits-by-district has no data). */
    static EditionReport reportWithoutDistricts(Language language) {
        ReportFixture f = new ReportFixture();
        f.withDistricts = false;
        return f.build(language, false);
    }

    /**
     * An edition whose exports hold nothing yet (no attendance, no deal, no event, no enterprise): every headline
     * is 0 or empty, no breakdown, no top deal, no previous edition, no rejected row.
     */
    static EditionReport emptyReport(Language language) {
        List<MetricValue> values = new ArrayList<>();
        for (Metric m : Metric.values()) {
            for (Scope s : m.family().scopes()) {
                Object v = m.unit() == org.festivaloutcomes.metrics.MetricUnit.COUNT ? (Object) 0L
                        : m.unit() == org.festivaloutcomes.metrics.MetricUnit.CNY ? BigDecimal.ZERO : null;
                values.add(MetricValue.headline(ID, s, m, v));
            }
        }
        Festival festival = new Festival(ID, language == Language.ZH_CN ? "2023青岛数字文化博览会"
                : "2023 Qingdao Digital Culture Expo", "qdce", "Qingdao", LocalDate.of(2023, 9, 8),
                LocalDate.of(2023, 9, 11), null, null);
        QualitySummary quality = new QualitySummary(d("0.05"), List.of(new QualitySummary.DatasetQuality(
                "festivals", List.of(file("data/festivals.csv", 1, 0, Map.of(), List.of())))));
        RunInfo run = new RunInfo("qingdao-expo", "0.1.0", OffsetDateTime.of(2023, 8, 1, 6, 0, 0, 0, ZoneOffset.UTC),
                List.of(new RunInfo.InputFile("festivals", "data/festivals.csv", sha("1"), 412)));
        return new EditionReport(festival, YearMonth.of(2023, 9), language, values, List.of(), null, null, Map.of(),
                List.of(), Map.of(Scope.MONTH, 0L, Scope.TO_DATE, 0L), quality, false, run);
    }

    private void h(Scope scope, Metric metric, Object value) {
        values.add(MetricValue.headline(ID, scope, metric, value));
    }

    private void both(Metric metric, Object month, Object toDate) {
        h(Scope.MONTH, metric, month);
        h(Scope.TO_DATE, metric, toDate);
    }

    private void b(Scope scope, Metric metric, String dimension, String member, Object value) {
        values.add(new MetricValue(ID, scope, metric, dimension, member, value));
    }

    private void b2(Metric metric, String dimension, String member, Object value) {
        b(Scope.MONTH, metric, dimension, member, value);
        b(Scope.TO_DATE, metric, dimension, member, value);
    }

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    private static BigDecimal ratio(long a, long b) {
        return BigDecimal.valueOf(a).divide(BigDecimal.valueOf(b), 12, java.math.RoundingMode.HALF_UP);
    }

    private EditionReport build(Language language, boolean qualityFailed) {
        // attendance: the edition is entirely inside September, so month = to date
        both(Metric.ATTENDANCE_ADMISSIONS, 186_420L, 186_420L);
        both(Metric.ATTENDANCE_VISITS, 152_380L, 152_380L);
        both(Metric.ATTENDANCE_VISITORS, 121_905L, 121_905L);
        both(Metric.ATTENDANCE_IDENTIFIED_VISITORS, 48_210L, 48_210L);
        both(Metric.ATTENDANCE_ONLINE_VIEWERS, 2_315_600L, 2_315_600L);
        both(Metric.ATTENDANCE_TOTAL_REACH, 2_437_505L, 2_437_505L);
        both(Metric.ATTENDANCE_REPEAT_VISITOR_SHARE, ratio(8_823, 48_210), ratio(8_823, 48_210));
        both(Metric.ATTENDANCE_TRADE_VISITOR_SHARE, ratio(19_862, 48_210), ratio(19_862, 48_210));
        both(Metric.ATTENDANCE_FOREIGN_VISITOR_SHARE, ratio(1_302, 48_210), ratio(1_302, 48_210));
        both(Metric.ATTENDANCE_PEAK_DAY, LocalDate.of(2023, 9, 9), LocalDate.of(2023, 9, 9));
        both(Metric.ATTENDANCE_PEAK_DAY_VISITS, 51_240L, 51_240L);
        both(Metric.ATTENDANCE_STAFF_ADMISSIONS, 9_860L, 9_860L);
        long[][] days = {{32_100, 29_800}, {51_240, 44_900}, {43_560, 38_700}, {25_480, 22_300}};
        for (int i = 0; i < days.length; i++) {
            String day = "2023-09-" + String.format("%02d", 8 + i);
            b2(Metric.ATTENDANCE_VISITS, "day", day, days[i][0]);
            b2(Metric.ATTENDANCE_VISITORS, "day", day, days[i][1]);
        }
        String[][] events = {{"(general admission)", "118200", "98300", null}, {"QD-OPEN", "2400", "2400", "1250000"},
            {"QD-KEY-1", "1850", "1790", "640000"}, {"QD-FILM-3", "960", "940", "88000"},
            {"QD-GAME-2", "3120", "2980", null}};
        for (String[] e : events) {
            b2(Metric.ATTENDANCE_VISITS, "event", e[0], Long.parseLong(e[1]));
            b2(Metric.ATTENDANCE_VISITORS, "event", e[0], Long.parseLong(e[2]));
            if (e[3] != null) {
                b2(Metric.ATTENDANCE_ONLINE_VIEWERS, "event", e[0], Long.parseLong(e[3]));
            }
        }
        b2(Metric.ATTENDANCE_ONLINE_VIEWERS, "event", "QD-LIVE-7", 337_600L);
        String[][] eventTypes = {{"(general admission)", "118200"}, {"opening_ceremony", "2400"},
            {"keynote_forum", "1850"}, {"theme_forum", "6120"}, {"exhibition", "18400"}, {"experience", "5410"}};
        for (String[] e : eventTypes) {
            b2(Metric.ATTENDANCE_VISITS, "event_type", e[0], Long.parseLong(e[1]));
        }
        String[][] sections = {{"New Trends", "61200"}, {"New Markets", "48750"}, {"New Products", "38900"},
            {"(none)", "3530"}};
        for (String[] e : sections) {
            b2(Metric.ATTENDANCE_VISITS, "section", e[0], Long.parseLong(e[1]));
        }
        long[] pavilionVisits = {38_400, 34_950, 21_300, 19_870, 17_420, 15_640};
        for (int i = 0; i < PAVILIONS.size(); i++) {
            b2(Metric.ATTENDANCE_VISITS, "pavilion", PAVILIONS.get(i), pavilionVisits[i]);
        }
        b2(Metric.ATTENDANCE_VISITS, "pavilion", FORMULA_MEMBER, 12L);
        if (withDistricts) {
            String[][] districts = {{"Shinan", "64100"}, {"Laoshan", "41250"}, {"Huangdao", "22800"},
                {"Licang", "9800"}, {"Shibei", "6400"}, {"Chengyang", "3100"}, {"Jimo", "1900"},
                {"Jiaozhou", "1200"}, {"Pingdu", "800"}, {"Laixi", "530"}, {"Lanzhou", "300"}, {"Zhanjiang", "200"}};
            for (String[] e : districts) {
                b2(Metric.ATTENDANCE_VISITS, "district", e[0], Long.parseLong(e[1]));
            }
        }
        String[][] types = {{"public", "82100"}, {"trade", "58400"}, {"media", "3100"}, {"vip", "980"},
            {"unspecified", "7800"}};
        for (String[] e : types) {
            b2(Metric.ATTENDANCE_VISITS, "attendee_type", e[0], Long.parseLong(e[1]));
        }
        String[][] regions = {{"Shandong", "86400"}, {"Beijing", "9200"}, {"Shanghai", "7100"},
            {"Jiangsu", "6300"}, {"(none)", "12905"}};
        for (String[] e : regions) {
            b2(Metric.ATTENDANCE_VISITORS, "origin_region", e[0], Long.parseLong(e[1]));
        }
        b2(Metric.ATTENDANCE_TOTAL_REACH, "channel", "onsite", 121_905L);
        b2(Metric.ATTENDANCE_TOTAL_REACH, "channel", "online", 2_315_600L);

        // participation (edition)
        Scope e = Scope.EDITION;
        h(e, Metric.PARTICIPATION_PARTICIPANTS, 812L);
        h(e, Metric.PARTICIPATION_EXHIBITORS, 736L);
        h(e, Metric.PARTICIPATION_CO_EXHIBITORS, 94L);
        h(e, Metric.PARTICIPATION_REPRESENTED_COMPANIES, 58L);
        h(e, Metric.PARTICIPATION_ENTERPRISES, 701L);
        h(e, Metric.PARTICIPATION_INSTITUTIONS, 111L);
        h(e, Metric.PARTICIPATION_LEADING_ENTERPRISES, 37L);
        h(e, Metric.PARTICIPATION_REGIONS, 26L);
        h(e, Metric.PARTICIPATION_COUNTRIES, 19L);
        h(e, Metric.PARTICIPATION_FOREIGN_EXHIBITOR_SHARE, ratio(63, 732));
        h(e, Metric.PARTICIPATION_NET_SPACE_SQM, d("58340.50"));
        h(e, Metric.PARTICIPATION_EXHIBITS, 12_650L);
        h(e, Metric.PARTICIPATION_RETURNING_EXHIBITORS, 402L);
        h(e, Metric.PARTICIPATION_NEW_EXHIBITORS, 334L);
        h(e, Metric.PARTICIPATION_IS_INTERNATIONAL, 0L);
        long[] pavParticipants = {168, 152, 131, 140, 118, 103};
        String[] pavSpace = {"14200.00", "12880.50", "8120.00", "9010.00", "7640.00", "6490.00"};
        long[] pavExhibits = {2950, 3310, 1880, 1720, 1460, 1330};
        for (int i = 0; i < PAVILIONS.size(); i++) {
            b(e, Metric.PARTICIPATION_PARTICIPANTS, "pavilion", PAVILIONS.get(i), pavParticipants[i]);
            b(e, Metric.PARTICIPATION_NET_SPACE_SQM, "pavilion", PAVILIONS.get(i), d(pavSpace[i]));
            b(e, Metric.PARTICIPATION_EXHIBITS, "pavilion", PAVILIONS.get(i), pavExhibits[i]);
        }
        String[][] secP = {{"New Trends", "311", "22400.00", "4800"}, {"New Markets", "268", "19200.50", "4100"},
            {"New Products", "233", "16740.00", "3750"}};
        for (String[] s : secP) {
            b(e, Metric.PARTICIPATION_PARTICIPANTS, "section", s[0], Long.parseLong(s[1]));
            b(e, Metric.PARTICIPATION_NET_SPACE_SQM, "section", s[0], d(s[2]));
            b(e, Metric.PARTICIPATION_EXHIBITS, "section", s[0], Long.parseLong(s[3]));
        }
        String[][] indP = {{"Film and television", "176", "15100.00", "2900"}, {"Games", "158", "13100.50", "3400"},
            {"Publishing", "122", "7900.00", "1800"}, {"Design", "141", "9100.00", "1750"},
            {"Tourism", "119", "7600.00", "1500"}, {"Music", "96", "5540.00", "1300"}};
        for (String[] s : indP) {
            b(e, Metric.PARTICIPATION_PARTICIPANTS, "industry", s[0], Long.parseLong(s[1]));
            b(e, Metric.PARTICIPATION_NET_SPACE_SQM, "industry", s[0], d(s[2]));
            b(e, Metric.PARTICIPATION_EXHIBITS, "industry", s[0], Long.parseLong(s[3]));
        }
        String[][] roleP = {{"main_exhibitor", "642", "52100.50", "11200"}, {"co_exhibitor", "94", "6240.00", "1100"},
            {"sponsor", "31", "0", "0"}, {"partner", "29", "0", "0"}, {"organizer", "9", "0", "0"},
            {"broadcaster", "7", "0", "0"}};
        for (String[] s : roleP) {
            b(e, Metric.PARTICIPATION_PARTICIPANTS, "role", s[0], Long.parseLong(s[1]));
            b(e, Metric.PARTICIPATION_NET_SPACE_SQM, "role", s[0], d(s[2]));
            b(e, Metric.PARTICIPATION_EXHIBITS, "role", s[0], Long.parseLong(s[3]));
        }
        b(e, Metric.PARTICIPATION_EXHIBITS, "role", "represented", 350L);
        String[][] regP = {{"Shandong", "402"}, {"Beijing", "96"}, {"Guangdong", "88"}, {"Shanghai", "71"},
            {"(none)", "35"}};
        for (String[] s : regP) {
            b(e, Metric.PARTICIPATION_PARTICIPANTS, "region", s[0], Long.parseLong(s[1]));
        }

        // deals: 28 signed at the August pre-signing, 98 in September
        both(Metric.DEALS_SIGNED_COUNT, 98L, 126L);
        both(Metric.DEALS_SIGNED_VALUE, d("14200000000.00"), d("18650000000.00"));
        both(Metric.DEALS_AVERAGE_SIGNED_VALUE, d("14200000000").divide(d("98"), 10, java.math.RoundingMode.HALF_UP),
                d("18650000000").divide(d("126"), 10, java.math.RoundingMode.HALF_UP));
        both(Metric.DEALS_KEY_PROJECTS_SIGNED, 15L, 21L);
        both(Metric.DEALS_INTENDED_COUNT, 31L, 43L);
        both(Metric.DEALS_INTENDED_VALUE, d("3810000000.00"), d("5230000000.00"));
        both(Metric.DEALS_CANCELLED_COUNT, 1L, 3L);
        both(Metric.DEALS_LANDED_COUNT, 39L, 58L);
        both(Metric.DEALS_LANDING_RATE, ratio(39, 98), ratio(58, 126));
        both(Metric.DEALS_STARTED_RATE, ratio(STARTED_MONTH, 98), ratio(STARTED_TO_DATE, 126));
        both(Metric.DEALS_FUNDS_IN_PLACE, d("2650000000.00"), d("4120000000.00"));
        both(Metric.DEALS_FUNDS_IN_PLACE_RATE, ratio(265, 1420), ratio(412, 1865));
        String[][] ind = {{"Film and television", "31", "5200000000"}, {"Games", "27", "4100000000"},
            {"Digital publishing", "14", "1350000000"}, {"Creative design", "19", "2300000000"},
            {"Smart tourism", "21", "3900000000"}, {"Digital music", "9", "650000000"},
            {"(none)", "5", "1150000000"}};
        for (String[] s : ind) {
            b(Scope.TO_DATE, Metric.DEALS_SIGNED_COUNT, "industry", s[0], Long.parseLong(s[1]));
            b(Scope.TO_DATE, Metric.DEALS_SIGNED_VALUE, "industry", s[0], d(s[2]));
            b(Scope.MONTH, Metric.DEALS_SIGNED_COUNT, "industry", s[0], Long.parseLong(s[1]) * 3 / 4);
            b(Scope.MONTH, Metric.DEALS_SIGNED_VALUE, "industry", s[0], d(s[2]).multiply(d("0.76")));
        }
        String[][] dt = {{"investment", "58", "12100000000"}, {"procurement", "24", "1900000000"},
            {"cooperation", "37", "3950000000"}, {"sales", "7", "700000000"}};
        for (String[] s : dt) {
            b(Scope.TO_DATE, Metric.DEALS_SIGNED_COUNT, "deal_type", s[0], Long.parseLong(s[1]));
            b(Scope.TO_DATE, Metric.DEALS_SIGNED_VALUE, "deal_type", s[0], d(s[2]));
        }
        b(Scope.TO_DATE, Metric.DEALS_SIGNED_COUNT, "signed_month", "2023-08", 28L);
        b(Scope.TO_DATE, Metric.DEALS_SIGNED_VALUE, "signed_month", "2023-08", d("4450000000.00"));
        b(Scope.TO_DATE, Metric.DEALS_SIGNED_COUNT, "signed_month", "2023-09", 98L);
        b(Scope.TO_DATE, Metric.DEALS_SIGNED_VALUE, "signed_month", "2023-09", d("14200000000.00"));
        b(Scope.MONTH, Metric.DEALS_SIGNED_COUNT, "signed_month", "2023-09", 98L);
        b(Scope.MONTH, Metric.DEALS_SIGNED_VALUE, "signed_month", "2023-09", d("14200000000.00"));
        b(Scope.TO_DATE, Metric.DEALS_SIGNED_COUNT, "event", "QD-OPEN", 64L);
        b(Scope.TO_DATE, Metric.DEALS_SIGNED_VALUE, "event", "QD-OPEN", d("11300000000.00"));
        b(Scope.TO_DATE, Metric.DEALS_SIGNED_COUNT, "event", "(none)", 62L);
        b(Scope.TO_DATE, Metric.DEALS_SIGNED_VALUE, "event", "(none)", d("7350000000.00"));
        b(Scope.TO_DATE, Metric.DEALS_SIGNED_COUNT, "enterprise_region", "Shandong", 71L);
        b(Scope.TO_DATE, Metric.DEALS_SIGNED_VALUE, "enterprise_region", "Shandong", d("9800000000.00"));
        b(Scope.TO_DATE, Metric.DEALS_SIGNED_COUNT, "enterprise_region", "Beijing", 30L);
        b(Scope.TO_DATE, Metric.DEALS_SIGNED_VALUE, "enterprise_region", "Beijing", d("5600000000.00"));
        b(Scope.TO_DATE, Metric.DEALS_SIGNED_COUNT, "enterprise_region", "(none)", 25L);
        b(Scope.TO_DATE, Metric.DEALS_SIGNED_VALUE, "enterprise_region", "(none)", d("3250000000.00"));

        // events
        both(Metric.EVENTS_HELD, 214L, 231L);
        String[][] et = {{"exhibition", "6", "6"}, {"theme_forum", "38", "38"}, {"seminar", "41", "44"},
            {"product_launch", "52", "55"}, {"live_broadcast", "33", "39"}, {"experience", "29", "31"},
            {"campaign", "9", "12"}, {"opening_ceremony", "1", "1"}, {"keynote_forum", "1", "1"},
            {"signing_ceremony", "4", "4"}};
        for (String[] s : et) {
            b(Scope.MONTH, Metric.EVENTS_HELD, "event_type", s[0], Long.parseLong(s[1]));
            b(Scope.TO_DATE, Metric.EVENTS_HELD, "event_type", s[0], Long.parseLong(s[2]));
        }
        if (withDistricts) {
            b2(Metric.EVENTS_HELD, "district", "Shinan", 120L);
            b2(Metric.EVENTS_HELD, "district", "Laoshan", 64L);
        }
        b2(Metric.EVENTS_HELD, "section", "New Trends", 88L);
        b2(Metric.EVENTS_HELD, "section", "New Markets", 71L);
        b2(Metric.EVENTS_HELD, "channel", "onsite", 158L);
        b2(Metric.EVENTS_HELD, "channel", "online", 39L);
        b2(Metric.EVENTS_HELD, "channel", "hybrid", 17L);

        // previous month (August: only the pre-signing) and previous edition (2022, same point)
        List<MetricValue> prevMonth = new ArrayList<>();
        for (Metric m : Metric.values()) {
            if (m.family() == org.festivaloutcomes.metrics.MetricFamily.PARTICIPATION) {
                continue;
            }
            Object v = switch (m) {
                case DEALS_SIGNED_COUNT -> 28L;
                case DEALS_SIGNED_VALUE -> d("4450000000.00");
                case DEALS_KEY_PROJECTS_SIGNED -> 6L;
                case EVENTS_HELD -> 17L;
                case ATTENDANCE_PEAK_DAY -> null;
                default -> m.unit() == org.festivaloutcomes.metrics.MetricUnit.COUNT ? 0L : null;
            };
            prevMonth.add(MetricValue.headline(ID, Scope.MONTH, m, v));
        }
        Festival previous = new Festival("qdce-2022", "2022 Qingdao Digital Culture Expo", "qdce", "Qingdao",
                LocalDate.of(2022, 9, 16), LocalDate.of(2022, 9, 19), null, d("80000"));
        String prevId = "qdce-2022";
        List<MetricValue> prevEdition = List.of(
                MetricValue.headline(prevId, Scope.TO_DATE, Metric.ATTENDANCE_VISITS, 131_200L),
                MetricValue.headline(prevId, Scope.TO_DATE, Metric.ATTENDANCE_VISITORS, 104_300L),
                MetricValue.headline(prevId, Scope.TO_DATE, Metric.ATTENDANCE_ONLINE_VIEWERS, 1_802_000L),
                MetricValue.headline(prevId, Scope.TO_DATE, Metric.ATTENDANCE_PEAK_DAY, LocalDate.of(2022, 9, 17)),
                MetricValue.headline(prevId, Scope.EDITION, Metric.PARTICIPATION_PARTICIPANTS, 745L),
                MetricValue.headline(prevId, Scope.EDITION, Metric.PARTICIPATION_NET_SPACE_SQM, d("52100.00")),
                MetricValue.headline(prevId, Scope.EDITION, Metric.PARTICIPATION_IS_INTERNATIONAL, 0L),
                MetricValue.headline(prevId, Scope.TO_DATE, Metric.DEALS_SIGNED_COUNT, 112L),
                MetricValue.headline(prevId, Scope.TO_DATE, Metric.DEALS_SIGNED_VALUE, d("16100000000.00")),
                MetricValue.headline(prevId, Scope.TO_DATE, Metric.DEALS_LANDING_RATE, ratio(49, 112)),
                MetricValue.headline(prevId, Scope.TO_DATE, Metric.EVENTS_HELD, 205L));
        Map<Metric, BigDecimal> targets = new LinkedHashMap<>();
        targets.put(Metric.ATTENDANCE_VISITORS, d("150000"));
        targets.put(Metric.PARTICIPATION_PARTICIPANTS, d("800"));
        targets.put(Metric.PARTICIPATION_NET_SPACE_SQM, d("60000"));
        targets.put(Metric.DEALS_SIGNED_VALUE, d("20000000000"));
        targets.put(Metric.EVENTS_HELD, d("200"));

        List<DealLine> deals = List.of(
                new DealLine("D-0001", "Qingdao Film Virtual Production Base", "Oriental Movie Metropolis Co.",
                        "Qingdao Film Group", "investment", "Film and television", "started",
                        LocalDate.of(2023, 9, 8), LocalDate.of(2023, 9, 28), d("3200000000.00"), d("900000000.00"),
                        true),
                new DealLine("D-0002", "Esports Arena and Studio Cluster", "Shanghai Game Holdings",
                        "Laoshan Game Park", "investment", "Games", "registered", LocalDate.of(2023, 8, 25),
                        LocalDate.of(2023, 9, 15), d("2100000000.00"), d("350000000.00"), true),
                new DealLine("D-0003", "Smart Tourism Cloud for Shandong Peninsula", "-Peninsula Travel Co.",
                        "Qingdao Tourism Group", "cooperation", "Smart tourism", "signed", LocalDate.of(2023, 9, 9),
                        LocalDate.of(2023, 9, 9), d("1450000000.00"), BigDecimal.ZERO, false),
                new DealLine("D-0004", "=1+1", "Digital Publishing Alliance", "Qingdao Press", "procurement",
                        "Digital publishing", "completed", LocalDate.of(2023, 9, 10), LocalDate.of(2023, 9, 30),
                        d("380000000.00"), d("380000000.00"), false),
                new DealLine("D-0005", "Immersive Music Hall", "Beijing Sound Co.", "Shinan Culture Investment",
                        "sales", "Digital music", "producing", LocalDate.of(2023, 9, 11), LocalDate.of(2023, 9, 29),
                        d("120000000.00"), d("60000000.00"), false));

        long dealRejects = qualityFailed ? 14 : 4;
        QualitySummary quality = new QualitySummary(d("0.05"), List.of(
                new QualitySummary.DatasetQuality("festivals", List.of(file("data/festivals.csv", 2, 0, Map.of(),
                        List.of()))),
                new QualitySummary.DatasetQuality("events", List.of(file("data/events.csv", 233, 2,
                        Map.of("unknown_reference", 2L),
                        List.of(new QualitySummary.RejectedRow("data/events.csv", 118, "unknown_reference",
                                "festival_id", "festival qdce-2032 not found",
                                "QD-X-118,qdce-2032,Night market,campaign,,,,onsite,2023-09-09,"))))),
                new QualitySummary.DatasetQuality("enterprises", List.of(file("data/enterprises.csv", 882, 12,
                        Map.of("missing_value", 7L, "invalid_value", 3L, "duplicate", 2L),
                        List.of(new QualitySummary.RejectedRow("data/enterprises.csv", 41, "invalid_value",
                                "booth_area_sqm", "not a number: 'approx 36'",
                                "E-0041,qdce-2023,Haier Digital,enterprise,main_exbt,Shandong,CN,,,,approx 36,4,"))))),
                new QualitySummary.DatasetQuality("attendance", List.of(
                        file("data/attendance/onsite-2023-09.csv", 61_000, 1_900,
                                Map.of("malformed_row", 200L, "invalid_value", 1_500L, "unknown_reference", 200L),
                                List.of(new QualitySummary.RejectedRow("data/attendance/onsite-2023-09.csv", 5_122,
                                        "malformed_row", "", "wrong number of fields: 7 instead of 10",
                                        "=cmd|' /C calc'!A0,qdce-2023,***,2023-09-09 10:12"))),
                        file("data/attendance/online-2023-09.csv", 240_000, 300, Map.of("duplicate", 300L),
                                List.of()))),
                new QualitySummary.DatasetQuality("deals", List.of(file("data/deals.csv", 190, dealRejects,
                        qualityFailed ? Map.of("conflict", 10L, "invalid_value", 4L) : Map.of("invalid_value", 4L),
                        List.of(new QualitySummary.RejectedRow("data/deals.csv", 77, "invalid_value", "amount",
                                "negative amount", "D-0077,qdce-2023,,,Repair,,,,-5,wan,CNY,2023-09-10,signed")))))));

        List<RunInfo.InputFile> inputs = List.of(
                new RunInfo.InputFile("festivals", "data/festivals.csv", sha("1"), 412),
                new RunInfo.InputFile("events", "data/events.csv", sha("2"), 38_211),
                new RunInfo.InputFile("enterprises", "data/enterprises.csv", sha("3"), 164_902),
                new RunInfo.InputFile("attendance", "data/attendance/onsite-2023-09.csv", sha("4"), 5_480_113),
                new RunInfo.InputFile("attendance", "data/attendance/online-2023-09.csv", sha("5"), 19_220_871),
                new RunInfo.InputFile("deals", "data/deals.csv", sha("6"), 40_552));
        RunInfo run = new RunInfo("qingdao-expo", "0.1.0",
                OffsetDateTime.of(2023, 10, 2, 8, 30, 0, 0, ZoneOffset.ofHours(8)), inputs);
        Festival festival = new Festival(ID, language == Language.ZH_CN ? "2023青岛数字文化博览会"
                : "2023 Qingdao Digital Culture Expo", "qdce", language == Language.ZH_CN ? "青岛" : "Qingdao",
                LocalDate.of(2023, 9, 8), LocalDate.of(2023, 9, 11), "qdce-2022", d("90000"));
        return new EditionReport(festival, YearMonth.of(2023, 9), language, values, prevMonth, previous, prevEdition,
                targets, deals, Map.of(Scope.MONTH, STARTED_MONTH, Scope.TO_DATE, STARTED_TO_DATE), quality,
                qualityFailed, run);
    }

    private static QualitySummary.FileQuality file(String path, long read, long rejected, Map<String, Long> reasons,
            List<QualitySummary.RejectedRow> examples) {
        return new QualitySummary.FileQuality(path, read, read - rejected, rejected, reasons, examples);
    }

    private static String sha(String seed) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 64) {
            sb.append(Integer.toHexString((seed.hashCode() * 31 + sb.length()) & 0xf));
        }
        return sb.toString();
    }
}
