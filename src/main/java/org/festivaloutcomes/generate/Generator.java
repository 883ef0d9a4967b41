package org.festivaloutcomes.generate;

import static org.festivaloutcomes.generate.Catalog.QDDCE_2023;
import static org.festivaloutcomes.generate.Catalog.SHICF_2022;
import static org.festivaloutcomes.generate.Catalog.SHICF_2023;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Writes the six datasets of inputs.md into a folder. All randomness comes from SplittableRandom
 * streams derived from the seed (one per dataset, so that e.g. the attendance size does not change
 * the deals); collections are lists or sorted maps; nothing reads the clock. See
 * {@link GenerateCommand} for the layout and the deliberate bad rows.
 */
final class Generator {

    static final int SAMPLE_ATTENDANCE_ROWS = 40_000;
    static final int SAMPLE_DEAL_ROWS = 400;

    static final List<String> FESTIVALS_HEADER = List.of("festival_id", "name", "series", "city", "start_date",
            "end_date", "previous_edition_id", "gross_space_sqm");
    static final List<String> EVENTS_HEADER = List.of("event_id", "festival_id", "name", "event_type", "section",
            "pavilion", "district", "channel", "starts_at", "ends_at");
    static final List<String> DEALS_HEADER = List.of("deal_id", "festival_id", "event_id", "enterprise_id",
            "project_name", "counterparty", "deal_type", "industry", "amount", "amount_unit", "currency", "signed_on",
            "status", "status_date", "is_key_project", "funds_in_place");
    static final List<String> TARGETS_HEADER = List.of("festival_id", "metric_id", "target");

    /** The enterprises export: Chinese headers (in the export's own order) and the canonical column each maps to. */
    static final String[][] ENTERPRISE_COLUMNS = {{"展会编号", "festival_id"}, {"企业编号", "enterprise_id"},
        {"名称", "name"}, {"机构类型", "org_type"}, {"参展身份", "role"}, {"所在地区", "region"}, {"国家", "country"},
        {"行业", "industry"}, {"展馆", "pavilion"}, {"板块", "section"}, {"展位面积(平方米)", "booth_area_sqm"},
        {"展品数量", "exhibits"}, {"是否龙头企业", "is_leading"}};
    static final Charset GB18030 = Charset.forName("GB18030");

    static final Map<String, String> ROLE_ZH = Map.of("main_exhibitor", "参展商", "co_exhibitor", "联合参展商",
            "represented", "代理展示", "sponsor", "赞助商", "partner", "合作伙伴", "organizer", "主办单位",
            "broadcaster", "直播机构");
    static final Map<String, String> UNIT_ZH = Map.of("yuan", "元", "wan", "万元", "yi", "亿元", "million", "百万",
            "thousand", "千元");
    static final String[] STATUS_ORDER = {"intended", "signed", "registered", "started", "producing", "completed"};

    /** Generation settings; defaults are the committed sample. */
    static final class Settings {
        long seed = 2023;
        long attendanceRows = SAMPLE_ATTENDANCE_ROWS;
        int dealRows = SAMPLE_DEAL_ROWS;
        /** 0 = the sample layout: one attendance file per edition and month. */
        int attendanceFiles = 0;
        boolean dirty = true;
    }

    /** What was written: relative paths, rows per dataset and the deliberately bad rows per dataset. */
    static final class Summary {
        final Map<String, Long> rows = new TreeMap<>();
        final Map<String, Integer> designedRejects = new TreeMap<>();
        final List<String> files = new ArrayList<>();
        long bytes;
    }

    private final Settings s;
    private final Path dir;
    private final Summary summary = new Summary();
    final List<Ev> events = new ArrayList<>();
    private final List<Org> orgs = new ArrayList<>();
    private final List<Part> parts = new ArrayList<>();
    private final List<Deal> deals = new ArrayList<>();
    private AttendanceWriter.Stats attendanceStats;

    Generator(Settings s, Path dir) {
        this.s = s;
        this.dir = dir;
    }

    Summary run() throws IOException {
        Files.createDirectories(dir);
        for (String k : List.of("festivals", "events", "attendance", "enterprises", "deals", "targets")) {
            summary.designedRejects.put(k, 0);
        }
        writeFestivals();
        makeEvents(new SplittableRandom(s.seed * 31 + 1));
        writeEvents();
        makeEnterprises(new SplittableRandom(s.seed * 31 + 2));
        writeEnterprises();
        AttendanceWriter aw = new AttendanceWriter(dir, events, s);
        attendanceStats = aw.write();
        summary.files.addAll(aw.files());
        summary.rows.put("attendance", attendanceStats.rows);
        summary.designedRejects.put("attendance", attendanceStats.designedRejects);
        makeDeals(new SplittableRandom(s.seed * 31 + 3));
        writeDeals();
        writeTargets();
        for (String f : summary.files) {
            summary.bytes += Files.size(dir.resolve(f));
        }
        return summary;
    }

    // ---------------------------------------------------------------- festivals

