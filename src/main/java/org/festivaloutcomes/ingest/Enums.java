package org.festivaloutcomes.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Enum values of inputs.md with their built-in synonyms (the Chinese labels real exports use). */
public final class Enums {

    public static final List<String> EVENT_TYPES = List.of("opening_ceremony", "keynote_forum", "theme_forum",
            "seminar", "product_launch", "live_broadcast", "exhibition", "campaign", "experience",
            "signing_ceremony", "other");
    public static final List<String> EVENT_CHANNELS = List.of("onsite", "online", "hybrid");
    public static final List<String> ATTENDANCE_CHANNELS = List.of("onsite", "online");
    public static final List<String> ATTENDEE_TYPES = List.of("trade", "public", "media", "vip", "exhibitor_staff",
            "organizer_staff", "other", "unspecified");
    public static final List<String> ORG_TYPES = List.of("enterprise", "institution");
    public static final List<String> ROLES = List.of("main_exhibitor", "co_exhibitor", "represented", "sponsor",
            "partner", "organizer", "broadcaster");
    public static final List<String> DEAL_TYPES = List.of("investment", "procurement", "sales", "cooperation",
            "other");
    public static final List<String> AMOUNT_UNITS = List.of("yuan", "thousand", "wan", "million", "yi");
    public static final List<String> STATUSES = List.of("intended", "signed", "registered", "started", "producing",
            "completed", "cancelled");

    static final String[] EVENT_TYPE_SYNONYMS = {"开幕式", "opening_ceremony", "主论坛", "keynote_forum",
        "主题论坛", "theme_forum", "分论坛", "theme_forum", "研讨会", "seminar", "新品发布", "product_launch",
        "直播", "live_broadcast", "展览", "exhibition", "促销活动", "campaign", "体验活动", "experience",
        "签约仪式", "signing_ceremony", "其他", "other"};
    static final String[] CHANNEL_SYNONYMS = {"线下", "onsite", "线上", "online", "线上线下", "hybrid"};
    static final String[] ATTENDANCE_CHANNEL_SYNONYMS = {"线下", "onsite", "线上", "online"};
    static final String[] ATTENDEE_TYPE_SYNONYMS = {"专业观众", "trade", "普通观众", "public", "公众", "public",
        "媒体", "media", "嘉宾", "vip", "贵宾", "vip", "展商人员", "exhibitor_staff", "参展商工作人员",
        "exhibitor_staff", "工作人员", "organizer_staff", "主办方工作人员", "organizer_staff", "其他", "other"};
    static final String[] ORG_TYPE_SYNONYMS = {"企业", "enterprise", "机构", "institution", "事业单位",
        "institution"};
    static final String[] ROLE_SYNONYMS = {"参展商", "main_exhibitor", "主展商", "main_exhibitor", "联合参展商",
        "co_exhibitor", "代理展示", "represented", "赞助商", "sponsor", "合作伙伴", "partner", "主办单位",
        "organizer", "承办单位", "organizer", "直播机构", "broadcaster"};
    static final String[] DEAL_TYPE_SYNONYMS = {"投资", "investment", "采购", "procurement", "销售", "sales",
        "合作", "cooperation", "其他", "other"};
    static final String[] AMOUNT_UNIT_SYNONYMS = {"元", "yuan", "千元", "thousand", "万元", "wan", "百万",
        "million", "亿元", "yi"};
    static final String[] STATUS_SYNONYMS = {"意向", "intended", "签约", "signed", "注册", "registered", "开工",
        "started", "投产", "producing", "竣工", "completed", "取消", "cancelled", "终止", "cancelled"};

    private Enums() {
    }

    /** Lower-cased lookup table: every canonical value maps to itself, every synonym to its value. */
    static Map<String, String> table(List<String> values, String... synonymPairs) {
        Map<String, String> table = new LinkedHashMap<>();
        for (String value : values) {
            table.put(value, value);
        }
        for (int i = 0; i < synonymPairs.length; i += 2) {
            table.put(normalize(synonymPairs[i]), synonymPairs[i + 1]);
        }
        return Map.copyOf(table);
    }

    /** How enum text and header names are matched: trimmed, case-insensitively. */
    public static String normalize(String text) {
        return text.strip().toLowerCase(Locale.ROOT);
    }
}
