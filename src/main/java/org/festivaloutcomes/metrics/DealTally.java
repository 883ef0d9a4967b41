package org.festivaloutcomes.metrics;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DecimalType;
import org.festivaloutcomes.ingest.SectionFiles;
import org.festivaloutcomes.report.CsvText;

/**
 * The walk of {@link DealMetrics}: the rows of one partition are taken one deal at a time, in
 * status_date order; for every request of the deal's festival the deal's state is its last
 * row dated on or before the request's last day, and a state signed on or before that day is counted
 * into small counters (headlines per request and scope, signed count and value per breakdown member,
 * the largest deals). The counters of all partitions are merged on the driver.
 */
final class DealTally {

    /** The columns the walk reads, in this order. */
    static final String[] COLUMNS = {"festival_id", "deal_id", "status_date", "signed_on", "status", "amount_cny",
        "funds_cny", "is_key_project", "industry", "deal_type", "event_id", "enterprise_id", "project_name",
        "counterparty"};
    private static final int FESTIVAL = 0;
    private static final int DEAL = 1;
    private static final int STATUS_DATE = 2;
    private static final int SIGNED_ON = 3;
    private static final int STATUS = 4;
    private static final int AMOUNT = 5;
    private static final int FUNDS = 6;
    private static final int KEY_PROJECT = 7;
    private static final int INDUSTRY = 8;
    private static final int DEAL_TYPE = 9;
    private static final int EVENT = 10;
    private static final int ENTERPRISE = 11;
    private static final int PROJECT = 12;
    private static final int COUNTERPARTY = 13;
    /** After the columns: xxhash64 of festival_id and deal_id, the one sort key. */
    private static final int HASH = COLUMNS.length;

    private DealTally() {
    }

    /** A request as the walk needs it: its position in the call and its month's first and last day. */
    record Request(int index, LocalDate first, LocalDate last, boolean breakdowns) implements Serializable {
    }

    /**
     * What every task needs: the requests of each festival and the name and region of each enterprise
     * of the requested festivals (key festival_id + NUL + enterprise_id).
     */
    record Plan(Map<String, List<Request>> requestsByFestival, Map<String, String[]> enterprises, int topLimit,
            DecimalType amountType, DecimalType fundsType) implements Serializable {
    }

    /** Headline counters of one request and scope; a sum stays null until a row adds to it. */
    static final class Headline implements Serializable {
        long signed;
        long keyProjects;
        long intended;
        long cancelled;
        long landed;
        long started;
        BigDecimal signedValue;
        BigDecimal intendedValue;
        BigDecimal funds;

        void merge(Headline o) {
            signed += o.signed;
            keyProjects += o.keyProjects;
            intended += o.intended;
            cancelled += o.cancelled;
            landed += o.landed;
            started += o.started;
            signedValue = add(signedValue, o.signedValue);
            intendedValue = add(intendedValue, o.intendedValue);
            funds = add(funds, o.funds);
        }
    }

    /** Signed count and value of one breakdown member. */
    static final class Member implements Serializable {
        long count;
        BigDecimal value;
    }

    /** A deal's state kept for the list of top deals. */
    record State(String dealId, String projectName, String counterparty, String enterpriseName, String dealType,
            String industry, String status, LocalDate signedOn, LocalDate statusDate, BigDecimal amountCny,
            BigDecimal fundsCny, boolean keyProject) implements Serializable {
    }

    /** Largest amount first, then deal_id in code point order (Spark's order of strings). */
    static final Comparator<State> TOP_ORDER = Comparator.comparing(State::amountCny, Comparator.reverseOrder())
            .thenComparing(State::dealId, CsvText::compareCodePoints);

    /** The counters of one partition, or of all once merged. */
    static final class Part implements Serializable {
        /** Key: request index, NUL, scope code. */
        final Map<String, Headline> headlines = new HashMap<>();
        /** Key: request index, NUL, scope code, NUL, dimension, NUL, member. */
        final Map<String, Member> members = new HashMap<>();
        /** The largest states of each request with breakdowns, at most the plan's limit, in order. */
        final Map<Integer, List<State>> top = new HashMap<>();

