package org.festivaloutcomes.metrics;

import static org.festivaloutcomes.metrics.MetricFamily.ATTENDANCE;
import static org.festivaloutcomes.metrics.MetricFamily.DEALS;
import static org.festivaloutcomes.metrics.MetricFamily.EVENTS;
import static org.festivaloutcomes.metrics.MetricFamily.PARTICIPATION;
import static org.festivaloutcomes.metrics.MetricUnit.CNY;
import static org.festivaloutcomes.metrics.MetricUnit.COUNT;
import static org.festivaloutcomes.metrics.MetricUnit.DATE;
import static org.festivaloutcomes.metrics.MetricUnit.FLAG;
import static org.festivaloutcomes.metrics.MetricUnit.RATIO;
import static org.festivaloutcomes.metrics.MetricUnit.SQM;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every metric of the contract (metrics.md): its stable id, unit, family and the dimensions it is
 * broken down by. Names and definitions for people live in the report's label bundles.
 */
public enum Metric {
    ATTENDANCE_ADMISSIONS("attendance.admissions", ATTENDANCE, COUNT),
    ATTENDANCE_VISITS("attendance.visits", ATTENDANCE, COUNT,
            "day", "event", "event_type", "section", "pavilion", "district", "attendee_type"),
    ATTENDANCE_VISITORS("attendance.visitors", ATTENDANCE, COUNT, "day", "event", "origin_region"),
    ATTENDANCE_IDENTIFIED_VISITORS("attendance.identified_visitors", ATTENDANCE, COUNT),
    ATTENDANCE_ONLINE_VIEWERS("attendance.online_viewers", ATTENDANCE, COUNT, "event"),
    ATTENDANCE_TOTAL_REACH("attendance.total_reach", ATTENDANCE, COUNT, "channel"),
    ATTENDANCE_REPEAT_VISITOR_SHARE("attendance.repeat_visitor_share", ATTENDANCE, RATIO),
    ATTENDANCE_TRADE_VISITOR_SHARE("attendance.trade_visitor_share", ATTENDANCE, RATIO),
    ATTENDANCE_FOREIGN_VISITOR_SHARE("attendance.foreign_visitor_share", ATTENDANCE, RATIO),
    ATTENDANCE_PEAK_DAY("attendance.peak_day", ATTENDANCE, DATE),
    ATTENDANCE_PEAK_DAY_VISITS("attendance.peak_day_visits", ATTENDANCE, COUNT),
    ATTENDANCE_STAFF_ADMISSIONS("attendance.staff_admissions", ATTENDANCE, COUNT),

    PARTICIPATION_PARTICIPANTS("participation.participants", PARTICIPATION, COUNT,
            "pavilion", "section", "industry", "role", "region"),
    PARTICIPATION_EXHIBITORS("participation.exhibitors", PARTICIPATION, COUNT),
    PARTICIPATION_CO_EXHIBITORS("participation.co_exhibitors", PARTICIPATION, COUNT),
    PARTICIPATION_REPRESENTED_COMPANIES("participation.represented_companies", PARTICIPATION, COUNT),
    PARTICIPATION_ENTERPRISES("participation.enterprises", PARTICIPATION, COUNT),
    PARTICIPATION_INSTITUTIONS("participation.institutions", PARTICIPATION, COUNT),
    PARTICIPATION_LEADING_ENTERPRISES("participation.leading_enterprises", PARTICIPATION, COUNT),
    PARTICIPATION_REGIONS("participation.regions", PARTICIPATION, COUNT),
    PARTICIPATION_COUNTRIES("participation.countries", PARTICIPATION, COUNT),
    PARTICIPATION_FOREIGN_EXHIBITOR_SHARE("participation.foreign_exhibitor_share", PARTICIPATION, RATIO),
    PARTICIPATION_NET_SPACE_SQM("participation.net_space_sqm", PARTICIPATION, SQM,
            "pavilion", "section", "industry", "role"),
    PARTICIPATION_EXHIBITS("participation.exhibits", PARTICIPATION, COUNT,
            "pavilion", "section", "industry", "role"),
    PARTICIPATION_RETURNING_EXHIBITORS("participation.returning_exhibitors", PARTICIPATION, COUNT),
    PARTICIPATION_NEW_EXHIBITORS("participation.new_exhibitors", PARTICIPATION, COUNT),
    PARTICIPATION_IS_INTERNATIONAL("participation.is_international", PARTICIPATION, FLAG),

    DEALS_SIGNED_COUNT("deals.signed_count", DEALS, COUNT,
            "industry", "deal_type", "event", "signed_month", "enterprise_region"),
    DEALS_SIGNED_VALUE("deals.signed_value", DEALS, CNY,
            "industry", "deal_type", "event", "signed_month", "enterprise_region"),
    DEALS_AVERAGE_SIGNED_VALUE("deals.average_signed_value", DEALS, CNY),
    DEALS_KEY_PROJECTS_SIGNED("deals.key_projects_signed", DEALS, COUNT),
    DEALS_INTENDED_COUNT("deals.intended_count", DEALS, COUNT),
    DEALS_INTENDED_VALUE("deals.intended_value", DEALS, CNY),
    DEALS_CANCELLED_COUNT("deals.cancelled_count", DEALS, COUNT),
    DEALS_LANDED_COUNT("deals.landed_count", DEALS, COUNT),
    DEALS_LANDING_RATE("deals.landing_rate", DEALS, RATIO),
    DEALS_STARTED_RATE("deals.started_rate", DEALS, RATIO),
    DEALS_FUNDS_IN_PLACE("deals.funds_in_place", DEALS, CNY),
    DEALS_FUNDS_IN_PLACE_RATE("deals.funds_in_place_rate", DEALS, RATIO),

    EVENTS_HELD("events.held", EVENTS, COUNT, "event_type", "district", "section", "channel");

    private static final Map<String, Metric> BY_ID =
            Arrays.stream(values()).collect(Collectors.toMap(Metric::id, Function.identity()));

    private final String id;
    private final MetricFamily family;
    private final MetricUnit unit;
    private final List<String> dimensions;

    Metric(String id, MetricFamily family, MetricUnit unit, String... dimensions) {
        this.id = id;
        this.family = family;
        this.unit = unit;
        this.dimensions = List.of(dimensions);
    }

    public String id() {
        return id;
    }

    public MetricFamily family() {
        return family;
    }

    public MetricUnit unit() {
        return unit;
    }

    /** Breakdown dimensions of metrics.md for this metric, in the contract's order. */
    public List<String> dimensions() {
        return dimensions;
    }

    public static Optional<Metric> byId(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }
}
