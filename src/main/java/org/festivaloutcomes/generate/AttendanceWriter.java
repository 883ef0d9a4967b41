package org.festivaloutcomes.generate;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The attendance hot loop: pre-encoded byte arrays, precomputed per-day lookup tables for the
 * event a row belongs to, attendee profiles derived from a hash of the attendee number (so a
 * person keeps type and origin across rows and days without any per-person memory).
 */
final class AttendanceWriter {

    static final byte[] HEADER = ("record_id,festival_id,event_id,attendee_id,attended_at,channel,attendee_type,"
            + "origin_region,origin_country,admissions\n").getBytes(UTF_8);
    private static final int TABLE = 4096;
    private static final byte COMMA = ',';
    private static final byte[] EMPTY = new byte[0];

    static final class Stats {
        long rows;
        int designedRejects;
        /** festival_id -> {onsite visitors, online viewers} as the generator counts them (for targets). */
        final Map<String, long[]> visitors = new TreeMap<>();
    }

    /** Per-edition parameters. */
    private static final class Cfg {
        Catalog.Edition e;
        double share;
        double generalFrac;
        int staffPct;
        int anonPct;
        int reentryPermille;
        boolean chinese;
        boolean slashGeneral;
        String visitorPfx;
        String onlinePfx;
        String staffPfx;
        String orgStaffPfx;
        double[] typeW;
        Object[][] regions; // {region, country, weight}
        Object[][] onlineRegions;
        // derived
        byte[] fid;
        byte[] rec;
        byte[] vis;
        byte[] onl;
        byte[] stf;
        byte[] ost;
        byte[][] typeT;
        byte[][] regT;
        byte[][] ctyT;
        byte[][] oTypeT;
        byte[][] oRegT;
        byte[][] oCtyT;
        byte[] onsite;
        byte[] online;
        byte[] exStaff;
        byte[] orgStaff;
        byte[] publicT;
        long seq;
        int designed;
        int pool;
        int onlinePool;
        int staffPool;
        final BitSet seen = new BitSet();
        final BitSet seenOnline = new BitSet();
        long anonOnsite;
        long anonOnline;
    }

    private static final class EvB {
        byte[] id;
        int from;
        int to;
        int channel; // 0 onsite, 1 online, 2 hybrid
    }

    private final Path dir;
    private final List<Ev> events;
    private final Generator.Settings s;
    private final List<String> files = new ArrayList<>();
    private ByteSink out;
    private String current;
    private long inFile;
    private long perFile = Long.MAX_VALUE;
    private int fileNo;
    private final Stats stats = new Stats();

    AttendanceWriter(Path dir, List<Ev> events, Generator.Settings s) {
        this.dir = dir;
        this.events = events;
        this.s = s;
    }

    List<String> files() {
        return files;
    }

    private static List<Cfg> configs() {
        Cfg q = new Cfg();
        q.e = Catalog.QDDCE_2023;
        q.share = 0.35;
        q.generalFrac = 0.5;
        q.staffPct = 7;
        q.anonPct = 10;
        q.reentryPermille = 50;
        q.slashGeneral = true; // the gate system writes 2023/4/8 9:05
        q.visitorPfx = "B23-";
        q.onlinePfx = "W23-";
        q.staffPfx = "S23-";
        q.orgStaffPfx = "O23-";
        q.typeW = new double[] {40, 38, 3, 2, 17};
        q.regions = new Object[][] {{"Qingdao", "CN", 40}, {"Jinan", "CN", 8}, {"Yantai", "CN", 5}, {"Weifang", "CN", 5},
            {"Zibo", "CN", 3}, {"Linyi", "CN", 3}, {"Weihai", "CN", 2}, {"Beijing", "CN", 5}, {"Shanghai", "CN", 4},
            {"Jiangsu", "CN", 4}, {"Zhejiang", "CN", 3}, {"Guangdong", "CN", 3}, {"Henan", "CN", 3}, {"Hebei", "CN", 2},
            {"Tianjin", "CN", 1}, {"Liaoning", "CN", 1}, {"Seoul", "KR", 2.2}, {"Busan", "KR", 1}, {"Tokyo", "JP", 1.5},
            {"Osaka", "JP", 0.5}, {"California", "US", 0.6}, {"Bavaria", "DE", 0.5}, {"Singapore", "SG", 0.5},
            {"Qingdao", "", 4}, {"", "", 3}};
        q.onlineRegions = new Object[][] {{"Shandong", "CN", 30}, {"Beijing", "CN", 8}, {"Guangdong", "CN", 8},
            {"Jiangsu", "CN", 6}, {"Zhejiang", "CN", 6}, {"Sichuan", "CN", 4}, {"Hubei", "CN", 4}, {"Seoul", "KR", 2},
            {"Tokyo", "JP", 1}, {"", "", 15}};
        Cfg s23 = shicf(Catalog.SHICF_2023, 0.45, "T23-", "U23-", "E23-", "M23-");
        Cfg s22 = shicf(Catalog.SHICF_2022, 0.20, "T22-", "U22-", "E22-", "M22-");
        s22.chinese = true; // the 2022 ticketing system exported Chinese labels
        return List.of(q, s22, s23);
    }