        Part merge(Part o, int limit) {
            o.headlines.forEach((k, h) -> headlines.computeIfAbsent(k, x -> new Headline()).merge(h));
            o.members.forEach((k, m) -> {
                Member mine = members.computeIfAbsent(k, x -> new Member());
                mine.count += m.count;
                mine.value = add(mine.value, m.value);
            });
            o.top.forEach((req, states) -> states.forEach(s -> offer(req, s, limit)));
            return this;
        }

        /**
         * The part as bytes: what a task sends to the driver. Java serialization of its maps, BigDecimals
         * and dates was a cold path of its own on the driver (compiled for these results alone).
         */
        byte[] encode() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(headlines.size());
                for (Map.Entry<String, Headline> e : headlines.entrySet()) {
                    Headline h = e.getValue();
                    SectionFiles.writeText(out, e.getKey());
                    for (long v : new long[] {h.signed, h.keyProjects, h.intended, h.cancelled, h.landed, h.started}) {
                        out.writeLong(v);
                    }
                    writeDecimal(out, h.signedValue);
                    writeDecimal(out, h.intendedValue);
                    writeDecimal(out, h.funds);
                }
                out.writeInt(members.size());
                for (Map.Entry<String, Member> e : members.entrySet()) {
                    SectionFiles.writeText(out, e.getKey());
                    out.writeLong(e.getValue().count);
                    writeDecimal(out, e.getValue().value);
                }
                out.writeInt(top.size());
                for (Map.Entry<Integer, List<State>> e : top.entrySet()) {
                    out.writeInt(e.getKey());
                    out.writeInt(e.getValue().size());
                    for (State st : e.getValue()) {
                        for (String text : new String[] {st.dealId(), st.projectName(), st.counterparty(),
                            st.enterpriseName(), st.dealType(), st.industry(), st.status()}) {
                            SectionFiles.writeText(out, text);
                        }
                        out.writeLong(st.signedOn().toEpochDay());
                        out.writeLong(st.statusDate().toEpochDay());
                        writeDecimal(out, st.amountCny());
                        writeDecimal(out, st.fundsCny());
                        out.writeBoolean(st.keyProject());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e); // in memory: does not happen
            }
            return bytes.toByteArray();
        }

        /** The part {@link #encode} wrote. */
        static Part decode(byte[] encoded) {
            Part part = new Part();
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
                for (int n = in.readInt(); n > 0; n--) {
                    String key = SectionFiles.readText(in);
                    Headline h = new Headline();
                    h.signed = in.readLong();
                    h.keyProjects = in.readLong();
                    h.intended = in.readLong();
                    h.cancelled = in.readLong();
                    h.landed = in.readLong();
                    h.started = in.readLong();
                    h.signedValue = readDecimal(in);
                    h.intendedValue = readDecimal(in);
                    h.funds = readDecimal(in);
                    part.headlines.put(key, h);
                }
                for (int n = in.readInt(); n > 0; n--) {
                    String key = SectionFiles.readText(in);
                    Member m = new Member();
                    m.count = in.readLong();
                    m.value = readDecimal(in);
                    part.members.put(key, m);
                }
                for (int n = in.readInt(); n > 0; n--) {
                    int request = in.readInt();
                    List<State> states = new ArrayList<>();
                    for (int k = in.readInt(); k > 0; k--) {
                        states.add(new State(SectionFiles.readText(in), SectionFiles.readText(in), SectionFiles.readText(in), SectionFiles.readText(in), SectionFiles.readText(in),
                                SectionFiles.readText(in), SectionFiles.readText(in), LocalDate.ofEpochDay(in.readLong()),
                                LocalDate.ofEpochDay(in.readLong()), readDecimal(in), readDecimal(in),
                                in.readBoolean()));
                    }
                    part.top.put(request, states);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return part;
        }

        private static void writeDecimal(DataOutputStream out, BigDecimal value) throws IOException {
            if (value == null) {
                out.writeInt(-1);
                return;
            }
            byte[] unscaled = value.unscaledValue().toByteArray();
            out.writeInt(unscaled.length);
            out.write(unscaled);
            out.writeInt(value.scale());
        }

        private static BigDecimal readDecimal(DataInputStream in) throws IOException {
            int length = in.readInt();
            if (length < 0) {
                return null;
            }
            byte[] unscaled = new byte[length];
            in.readFully(unscaled);
            return new BigDecimal(new BigInteger(unscaled), in.readInt());
        }

        void offer(int req, State state, int limit) {
            List<State> list = top.computeIfAbsent(req, x -> new ArrayList<>());
            int at = 0;
            while (at < list.size() && TOP_ORDER.compare(list.get(at), state) <= 0) {
                at++;
            }
            if (at < limit) {
                list.add(at, state);
                if (list.size() > limit) {
                    list.remove(list.size() - 1);
                }
            }
        }
    }