    private void writeFestivals() throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (Catalog.Edition e : Catalog.EDITIONS) {
            rows.add(list(e.id(), e.name(), e.series(), e.city(), e.start().toString(), e.end().toString(),
                    e.previous(), e.grossSpace()));
        }
        Csv.writeUtf8(dir.resolve("festivals.csv"), FESTIVALS_HEADER, rows);
        done("festivals.csv", "festivals", rows.size());
    }

    // ---------------------------------------------------------------- events

    private void makeEvents(SplittableRandom r) {
        qddceEvents(r);
        shicfEvents(r, SHICF_2022, 200);
        shicfEvents(r, SHICF_2023, 300);
    }

    private Ev ev(String id, Catalog.Edition e, String name, String type, String section, String pavilion,
            String district, String channel, LocalDate first, LocalDate last, int from, int to, double weight) {
        Ev v = new Ev();
        v.id = id;
        v.edition = e;
        v.name = name;
        v.type = type;
        v.section = section;
        v.pavilion = pavilion;
        v.district = district;
        v.channel = channel;
        v.firstDay = first;
        v.lastDay = last;
        v.fromMin = from;
        v.toMin = to;
        v.weight = weight;
        events.add(v);
        return v;
    }

    private void qddceEvents(SplittableRandom r) {
        Catalog.Edition e = QDDCE_2023;
        String wc = "West Coast New Area";
        LocalDate d1 = e.start();
        ev("QD23-OPEN", e, "Opening Ceremony of the 2023 Qingdao Digital Culture Application Development Expo",
                "opening_ceremony", null, null, wc, "onsite", d1, d1, 9 * 60, 9 * 60 + 50, 3);
        ev("QD23-SIGN", e, "Signing Ceremony of Key Digital Culture Industry Projects", "signing_ceremony", null, null,
                wc, "onsite", d1, d1, 9 * 60 + 50, 10 * 60 + 20, 1.5);
        ev("QD23-K1", e, "Keynote Forum: New Application, New Experience, New Consumption", "keynote_forum", null,
                null, wc, "hybrid", d1, d1, 10 * 60 + 30, 12 * 60 + 30, 5);
        ev("QD23-REL1", e, "Release of the Action Plan for Cultural Digitization in Shandong Province", "other", null,
                null, wc, "hybrid", d1, d1, 12 * 60 + 30, 12 * 60 + 50, 1);
        ev("QD23-REL2", e, "Founding of the Digital Culture Industry Alliance of Shandong Province", "other", null,
                null, wc, "onsite", d1, d1, 13 * 60 + 30, 14 * 60, 0.8);
        int[][] forumSlots = {{0, 14 * 60}, {1, 9 * 60}, {1, 14 * 60}, {2, 9 * 60}, {2, 14 * 60}, {3, 9 * 60}};
        for (int i = 0; i < 6; i++) {
            LocalDate d = d1.plusDays(forumSlots[i][0]);
            ev("QD23-T" + (i + 1), e, Catalog.QD_FORUMS[i], "theme_forum", null, Catalog.QD_PAVILIONS[i], wc,
                    i % 3 == 2 ? "onsite" : "hybrid", d, d, forumSlots[i][1], forumSlots[i][1] + 180,
                    2 + r.nextDouble() * 2);
        }
        for (int i = 0; i < 6; i++) {
            Ev x = ev("QD23-X" + (i + 1), e, "Pavilion: " + Catalog.QD_PAVILIONS[i], "exhibition", null,
                    Catalog.QD_PAVILIONS[i], wc, "onsite", d1, e.end(), 9 * 60, 17 * 60, 4 + r.nextDouble() * 4);
            x.writeEnd = true;
        }
        for (int i = 0; i < 42; i++) {
            int day = i * 4 / 42;
            LocalDate d = d1.plusDays(day);
            int from = 9 * 60 + 30 + 45 * (i % 9);
            String product = Catalog.QD_PRODUCTS[r.nextInt(Catalog.QD_PRODUCTS.length)];
            String name = i == 7 ? "Release: \"Qilu Culture\" Digital Collections\n(second batch)"
                    : "New Product Release: " + product;
            ev(String.format(Locale.ROOT, "QD23-P%02d", i + 1), e, name, "product_launch", null,
                    Catalog.QD_PAVILIONS[r.nextInt(6)], wc, r.nextInt(10) < 3 ? "hybrid" : "onsite", d, d, from,
                    from + 40, 0.5 + lognormal(r, 0.8));
        }
        for (int i = 0; i < 12; i++) {
            LocalDate d = d1.plusDays(i % 4);
            Ev l = ev(String.format(Locale.ROOT, "QD23-L%02d", i + 1), e,
                    "Live Broadcast on the Whole Network: " + Catalog.QD_PAVILIONS[i % 6], "live_broadcast", null,
                    Catalog.QD_PAVILIONS[i % 6], null, "online", d, d, 19 * 60, 21 * 60, 2 + lognormal(r, 0.7));
            if (i % 3 == 0) {
                l.dateOnly = true;
                l.writeEnd = false;
            }
        }
        ev("QD23-M1", e, "Meta-universe Conference on the Online Platform", "other", null, null, null, "online",
                d1.plusDays(1), d1.plusDays(1), 15 * 60, 17 * 60, 2);
        for (int i = 0; i < 4; i++) {
            LocalDate d = d1.plusDays(i);
            ev("QD23-D" + (i + 1), e, "Project Promotion and Docking Session, Day " + (i + 1), "other", null, null,
                    wc, "onsite", d, d, 14 * 60, 16 * 60 + 30, 1);
        }
    }

    private void shicfEvents(SplittableRandom r, Catalog.Edition e, int count) {
        boolean lockdown = e == SHICF_2022;
        LocalDate reopen = LocalDate.of(2022, 6, 1);
        String p = e.short2();
        LocalDate d1 = e.start();
        if (!lockdown) {
            ev(p + "-OPEN", e, "Opening Ceremony of the 2023 Shanghai Information Consumption Festival",
                    "opening_ceremony", null, null, "Huangpu", "onsite", d1, d1, 14 * 60, 17 * 60, 4);
            ev(p + "-AWARD", e, "Metaverse OCEAN Awards of \"2022 Digital Economy Billboard\"", "other", "New Trends",
                    null, "Huangpu", "onsite", d1, d1, 15 * 60, 15 * 60 + 40, 1.5);
            Ev inv = ev(p + "-INVITE", e, "Invitation to New Market of Information Consumption", "campaign",
                    "New Markets", null, "Huangpu", "hybrid", d1, e.end(), 10 * 60, 22 * 60, 3);
            inv.dateOnly = true;
            ev(p + "-LIVEBATTLE", e, "Digital People Live Battle", "live_broadcast", "New Trends", null, "Huangpu",
                    "online", d1.plusDays(1), d1.plusDays(1), 19 * 60, 22 * 60, 8);
            ev(p + "-PARTNER", e, "Digital Business Circle Partnership Program", "signing_ceremony", "New Markets",
                    null, "Huangpu", "onsite", d1, d1, 16 * 60, 16 * 60 + 30, 1);
        } else {
            ev(p + "-OPEN", e, "Online Opening Ceremony of the 2022 Shanghai Information Consumption Festival",
                    "opening_ceremony", null, null, "Huangpu", "online", d1, d1, 15 * 60, 16 * 60 + 30, 6);
        }
        int days = (int) (e.end().toEpochDay() - d1.toEpochDay()) + 1;
        String[] types = {"seminar", "campaign", "experience", "product_launch", "live_broadcast", "exhibition", "other"};
        double[] typeW = {20, 14, 20, 15, 21, 5, 5};
        for (int i = 1; i <= count; i++) {
            String type = types[pick(r, typeW)];
            String district = Catalog.DISTRICTS[pick(r, Catalog.DISTRICT_WEIGHTS)];
            String topic = Catalog.SH_TOPICS[r.nextInt(Catalog.SH_TOPICS.length)];
            LocalDate first = d1.plusDays(r.nextInt(days));
            int span = 1;
            int from;
            int to;
            String channel;
            String section;
            String name;
            double w = lognormal(r, 0.9);
            switch (type) {
                case "seminar" -> {
                    from = r.nextBoolean() ? 9 * 60 + 30 * r.nextInt(2) : 13 * 60 + 30 + 30 * r.nextInt(2);
                    to = from + 120 + 30 * r.nextInt(5);
                    channel = choose(r, new String[] {"onsite", "hybrid", "online"}, new double[] {6, 3, 1});
                    section = "New Trends";
                    name = new String[] {topic + " Industry Seminar", district + " " + topic + " Summit",
                        "Excellent Cases of " + topic + ": Sharing Session",
                        "Supply and Demand Docking: " + topic}[r.nextInt(4)];
                }
                case "campaign" -> {
                    span = 7 + r.nextInt(25);
                    from = 10 * 60;
                    to = 22 * 60;
                    channel = choose(r, new String[] {"onsite", "hybrid", "online"}, new double[] {5, 3, 2});
                    section = "New Markets";
                    name = new String[] {district + " Information Consumption Campaign", topic + " Consumption Season",
                        "Digital Coupons for " + topic + " Products",
                        district + " Digital Business Circle Promotion"}[r.nextInt(4)];
                    w *= 0.6;
                }
                case "experience" -> {
                    span = 3 + r.nextInt(12);
                    from = 10 * 60;
                    to = 20 * 60;
                    channel = r.nextInt(100) < 85 ? "onsite" : "hybrid";
                    section = "New Trends";
                    name = new String[] {topic + " Interactive Experience", district + " Metaverse Scenario Experience",
                        topic + " Experience and Registration Day"}[r.nextInt(3)];
                    w *= 0.8;
                }
                case "product_launch" -> {
                    from = 10 * 60 + 30 * r.nextInt(18);
                    to = from + 60 + 30 * r.nextInt(3);
                    channel = r.nextInt(10) < 6 ? "onsite" : "hybrid";
                    section = "New Products";
                    name = "New Product Debut: " + Catalog.SH_PRODUCTS[r.nextInt(Catalog.SH_PRODUCTS.length)];
                    w *= 1.3;
                }
                case "live_broadcast" -> {
                    from = 19 * 60 + 30 * r.nextInt(5);
                    to = from + 120;
                    channel = "online";
                    section = "New Trends";
                    name = new String[] {"Digital People Live Broadcast: " + topic, district + " Live Shopping Night",
                        "Live: " + topic + " Brands"}[r.nextInt(3)];
                    w *= 2.5;
                }
                case "exhibition" -> {
                    span = 5 + r.nextInt(16);
                    from = 9 * 60 + 30;
                    to = 17 * 60 + 30;
                    channel = "onsite";
                    section = "New Products";
                    name = new String[] {topic + " Showcase", district + " Information Consumption Exhibition"}[r.nextInt(2)];
                    w *= 0.7;
                }
                default -> {
                    from = 18 * 60;
                    to = 22 * 60;
                    channel = "onsite";
                    section = null;
                    name = new String[] {district + " Information Consumption Night Market", "Open Day: " + topic + " Lab"}
                            [r.nextInt(2)];
                }
            }
            if (r.nextInt(100) < 20) {
                section = null;
            }
            LocalDate last = first.plusDays(span - 1);
            if (last.isAfter(e.end())) {
                last = e.end();
            }
            if (lockdown && first.isBefore(reopen) && !channel.equals("online")) {
                channel = "online"; // Shanghai was locked down until June 1, 2022
            }
            Ev v = ev(String.format(Locale.ROOT, "%s-E%03d", p, i), e, name, type, section, null, district, channel,
                    first, last, from, to, w);
            if (type.equals("campaign") || (type.equals("live_broadcast") && r.nextInt(4) == 0)) {
                v.dateOnly = true;
                v.writeEnd = type.equals("campaign");
            } else if (span == 1 && r.nextInt(5) == 0) {
                v.writeEnd = false;
            }
        }
    }

    private void writeEvents() throws IOException {
        List<List<String>> rows = new ArrayList<>();
        int n = 0;
        for (Ev v : events) {
            rows.add(v.fields());
            if (s.dirty && ++n == 180) {
                // DIRTY events 1: an event_type outside the enum -> invalid_value (nothing refers to it)
                Ev bad = new Ev();
                bad.id = "SH23-R001";
                bad.edition = SHICF_2023;
                bad.name = "Smart Car Roadshow";
                bad.type = "roadshow";
                bad.district = "Jiading";
                bad.channel = "onsite";
                bad.firstDay = LocalDate.of(2023, 6, 10);
                bad.lastDay = bad.firstDay;
                bad.fromMin = 10 * 60;
                bad.toMin = 17 * 60;
                bad.valid = false;
                rows.add(bad.fields());
            }
        }
        // UTF-8 with a BOM, as Excel saves "CSV UTF-8"
        Csv.write(dir.resolve("events.csv"), EVENTS_HEADER, rows, java.nio.charset.StandardCharsets.UTF_8, true, "\n");
        if (s.dirty) {
            summary.designedRejects.put("events", 1);
        }
        done("events.csv", "events", rows.size());
    }

    // ---------------------------------------------------------------- enterprises

    static final class Org {
        String id;
        String name;
        String orgType;
        String region;
        String country;
        String industry;
        boolean leading;
    }

    static final class Part {
        Org org;
        Catalog.Edition edition;
        String role;
        String pavilion;
        String section;
        String booth;
        String exhibits;
        String leadingText;
    }

    private Org org(String[] def) {
        Org o = new Org();
        o.id = "E" + (10001 + orgs.size());
        o.name = def[0];
        o.orgType = def[1];
        o.region = def[2];
        o.country = def[3];
        o.industry = def[4].isEmpty() ? null : def[4];
        o.leading = def[5].equals("yes");
        orgs.add(o);
        return o;
    }

    private final Set<String> orgNames = new HashSet<>();

    private Org generatedOrg(SplittableRandom r, String region, String country, String[] industries) {
        String[] shandongCities = {"Qingdao", "Jinan", "Yantai", "Weifang", "Zibo", "Linyi", "Weihai"};
        String place = region.equals("Shandong") ? shandongCities[r.nextInt(shandongCities.length)] : region;
        boolean institution = r.nextInt(100) < 9 && country.equals("CN");
        String name;
        do {
            if (institution) {
                String[] kinds = {"Cultural Center", "Museum", "Digital Culture Research Institute", "Art Academy",
                    "Library", "Radio and Television Station", "University Digital Media Lab"};
                name = place + " " + kinds[r.nextInt(kinds.length)];
                if (orgNames.contains(name)) {
                    name = place + " " + Catalog.SYLLABLES[r.nextInt(24)] + " " + kinds[r.nextInt(kinds.length)];
                }
            } else {
                String a = Catalog.SYLLABLES[r.nextInt(Catalog.SYLLABLES.length)];
                String b = Catalog.SYLLABLES[r.nextInt(Catalog.SYLLABLES.length)].toLowerCase(Locale.ROOT);
                String suffix = switch (country) {
                    case "CN" -> " Co., Ltd.";
                    case "DE" -> " GmbH";
                    case "US" -> " Inc.";
                    default -> " Co., Ltd.";
                };
                name = place + " " + a + b + " " + Catalog.DOMAINS[r.nextInt(Catalog.DOMAINS.length)] + suffix;
            }
        } while (!orgNames.add(name));
        Org o = org(new String[] {name, institution ? "institution" : "enterprise", region, country,
            industries[r.nextInt(industries.length)], r.nextInt(100) < 4 ? "yes" : "no"});
        return o;
    }

    private Part part(Org o, Catalog.Edition e, String role) {
        Part p = new Part();
        p.org = o;
        p.edition = e;
        p.role = role;
        parts.add(p);
        return p;
    }

    private void makeEnterprises(SplittableRandom r) {
        // QDDCE-2023: 500+ enterprises and institutions from 40+ regions, six pavilions, 10,000+ exhibits
        List<Part> qd = new ArrayList<>();
        for (String[] d : Catalog.QD_ORGANIZERS) {
            qd.add(part(org(d), QDDCE_2023, "organizer"));
        }
        for (String[] d : Catalog.QD_FAMOUS) {
            qd.add(part(org(d), QDDCE_2023, "main_exhibitor"));
        }
        List<String[]> regionPlan = new ArrayList<>();
        for (String p : Catalog.PROVINCES) {
            regionPlan.add(new String[] {p, "CN"});
        }
        for (String[] f : Catalog.FOREIGN) {
            regionPlan.add(f);
        }
        for (int i = 0; i < 510; i++) {
            String[] rc;
            if (i < regionPlan.size()) {
                rc = regionPlan.get(i);
            } else {
                int x = r.nextInt(100);
                if (x < 48) {
                    rc = new String[] {"Shandong", "CN"};
                } else if (x < 56) {
                    rc = Catalog.FOREIGN[r.nextInt(Catalog.FOREIGN.length)];
                } else if (x < 66) {
                    rc = new String[] {new String[] {"Beijing", "Guangdong", "Shanghai", "Zhejiang", "Jiangsu"}[r.nextInt(5)], "CN"};
                } else {
                    rc = new String[] {Catalog.PROVINCES[r.nextInt(Catalog.PROVINCES.length)], "CN"};
                }
            }
            Org o = generatedOrg(r, rc[0], rc[1], Catalog.QD_INDUSTRIES);
            int x = r.nextInt(1000);
            String role = x < 40 ? "represented" : x < 140 ? "co_exhibitor" : x < 155 ? "sponsor"
                    : x < 180 ? "partner" : x < 192 ? "broadcaster" : "main_exhibitor";
            qd.add(part(o, QDDCE_2023, role));
        }
        for (Part p : qd) {
            Org o = p.org;
            boolean foreign = !"CN".equals(o.country);
            if (p.role.equals("organizer")) {
                p.pavilion = null;
            } else if (foreign) {
                p.pavilion = Catalog.QD_PAVILIONS[5];
            } else if (o.region.equals("Shandong") && r.nextInt(100) < 45) {
                p.pavilion = Catalog.QD_PAVILIONS[0];
            } else {
                p.pavilion = Catalog.QD_PAVILIONS[1 + r.nextInt(4)];
            }
            int[] sizes = {9, 18, 18, 27, 36, 36, 54, 72, 100, 150, 200, 300};
            switch (p.role) {
                case "organizer", "broadcaster", "sponsor" -> {
                    p.booth = p.role.equals("organizer") ? null : Integer.toString(sizes[r.nextInt(6)]);
                    p.exhibits = p.role.equals("organizer") ? null : Integer.toString(r.nextInt(6));
                }
                case "represented" -> {
                    p.booth = null;
                    p.exhibits = Integer.toString(2 + r.nextInt(10));
                }
                case "co_exhibitor" -> {
                    p.booth = r.nextBoolean() ? "0" : Integer.toString(sizes[r.nextInt(4)]);
                    p.exhibits = Integer.toString(3 + r.nextInt(15));
                }
                default -> {
                    int area = o.leading ? 600 + 100 * r.nextInt(10) : sizes[r.nextInt(sizes.length)];
                    p.booth = area >= 1000 ? String.format(Locale.ROOT, "%,d", area) : Integer.toString(area);
                    p.exhibits = Integer.toString(o.leading ? 150 + r.nextInt(200) : 6 + r.nextInt(30));
                }
            }
        }
        // SHICF-2023 and SHICF-2022 (returning exhibitors share ids)
        List<Org> shOrgs = new ArrayList<>();
        List<Org> shOrganizers = new ArrayList<>();
        for (String[] d : Catalog.SH_ORGANIZERS) {
            shOrganizers.add(org(d));
        }
        for (String[] d : Catalog.SH_FAMOUS) {
            Org existing = null;
            for (Org o : orgs) {
                if (o.name.equals(d[0])) {
                    existing = o; // Huawei exhibits at both festivals with one id
                }
            }
            shOrgs.add(existing != null ? existing : org(d));
        }
        for (int i = 0; i < 115; i++) {
            int x = r.nextInt(100);
            String[] rc = x < 68 ? new String[] {"Shanghai", "CN"}
                    : x < 97 ? new String[] {new String[] {"Jiangsu", "Zhejiang", "Beijing", "Guangdong", "Anhui"}[r.nextInt(5)], "CN"}
                    : Catalog.FOREIGN[r.nextInt(Catalog.FOREIGN.length)];
            shOrgs.add(generatedOrg(r, rc[0], rc[1], Catalog.SH_INDUSTRIES));
        }
        List<Org> only2022 = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            only2022.add(generatedOrg(r, r.nextInt(10) < 7 ? "Shanghai" : "Zhejiang", "CN", Catalog.SH_INDUSTRIES));
        }
        for (Catalog.Edition e : List.of(SHICF_2022, SHICF_2023)) {
            SplittableRandom er = r.split();
            for (int i = 0; i < shOrganizers.size(); i++) {
                part(shOrganizers.get(i), e, "organizer");
            }
            List<Org> pool = new ArrayList<>(shOrgs);
            if (e == SHICF_2022) {
                pool.addAll(only2022);
            }
            for (Org o : pool) {
                if (e == SHICF_2022 && shOrgs.contains(o) && er.nextInt(100) >= 62) {
                    continue; // new at the 2023 edition
                }
                String role = switch (o.name) {
                    case "Vibrato Group", "Bilibili", "Xiaohongshu" -> "broadcaster";
                    case "Meituan", "Ctrip", "Weimeng Group" -> "partner";
                    case "Shanghai Information Consumption Association" -> "partner";
                    case "China Mobile Shanghai" -> "sponsor";
                    default -> {
                        int x = er.nextInt(100);
                        yield x < 6 ? "represented" : x < 16 ? "co_exhibitor" : x < 20 ? "sponsor" : "main_exhibitor";
                    }
                };
                Part p = part(o, e, role);
                p.section = er.nextInt(100) < 85 ? Catalog.SECTIONS[er.nextInt(3)] : null;
                p.booth = role.equals("represented") || er.nextInt(100) < 40 ? null
                        : Integer.toString(12 + 6 * er.nextInt(15));
                p.exhibits = er.nextInt(100) < 15 ? null : Integer.toString(1 + er.nextInt(25));
            }
        }
        for (Part p : parts) {
            p.leadingText = p.org.leading ? "是" : (p.org.id.hashCode() % 5 == 0 ? null : "否");
        }
    }

    private void writeEnterprises() throws IOException {
        List<Object> rows = new ArrayList<>();
        Part dupOf = null;
        for (Part p : parts) {
            rows.add(enterpriseFields(p, p.org.name));
            if (p.edition == QDDCE_2023 && p.org.name.equals("Hisense Group")) {
                dupOf = p;
            }
        }
        if (s.dirty && dupOf != null) {
            // DIRTY enterprises 1: the same (festival_id, enterprise_id) registered twice -> duplicate
            rows.add(rows.size() - 40, enterpriseFields(dupOf, "Hisense Group Co., Ltd."));
            summary.designedRejects.put("enterprises", 1);
        }
        List<String> header = new ArrayList<>();
        for (String[] c : ENTERPRISE_COLUMNS) {
            header.add(c[0]);
        }
        // what Excel on a Chinese Windows machine writes: GB18030, CRLF line ends
        Csv.write(dir.resolve("enterprises.csv"), header, rows, GB18030, false, "\r\n");
        done("enterprises.csv", "enterprises", rows.size());
    }

    private static List<String> enterpriseFields(Part p, String name) {
        Org o = p.org;
        String role = ROLE_ZH.get(p.role);
        if (p.role.equals("organizer") && o.name.startsWith("West Coast")) {
            role = "承办单位";
        }
        String country = o.country;
        if ("KR".equals(country) && o.id.hashCode() % 2 == 0) {
            country = "kr"; // upper-cased on read
        }
        return list(p.edition.id(), o.id, name, o.orgType.equals("enterprise") ? "企业" : "机构", role, o.region,
                country, o.industry, p.pavilion, p.section, p.booth, p.exhibits, p.leadingText);
    }

    // ---------------------------------------------------------------- deals

    static final class Deal {
        String id;
        Catalog.Edition edition;
        String event;
        String enterprise;
        String project;
        String counterparty;
        String type;
        String industry;
        String unit;
        String currency;
        BigDecimal amount;
        boolean key;
        final List<St> states = new ArrayList<>();
    }

    record St(String status, LocalDate signedOn, LocalDate date, BigDecimal amount, BigDecimal funds,
            boolean writeDate) {
    }

    private void makeDeals(SplittableRandom r) {
        int n = Math.max(60, (int) Math.round(s.dealRows / 3.3));
        int nQd = Math.max(40, n * 50 / 100);
        int nSh23 = Math.max(15, n * 35 / 100);
        int nSh22 = Math.max(5, n - nQd - nSh23);
        List<Part> qdCandidates = exhibitorsOf(QDDCE_2023);
        List<Part> sh23Candidates = exhibitorsOf(SHICF_2023);
        List<Part> sh22Candidates = exhibitorsOf(SHICF_2022);
        String[] qdCounterparties = {"West Coast New Area Management Committee",
            "Qingdao Municipal Bureau of Culture and Tourism", "Qingdao Film and TV Base Development Co., Ltd.",
            "Shandong Culture Industry Investment Group", "Qingdao Cultural Tourism Investment Group",
            "Qingdao Oriental Movie Metropolis"};
        String[] shCounterparties = {"Huangpu District Commerce Commission", "Nanjing Road Business Circle",
            "Xujiahui Business Circle", "Lujiazui Business Circle", "Bailian Group", "Jing'an Temple Business Circle",
            "Wujiaochang Business Circle"};
        String[] nouns = {"Industrial Park", "Production Base", "Experience Center", "Data Center", "Co-production",
            "Procurement Agreement", "Platform Cooperation", "Content Licensing", "Studio Cluster", "Smart Venue Upgrade"};
        // QDDCE-2023: 26 key projects signed on the spot, then deals during the expo and intentions
        for (int i = 1; i <= nQd; i++) {
            Deal d = new Deal();
            d.id = String.format(Locale.ROOT, "QD23-D%03d", i);
            d.edition = QDDCE_2023;
            Part ent = qdCandidates.get(r.nextInt(qdCandidates.size()));
            d.enterprise = ent.org.id;
            d.industry = ent.org.industry != null ? ent.org.industry : Catalog.QD_INDUSTRIES[r.nextInt(12)];
            d.counterparty = qdCounterparties[r.nextInt(qdCounterparties.length)];
            d.currency = "CNY";
            LocalDate signed;
            String first = "signed";
            if (i <= 26) {
                d.key = true;
                d.type = "investment";
                d.event = "QD23-SIGN";
                signed = QDDCE_2023.start();
                if (i % 7 == 3) {
                    d.unit = "wan";
                    d.amount = BigDecimal.valueOf(5000L * (2 + r.nextInt(30)));
                } else {
                    d.unit = "yi";
                    d.amount = new BigDecimal(new String[] {"1.2", "2", "3.5", "5", "6.8", "8", "10", "12", "15", "20"}
                        [r.nextInt(10)]);
                }
                d.project = d.industry + " " + nouns[r.nextInt(nouns.length)] + " (West Coast New Area)";
            } else {
                d.type = new String[] {"procurement", "sales", "cooperation", "cooperation", "other"}[r.nextInt(5)];
                signed = QDDCE_2023.start().plusDays(r.nextInt(4));
                d.event = r.nextInt(3) == 0 ? null
                        : r.nextBoolean() ? "QD23-D" + (1 + signed.getDayOfMonth() - 6)
                        : "QD23-T" + (1 + r.nextInt(6));
                if (d.event != null && d.event.startsWith("QD23-T")) {
                    signed = eventById(d.event).firstDay;
                }
                int x = r.nextInt(100);
                if (!"CN".equals(ent.org.country) && x < 70) {
                    d.currency = x < 40 ? "USD" : "EUR";
                    d.unit = d.currency.equals("USD") ? "million" : "yuan";
                    d.amount = d.currency.equals("USD") ? BigDecimal.valueOf(5 + r.nextInt(30), 1)
                            : BigDecimal.valueOf(50_000L * (4 + r.nextInt(40)));
                } else if (x < 75) {
                    d.unit = "wan";
                    d.amount = BigDecimal.valueOf(50 + r.nextInt(500_000), 2).multiply(BigDecimal.TEN);
                } else {
                    d.unit = "yuan";
                    d.amount = BigDecimal.valueOf(10_000L * (20 + r.nextInt(500)));
                }
                d.project = d.industry + " " + nouns[r.nextInt(nouns.length)];
                if (r.nextInt(100) < 30) {
                    first = "intended";
                }
            }
            if (i == 1) {
                d.project = "Film base phase II\nWest Coast New Area";
                d.unit = "yi";
                d.amount = new BigDecimal("12");
            }
            deals.add(d);
            timeline(r, d, first, signed, LocalDate.of(2023, 10, 31));
        }
        // the designed follow-up of QD23-D001 and QD23-D002 (the dirty rows hang on them)
        Deal d1 = deals.get(0);
        d1.states.clear();
        BigDecimal a1 = d1.amount;
        d1.states.add(new St("signed", QDDCE_2023.start(), QDDCE_2023.start(), a1, null, true));
        d1.states.add(new St("registered", QDDCE_2023.start(), LocalDate.of(2023, 5, 16), a1, fraction(a1, d1.unit, 5), true));
        d1.states.add(new St("started", QDDCE_2023.start(), LocalDate.of(2023, 7, 12), a1, fraction(a1, d1.unit, 25), true));
        d1.states.add(new St("producing", QDDCE_2023.start(), LocalDate.of(2023, 9, 26), a1, fraction(a1, d1.unit, 60), true));
        Deal d2 = deals.get(1);
        d2.states.clear();
        d2.states.add(new St("signed", QDDCE_2023.start(), QDDCE_2023.start(), d2.amount, null, false));
        d2.states.add(new St("registered", QDDCE_2023.start(), LocalDate.of(2023, 6, 20), d2.amount,
                fraction(d2.amount, d2.unit, 10), true));

        for (int i = 1; i <= nSh23 + nSh22; i++) {
            boolean y23 = i <= nSh23;
            Catalog.Edition e = y23 ? SHICF_2023 : SHICF_2022;
            List<Part> cands = y23 ? sh23Candidates : sh22Candidates;
            Deal d = new Deal();
            d.id = String.format(Locale.ROOT, "%s-D%03d", e.short2(), y23 ? i : i - nSh23);
            d.edition = e;
            Part ent = cands.get(r.nextInt(cands.size()));
            d.enterprise = r.nextInt(10) == 0 ? null : ent.org.id;
            d.industry = ent.org.industry;
            d.counterparty = shCounterparties[r.nextInt(shCounterparties.length)];
            d.currency = "CNY";
            d.type = y23 && i <= 6 ? "cooperation" : new String[] {"procurement", "sales", "cooperation",
                "investment", "other"}[pick(r, new double[] {3, 3, 4, 1.5, 0.5})];
            LocalDate signed;
            boolean atOpening = y23 && i <= 12;
            if (atOpening) {
                signed = SHICF_2023.start();
                d.event = i <= 6 ? SHICF_2023.short2() + "-PARTNER" : SHICF_2023.short2() + "-OPEN";
            } else {
                Ev v = randomEvent(r, e);
                signed = v.firstDay;
                d.event = r.nextInt(4) == 0 ? null : v.id;
            }
            if (atOpening && i <= 3) {
                d.unit = "yi";
                d.amount = BigDecimal.valueOf(10 + r.nextInt(40), 1);
                d.key = true;
            } else if (r.nextInt(100) < 80) {
                d.unit = "wan";
                d.amount = BigDecimal.valueOf(2000 + r.nextInt(300_000), 2);
            } else {
                d.unit = "yuan";
                d.amount = BigDecimal.valueOf(1000L * (50 + r.nextInt(5000)));
            }
            d.project = (d.industry != null ? d.industry : "Information Consumption") + " "
                    + nouns[r.nextInt(nouns.length)];
            if (i == 5) {
                d.project = "Digital Business Circle, \"Huangpu\" Partnership";
            }
            deals.add(d);
            timeline(r, d, !atOpening && r.nextInt(100) < 20 ? "intended" : "signed", signed,
                    y23 ? LocalDate.of(2023, 10, 31) : LocalDate.of(2022, 12, 31));
        }
    }

    private Ev randomEvent(SplittableRandom r, Catalog.Edition e) {
        while (true) {
            Ev v = events.get(r.nextInt(events.size()));
            if (v.edition == e && v.valid) {
                return v;
            }
        }
    }

    private Ev eventById(String id) {
        for (Ev v : events) {
            if (v.id.equals(id)) {
                return v;
            }
        }
        throw new IllegalStateException(id);
    }

    private List<Part> exhibitorsOf(Catalog.Edition e) {
        List<Part> l = new ArrayList<>();
        for (Part p : parts) {
            if (p.edition == e && (p.role.equals("main_exhibitor") || p.role.equals("co_exhibitor")
                    || p.role.equals("partner"))) {
                l.add(p);
            }
        }
        return l;
    }

    private static BigDecimal fraction(BigDecimal amount, String unit, int percent) {
        int scale = unit.equals("yuan") ? 0 : 2;
        return amount.multiply(BigDecimal.valueOf(percent)).divide(BigDecimal.valueOf(100), scale, RoundingMode.DOWN);
    }

    /** Month by month follow-up: status advances, funds grow, a few are cancelled. */
    private void timeline(SplittableRandom r, Deal d, String first, LocalDate signed, LocalDate horizon) {
        String status = first;
        LocalDate signedOn = signed;
        BigDecimal amount = d.amount;
        int fundsPct = 0;
        d.states.add(new St(status, signedOn, signed, amount, null, r.nextInt(10) < 7));
        LocalDate last = signed;
        YearMonth ym = YearMonth.from(signed).plusMonths(1);
        while (!ym.atDay(1).isAfter(horizon)) {
            LocalDate date = ym.atDay(1 + r.nextInt(ym.lengthOfMonth()));
            if (date.isAfter(horizon)) {
                break;
            }
            ym = ym.plusMonths(1);
            if (status.equals("cancelled") || status.equals("completed")) {
                break;
            }
            int x = r.nextInt(1000);
            String next = null;
            switch (status) {
                case "intended" -> next = x < 220 ? "signed" : x < 250 ? "cancelled" : null;
                case "signed" -> next = x < 450 ? "registered" : x < 470 ? "cancelled" : null;
                case "registered" -> next = x < 350 ? "started" : x < 360 ? "cancelled" : null;
                case "started" -> next = x < 200 ? "producing" : null;
                case "producing" -> next = x < 150 ? "completed" : null;
                default -> next = null;
            }
            boolean fundsUpdate = next == null && (status.equals("started") || status.equals("producing"))
                    && r.nextBoolean();
            if (next == null && !fundsUpdate) {
                continue;
            }
            if (next != null) {
                if (status.equals("intended") && next.equals("signed")) {
                    signedOn = date; // the letter of intent became an agreement
                    amount = d.amount.multiply(BigDecimal.valueOf(80 + r.nextInt(41))).divide(BigDecimal.valueOf(100),
                            d.unit.equals("yuan") ? 0 : 2, RoundingMode.HALF_UP);
                }
                status = next;
            }
            fundsPct = switch (status) {
                case "registered" -> Math.max(fundsPct, r.nextInt(8));
                case "started" -> Math.min(45, Math.max(fundsPct + 3 + r.nextInt(10), 10 + r.nextInt(10)));
                case "producing" -> Math.min(85, Math.max(fundsPct + 5 + r.nextInt(10), 45 + r.nextInt(10)));
                case "completed" -> 90 + r.nextInt(11);
                default -> fundsPct;
            };
            BigDecimal funds = status.equals("cancelled") || status.equals("intended") || status.equals("signed")
                    ? null : fraction(amount, d.unit, fundsPct);
            d.states.add(new St(status, signedOn, date, amount, funds, true));
            last = date;
        }
    }

    private void writeDeals() throws IOException {
        // state rows of a month go to that month's export; SHICF-2022 rows to one archive file
        Map<String, List<Object[]>> files = new TreeMap<>();
        for (int m = 4; m <= 10; m++) {
            files.put(String.format(Locale.ROOT, "deals/2023-%02d.csv", m), new ArrayList<>());
        }
        for (Deal d : deals) {
            for (St st : d.states) {
                String f = d.edition == SHICF_2022 ? "deals/2022.csv"
                        : "deals/" + YearMonth.from(st.date()) + ".csv";
                files.computeIfAbsent(f, k -> new ArrayList<>()).add(new Object[] {st.date(), d.id, dealRow(d, st, f)});
            }
        }
        int rejects = 0;
        if (s.dirty) {
            Deal d1 = deals.get(0);
            Deal d2 = deals.get(1);
            // DIRTY deals 1: QD23-D001's registered row exported again in June, identical -> 1 duplicate
            files.get("deals/2023-06.csv").add(new Object[] {LocalDate.of(2023, 6, 1), d1.id,
                dealRow(d1, d1.states.get(1), "deals/2023-05.csv")});
            // DIRTY deals 2: a second 'started' row of QD23-D001 on 2023-07-12 with another amount -> 2 conflict
            St started = d1.states.get(2);
            St revised = new St("started", started.signedOn(), started.date(),
                    started.amount().add(new BigDecimal("0.5")), started.funds(), true);
            files.get("deals/2023-07.csv").add(new Object[] {started.date(), d1.id, dealRow(d1, revised, "")});
            // DIRTY deals 3: a negative amount (a refund typed as a deal row) -> invalid_value
            List<String> neg = dealRow(d2, new St("started", d2.states.get(0).signedOn(), LocalDate.of(2023, 8, 15),
                    d2.amount, null, true), "");
            neg.set(8, "-" + neg.get(8));
            files.get("deals/2023-08.csv").add(new Object[] {LocalDate.of(2023, 8, 15), d2.id, neg});
            // DIRTY deals 4: status_date before signed_on (06-07 typed as 05-07) -> invalid_value
            Deal sh = null;
            for (Deal d : deals) {
                if (d.id.equals("SH23-D001")) {
                    sh = d;
                }
            }
            List<String> early = dealRow(sh, new St("registered", sh.states.get(0).signedOn(), LocalDate.of(2023, 5, 7),
                    sh.amount, null, true), "");
            files.get("deals/2023-05.csv").add(new Object[] {LocalDate.of(2023, 5, 7), sh.id, early});
            rejects = 5;
        }
        long total = 0;
        for (Map.Entry<String, List<Object[]>> f : files.entrySet()) {
            List<Object[]> rows = f.getValue();
            rows.sort(Comparator.comparing((Object[] o) -> (LocalDate) o[0]).thenComparing(o -> (String) o[1]));
            List<Object> out = new ArrayList<>();
            for (Object[] o : rows) {
                out.add(o[2]);
            }
            Csv.writeUtf8(dir.resolve(f.getKey()), DEALS_HEADER, out);
            summary.files.add(f.getKey());
            total += out.size();
        }
        summary.rows.put("deals", total);
        summary.designedRejects.put("deals", rejects);
    }

    private static final DecimalFormat GROUPED = new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ROOT));

    private static String amount(BigDecimal v, boolean grouped) {
        if (grouped && v.compareTo(BigDecimal.valueOf(1000)) >= 0) {
            synchronized (GROUPED) {
                String g = GROUPED.format(v);
                if (v.scale() > 0 && v.stripTrailingZeros().scale() > 0 && g.indexOf('.') > 0
                        && g.length() - g.indexOf('.') == 2) {
                    g = g + "0"; // "1,250.50"
                }
                return g;
            }
        }
        return v.stripTrailingZeros().toPlainString();
    }

    private static List<String> dealRow(Deal d, St st, String file) {
        boolean chinese = file.equals("deals/2023-04.csv"); // the April export was typed with Chinese units
        String unit = chinese ? UNIT_ZH.get(d.unit) : d.unit;
        boolean grouped = d.unit.equals("wan") || d.unit.equals("yuan");
        return list(d.id, d.edition.id(), d.event, d.enterprise, d.project, d.counterparty, d.type, d.industry,
                amount(st.amount(), grouped), unit, d.currency, st.signedOn().toString(), st.status(),
                st.writeDate() ? st.date().toString() : null, d.key ? "true" : (d.id.hashCode() % 3 == 0 ? null : "false"),
                st.funds() == null ? null : amount(st.funds(), grouped));
    }

    // ---------------------------------------------------------------- targets

    private void writeTargets() throws IOException {
        List<List<String>> rows = new ArrayList<>();
        Map<String, long[]> visitors = attendanceStats.visitors;
        Map<String, BigDecimal> signedValue = new LinkedHashMap<>();
        for (Deal d : deals) {
            St firstSigned = null;
            for (St st : d.states) {
                if (!st.status().equals("intended") && !st.status().equals("cancelled") && firstSigned == null) {
                    firstSigned = st;
                }
            }
            if (firstSigned != null) {
                BigDecimal unit = switch (d.unit) {
                    case "wan" -> BigDecimal.valueOf(10_000);
                    case "yi" -> BigDecimal.valueOf(100_000_000);
                    case "million" -> BigDecimal.valueOf(1_000_000);
                    default -> BigDecimal.ONE;
                };
                BigDecimal fx = d.currency.equals("USD") ? new BigDecimal("7.10")
                        : d.currency.equals("EUR") ? new BigDecimal("7.75") : BigDecimal.ONE;
                signedValue.merge(d.edition.id(), firstSigned.amount().multiply(unit).multiply(fx), BigDecimal::add);
            }
        }
        // QDDCE: the commission's round figures from the news report; SHICF: set a little above the outcome
        rows.add(list("QDDCE-2023", "participation.participants", "500"));
        rows.add(list("QDDCE-2023", "participation.regions", "40"));
        rows.add(list("QDDCE-2023", "participation.exhibits", "10000"));
        rows.add(list("QDDCE-2023", "deals.key_projects_signed", "26"));
        rows.add(list("QDDCE-2023", "deals.signed_value", round2(signedValue.getOrDefault("QDDCE-2023", BigDecimal.ZERO), 0.9)));
        rows.add(list("QDDCE-2023", "attendance.visitors", round2(BigDecimal.valueOf(visitors.get("QDDCE-2023")[0]), 0.95)));
        rows.add(list("SHICF-2023", "events.held", "300"));
        rows.add(list("SHICF-2023", "attendance.visitors", round2(BigDecimal.valueOf(visitors.get("SHICF-2023")[0]), 1.1)));
        rows.add(list("SHICF-2023", "attendance.online_viewers", round2(BigDecimal.valueOf(visitors.get("SHICF-2023")[1]), 0.9)));
        rows.add(list("SHICF-2023", "deals.signed_value", round2(signedValue.getOrDefault("SHICF-2023", BigDecimal.ZERO), 1.2)));
        rows.add(list("SHICF-2023", "participation.exhibitors", "120"));
        Csv.writeUtf8(dir.resolve("targets.csv"), TARGETS_HEADER, rows);
        done("targets.csv", "targets", rows.size());
    }

    /** v x factor, rounded to two significant digits (targets are round numbers). */
    private static String round2(BigDecimal v, double factor) {
        BigDecimal x = v.multiply(BigDecimal.valueOf(factor));
        if (x.signum() == 0) {
            return "0";
        }
        return x.round(new java.math.MathContext(2, RoundingMode.HALF_UP)).setScale(0, RoundingMode.HALF_UP).toPlainString();
    }

    // ---------------------------------------------------------------- helpers

    private void done(String file, String dataset, long rows) {
        summary.files.add(file);
        summary.rows.merge(dataset, rows, Long::sum);
    }

    static List<String> list(String... v) {
        List<String> l = new ArrayList<>(v.length);
        for (String x : v) {
            l.add(x);
        }
        return l;
    }

    static int pick(SplittableRandom r, double[] w) {
        double t = 0;
        for (double x : w) {
            t += x;
        }
        double u = r.nextDouble() * t;
        for (int i = 0; i < w.length; i++) {
            u -= w[i];
            if (u < 0) {
                return i;
            }
        }
        return w.length - 1;
    }

    static String choose(SplittableRandom r, String[] v, double[] w) {
        return v[pick(r, w)];
    }

    /** exp(N(0, sigma)) by Box-Muller: a few popular, many small. */
    static double lognormal(SplittableRandom r, double sigma) {
        double u = Math.max(1e-12, r.nextDouble());
        double g = StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * StrictMath.PI * r.nextDouble());
        return StrictMath.exp(sigma * g);
    }

    static boolean weekend(LocalDate d) {
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }
}