    private static Cfg shicf(Catalog.Edition e, double share, String v, String o, String st, String os) {
        Cfg c = new Cfg();
        c.e = e;
        c.share = share;
        c.generalFrac = 0.08;
        c.staffPct = 2;
        c.anonPct = 10;
        c.reentryPermille = 30;
        c.visitorPfx = v;
        c.onlinePfx = o;
        c.staffPfx = st;
        c.orgStaffPfx = os;
        c.typeW = new double[] {12, 68, 3, 1, 16};
        c.regions = new Object[][] {{"Shanghai", "CN", 62}, {"Jiangsu", "CN", 8}, {"Zhejiang", "CN", 7}, {"Anhui", "CN", 3},
            {"Beijing", "CN", 3}, {"Guangdong", "CN", 2}, {"Shandong", "CN", 1}, {"Jiangxi", "CN", 1}, {"Hubei", "CN", 1},
            {"Sichuan", "CN", 1}, {"Tokyo", "JP", 0.5}, {"Seoul", "KR", 0.5}, {"New York", "US", 0.3},
            {"London", "GB", 0.2}, {"Shanghai", "", 5}, {"", "", 4}};
        c.onlineRegions = new Object[][] {{"Shanghai", "CN", 35}, {"Jiangsu", "CN", 10}, {"Zhejiang", "CN", 10},
            {"Guangdong", "CN", 6}, {"Beijing", "CN", 5}, {"Sichuan", "CN", 3}, {"", "", 20}};
        return c;
    }

    Stats write() throws IOException {
        Files.createDirectories(dir.resolve("attendance"));
        List<Cfg> cfgs = configs();
        SplittableRandom root = new SplittableRandom(s.seed * 31 + 7);
        long total = s.attendanceRows;
        long assigned = 0;
        long[] edRows = new long[cfgs.size()];
        for (int i = 0; i < cfgs.size(); i++) {
            edRows[i] = i == cfgs.size() - 1 ? total - assigned : Math.round(total * cfgs.get(i).share);
            assigned += edRows[i];
        }
        if (s.attendanceFiles > 0) {
            perFile = (total + s.attendanceFiles - 1) / s.attendanceFiles;
            if (perFile <= 0) {
                perFile = 1;
            }
        }
        for (int i = 0; i < cfgs.size(); i++) {
            Cfg c = cfgs.get(i);
            prepare(c, edRows[i]);
            edition(c, edRows[i], root.split());
            stats.visitors.put(c.e.id(), new long[] {c.seen.cardinality() + c.anonOnsite,
                c.seenOnline.cardinality() + c.anonOnline});
        }
        if (out == null) {
            open(s.attendanceFiles > 0 ? partName() : "attendance/" + cfgs.get(0).e.id() + ".csv");
        }
        out.close();
        return stats;
    }