    /**
     * Counts the deals of one partition: rows in {@link #COLUMNS} order plus the deal's 64-bit hash
     * last, sorted by that hash only (Spark radix-sorts a single long). A run of one hash is usually one
     * deal; it is split by (festival_id, deal_id), so two deals sharing a hash are still counted apart,
     * and each deal's rows are put in status_date order here.
     */
    static Part walk(Plan plan, Iterator<InternalRow> rows) {
        Walk walk = new Walk(plan);
        List<InternalRow> run = new ArrayList<>();
        long runHash = 0;
        while (rows.hasNext()) {
            InternalRow row = rows.next();
            long hash = row.getLong(HASH);
            if (!run.isEmpty() && hash != runHash) {
                walk.countRun(run);
                run.clear();
            }
            runHash = hash;
            // the sorter reuses its row object
            run.add(row.copy());
        }
        if (!run.isEmpty()) {
            walk.countRun(run);
        }
        return walk.part;
    }

    /** Rows of one hash in (festival_id, deal_id, status_date) order; ids in Spark's (byte) order. */
    private static final Comparator<InternalRow> DEAL_ORDER = Comparator
            .comparing((InternalRow r) -> r.getUTF8String(FESTIVAL))
            .thenComparing(r -> r.getUTF8String(DEAL))
            .thenComparingInt(r -> r.getInt(STATUS_DATE));

    /** One partition's counting: the part, and lookups made once per partition rather than per row. */
    private static final class Walk {
        private final Plan plan;
        private final Part part = new Part();
        /** Per request index: the headline keys of scope month and to_date. */
        private final Map<Integer, String[]> headlineKeys = new HashMap<>();
        private final Map<Integer, String> monthLabels = new HashMap<>();
        private final Map<String, List<Request>> requestsByFestival;

        Walk(Plan plan) {
            this.plan = plan;
            this.requestsByFestival = plan.requestsByFestival();
        }

        void countRun(List<InternalRow> run) {
            if (run.size() > 1) {
                run.sort(DEAL_ORDER);
            }
            int from = 0;
            for (int i = 1; i <= run.size(); i++) {
                if (i == run.size() || !sameDeal(run.get(from), run.get(i))) {
                    countDeal(run.subList(from, i));
                    from = i;
                }
            }
        }

        private static boolean sameDeal(InternalRow a, InternalRow b) {
            return a.getUTF8String(DEAL).equals(b.getUTF8String(DEAL))
                    && a.getUTF8String(FESTIVAL).equals(b.getUTF8String(FESTIVAL));
        }

        private void countDeal(List<InternalRow> rows) {
            String festival = rows.get(0).getUTF8String(FESTIVAL).toString();
            for (Request request : requestsByFestival.getOrDefault(festival, List.of())) {
                int last = (int) request.last().toEpochDay();
                InternalRow state = null;
                for (InternalRow row : rows) {
                    if (row.getInt(STATUS_DATE) > last) {
                        break;
                    }
                    state = row;
                }
                if (state != null && state.getInt(SIGNED_ON) <= last) {
                    count(festival, request, state);
                }
            }
        }

