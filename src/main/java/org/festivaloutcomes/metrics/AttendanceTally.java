package org.festivaloutcomes.metrics;

import static org.festivaloutcomes.metrics.MetricSupport.isSet;
import static org.festivaloutcomes.metrics.MetricSupport.member;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
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
 * The attendance counters of one partition, filled by one walk over its rows, which arrive in any order.
 * Rows counted one by one (anonymous and staff rows, visitor key null) are counted as they come, as is
 * everything an identified row counts regardless of the attendee's other rows (admissions, rows per
 * member). Identified rows are then kept as two longs each ({@link KeyedRows}: the visitor key, and the
 * row's festival, day and shape - the counters it counts in), sorted, and each attendee's rows walked in
 * (festival, day) order, so every distinct count (attendee-days, attendees) is decided by comparing
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

    /**
     * A partition's parts as bytes: what a task sends to the driver. Java serialization of thousands of
     * small records was a cold path of its own on the driver (its reading code compiled for them alone).
     */
    static byte[] encode(List<Part> parts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(parts.size());
            for (Part p : parts) {
                out.writeInt(p.festival());
                out.writeInt(p.dimension());
                out.writeBoolean(p.member() != null);
                if (p.member() != null) {
                    out.writeUTF(p.member());
                }
                out.writeInt(p.at().length);
                for (int i = 0; i < p.at().length; i++) {
                    out.writeInt(p.at()[i]);
                    out.writeLong(p.values()[i]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: does not happen
        }
        return bytes.toByteArray();
    }

    /** The parts {@link #encode} wrote. */
    static List<Part> decode(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            int n = in.readInt();
            List<Part> parts = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                int festival = in.readInt();
                int dimension = in.readInt();
                String member = in.readBoolean() ? in.readUTF() : null;
                int[] at = new int[in.readInt()];
                long[] values = new long[at.length];
                for (int i = 0; i < at.length; i++) {
                    at[i] = in.readInt();
                    values[i] = in.readLong();
                }
                parts.add(new Part(festival, dimension, member, at, values));
            }
            return parts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        /** Unique within the walk: shapes are told apart by their counters' ids. */
        final int id;
        final int dimension;
        final String member;
        final long[] counts;
        int visitSeq;
        int visitDay;
        final int[] seenSeq = new int[SLOTS];
        final int[] seenMonth = new int[SLOTS];

        Counter(int id, int dimension, String member, int buckets) {
            this.id = id;
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

    /** The counters of an event's event, event_type, section, pavilion and district members. */
    private record EventCounters(int id, Counter[] counters) {
    }

    /**
     * What a row counts in apart from its day: its festival, its flags and the counters of its members,
     * the headline first. Many rows share one shape, so an identified row waits for its attendee's
     * other rows as two longs: its key, and its festival, day and shape.
     */
    private record Shape(int id, int festival, int flags, Counter[] counters) {
    }

    /** Shapes of one festival by (flags, event, attendee_type, origin_region, channel) ids; -1 = none. */
    private static final class Shapes {
        private static final int WIDTH = 5;
        private int[] keys = new int[WIDTH * 64];
        private Shape[] values = new Shape[64];
        private int size;

        Shape get(int flags, int event, int type, int region, int channel) {
            int mask = values.length - 1;
            for (int i = hash(flags, event, type, region, channel) & mask; values[i] != null; i = (i + 1) & mask) {
                int at = i * WIDTH;
                if (keys[at] == flags && keys[at + 1] == event && keys[at + 2] == type && keys[at + 3] == region
                        && keys[at + 4] == channel) {
                    return values[i];
                }
            }
            return null;
        }

        void put(int flags, int event, int type, int region, int channel, Shape shape) {
            if (2 * (size + 1) > values.length) {
                int[] oldKeys = keys;
                Shape[] oldValues = values;
                keys = new int[oldKeys.length * 2];
                values = new Shape[oldValues.length * 2];
                for (int i = 0; i < oldValues.length; i++) {
                    if (oldValues[i] != null) {
                        int at = i * WIDTH;
                        insert(oldKeys[at], oldKeys[at + 1], oldKeys[at + 2], oldKeys[at + 3], oldKeys[at + 4],
                                oldValues[i]);
                    }
                }
            }
            insert(flags, event, type, region, channel, shape);
            size++;
        }

        private void insert(int flags, int event, int type, int region, int channel, Shape shape) {
            int mask = values.length - 1;
            int i = hash(flags, event, type, region, channel) & mask;
            while (values[i] != null) {
                i = (i + 1) & mask;
            }
            int at = i * WIDTH;
            keys[at] = flags;
            keys[at + 1] = event;
            keys[at + 2] = type;
            keys[at + 3] = region;
            keys[at + 4] = channel;
            values[i] = shape;
        }

        private static int hash(int flags, int event, int type, int region, int channel) {
            long h = flags;
            h = h * 0x9E3779B97F4A7C15L + event;
            h = h * 0x9E3779B97F4A7C15L + type;
            h = h * 0x9E3779B97F4A7C15L + region;
            h = h * 0x9E3779B97F4A7C15L + channel;
            h ^= h >>> 29;
            h *= 0xBF58476D1CE4E5B9L;
            return (int) (h ^ (h >>> 32));
        }
    }

    /** One festival's counters and lookups from raw values to them. */
    private final class Festival {
        /** Day counters are kept in an array over a span of days up to this long, else in a map. */
        private static final int MAX_DAY_SPAN = 1 << 16;

        final int index;
        final int buckets;
        final int[] firstDays;
        final boolean breakdowns;
        final Map<String, String[]> events;
        final Counter headline;
        final List<Counter> all = new ArrayList<>();
        @SuppressWarnings("unchecked")
        final Map<String, Counter>[] byMember = new HashMap[DIMENSIONS.length];
        final Map<Integer, Counter> days = new HashMap<>();
        Counter[] daySpan;
        int firstSpanDay;
        final ByValue types = new ByValue();
        final ByValue regions = new ByValue();
        final ByValue channels = new ByValue();
        final ByBytes<EventCounters> byEvent = new ByBytes<>();
        EventCounters generalAdmission;
        final Shapes shapes = new Shapes();

        Festival(int f) {
            index = f;
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
                c = new Counter(counters++, dimension, member, buckets);
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

        /** The day's counter: looked up for every on-site row, in no particular day order. */
        Counter day(int epochDay) {
            int at = epochDay - firstSpanDay;
            if (daySpan != null && at >= 0 && at < daySpan.length && daySpan[at] != null) {
                return daySpan[at];
            }
            Counter c = days.get(epochDay);
            if (c == null) {
                c = counter(DAY_DIM, LocalDate.ofEpochDay(epochDay).toString());
                days.put(epochDay, c);
                spanDays();
            }
            return c;
        }

        /** Keeps the day counters in an array while the days seen span no more than MAX_DAY_SPAN. */
        private void spanDays() {
            int first = Integer.MAX_VALUE;
            int last = Integer.MIN_VALUE;
            for (int d : days.keySet()) {
                first = Math.min(first, d);
                last = Math.max(last, d);
            }
            if ((long) last - first >= MAX_DAY_SPAN) {
                daySpan = null;
                return;
            }
            firstSpanDay = first;
            daySpan = new Counter[last - first + 1];
            for (Map.Entry<Integer, Counter> d : days.entrySet()) {
                daySpan[d.getKey() - first] = d.getValue();
            }
        }

        /** Counters of the event, event_type, section, pavilion and district members of a row's event. */
        EventCounters event(InternalRow row) {
            if (row.isNullAt(EVENT)) {
                if (generalAdmission == null) {
                    Counter[] c = new Counter[1 + AttendancePlan.EVENT_DIMS];
                    for (int i = 0; i < c.length; i++) {
                        c[i] = counter(EVENT_DIM + i, MetricSupport.GENERAL_ADMISSION);
                    }
                    generalAdmission = new EventCounters(eventCounters++, c);
                }
                return generalAdmission;
            }
            UTF8String raw = row.getUTF8String(EVENT);
            EventCounters ec = byEvent.get(raw);
            if (ec == null) {
                String eventId = raw.toString();
                Counter[] c = new Counter[1 + AttendancePlan.EVENT_DIMS];
                c[0] = counter(EVENT_DIM, member(eventId));
                String[] members = events.get(eventId);
                for (int i = 1; i < c.length; i++) {
                    c[i] = counter(EVENT_DIM + i, members == null ? MetricSupport.NONE : members[i - 1]);
                }
                ec = new EventCounters(eventCounters++, c);
                byEvent.put(raw, ec);
            }
            return ec;
        }

        /**
         * A row's shape: visitor rows on site count in every dimension, other visitor rows in the
         * headline, event and channel only, staff rows in the headline only.
         */
        Shape shape(int flags, InternalRow row) {
            boolean visitor = (flags & STAFF_ROW) == 0;
            boolean onsite = (flags & ONSITE_ROW) != 0;
            EventCounters event = null;
            Counter type = null;
            Counter region = null;
            Counter channel = null;
            if (visitor && breakdowns) {
                event = event(row);
                if (onsite) {
                    type = of(types, ATTENDEE_TYPE, row, TYPE);
                    region = of(regions, ORIGIN_REGION, row, REGION);
                }
                channel = of(channels, CHANNEL_DIM, row, CHANNEL);
            }
            int eventId = event == null ? -1 : event.id();
            int typeId = type == null ? -1 : type.id;
            int regionId = region == null ? -1 : region.id;
            int channelId = channel == null ? -1 : channel.id;
            Shape s = shapes.get(flags, eventId, typeId, regionId, channelId);
            if (s == null) {
                List<Counter> members = new ArrayList<>();
                members.add(headline);
                if (event != null) {
                    if (onsite) {
                        members.addAll(Arrays.asList(event.counters()));
                        members.add(type);
                        members.add(region);
                    } else {
                        members.add(event.counters()[0]);
                    }
                    members.add(channel);
                }
                if (shapeList.size() > maxShape) {
                    throw new IllegalStateException("more than " + maxShape
                            + " distinct combinations of members in one partition of the attendance pass");
                }
                s = new Shape(shapeList.size(), index, flags, members.toArray(Counter[]::new));
                shapeList.add(s);
                shapes.put(flags, eventId, typeId, regionId, channelId, s);
            }
            return s;
        }
    }

    /** One row as the walk needs it: its shape (festival, flags, counters), day and bucket. */
    private static final class Entry {
        int day;
        int bucket;
        int inMonth;
        long admissions;
        Shape shape;
        /** The day's counter for a visitor row on site, else null. */
        Counter dayCounter;
    }

    /** Epoch days (0001-01-01 to 9999-12-31 are within +-2^22) are kept as 24 unsigned bits. */
    private static final int DAY_BIAS = 1 << 23;
    private static final int DAY_BITS = 24;

    private final AttendancePlan plan;
    private final Festival[] festivals;
    private final List<Shape> shapeList = new ArrayList<>();
    /** Payload layout: festival (top bits), day, shape id (low bits). */
    private final int festivalBits;
    private final int shapeBits;
    private final int maxShape;
    private int counters;
    private int eventCounters;

    /** Sequence number of the current (attendee, festival); counters remember the last one they counted. */
    private int seq;
    private int onsiteDays;
    private int monthBucket;
    private int onsiteDaysInMonth;

    private AttendanceTally(AttendancePlan plan) {
        this.plan = plan;
        int n = plan.festivals.length;
        festivalBits = n <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(n - 1);
        shapeBits = 64 - DAY_BITS - festivalBits;
        if (shapeBits < 20) {
            throw new IllegalArgumentException("too many festivals in one attendance pass: " + n);
        }
        maxShape = (int) Math.min(Integer.MAX_VALUE - 8, (1L << shapeBits) - 1);
        this.festivals = new Festival[n];
        for (int f = 0; f < n; f++) {
            festivals[f] = new Festival(f);
        }
    }

    /**
     * Walks a partition's rows, in any order, and returns its counters. Rows counted one by one
     * (anonymous and staff rows, visitor key null) and everything that does not depend on an attendee's
     * other rows are counted as rows come; identified rows are kept as (key, festival, day, shape),
     * sorted, and each attendee's rows walked in (festival, day) order.
     */
    static List<Part> walk(AttendancePlan plan, Iterator<InternalRow> input) {
        return walk(plan, input, KeyedRows.defaultLimit());
    }

    /** As {@link #walk(AttendancePlan, Iterator)}, spilling past {@code limit} identified rows. */
    static List<Part> walk(AttendancePlan plan, Iterator<InternalRow> input, int limit) {
        AttendanceTally tally = new AttendanceTally(plan);
        Entry e = new Entry();
        // facts rows name their combination of text values: its shape is found once per file, not per row
        FactRows facts = input instanceof FactRows f ? f : null;
        try (KeyedRows identified = new KeyedRows(limit)) {
            while (input.hasNext()) {
                InternalRow row = input.next();
                if (!(facts == null ? tally.read(row, e) : tally.read(row, e, facts))) {
                    continue;
                }
                if (row.isNullAt(K)) {
                    tally.countLoose(e);
                } else {
                    tally.countRow(e);
                    identified.add(row.getLong(K), tally.payload(e));
                }
            }
            tally.countAttendees(identified.sorted(), e);
        }
        return tally.parts();
    }

    /**
     * Reads a row into an entry with its shape and day counter; false for a row after the festival's
     * last requested month.
     */
    private boolean read(InternalRow row, Entry e) {
        int f = row.getInt(FESTIVAL);
        int day = row.getInt(DAY);
        int bucket = plan.bucket(f, day);
        if (bucket < 0) {
            return false;
        }
        Festival fest = festivals[f];
        int flags = row.getInt(FLAGS);
        e.admissions = row.getLong(ADMISSIONS);
        place(e, fest.shape(flags, row), day, bucket);
        return true;
    }

    /** The shapes of the open facts file's combinations, found as they come (null: not yet). */
    private Shape[] shapeOfCombination = new Shape[0];
    private int shapesOfFile = -1;

    /** {@link #read(InternalRow, Entry)} of a facts row, whose shape follows from its combination. */
    private boolean read(InternalRow row, Entry e, FactRows facts) {
        int f = row.getInt(FESTIVAL);
        int day = row.getInt(DAY);
        int bucket = plan.bucket(f, day);
        if (bucket < 0) {
            return false;
        }
        if (facts.file() != shapesOfFile) {
            shapesOfFile = facts.file();
            shapeOfCombination = new Shape[facts.combinations()];
        }
        int c = facts.combination();
        Shape shape = shapeOfCombination[c];
        if (shape == null) {
            shape = shapeOfCombination[c] = festivals[f].shape(row.getInt(FLAGS), row);
        }
        e.admissions = row.getLong(ADMISSIONS);
        place(e, shape, day, bucket);
        return true;
    }

    /** Fills an entry's shape, day, bucket and day counter. */
    private void place(Entry e, Shape shape, int day, int bucket) {
        Festival fest = festivals[shape.festival()];
        e.shape = shape;
        e.day = day;
        e.bucket = bucket;
        e.inMonth = day >= fest.firstDays[bucket] ? 1 : 0;
        boolean onsiteVisitor = (shape.flags() & (STAFF_ROW | ONSITE_ROW)) == ONSITE_ROW;
        e.dayCounter = onsiteVisitor ? fest.day(day) : null;
    }

    /** An identified row as one long: festival (top bits), day, shape id. */
    private long payload(Entry e) {
        long festival = festivalBits == 0 ? 0 : (long) e.shape.festival() << (64 - festivalBits);
        return festival | ((long) (e.day + DAY_BIAS) & ((1L << DAY_BITS) - 1)) << shapeBits | e.shape.id();
    }

    /** The identified rows sorted by key: each attendee's rows festival by festival, in day order. */
    private void countAttendees(KeyedRows.Cursor rows, Entry e) {
        long shapeMask = (1L << shapeBits) - 1;
        long key = 0;
        boolean first = true;
        int festival = -1;
        int lastFestival = -1;
        int lastDay = 0;
        int lastBucket = -1;
        while (rows.next()) {
            long k = rows.key();
            long p = rows.payload();
            Shape shape = shapeList.get((int) (p & shapeMask));
            int day = (int) ((p >>> shapeBits) & ((1L << DAY_BITS) - 1)) - DAY_BIAS;
            if (first || k != key || shape.festival() != festival) {
                first = false;
                key = k;
                festival = shape.festival();
                seq++;
                onsiteDays = 0;
                monthBucket = -1;
                onsiteDaysInMonth = 0;
            }
            if (festival != lastFestival || day != lastDay) {
                lastFestival = festival;
                lastDay = day;
                lastBucket = plan.bucket(festival, day);
            }
            place(e, shape, day, lastBucket);
            countIdentified(e);
        }
    }

    /** An anonymous or staff row: admissions, and anonymous admissions wherever a person would count. */
    private void countLoose(Entry e) {
        int flags = e.shape.flags();
        int buckets = festivals[e.shape.festival()].buckets;
        boolean onsite = (flags & ONSITE_ROW) != 0;
        boolean online = (flags & ONLINE_ROW) != 0;
        Counter[] members = e.shape.counters();
        if ((flags & STAFF_ROW) != 0) {
            if (onsite) {
                add(members[0], STAFF_ADMITTED, buckets, e, e.admissions);
            }
            return;
        }
        if (onsite) {
            add(members[0], ADMITTED, buckets, e, e.admissions);
        }
        for (Counter c : members) {
            countLoose(c, buckets, e, onsite, online);
        }
        if (e.dayCounter != null) {
            countLoose(e.dayCounter, buckets, e, onsite, online);
        }
    }

    private static void countLoose(Counter c, int buckets, Entry e, boolean onsite, boolean online) {
        countRow(c, buckets, e, onsite, online);
        if (onsite) {
            add(c, ANON_ONSITE, buckets, e, e.admissions);
        } else if (online) {
            add(c, ANON_ONLINE, buckets, e, e.admissions);
        }
    }

    /** What an identified row counts regardless of the attendee's other rows: admissions and rows. */
    private void countRow(Entry e) {
        int flags = e.shape.flags();
        int buckets = festivals[e.shape.festival()].buckets;
        boolean onsite = (flags & ONSITE_ROW) != 0;
        boolean online = (flags & ONLINE_ROW) != 0;
        Counter[] members = e.shape.counters();
        if (onsite) {
            add(members[0], ADMITTED, buckets, e, e.admissions);
        }
        for (Counter c : members) {
            countRow(c, buckets, e, onsite, online);
        }
        if (e.dayCounter != null) {
            countRow(e.dayCounter, buckets, e, onsite, online);
        }
    }

    /** An identified row in its attendee's (festival, day) order: the distinct counts. */
    private void countIdentified(Entry e) {
        int flags = e.shape.flags();
        int buckets = festivals[e.shape.festival()].buckets;
        boolean onsite = (flags & ONSITE_ROW) != 0;
        boolean online = (flags & ONLINE_ROW) != 0;
        Counter[] members = e.shape.counters();
        Counter headline = members[0];
        for (Counter c : members) {
            countDistinct(c, buckets, e, onsite, online, c == headline);
        }
        if (e.dayCounter != null) {
            countDistinct(e.dayCounter, buckets, e, onsite, online, false);
        }
        if (onsite) {
            if ((flags & TRADE_ROW) != 0) {
                seen(headline, TRADE, buckets, e);
            }
            if ((flags & KNOWN_TYPE_ROW) != 0) {
                seen(headline, KNOWN_TYPE, buckets, e);
            }
            if ((flags & COUNTRY_ROW) != 0) {
                seen(headline, COUNTRY_SET, buckets, e);
            }
            if ((flags & FOREIGN_ROW) != 0) {
                seen(headline, FOREIGN, buckets, e);
            }
        }
    }

    private void countDistinct(Counter c, int buckets, Entry e, boolean onsite, boolean online, boolean headline) {
        seen(c, REACH, buckets, e);
        if (onsite) {
            boolean newDay = visit(c, buckets, e);
            seen(c, VISITORS, buckets, e);
            if (headline && newDay) {
                repeat(c, buckets, e);
            }
        } else if (online) {
            seen(c, ONLINE, buckets, e);
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
