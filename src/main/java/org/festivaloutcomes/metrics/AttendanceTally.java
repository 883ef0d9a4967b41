package org.festivaloutcomes.metrics;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;

/**
 * The attendance counters of one partition, filled by one walk over its rows, which arrive sorted by
 * (visitor key, festival, day): first the rows counted as they come (anonymous and staff rows, visitor
 * key null), then each identified visitor's rows of one festival together, in day order, so that every
 * distinct count (attendee-days, attendees) is decided by comparing with the attendee's earlier rows.
 *
 * <p>Counters are kept per (festival, dimension, member) - the headline is a dimension with the one
 * member "" - as one array of slots x buckets x {every day of the bucket, days inside its month} (see
 * {@link AttendancePlan}). A distinct attendee is counted in the bucket where the attendee first
 * qualifies (summed over buckets that gives the to_date count) and once in each month it qualifies in.
 */
final class AttendanceTally {

    // Row layout the walk reads (AttendanceMetrics selects it)
    static final int K = 0;
    static final int FESTIVAL = 1;
    static final int DAY = 2;
    static final int CHANNEL = 3;
    static final int EVENT = 4;
    static final int TYPE = 5;
    static final int REGION = 6;
    static final int COUNTRY = 7;
    static final int ADMISSIONS = 8;

    // Dimensions; HEADLINE is the headline row
    static final int HEADLINE = 0;
    static final int DAY_DIM = 1;
    static final int EVENT_DIM = 2;
    /** event_type, section, pavilion, district: EVENT_DIM + 1 .. EVENT_DIM + 4. */
    static final int ATTENDEE_TYPE = 7;
    static final int ORIGIN_REGION = 8;
    static final int CHANNEL_DIM = 9;
    static final String[] DIMENSIONS = {MetricSupport.HEADLINE, "day", "event", "event_type", "section", "pavilion",
        "district", "attendee_type", "origin_region", "channel"};

    // Slots. Identified visitor rows: distinct attendee-days on site, distinct attendees on site /
    // online / either channel; anonymous visitor rows: admissions on site / online; every visitor row:
    // row counts per channel (whether a member has a row of that channel)
    static final int VISITS = 0;
    static final int VISITORS = 1;
    static final int ONLINE = 2;
    static final int REACH = 3;
    static final int ANON_ONSITE = 4;
    static final int ANON_ONLINE = 5;
    static final int ROWS_ONSITE = 6;
    static final int ROWS_ONLINE = 7;
    static final int ROWS = 8;
    // headline only: admissions of visitor / staff rows on site; identified on-site visitors seen on
    // two or more days, with a trade row, a row of known type, a foreign country, a country
    static final int ADMITTED = 9;
    static final int STAFF_ADMITTED = 10;
    static final int REPEAT = 11;
    static final int TRADE = 12;
    static final int KNOWN_TYPE = 13;
    static final int FOREIGN = 14;
    static final int COUNTRY_SET = 15;
    static final int SLOTS = 16;

    static final String ONSITE = "onsite";
    static final String ONLINE_CHANNEL = "online";

    /** Counters of one (festival, dimension, member) as sent to the driver. */
    record Part(int festival, int dimension, String member, long[] counts) implements Serializable {
    }

    /** Index of a counter: slot, bucket, and 0 = every day of the bucket / 1 = days inside its month. */
    static int index(int slot, int buckets, int bucket, int inMonth) {
        return ((slot * buckets + bucket) << 1) + inMonth;
    }

    /** Counters of one member plus the walk's per-attendee marks (which attendee was last counted). */
    private static final class Counter {
        final int dimension;
        final String member;
        final long[] counts;
        int visitSeq;
        int visitDay;
        final int[] seenSeq = new int[SLOTS];
        final int[] seenMonth = new int[SLOTS];

        Counter(int dimension, String member, int buckets) {
            this.dimension = dimension;
            this.member = member;
            this.counts = new long[SLOTS * buckets * 2];
        }
    }

    /** One festival's counters and lookups from raw values to them. */
    private static final class Festival {
        final int buckets;
        final boolean breakdowns;
        final Map<String, String[]> events;
        final Counter headline;
        final List<Counter> all = new ArrayList<>();
        @SuppressWarnings("unchecked")
        final Map<String, Counter>[] byMember = new HashMap[DIMENSIONS.length];
        final Map<Integer, Counter> days = new HashMap<>();
        final Map<String, Counter[]> byEvent = new HashMap<>();
        @SuppressWarnings("unchecked")
        final Map<String, Counter>[] byRaw = new HashMap[DIMENSIONS.length];
        int lastDay = Integer.MIN_VALUE;
        Counter lastDayCounter;

