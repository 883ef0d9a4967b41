package org.festivaloutcomes.metrics;

import static org.festivaloutcomes.metrics.MetricSupport.isSet;
import static org.festivaloutcomes.metrics.MetricSupport.member;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The attendance counters of one partition, filled by one walk over its rows, which arrive sorted by
 * visitor key: first the rows counted one by one as they come (anonymous and staff rows, visitor key
 * null), then each identified visitor's rows together. An attendee's rows are ordered by (festival, day)
 * and walked in that order, so every distinct count (attendee-days, attendees) is decided by comparing
 * with the attendee's earlier rows.
 *
 * <p>Counters are kept per (festival, dimension, member) - the headline is a dimension with the one
 * member "" - as one array of slots x buckets x {every day of the bucket, days inside its month} (see
 * {@link AttendancePlan}). A distinct attendee is counted in the bucket where the attendee first
 * qualifies (summed over buckets that gives the to_date count) and once in each month it qualifies in.
 *
 * <p>The walk reads Spark's internal rows (no conversion to Java objects per row): strings are looked up
 * as UTF8String and copied only when a member is first seen.
 */
final class AttendanceTally {

    // Row layout the walk reads (AttendanceMetrics.walkOrder selects it)
    static final int K = 0;
    static final int FESTIVAL = 1;
    static final int DAY = 2;
    static final int FLAGS = 3;
    static final int ADMISSIONS = 4;
    static final int CHANNEL = 5;
    static final int EVENT = 6;
    static final int TYPE = 7;
    static final int REGION = 8;

    // Bits of the FLAGS column
    static final int ONSITE_ROW = 1;
    static final int ONLINE_ROW = 2;
    static final int STAFF_ROW = 4;
    static final int TRADE_ROW = 8;
    static final int KNOWN_TYPE_ROW = 16;
    static final int COUNTRY_ROW = 32;
    static final int FOREIGN_ROW = 64;

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

    /**
     * Counters of one (festival, dimension, member) of one partition as sent to the driver: the
     * non-zero ones only (a day counts in one bucket, most members in few slots), which keeps task
     * results small when many months are requested.
     */
    record Part(int festival, int dimension, String member, int[] at, long[] values) implements Serializable {
    }

    /** A member's counters summed over the partitions. */
    record Totals(int festival, int dimension, String member, long[] counts) {
    }

    /** Sums the partitions' counters per (festival, dimension, member), by festival. */
    static Map<Integer, List<Totals>> merge(AttendancePlan plan, List<List<Part>> partitions) {
        Map<String, Totals> merged = new HashMap<>();
        Map<Integer, List<Totals>> byFestival = new HashMap<>();
        for (List<Part> parts : partitions) {
            for (Part p : parts) {
                Totals t = merged.get(p.festival() + "\u0000" + p.dimension() + "\u0000" + p.member());
                if (t == null) {
                    t = new Totals(p.festival(), p.dimension(), p.member(),
                            new long[SLOTS * plan.buckets(p.festival()) * 2]);
                    merged.put(p.festival() + "\u0000" + p.dimension() + "\u0000" + p.member(), t);
                    byFestival.computeIfAbsent(p.festival(), k -> new ArrayList<>()).add(t);
                }
                for (int i = 0; i < p.at().length; i++) {
                    t.counts()[p.at()[i]] += p.values()[i];
                }
            }
        }
        return byFestival;
    }

    /** Index of a counter: slot, bucket, and 0 = every day of the bucket / 1 = days inside its month. */
    static int index(int slot, int buckets, int bucket, int inMonth) {
        return ((slot * buckets + bucket) << 1) + inMonth;
    }

    /** Counters of one member plus the walk's marks of the last attendee it counted. */
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

    /** Counters of a text dimension by raw value (values that give the same member share one). */
    private static final class ByValue {
        final ByBytes<Counter> counters = new ByBytes<>();
        Counter ofNull;
    }

    /**
     * A map from raw text values to what they count in, looked up for most rows: open addressing on a
     * cheap hash of the first and last 8 bytes (member values are short), where UTF8String's own
     * hashCode runs Murmur3 over every byte and showed as a fifth of the walk.
     */
    static final class ByBytes<V> {
        private UTF8String[] keys = new UTF8String[64];
        private int[] hashes = new int[64];
        private Object[] values = new Object[64];
        private int size;

        @SuppressWarnings("unchecked")
        V get(UTF8String raw) {
            int hash = hash(raw);
            int mask = keys.length - 1;
            for (int i = hash & mask; keys[i] != null; i = (i + 1) & mask) {
                if (hashes[i] == hash && keys[i].equals(raw)) {
                    return (V) values[i];
                }
            }
            return null;
        }

