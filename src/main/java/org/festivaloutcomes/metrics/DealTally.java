package org.festivaloutcomes.metrics;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.festivaloutcomes.report.CsvText;

/**
 * The walk of {@link DealMetrics}: the rows of one partition, sorted by festival, deal and status_date,
 * are taken one deal at a time; for every request of the deal's festival the deal's state is its last
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

    private DealTally() {
    }

    /** A request as the walk needs it: its position in the call and its month's first and last day. */
    record Request(int index, LocalDate first, LocalDate last, boolean breakdowns) implements Serializable {
    }

    /**
     * What every task needs: the requests of each festival and the name and region of each enterprise
     * of the requested festivals (key festival_id + NUL + enterprise_id).
     */
    record Plan(Map<String, List<Request>> requestsByFestival, Map<String, String[]> enterprises, int topLimit)
            implements Serializable {
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

    /** Counts the deals of one partition (each deal's rows together, sorted by status_date). */
    static Part walk(Plan plan, Iterator<Row> rows) {
        Part part = new Part();
        List<Row> deal = new ArrayList<>();
        while (rows.hasNext()) {
            Row row = rows.next();
            if (!deal.isEmpty() && !(row.getString(DEAL).equals(deal.get(0).getString(DEAL))
                    && row.getString(FESTIVAL).equals(deal.get(0).getString(FESTIVAL)))) {
                countDeal(plan, deal, part);
                deal.clear();
            }
            deal.add(row);
        }
        if (!deal.isEmpty()) {
            countDeal(plan, deal, part);
        }
        return part;
    }

    private static void countDeal(Plan plan, List<Row> rows, Part part) {
        for (Request request : plan.requestsByFestival().getOrDefault(rows.get(0).getString(FESTIVAL), List.of())) {
            Row state = null;
            for (Row row : rows) {
                if (date(row.get(STATUS_DATE)).isAfter(request.last())) {
                    break;
                }
                state = row;
            }
            if (state != null && !date(state.get(SIGNED_ON)).isAfter(request.last())) {
                count(plan, request, state, part);
            }
        }
    }

    private static void count(Plan plan, Request request, Row state, Part part) {
        LocalDate signedOn = date(state.get(SIGNED_ON));
        boolean inMonth = !signedOn.isBefore(request.first());
        String status = state.getString(STATUS);
        boolean signed = DealMetrics.SIGNED.contains(status);
        BigDecimal amount = state.getDecimal(AMOUNT);
        BigDecimal funds = state.isNullAt(FUNDS) ? null : state.getDecimal(FUNDS);
        String[] enterprise = state.isNullAt(ENTERPRISE) ? null
                : plan.enterprises().get(state.getString(FESTIVAL) + "\u0000" + state.getString(ENTERPRISE));
        for (Scope scope : inMonth ? List.of(Scope.MONTH, Scope.TO_DATE) : List.of(Scope.TO_DATE)) {
            String key = request.index() + "\u0000" + scope.code();
            Headline h = part.headlines.computeIfAbsent(key, k -> new Headline());
            if (signed) {
                h.signed++;
                h.signedValue = add(h.signedValue, amount);
                h.funds = add(h.funds, funds == null ? BigDecimal.ZERO : funds);
                if (state.getBoolean(KEY_PROJECT)) {
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
                member(part, key, "industry", member(state, INDUSTRY), amount);
                member(part, key, "deal_type", member(state, DEAL_TYPE), amount);
                member(part, key, "event", member(state, EVENT), amount);
                member(part, key, "signed_month", String.format(java.util.Locale.ROOT, "%04d-%02d",
                        signedOn.getYear(), signedOn.getMonthValue()), amount);
                member(part, key, "enterprise_region", MetricSupport.member(enterprise == null ? null : enterprise[1]), amount);
            }
        }
        if (request.breakdowns() && plan.topLimit() > 0) {
            part.offer(request.index(), new State(state.getString(DEAL), state.getString(PROJECT),
                    state.getString(COUNTERPARTY), enterprise == null ? null : enterprise[0], state.getString(DEAL_TYPE),
                    state.getString(INDUSTRY), status, signedOn, date(state.get(STATUS_DATE)), amount, funds,
                    state.getBoolean(KEY_PROJECT)), plan.topLimit());
        }
    }

    private static void member(Part part, String key, String dimension, String member, BigDecimal amount) {
        Member m = part.members.computeIfAbsent(key + "\u0000" + dimension + "\u0000" + member, k -> new Member());
        m.count++;
        m.value = add(m.value, amount);
    }

    private static String member(Row row, int field) {
        return MetricSupport.member(row.isNullAt(field) ? null : row.getString(field));
    }


    static BigDecimal add(BigDecimal sum, BigDecimal value) {
        return value == null ? sum : sum == null ? value : sum.add(value);
    }

    static LocalDate date(Object value) {
        return value instanceof LocalDate d ? d : ((java.sql.Date) value).toLocalDate();
    }
}
