package org.festivaloutcomes.metrics;

import java.util.List;

/** A group of metrics computed together from one dataset, with the scopes it is reported in. */
public enum MetricFamily {
    ATTENDANCE(List.of(Scope.MONTH, Scope.TO_DATE)),
    PARTICIPATION(List.of(Scope.EDITION)),
    DEALS(List.of(Scope.MONTH, Scope.TO_DATE)),
    EVENTS(List.of(Scope.MONTH, Scope.TO_DATE));

    private final List<Scope> scopes;

    MetricFamily(List<Scope> scopes) {
        this.scopes = scopes;
    }

    public List<Scope> scopes() {
        return scopes;
    }

    /** The scope a target is compared with: to_date, or edition for participation. */
    public Scope targetScope() {
        return this == PARTICIPATION ? Scope.EDITION : Scope.TO_DATE;
    }
}