        /** Adds a value under a copy of a key not present yet. */
        void put(UTF8String raw, V value) {
            if (2 * (size + 1) > keys.length) {
                grow();
            }
            insert(raw.copy(), hash(raw), value);
            size++;
        }

        private void insert(UTF8String key, int hash, Object value) {
            int mask = keys.length - 1;
            int i = hash & mask;
            while (keys[i] != null) {
                i = (i + 1) & mask;
            }
            keys[i] = key;
            hashes[i] = hash;
            values[i] = value;
        }

        private void grow() {
            UTF8String[] oldKeys = keys;
            int[] oldHashes = hashes;
            Object[] oldValues = values;
            keys = new UTF8String[oldKeys.length * 2];
            hashes = new int[oldKeys.length * 2];
            values = new Object[oldKeys.length * 2];
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != null) {
                    insert(oldKeys[i], oldHashes[i], oldValues[i]);
                }
            }
        }

        static int hash(UTF8String s) {
            int n = s.numBytes();
            long h = s.getPrefix() * 0x9E3779B97F4A7C15L;
            if (n > 8) {
                h ^= Platform.getLong(s.getBaseObject(), s.getBaseOffset() + n - 8) * 0xC2B2AE3D27D4EB4FL;
            }
            h += n;
            // Murmur3's 64-bit finalizer: ids that differ in one byte spread over the table (a plain fold
            // left them in long runs of neighbouring slots)
            h ^= h >>> 33;
            h *= 0xff51afd7ed558ccdL;
            h ^= h >>> 33;
            h *= 0xc4ceb9fe1a85ec53L;
            h ^= h >>> 33;
            return (int) h;
        }
    }

    /** One festival's counters and lookups from raw values to them. */
    private static final class Festival {
        final int buckets;
        final int[] firstDays;
        final boolean breakdowns;
        final Map<String, String[]> events;
        final Counter headline;
        final List<Counter> all = new ArrayList<>();
        @SuppressWarnings("unchecked")
        final Map<String, Counter>[] byMember = new HashMap[DIMENSIONS.length];
        final Map<Integer, Counter> days = new HashMap<>();
        final ByValue types = new ByValue();
        final ByValue regions = new ByValue();
        final ByValue channels = new ByValue();
        final ByBytes<Counter[]> byEvent = new ByBytes<>();
        Counter[] generalAdmission;
        int lastDay = Integer.MIN_VALUE;
        Counter lastDayCounter;

        Festival(AttendancePlan plan, int f) {
            buckets = plan.buckets(f);
            firstDays = plan.firstDays[f];
            breakdowns = plan.breakdowns[f];
            events = plan.events.get(f);
            for (int d = 0; d < DIMENSIONS.length; d++) {
                byMember[d] = new HashMap<>();
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

        Counter of(ByValue values, int dimension, InternalRow row, int field) {
            if (row.isNullAt(field)) {
                if (values.ofNull == null) {
                    values.ofNull = counter(dimension, MetricSupport.NONE);
                }
                return values.ofNull;
            }
            UTF8String raw = row.getUTF8String(field);
            Counter c = values.counters.get(raw);
            if (c == null) {
                c = counter(dimension, member(raw.toString()));
                values.counters.put(raw, c);
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

        /** Counters of the event, event_type, section, pavilion and district members of a row's event. */
        Counter[] event(InternalRow row) {
            if (row.isNullAt(EVENT)) {
                if (generalAdmission == null) {
                    generalAdmission = new Counter[1 + AttendancePlan.EVENT_DIMS];
                    for (int i = 0; i < generalAdmission.length; i++) {
                        generalAdmission[i] = counter(EVENT_DIM + i, MetricSupport.GENERAL_ADMISSION);
                    }
                }
                return generalAdmission;
            }
            UTF8String raw = row.getUTF8String(EVENT);
            Counter[] c = byEvent.get(raw);
            if (c == null) {
                String eventId = raw.toString();
                c = new Counter[1 + AttendancePlan.EVENT_DIMS];
                c[0] = counter(EVENT_DIM, member(eventId));
                String[] members = events.get(eventId);
                for (int i = 1; i < c.length; i++) {
                    c[i] = counter(EVENT_DIM + i, members == null ? MetricSupport.NONE : members[i - 1]);
                }
                byEvent.put(raw, c);
            }
            return c;
        }
    }

    /** One row as the walk needs it: its festival, day, bucket, flags and the counters it counts in. */
    private static final class Entry {
        int festival;
        int day;
        int bucket;
        int inMonth;
        int flags;
        long admissions;
        int members;
        final Counter[] counters = new Counter[DIMENSIONS.length];
    }

    private static final Comparator<Entry> FESTIVAL_DAY = (a, b) -> a.festival != b.festival
            ? Integer.compare(a.festival, b.festival) : Integer.compare(a.day, b.day);

    private final AttendancePlan plan;
    private final Festival[] festivals;

    /** The current attendee's rows (entries are reused from row to row and attendee to attendee). */
    private Entry[] rows = new Entry[16];
    private int size;

    /** Sequence number of the current (attendee, festival); counters remember the last one they counted. */
    private int seq;
    private int onsiteDays;
    private int monthBucket;
    private int onsiteDaysInMonth;

    private AttendanceTally(AttendancePlan plan) {
        this.plan = plan;
        this.festivals = new Festival[plan.festivals.length];
        for (int f = 0; f < festivals.length; f++) {
            festivals[f] = new Festival(plan, f);
        }
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new Entry();
        }
    }

    /** Walks a partition sorted by visitor key (nulls first) and returns its counters. */
    static List<Part> walk(AttendancePlan plan, Iterator<InternalRow> input) {
        AttendanceTally tally = new AttendanceTally(plan);
        Entry loose = new Entry();
        long key = 0;
        while (input.hasNext()) {
            InternalRow row = input.next();
            if (row.isNullAt(K)) {
                if (tally.read(row, loose)) {
                    tally.countLoose(loose);
                }
                continue;
            }
            long k = row.getLong(K);
            if (k != key && tally.size > 0) {
                tally.countAttendee();
            }
            key = k;
            if (tally.read(row, tally.next())) {
                tally.size++;
            }
        }
        if (tally.size > 0) {
            tally.countAttendee();
        }
        return tally.parts();
    }

    private Entry next() {
        if (size == rows.length) {
            rows = Arrays.copyOf(rows, size * 2);
            for (int i = size; i < rows.length; i++) {
                rows[i] = new Entry();
            }
        }
        return rows[size];
    }

    /**
     * Reads a row into an entry with the counters it counts in (headline first): visitor rows on site
     * count in every dimension, other visitor rows in the headline, event and channel only; false for
     * a row after the festival's last requested month.
     */
    private boolean read(InternalRow row, Entry e) {
        int f = row.getInt(FESTIVAL);
        int day = row.getInt(DAY);
        int bucket = plan.bucket(f, day);
        if (bucket < 0) {
            return false;
        }
        Festival fest = festivals[f];
        e.festival = f;
        e.day = day;
        e.bucket = bucket;
        e.inMonth = day >= fest.firstDays[bucket] ? 1 : 0;
        e.flags = row.getInt(FLAGS);
        e.admissions = row.getLong(ADMISSIONS);
        int n = 0;
        e.counters[n++] = fest.headline;
        if ((e.flags & STAFF_ROW) == 0) {
            boolean onsite = (e.flags & ONSITE_ROW) != 0;
            if (onsite) {
                e.counters[n++] = fest.day(day);
            }
            if (fest.breakdowns) {
                Counter[] event = fest.event(row);
                if (onsite) {
                    for (Counter c : event) {
                        e.counters[n++] = c;
                    }
                    e.counters[n++] = fest.of(fest.types, ATTENDEE_TYPE, row, TYPE);
                    e.counters[n++] = fest.of(fest.regions, ORIGIN_REGION, row, REGION);
                } else {
                    e.counters[n++] = event[0];
                }
                e.counters[n++] = fest.of(fest.channels, CHANNEL_DIM, row, CHANNEL);
            }
        }
        e.members = n;
        return true;
    }

    /** An anonymous or staff row: admissions, and anonymous admissions wherever a person would count. */
    private void countLoose(Entry e) {
        int buckets = festivals[e.festival].buckets;
        boolean onsite = (e.flags & ONSITE_ROW) != 0;
        boolean online = (e.flags & ONLINE_ROW) != 0;
        if ((e.flags & STAFF_ROW) != 0) {
            if (onsite) {
                add(e.counters[0], STAFF_ADMITTED, buckets, e, e.admissions);
            }
            return;
        }
        if (onsite) {
            add(e.counters[0], ADMITTED, buckets, e, e.admissions);
        }
        for (int i = 0; i < e.members; i++) {
            Counter c = e.counters[i];
            countRow(c, buckets, e, onsite, online);
            if (onsite) {
                add(c, ANON_ONSITE, buckets, e, e.admissions);
            } else if (online) {
                add(c, ANON_ONLINE, buckets, e, e.admissions);
            }
        }
    }

    /** The current attendee's rows, festival by festival in day order. */
    private void countAttendee() {
        if (size > 1) {
            Arrays.sort(rows, 0, size, FESTIVAL_DAY);
        }
        int festival = -1;
        for (int r = 0; r < size; r++) {
            Entry e = rows[r];
            if (e.festival != festival) {
                festival = e.festival;
                seq++;
                onsiteDays = 0;
                monthBucket = -1;
                onsiteDaysInMonth = 0;
            }
            countIdentified(e);
        }
        size = 0;
    }

    private void countIdentified(Entry e) {
        int buckets = festivals[e.festival].buckets;
        boolean onsite = (e.flags & ONSITE_ROW) != 0;
        boolean online = (e.flags & ONLINE_ROW) != 0;
        Counter headline = e.counters[0];
        if (onsite) {
            add(headline, ADMITTED, buckets, e, e.admissions);
        }
        for (int i = 0; i < e.members; i++) {
            Counter c = e.counters[i];
            countRow(c, buckets, e, onsite, online);
            seen(c, REACH, buckets, e);
            if (onsite) {
                boolean newDay = visit(c, buckets, e);
                seen(c, VISITORS, buckets, e);
                if (i == 0 && newDay) {
                    repeat(headline, buckets, e);
                }
            } else if (online) {
                seen(c, ONLINE, buckets, e);
            }
        }
        if (onsite) {
            if ((e.flags & TRADE_ROW) != 0) {
                seen(headline, TRADE, buckets, e);
            }
            if ((e.flags & KNOWN_TYPE_ROW) != 0) {
                seen(headline, KNOWN_TYPE, buckets, e);
            }
            if ((e.flags & COUNTRY_ROW) != 0) {
                seen(headline, COUNTRY_SET, buckets, e);
            }
            if ((e.flags & FOREIGN_ROW) != 0) {
                seen(headline, FOREIGN, buckets, e);
            }
        }
    }

    private static void add(Counter c, int slot, int buckets, Entry e, long value) {
        int i = index(slot, buckets, e.bucket, 0);
        c.counts[i] += value;
        if (e.inMonth == 1) {
            c.counts[i + 1] += value;
        }
    }

    private static void countRow(Counter c, int buckets, Entry e, boolean onsite, boolean online) {
        add(c, ROWS, buckets, e, 1);
        if (onsite) {
            add(c, ROWS_ONSITE, buckets, e, 1);
        } else if (online) {
            add(c, ROWS_ONLINE, buckets, e, 1);
        }
    }

    /** Counts the current attendee once per member (first bucket seen) and once per month seen in. */
    private void seen(Counter c, int slot, int buckets, Entry e) {
        int i = index(slot, buckets, e.bucket, 0);
        if (c.seenSeq[slot] != seq) {
            c.seenSeq[slot] = seq;
            c.seenMonth[slot] = -1;
            c.counts[i]++;
        }
        if (e.inMonth == 1 && c.seenMonth[slot] != e.bucket) {
            c.seenMonth[slot] = e.bucket;
            c.counts[i + 1]++;
        }
    }

    /** Counts the current attendee's day once per member; true when the day is new for the member. */
    private boolean visit(Counter c, int buckets, Entry e) {
        if (c.visitSeq == seq && c.visitDay == e.day) {
            return false;
        }
        c.visitSeq = seq;
        c.visitDay = e.day;
        add(c, VISITS, buckets, e, 1);
        return true;
    }

    /** A new on-site day of the current attendee: a repeat visitor from the second day on. */
    private void repeat(Counter headline, int buckets, Entry e) {
        if (++onsiteDays == 2) {
            headline.counts[index(REPEAT, buckets, e.bucket, 0)]++;
        }
        if (e.inMonth == 1) {
            if (monthBucket != e.bucket) {
                monthBucket = e.bucket;
                onsiteDaysInMonth = 0;
            }
            if (++onsiteDaysInMonth == 2) {
                headline.counts[index(REPEAT, buckets, e.bucket, 1)]++;
            }
        }
    }

    private List<Part> parts() {
        List<Part> parts = new ArrayList<>();
        for (int f = 0; f < festivals.length; f++) {
            for (Counter c : festivals[f].all) {
                int n = 0;
                for (long v : c.counts) {
                    if (v != 0) {
                        n++;
                    }
                }
                int[] at = new int[n];
                long[] values = new long[n];
                n = 0;
                for (int i = 0; i < c.counts.length; i++) {
                    if (c.counts[i] != 0) {
                        at[n] = i;
                        values[n++] = c.counts[i];
                    }
                }
                parts.add(new Part(f, c.dimension, c.member, at, values));
            }
        }
        return parts;
    }
}
