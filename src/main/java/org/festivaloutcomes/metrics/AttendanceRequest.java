package org.festivaloutcomes.metrics;

import java.time.YearMonth;
import java.util.Objects;

/**
 * One festival edition's attendance metrics for one month (scopes month and to_date).
 *
 * @param breakdowns false for headline values only (comparisons)
 */
public record AttendanceRequest(String festivalId, YearMonth period, boolean breakdowns) {

    public AttendanceRequest {
        Objects.requireNonNull(festivalId, "festivalId");
        Objects.requireNonNull(period, "period");
    }
}
