package org.festivaloutcomes.metrics;

/** Units of metrics.md, with the text written to the {@code unit} column of metrics.csv. */
public enum MetricUnit {
    COUNT("count"),
    RATIO("ratio"),
    DATE("date"),
    CNY("CNY"),
    SQM("sqm"),
    FLAG("flag");

    private final String code;

    MetricUnit(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