        Festival(AttendancePlan plan, int f) {
            buckets = plan.buckets(f);
            breakdowns = plan.breakdowns[f];
            events = plan.events.get(f);
            for (int d = 0; d < DIMENSIONS.length; d++) {
                byMember[d] = new HashMap<>();
                byRaw[d] = new HashMap<>();
            }
            headline = counter(HEADLINE, MetricSupport.HEADLINE);
        }

        Counter counter(int dimension, String member) {
            Counter c = byMember[dimension].get(member);
            if (c == null) {
                c = new Counter(dimension, member, buckets);
                byMember[dimension].put(member, c);
                all.add(c);
            }
            return c;
        }

        /** The counter of a text dimension's raw value (values that give the same member share it). */
        Counter ofRaw(int dimension, String raw) {
            Counter c = byRaw[dimension].get(raw);
            if (c == null) {
                c = counter(dimension, member(raw));
                byRaw[dimension].put(raw, c);
            }
            return c;
        }

        Counter day(int epochDay) {
            if (epochDay != lastDay) {
                Counter c = days.get(epochDay);
                if (c == null) {
                    c = counter(DAY_DIM, LocalDate.ofEpochDay(epochDay).toString());
                    days.put(epochDay, c);
                }
                lastDay = epochDay;
                lastDayCounter = c;
            }
            return lastDayCounter;
        }

        /** Counters of the event, event_type, section, pavilion and district members of an event_id. */
        Counter[] event(String eventId) {
            Counter[] c = byEvent.get(eventId);
            if (c == null) {
                c = new Counter[1 + AttendancePlan.EVENT_DIMS];
                if (eventId == null) {
                    for (int i = 0; i < c.length; i++) {
                        c[i] = counter(EVENT_DIM + i, MetricSupport.GENERAL_ADMISSION);
                    }
                } else {
                    c[0] = counter(EVENT_DIM, member(eventId));
                    String[] members = events.get(eventId);
                    for (int i = 1; i < c.length; i++) {
                        c[i] = counter(EVENT_DIM + i, members == null ? MetricSupport.NONE : members[i - 1]);
                    }
                }
                byEvent.put(eventId, c);
            }
            return c;
        }
    }

    private final AttendancePlan plan;
    private final Festival[] festivals;
    private final Counter[] rowCounters = new Counter[DIMENSIONS.length];

    /** Sequence number of the current (attendee, festival); counters remember the last one they counted. */
    private int seq;
    private boolean inGroup;
    private long groupKey;
    private int groupFestival;
    private int onsiteDays;
    private int monthBucket;
    private int onsiteDaysInMonth;

    AttendanceTally(AttendancePlan plan) {
        this.plan = plan;
        this.festivals = new Festival[plan.festivals.length];
        for (int f = 0; f < festivals.length; f++) {
            festivals[f] = new Festival(plan, f);
        }
    }

    /** The member of a text value: the value, or (none) when empty (as MetricSupport.member). */
    static String member(String value) {
        return isSet(value) ? value : MetricSupport.NONE;
    }