    private String partName() {
        fileNo++;
        return s.attendanceFiles == 1 ? "attendance/attendance.csv"
                : "attendance/part-" + (fileNo < 10 && s.attendanceFiles >= 10 ? "0" : "") + fileNo + ".csv";
    }

    private void open(String name) throws IOException {
        if (out != null) {
            out.close();
        }
        current = name;
        files.add(name);
        out = new ByteSink(dir.resolve(name));
        out.put(HEADER);
        inFile = 0;
    }

    private void prepare(Cfg c, long rows) {
        c.fid = b(c.e.id());
        c.rec = b(c.e.short2() + "-");
        c.vis = b(c.visitorPfx);
        c.onl = b(c.onlinePfx);
        c.stf = b(c.staffPfx);
        c.ost = b(c.orgStaffPfx);
        c.onsite = b(c.chinese ? "线下" : "onsite");
        c.online = b(c.chinese ? "线上" : "online");
        c.exStaff = b(c.chinese ? "展商人员" : "exhibitor_staff");
        c.orgStaff = b(c.chinese ? "工作人员" : "organizer_staff");
        c.publicT = b(c.chinese ? "普通观众" : "public");
        String[] types = c.chinese ? new String[] {"专业观众", "普通观众", "媒体", "贵宾", ""}
                : new String[] {"trade", "public", "media", "vip", ""};
        c.typeT = spread(types, c.typeW);
        c.oTypeT = spread(types, new double[] {5, 80, 1, 0, 14});
        c.regT = new byte[1024][];
        c.ctyT = new byte[1024][];
        fillRegions(c.regions, c.regT, c.ctyT);
        c.oRegT = new byte[1024][];
        c.oCtyT = new byte[1024][];
        fillRegions(c.onlineRegions, c.oRegT, c.oCtyT);
        c.pool = (int) Math.max(100, Math.min(9_000_000, rows * 42 / 100));
        c.onlinePool = (int) Math.max(100, Math.min(9_000_000, rows * 25 / 100));
        c.staffPool = (int) Math.max(20, Math.min(900_000, rows / 80));
    }

    private static byte[] b(String x) {
        return x.getBytes(UTF_8);
    }

    private static byte[][] spread(String[] values, double[] w) {
        int[] idx = table(w, 1024);
        byte[][] t = new byte[1024][];
        for (int i = 0; i < 1024; i++) {
            t[i] = b(values[idx[i]]);
        }
        return t;
    }

    private static void fillRegions(Object[][] defs, byte[][] reg, byte[][] cty) {
        double[] w = new double[defs.length];
        for (int i = 0; i < defs.length; i++) {
            w[i] = ((Number) defs[i][2]).doubleValue();
        }
        int[] idx = table(w, reg.length);
        for (int i = 0; i < reg.length; i++) {
            reg[i] = b((String) defs[idx[i]][0]);
            cty[i] = b((String) defs[idx[i]][1]);
        }
    }