        private void count(String festival, Request request, InternalRow state) {
            int signedOnDay = state.getInt(SIGNED_ON);
            boolean inMonth = signedOnDay >= request.first().toEpochDay();
            String status = state.getUTF8String(STATUS).toString();
            boolean signed = DealMetrics.SIGNED.contains(status);
            BigDecimal amount = decimal(state, AMOUNT, plan.amountType());
            BigDecimal funds = state.isNullAt(FUNDS) ? null : decimal(state, FUNDS, plan.fundsType());
            String[] enterprise = state.isNullAt(ENTERPRISE) ? null
                    : plan.enterprises().get(festival + "\u0000" + state.getUTF8String(ENTERPRISE));
            boolean keyProject = state.getBoolean(KEY_PROJECT);
            String[] keys = headlineKeys.computeIfAbsent(request.index(), i -> new String[] {
                i + "\u0000" + Scope.MONTH.code(), i + "\u0000" + Scope.TO_DATE.code()});
            for (int s = inMonth ? 0 : 1; s < 2; s++) {
                String key = keys[s];
                Headline h = part.headlines.computeIfAbsent(key, k -> new Headline());
                if (signed) {
                    h.signed++;
                    h.signedValue = add(h.signedValue, amount);
                    h.funds = add(h.funds, funds == null ? BigDecimal.ZERO : funds);
                    if (keyProject) {
                        h.keyProjects++;
                    }
                }
                if ("intended".equals(status)) {
                    h.intended++;
                    h.intendedValue = add(h.intendedValue, amount);
                }
                if ("cancelled".equals(status)) {
                    h.cancelled++;
                }
                if (DealMetrics.LANDED.contains(status)) {
                    h.landed++;
                }
                if (DealMetrics.STARTED.contains(status)) {
                    h.started++;
                }
                if (signed && request.breakdowns()) {
                    member(key, "industry", memberOf(state, INDUSTRY), amount);
                    member(key, "deal_type", memberOf(state, DEAL_TYPE), amount);
                    member(key, "event", memberOf(state, EVENT), amount);
                    member(key, "signed_month", monthLabel(signedOnDay), amount);
                    member(key, "enterprise_region", MetricSupport.member(enterprise == null ? null : enterprise[1]),
                            amount);
                }
            }
            if (request.breakdowns() && plan.topLimit() > 0) {
                part.offer(request.index(), new State(state.getUTF8String(DEAL).toString(), text(state, PROJECT),
                        text(state, COUNTERPARTY), enterprise == null ? null : enterprise[0], text(state, DEAL_TYPE),
                        text(state, INDUSTRY), status, LocalDate.ofEpochDay(signedOnDay),
                        LocalDate.ofEpochDay(state.getInt(STATUS_DATE)), amount, funds, keyProject), plan.topLimit());
            }
        }

        private void member(String key, String dimension, String member, BigDecimal amount) {
            Member m = part.members.computeIfAbsent(key + "\u0000" + dimension + "\u0000" + member,
                    k -> new Member());
            m.count++;
            m.value = add(m.value, amount);
        }

        /** yyyy-MM of an epoch day, made once per month. */
        private String monthLabel(int epochDay) {
            LocalDate day = LocalDate.ofEpochDay(epochDay);
            return monthLabels.computeIfAbsent(day.getYear() * 100 + day.getMonthValue(),
                    k -> String.format(Locale.ROOT, "%04d-%02d", day.getYear(), day.getMonthValue()));
        }
    }

    private static String memberOf(InternalRow row, int field) {
        return MetricSupport.member(text(row, field));
    }

    private static String text(InternalRow row, int field) {
        return row.isNullAt(field) ? null : row.getUTF8String(field).toString();
    }

    private static BigDecimal decimal(InternalRow row, int field, DecimalType type) {
        return row.getDecimal(field, type.precision(), type.scale()).toJavaBigDecimal();
    }

    static BigDecimal add(BigDecimal sum, BigDecimal value) {
        return value == null ? sum : sum == null ? value : sum.add(value);
    }
}