    /** Not null and not only spaces (Spark's trim removes the space character only). */
    static boolean isSet(String value) {
        if (value == null) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) != ' ') {
                return true;
            }
        }
        return false;
    }

    void add(Row row) {
        int f = row.getInt(FESTIVAL);
        int day = row.getInt(DAY);
        int bucket = plan.bucket(f, day);
        // a row without attendee_type is neither a visitor nor staff row (as the relational definition)
        if (bucket < 0 || row.isNullAt(TYPE)) {
            return;
        }
        Festival fest = festivals[f];
        int buckets = fest.buckets;
        int inMonth = plan.inMonth(f, bucket, day) ? 1 : 0;
        String type = row.getString(TYPE);
        String channel = row.getString(CHANNEL);
        boolean onsite = ONSITE.equals(channel);
        boolean online = ONLINE_CHANNEL.equals(channel);
        long admissions = row.getLong(ADMISSIONS);
        if ("exhibitor_staff".equals(type) || "organizer_staff".equals(type)) {
            if (onsite) {
                add(fest.headline, STAFF_ADMITTED, buckets, bucket, inMonth, admissions);
            }
            return;
        }
        if (onsite) {
            add(fest.headline, ADMITTED, buckets, bucket, inMonth, admissions);
        }
        int n = rowCounters(fest, row, day, channel, onsite, type);
        if (row.isNullAt(K)) {
            for (int i = 0; i < n; i++) {
                Counter c = rowCounters[i];
                countRow(c, buckets, bucket, inMonth, onsite, online);
                if (onsite) {
                    add(c, ANON_ONSITE, buckets, bucket, inMonth, admissions);
                } else if (online) {
                    add(c, ANON_ONLINE, buckets, bucket, inMonth, admissions);
                }
            }
            return;
        }
        long key = row.getLong(K);
        if (!inGroup || key != groupKey || f != groupFestival) {
            inGroup = true;
            groupKey = key;
            groupFestival = f;
            seq++;
            onsiteDays = 0;
            monthBucket = -1;
            onsiteDaysInMonth = 0;
        }
        for (int i = 0; i < n; i++) {
            Counter c = rowCounters[i];
            countRow(c, buckets, bucket, inMonth, onsite, online);
            seen(c, REACH, buckets, bucket, inMonth);
            if (onsite) {
                boolean newDay = visit(c, day, buckets, bucket, inMonth);
                seen(c, VISITORS, buckets, bucket, inMonth);
                if (i == 0 && newDay) {
                    repeat(fest.headline, buckets, bucket, inMonth);
                }
            } else if (online) {
                seen(c, ONLINE, buckets, bucket, inMonth);
            }
        }
        if (onsite) {
            Counter h = fest.headline;
            if ("trade".equals(type)) {
                seen(h, TRADE, buckets, bucket, inMonth);
            }
            if (!"unspecified".equals(type)) {
                seen(h, KNOWN_TYPE, buckets, bucket, inMonth);
            }
            String country = row.isNullAt(COUNTRY) ? null : row.getString(COUNTRY);
            if (isSet(country)) {
                seen(h, COUNTRY_SET, buckets, bucket, inMonth);
                if (!"CN".equals(country)) {
                    seen(h, FOREIGN, buckets, bucket, inMonth);
                }
            }
        }
    }

    /**
     * Fills rowCounters with the members a visitor row counts in (headline first) and returns how many:
     * on-site rows count in every dimension, other rows in the headline, event and channel only.
     */
    private int rowCounters(Festival fest, Row row, int day, String channel, boolean onsite, String type) {
        int n = 0;
        rowCounters[n++] = fest.headline;
        if (onsite) {
            rowCounters[n++] = fest.day(day);
        }
        if (fest.breakdowns) {
            Counter[] event = fest.event(row.isNullAt(EVENT) ? null : row.getString(EVENT));
            if (onsite) {
                for (Counter c : event) {
                    rowCounters[n++] = c;
                }
                rowCounters[n++] = fest.ofRaw(ATTENDEE_TYPE, type);
                rowCounters[n++] = fest.ofRaw(ORIGIN_REGION, row.isNullAt(REGION) ? null : row.getString(REGION));
            } else {
                rowCounters[n++] = event[0];
            }
            rowCounters[n++] = fest.ofRaw(CHANNEL_DIM, channel);
        }
        return n;
    }

    private static void add(Counter c, int slot, int buckets, int bucket, int inMonth, long value) {
        int i = index(slot, buckets, bucket, 0);
        c.counts[i] += value;
        if (inMonth == 1) {
            c.counts[i + 1] += value;
        }
    }

    private static void countRow(Counter c, int buckets, int bucket, int inMonth, boolean onsite, boolean online) {
        add(c, ROWS, buckets, bucket, inMonth, 1);
        if (onsite) {
            add(c, ROWS_ONSITE, buckets, bucket, inMonth, 1);
        } else if (online) {
            add(c, ROWS_ONLINE, buckets, bucket, inMonth, 1);
        }
    }

    /** Counts the current attendee once per member (first bucket seen) and once per month seen in. */
    private void seen(Counter c, int slot, int buckets, int bucket, int inMonth) {
        int i = index(slot, buckets, bucket, 0);
        if (c.seenSeq[slot] != seq) {
            c.seenSeq[slot] = seq;
            c.seenMonth[slot] = -1;
            c.counts[i]++;
        }
        if (inMonth == 1 && c.seenMonth[slot] != bucket) {
            c.seenMonth[slot] = bucket;
            c.counts[i + 1]++;
        }
    }

    /** Counts the current attendee's day once per member; true when the day is new for the member. */
    private boolean visit(Counter c, int day, int buckets, int bucket, int inMonth) {
        if (c.visitSeq == seq && c.visitDay == day) {
            return false;
        }
        c.visitSeq = seq;
        c.visitDay = day;
        add(c, VISITS, buckets, bucket, inMonth, 1);
        return true;
    }

    /** A new on-site day of the current attendee: a repeat visitor from the second day on. */
    private void repeat(Counter headline, int buckets, int bucket, int inMonth) {
        if (++onsiteDays == 2) {
            add(headline, REPEAT, buckets, bucket, 0, 1);
        }
        if (inMonth == 1) {
            if (monthBucket != bucket) {
                monthBucket = bucket;
                onsiteDaysInMonth = 0;
            }
            if (++onsiteDaysInMonth == 2) {
                headline.counts[index(REPEAT, buckets, bucket, 1)]++;
            }
        }
    }

    /** The partition's counters. */
    List<Part> parts() {
        List<Part> parts = new ArrayList<>();
        for (int f = 0; f < festivals.length; f++) {
            for (Counter c : festivals[f].all) {
                parts.add(new Part(f, c.dimension, c.member, c.counts));
            }
        }
        return parts;
    }
}