    /** A lookup table of size n whose slots hold indices in proportion to the weights. */
    static int[] table(double[] w, int n) {
        double total = 0;
        for (double x : w) {
            total += x;
        }
        int[] t = new int[n];
        double acc = 0;
        int slot = 0;
        for (int i = 0; i < w.length; i++) {
            acc += w[i];
            int end = i == w.length - 1 ? n : (int) Math.round(acc / total * n);
            while (slot < end) {
                t[slot++] = i;
            }
        }
        return t;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    private void edition(Cfg c, long rows, SplittableRandom r) throws IOException {
        List<Ev> evs = new ArrayList<>();
        for (Ev v : events) {
            if (v.edition == c.e && v.valid) {
                evs.add(v);
            }
        }
        EvB[] eb = new EvB[evs.size()];
        for (int i = 0; i < eb.length; i++) {
            Ev v = evs.get(i);
            eb[i] = new EvB();
            eb[i].id = b(v.id);
            eb[i].from = v.fromMin;
            eb[i].to = Math.max(v.toMin, v.fromMin + 1);
            eb[i].channel = v.channel.equals("online") ? 1 : v.channel.equals("hybrid") ? 2 : 0;
        }
        // days, their weights (peak days) and their event tables
        int nDays = (int) (c.e.end().toEpochDay() - c.e.start().toEpochDay()) + 1;
        int[][] tables = new int[nDays][];
        double[] dayW = new double[nDays];
        LocalDate reopen = LocalDate.of(2022, 6, 1);
        for (int d = 0; d < nDays; d++) {
            LocalDate day = c.e.start().plusDays(d);
            boolean lockdown = c.e == Catalog.SHICF_2022 && day.isBefore(reopen);
            double[] w = new double[evs.size() + 1];
            double sum = 0;
            for (int i = 0; i < evs.size(); i++) {
                Ev v = evs.get(i);
                if (v.activeOn(day)) {
                    w[i + 1] = v.weight;
                    sum += v.weight;
                }
            }
            w[0] = lockdown ? 0 : sum * c.generalFrac / (1 - c.generalFrac);
            if (sum + w[0] > 0) {
                tables[d] = table(w, TABLE);
            }
            double dw = Generator.weekend(day) ? 1.6 : 1.0;
            if (d == 0) {
                dw = 2.2; // opening day
            }
            if (day.getMonthValue() == 5 && day.getDayOfMonth() == 20) {
                dw = 2.4; // "520"
            }
            if (c.e == Catalog.QDDCE_2023) {
                dw = new double[] {1.15, 0.95, 1.35, 1.0}[d];
            }
            if (lockdown) {
                dw = 0.7;
            } else if (day.equals(reopen)) {
                dw = 1.8;
            }
            dayW[d] = tables[d] == null ? 0 : dw;
        }
        double tw = 0;
        for (double x : dayW) {
            tw += x;
        }
        double accW = 0;
        long accRows = 0;
        for (int d = 0; d < nDays; d++) {
            accW += dayW[d];
            long upto = Math.round(rows * accW / tw);
            long budget = upto - accRows;
            accRows = upto;
            if (tables[d] == null) {
                continue;
            }
            LocalDate day = c.e.start().plusDays(d);
            if (s.attendanceFiles == 0) {
                String name = "attendance/" + c.e.id() + "_" + day.toString().substring(0, 7) + ".csv";
                if (!name.equals(current)) {
                    open(name);
                }
            }
            budget -= dirty(c, d, day);
            day(c, r, day, tables[d], eb, budget);
        }
    }

    private void begin() throws IOException {
        if (out == null || (inFile >= perFile && s.attendanceFiles > 0 && fileNo < s.attendanceFiles)) {
            open(partName());
        }
        inFile++;
        stats.rows++;
    }

    private void day(Cfg c, SplittableRandom r, LocalDate day, int[] table, EvB[] eb, long budget) throws IOException {
        byte[] iso = b(day.toString());
        byte[] slash = b(day.getYear() + "/" + day.getMonthValue() + "/" + day.getDayOfMonth());
        ByteSink o;
        while (budget > 0) {
            int slot = table[r.nextInt(TABLE)];
            EvB ev = slot == 0 ? null : eb[slot - 1];
            boolean online = ev != null && (ev.channel == 1 || (ev.channel == 2 && r.nextInt(10) < 6));
            int minute;
            if (ev == null) {
                minute = c.slashGeneral ? 8 * 60 + 30 + r.nextInt(510) : 10 * 60 + r.nextInt(660);
            } else {
                minute = ev.from + r.nextInt(ev.to - ev.from);
            }
            begin();
            o = out;
            // record_id, festival_id, event_id
            o.put(c.rec);
            o.digits(++c.seq, 8);
            o.put(COMMA);
            o.put(c.fid);
            o.put(COMMA);
            if (ev != null) {
                o.put(ev.id);
            }
            o.put(COMMA);
            int x = r.nextInt(100);
            if (online) {
                boolean anon = x < 5;
                int idx = 0;
                if (!anon) {
                    idx = r.nextInt(4) == 0 ? r.nextInt(c.onlinePool / 10 + 1) : r.nextInt(c.onlinePool);
                    o.put(c.onl);
                    o.digits(idx + 1, 7);
                }
                o.put(COMMA);
                o.put(iso);
                o.put((byte) 'T');
                time(o, minute, true);
                o.digits(r.nextInt(60), 2);
                o.put(COMMA);
                if (ev.channel == 2 || r.nextInt(10) < 7) {
                    o.put(c.online);
                }
                o.put(COMMA);
                if (anon) {
                    o.put(COMMA);
                    o.put(COMMA);
                    o.put(COMMA);
                    int adm = 20 + r.nextInt(800);
                    o.num(adm);
                    c.anonOnline += adm;
                } else {
                    long h = mix(idx * 0x9E3779B97F4A7C15L + 17);
                    int ri = (int) ((h >>> 10) & 1023);
                    personTail(o, c.oTypeT[(int) (h & 1023)], c.oRegT[ri], c.oCtyT[ri]);
                    c.seenOnline.set(idx);
                }
                o.put((byte) '\n');
                budget--;
                continue;
            }
            // onsite
            boolean staff = x < c.staffPct;
            boolean anon = !staff && x < c.staffPct + c.anonPct;
            int idx = 0;
            if (staff) {
                idx = r.nextInt(c.staffPool);
                o.put(idx % 5 == 0 ? c.ost : c.stf);
                o.digits(idx + 1, 7);
            } else if (!anon) {
                idx = r.nextInt(10) < 3 ? r.nextInt(c.pool / 8 + 1) : r.nextInt(c.pool);
                o.put(c.vis);
                o.digits(idx + 1, 7);
            }
            o.put(COMMA);
            boolean slashTs = ev == null && c.slashGeneral;
            timestamp(o, slashTs ? slash : iso, minute, slashTs);
            o.put(COMMA);
            if (ev != null && ev.channel == 2 || r.nextInt(10) < 8) {
                o.put(c.onsite);
            }
            o.put(COMMA);
            long h = mix(idx * 0x9E3779B97F4A7C15L + 3);
            int ri = (int) ((h >>> 10) & 1023);
            if (staff) {
                personTail(o, idx % 5 == 0 ? c.orgStaff : c.exStaff, c.regT[ri], c.ctyT[ri]);
            } else if (anon) {
                if (r.nextBoolean()) {
                    o.put(c.publicT);
                }
                o.put(COMMA);
                o.put(COMMA);
                o.put(COMMA);
                int adm = r.nextInt(100) < 55 ? 1 : 2 + r.nextInt(60);
                o.num(adm);
                c.anonOnsite += adm;
            } else {
                personTail(o, c.typeT[(int) (h & 1023)], c.regT[ri], c.ctyT[ri]);
                c.seen.set(idx);
            }
            o.put((byte) '\n');
            budget--;
            // a same-day re-entry through the gate (general admission)
            if (!staff && !anon && budget > 0 && r.nextInt(1000) < c.reentryPermille) {
                int later = minute + 30 + r.nextInt(150);
                if (later < 22 * 60) {
                    begin();
                    o = out;
                    o.put(c.rec);
                    o.digits(++c.seq, 8);
                    o.put(COMMA);
                    o.put(c.fid);
                    o.put(COMMA);
                    o.put(COMMA);
                    o.put(c.vis);
                    o.digits(idx + 1, 7);
                    o.put(COMMA);
                    timestamp(o, c.slashGeneral ? slash : iso, later, c.slashGeneral);
                    o.put(COMMA);
                    o.put(c.onsite);
                    o.put(COMMA);
                    o.put(c.typeT[(int) (h & 1023)]);
                    o.put(COMMA);
                    o.put(c.regT[ri]);
                    o.put(COMMA);
                    o.put(c.ctyT[ri]);
                    o.put(COMMA);
                    o.put((byte) '1');
                    o.put((byte) '\n');
                    budget--;
                }
            }
        }
    }

    private static void timestamp(ByteSink o, byte[] date, int minute, boolean shortHour) throws IOException {
        o.put(date);
        o.put((byte) ' ');
        if (shortHour) {
            o.num(minute / 60);
            o.put((byte) ':');
            o.digits(minute % 60, 2);
        } else {
            time(o, minute, false);
        }
    }

    /** HH:mm, then ':' when seconds follow. */
    private static void time(ByteSink o, int minute, boolean seconds) throws IOException {
        o.digits(minute / 60, 2);
        o.put((byte) ':');
        o.digits(minute % 60, 2);
        if (seconds) {
            o.put((byte) ':');
        }
    }

    /**
     * The deliberate bad attendance rows, written at the start of a day (see GenerateCommand).
     * Returns the number of rows written.
     */
    private int dirty(Cfg c, int dayIndex, LocalDate day) throws IOException {
        if (!s.dirty) {
            return 0;
        }
        List<String> rows = new ArrayList<>();
        String qd = "QDDCE-2023";
        String sh = "SHICF-2023";
        if (c.e == Catalog.QDDCE_2023 && dayIndex == 0) {
            // A7: a row of the hybrid keynote forum without channel -> missing_value (channel)
            rows.add(rid(c) + "," + qd + ",QD23-K1,B23-0000002,2023-04-06 10:45,,trade,Qingdao,CN,1");
            c.designed++;
        }
        if (c.e == Catalog.QDDCE_2023 && dayIndex == 1) {
            // A1: an impossible date from the gate system -> invalid_value (attended_at)
            rows.add(rid(c) + "," + qd + ",,B23-0000003,2023/4/31 10:15,onsite,trade,Shandong,CN,1");
            // A2: a trailing comma, one field too many -> malformed_row
            rows.add(rid(c) + "," + qd + ",,B23-0000004,2023/4/7 10:20,onsite,public,Qingdao,CN,1,");
            // A6: a badge holder counted twice in one row -> attendee_id with admissions > 1
            rows.add(rid(c) + "," + qd + ",QD23-X1,B23-0000005,2023-04-07 11:02,onsite,public,Qingdao,CN,2");
            c.designed += 3;
        }
        if (c.e == Catalog.SHICF_2023 && dayIndex == 3) {
            // A3: an activity that is not in events.csv -> unknown_reference (event_id)
            rows.add(rid(c) + "," + sh + ",SH23-X001,T23-0000002,2023-05-20 15:30,onsite,public,Shanghai,CN,1");
            // the original of A4 (a good row)
            dupOriginal = rid(c) + "," + sh + ",,T23-0000001,2023-05-20 11:20,onsite,public,Shanghai,CN,1";
            rows.add(dupOriginal);
            c.designed++;
        }
        if (c.e == Catalog.SHICF_2023 && dayIndex == 4 && dupOriginal != null) {
            // A4: the same record exported again the next day -> duplicate (record_id)
            rows.add(dupOriginal);
            c.designed++;
        }
        if (c.e == Catalog.SHICF_2023 && dayIndex == 17) {
            // A5: a negative gate count -> invalid_value (admissions)
            rows.add(rid(c) + "," + sh + ",,,2023-06-03 15:00,onsite,public,,,-12");
            c.designed++;
        }
        for (String row : rows) {
            begin();
            out.put(b(row + "\n"));
        }
        stats.designedRejects += c.designed;
        c.designed = 0;
        return rows.size();
    }

    private String dupOriginal;

    private static String rid(Cfg c) {
        return c.e.short2() + "-" + String.format(java.util.Locale.ROOT, "%08d", ++c.seq);
    }

    /** The end of an identified row: attendee_type, origin_region, origin_country and one admission. */
    private static void personTail(ByteSink o, byte[] type, byte[] region, byte[] country) throws IOException {
        o.put(type);
        o.put(COMMA);
        o.put(region);
        o.put(COMMA);
        o.put(country);
        o.put(COMMA);
        o.put((byte) '1');
    }
}
