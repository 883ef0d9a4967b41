package org.festivaloutcomes.generate;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A small, independent reading of inputs.md, enough to count the rows a conforming ingest rejects
 * in generated data. Not the project's ingest: written from the contract for the generator tests.
 */
final class ContractCheck {

    static final Pattern DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})|(\\d{4})/(\\d{1,2})/(\\d{1,2})");
    static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})(?::(\\d{2}))?");
    static final Pattern NUMBER = Pattern.compile("(\\d{1,3}(,\\d{3})+|\\d+)(\\.\\d+)?");
    static final Pattern INTEGER = Pattern.compile("\\d{1,3}(,\\d{3})+|\\d+");

    static final Set<String> EVENT_TYPES = Set.of("opening_ceremony", "开幕式", "keynote_forum", "主论坛", "theme_forum",
            "主题论坛", "分论坛", "seminar", "研讨会", "product_launch", "新品发布", "live_broadcast", "直播", "exhibition", "展览",
            "campaign", "促销活动", "experience", "体验活动", "signing_ceremony", "签约仪式", "other", "其他");
    static final Map<String, String> CHANNEL = Map.of("onsite", "onsite", "线下", "onsite", "online", "online", "线上",
            "online", "hybrid", "hybrid", "线上线下", "hybrid");
    static final Set<String> ATTENDEE_TYPES = Set.of("trade", "专业观众", "public", "普通观众", "公众", "media", "媒体", "vip",
            "嘉宾", "贵宾", "exhibitor_staff", "展商人员", "参展商工作人员", "organizer_staff", "工作人员", "主办方工作人员", "other",
            "其他", "unspecified");
    static final Set<String> ORG_TYPES = Set.of("enterprise", "企业", "institution", "机构", "事业单位");
    static final Set<String> ROLES = Set.of("main_exhibitor", "参展商", "主展商", "co_exhibitor", "联合参展商", "represented",
            "代理展示", "sponsor", "赞助商", "partner", "合作伙伴", "organizer", "主办单位", "承办单位", "broadcaster", "直播机构");
    static final Set<String> BOOLEANS = Set.of("true", "false", "1", "0", "yes", "no", "y", "n", "是", "否");
    static final Set<String> DEAL_TYPES = Set.of("investment", "投资", "procurement", "采购", "sales", "销售", "cooperation",
            "合作", "other", "其他");
    static final Map<String, String> UNITS = Map.of("yuan", "yuan", "元", "yuan", "thousand", "thousand", "千元", "thousand",
            "wan", "wan", "万元", "wan", "million", "million", "百万", "million", "yi", "yi", "亿元", "yi");
    static final Map<String, String> STATUS = Map.ofEntries(Map.entry("intended", "intended"), Map.entry("意向", "intended"),
            Map.entry("signed", "signed"), Map.entry("签约", "signed"), Map.entry("registered", "registered"),
            Map.entry("注册", "registered"), Map.entry("started", "started"), Map.entry("开工", "started"),
            Map.entry("producing", "producing"), Map.entry("投产", "producing"), Map.entry("completed", "completed"),
            Map.entry("竣工", "completed"), Map.entry("cancelled", "cancelled"), Map.entry("取消", "cancelled"),
            Map.entry("终止", "cancelled"));

    /** A dataset read through the job's mapping: canonical column -> value, one map per record. */
    static final class Dataset {
        final List<Path> files = new ArrayList<>();
        final List<List<String>> headers = new ArrayList<>();
        final List<Map<String, String>> rows = new ArrayList<>();
        /** Records with a wrong field count or broken quoting. */
        int malformed;
        final Map<String, Integer> rejects = new TreeMap<>();

        void reject(String reason) {
            rejects.merge(reason, 1, Integer::sum);
        }

        int rejected() {
            return malformed + rejects.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** RFC 4180 records of a text; a record with broken quoting is returned as null. */
    static List<List<String>> parse(String text) {
        List<List<String>> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            List<String> rec = new ArrayList<>();
            StringBuilder f = new StringBuilder();
            boolean broken = false;
            int start = i;
            while (true) {
                if (i < n && text.charAt(i) == '"' && f.length() == 0) {
                    i++;
                    boolean closed = false;
                    while (i < n) {
                        char c = text.charAt(i++);
                        if (c == '"') {
                            if (i < n && text.charAt(i) == '"') {
                                f.append('"');
                                i++;
                            } else {
                                closed = true;
                                break;
                            }
                        } else {
                            f.append(c);
                        }
                    }
                    if (!closed || (i < n && text.charAt(i) != ',' && text.charAt(i) != '\n' && text.charAt(i) != '\r')) {
                        broken = true;
                    }
                }
                while (i < n && text.charAt(i) != ',' && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                    char c = text.charAt(i++);
                    if (c == '"') {
                        broken = true;
                    }
                    f.append(c);
                }
                rec.add(f.toString());
                f.setLength(0);
                if (i < n && text.charAt(i) == ',') {
                    i++;
                    continue;
                }
                if (i < n && text.charAt(i) == '\r') {
                    i++;
                }
                if (i < n && text.charAt(i) == '\n') {
                    i++;
                }
                break;
            }
            if (rec.size() == 1 && rec.get(0).isEmpty() && i - start <= 2) {
                continue; // blank line
            }
            out.add(broken ? null : rec);
        }
        return out;
    }

    static String decode(Path file, Charset cs) throws IOException {
        String s = cs.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    static List<Path> glob(Path base, String pattern) throws IOException {
        Path full = base.resolve(pattern);
        Path folder = full.getParent();
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + full.getFileName());
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> m.matches(p.getFileName())).sorted().toList();
        }
    }

    static Dataset read(Path base, String pattern, Charset cs, Map<String, String> mapping) throws IOException {
        Dataset d = new Dataset();
        for (Path f : glob(base, pattern)) {
            d.files.add(f);
            List<List<String>> recs = parse(decode(f, cs));
            List<String> header = new ArrayList<>();
            for (String h : recs.get(0)) {
                String t = h.trim();
                header.add(mapping.getOrDefault(t, t).toLowerCase());
            }
            d.headers.add(header);
            for (List<String> r : recs.subList(1, recs.size())) {
                if (r == null || r.size() != header.size()) {
                    d.malformed++;
                    continue;
                }
                Map<String, String> row = new LinkedHashMap<>();
                for (int k = 0; k < header.size(); k++) {
                    String v = r.get(k).trim();
                    row.putIfAbsent(header.get(k), v.isEmpty() ? null : v);
                }
                d.rows.add(row);
            }
        }
        return d;
    }

    static boolean date(String v) {
        if (v == null) {
            return false;
        }
        Matcher m = DATE.matcher(v);
        if (!m.matches()) {
            return false;
        }
        try {
            if (m.group(1) != null) {
                LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            } else {
                LocalDate.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)));
            }
            return true;
        } catch (java.time.DateTimeException e) {
            return false;
        }
    }

    static LocalDate toDate(String v) {
        Matcher m = DATE.matcher(v);
        m.matches();
        return m.group(1) != null
                ? LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)))
                : LocalDate.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)));
    }

    static boolean timestamp(String v, boolean dateAlone) {
        if (v == null) {
            return false;
        }
        int sep = Math.max(v.indexOf(' '), v.indexOf('T'));
        if (sep < 0) {
            return dateAlone && date(v);
        }
        Matcher t = TIME.matcher(v.substring(sep + 1));
        return date(v.substring(0, sep)) && t.matches() && Integer.parseInt(t.group(1)) < 24
                && Integer.parseInt(t.group(2)) < 60 && (t.group(3) == null || Integer.parseInt(t.group(3)) < 60);
    }

    static boolean number(String v) {
        return v == null || NUMBER.matcher(v).matches();
    }

    static boolean integer(String v) {
        return v == null || INTEGER.matcher(v).matches();
    }

    static BigDecimal num(String v) {
        return v == null ? null : new BigDecimal(v.replace(",", ""));
    }

    static boolean in(Set<String> allowed, String v) {
        return v == null || allowed.contains(v.toLowerCase());
    }

    /** Every dataset of a job folder, checked in the contract's order; rejects counted per dataset. */
    static Map<String, Dataset> check(Path base, Map<String, String> inputs, Map<String, String> enterpriseColumns)
            throws IOException {
        Map<String, Dataset> all = new LinkedHashMap<>();
        Charset utf8 = StandardCharsets.UTF_8;
        Dataset fest = read(base, inputs.get("festivals"), utf8, Map.of());
        Set<String> festivals = new HashSet<>();
        for (Map<String, String> r : fest.rows) {
            if (r.get("festival_id") == null || r.get("name") == null || !date(r.get("start_date"))
                    || !date(r.get("end_date")) || !number(r.get("gross_space_sqm"))) {
                fest.reject("festival");
            } else if (!festivals.add(r.get("festival_id"))) {
                fest.reject("duplicate");
            }
        }
        all.put("festivals", fest);

        Dataset ev = read(base, inputs.get("events"), utf8, Map.of());
        Map<String, String[]> events = new HashMap<>(); // id -> {festival, channel}
        for (Map<String, String> r : ev.rows) {
            String ch = r.get("channel") == null ? "onsite" : CHANNEL.get(r.get("channel").toLowerCase());
            if (r.get("event_id") == null || r.get("festival_id") == null || r.get("name") == null
                    || r.get("event_type") == null || !in(EVENT_TYPES, r.get("event_type")) || ch == null
                    || !timestamp(r.get("starts_at"), true)
                    || (r.get("ends_at") != null && !timestamp(r.get("ends_at"), true))) {
                ev.reject("invalid");
            } else if (!festivals.contains(r.get("festival_id"))) {
                ev.reject("unknown_reference");
            } else if (events.containsKey(r.get("event_id"))) {
                ev.reject("duplicate");
            } else {
                events.put(r.get("event_id"), new String[] {r.get("festival_id"), ch});
            }
        }
        all.put("events", ev);

        Dataset en = read(base, inputs.get("enterprises"), Charset.forName("GB18030"), enterpriseColumns);
        Set<String> enterprises = new HashSet<>();
        for (Map<String, String> r : en.rows) {
            if (r.get("enterprise_id") == null || r.get("festival_id") == null || r.get("name") == null
                    || !in(ORG_TYPES, r.get("org_type")) || r.get("role") == null || !in(ROLES, r.get("role"))
                    || !number(r.get("booth_area_sqm")) || !integer(r.get("exhibits"))
                    || !in(BOOLEANS, r.get("is_leading"))) {
                en.reject("invalid");
            } else if (!festivals.contains(r.get("festival_id"))) {
                en.reject("unknown_reference");
            } else if (!enterprises.add(r.get("festival_id") + "|" + r.get("enterprise_id"))) {
                en.reject("duplicate");
            }
        }
        all.put("enterprises", en);

        Dataset at = read(base, inputs.get("attendance"), utf8, Map.of());
        Set<String> records = new HashSet<>();
        for (Map<String, String> r : at.rows) {
            String ch = r.get("channel");
            if (r.get("festival_id") == null || !timestamp(r.get("attended_at"), false)
                    || (ch != null && !Set.of("onsite", "online").contains(CHANNEL.getOrDefault(ch.toLowerCase(), "")))
                    || !in(ATTENDEE_TYPES, r.get("attendee_type")) || !integer(r.get("admissions"))
                    || (r.get("origin_country") != null && r.get("origin_country").length() != 2)) {
                at.reject("invalid");
            } else if (r.get("attendee_id") != null && r.get("admissions") != null
                    && num(r.get("admissions")).compareTo(BigDecimal.ONE) > 0) {
                at.reject("attendee_admissions");
            } else if (!festivals.contains(r.get("festival_id"))) {
                at.reject("unknown_reference");
            } else if (r.get("event_id") != null && (!events.containsKey(r.get("event_id"))
                    || !events.get(r.get("event_id"))[0].equals(r.get("festival_id")))) {
                at.reject("unknown_reference");
            } else if (r.get("event_id") != null && ch == null && events.get(r.get("event_id"))[1].equals("hybrid")) {
                at.reject("missing_channel");
            } else if (r.get("record_id") != null && !records.add(r.get("record_id"))) {
                at.reject("duplicate");
            }
        }
        all.put("attendance", at);

        Dataset de = read(base, inputs.get("deals"), utf8, Map.of());
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        Map<String, Integer> count = new HashMap<>();
        for (Map<String, String> r : de.rows) {
            String cur = r.get("currency") == null ? "CNY" : r.get("currency").toUpperCase();
            if (r.get("deal_id") == null || r.get("festival_id") == null || !in(DEAL_TYPES, r.get("deal_type"))
                    || r.get("amount") == null || !number(r.get("amount"))
                    || (r.get("amount_unit") != null && !UNITS.containsKey(r.get("amount_unit").toLowerCase()))
                    || !date(r.get("signed_on")) || r.get("status") == null
                    || !STATUS.containsKey(r.get("status").toLowerCase())
                    || (r.get("status_date") != null && !date(r.get("status_date")))
                    || !in(BOOLEANS, r.get("is_key_project")) || !number(r.get("funds_in_place"))) {
                de.reject("invalid");
                continue;
            }
            LocalDate signed = toDate(r.get("signed_on"));
            LocalDate status = r.get("status_date") == null ? signed : toDate(r.get("status_date"));
            if (status.isBefore(signed)) {
                de.reject("status_date_before_signed_on");
            } else if (!Set.of("CNY", "USD", "EUR").contains(cur)) {
                de.reject("currency_without_rate");
            } else if (!festivals.contains(r.get("festival_id"))) {
                de.reject("unknown_reference");
            } else if (r.get("event_id") != null && (!events.containsKey(r.get("event_id"))
                    || !events.get(r.get("event_id"))[0].equals(r.get("festival_id")))) {
                de.reject("unknown_reference");
            } else if (r.get("enterprise_id") != null
                    && !enterprises.contains(r.get("festival_id") + "|" + r.get("enterprise_id"))) {
                de.reject("unknown_reference");
            } else {
                String key = r.get("festival_id") + "|" + r.get("deal_id") + "|" + status;
                List<String> typed = new ArrayList<>();
                for (Map.Entry<String, String> e : r.entrySet()) {
                    String v = e.getValue();
                    switch (e.getKey()) {
                        case "amount", "funds_in_place" -> v = v == null ? null : num(v).stripTrailingZeros().toPlainString();
                        case "amount_unit" -> v = v == null ? "yuan" : UNITS.get(v.toLowerCase());
                        case "status" -> v = STATUS.get(v.toLowerCase());
                        case "status_date" -> v = status.toString();
                        case "signed_on" -> v = signed.toString();
                        case "currency" -> v = cur;
                        default -> { }
                    }
                    typed.add(e.getKey() + "=" + v);
                }
                count.merge(key, 1, Integer::sum);
                List<String> first = byKey.putIfAbsent(key, typed);
                if (first != null && !first.equals(typed)) {
                    byKey.put(key, List.of("conflict"));
                } else if (first != null && first.equals(List.of("conflict"))) {
                    byKey.put(key, List.of("conflict"));
                }
            }
        }
        for (Map.Entry<String, List<String>> e : byKey.entrySet()) {
            int n = count.get(e.getKey());
            if (e.getValue().equals(List.of("conflict"))) {
                for (int k = 0; k < n; k++) {
                    de.reject("conflict");
                }
            } else {
                for (int k = 1; k < n; k++) {
                    de.reject("duplicate");
                }
            }
        }
        all.put("deals", de);

        Dataset ta = read(base, inputs.get("targets"), utf8, Map.of());
        for (Map<String, String> r : ta.rows) {
            if (r.get("festival_id") == null || r.get("metric_id") == null || r.get("target") == null
                    || !number(r.get("target")) || !festivals.contains(r.get("festival_id"))) {
                ta.reject("invalid");
            }
        }
        all.put("targets", ta);
        return all;
    }
}
