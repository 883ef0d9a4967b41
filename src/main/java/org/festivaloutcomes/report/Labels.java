package org.festivaloutcomes.report;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.festivaloutcomes.metrics.Metric;
import org.festivaloutcomes.metrics.MetricFamily;
import org.festivaloutcomes.metrics.MetricUnit;
import org.festivaloutcomes.metrics.Scope;

/**
 * Every human-readable text of the workbook and charts, from the bundles
 * {@code org/festivaloutcomes/report/labels*.properties}. The bundle is chosen by {@link Language} only, never by
 * the machine's default locale.
 */
public final class Labels {

    static final String BUNDLE = "org.festivaloutcomes.report.labels";

    private final Language language;
    private final ResourceBundle bundle;

    private Labels(Language language, ResourceBundle bundle) {
        this.language = language;
        this.bundle = bundle;
    }

    public static Labels of(Language language) {
        Locale locale = language == Language.ZH_CN ? Locale.SIMPLIFIED_CHINESE : Locale.ROOT;
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        return new Labels(language, bundle);
    }

    public Language language() {
        return language;
    }

    public String get(String key) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("missing label '" + key + "' for language " + language.code(), e);
        }
    }

    public boolean has(String key) {
        return bundle.containsKey(key);
    }

    public String format(String key, Object... args) {
        MessageFormat format = new MessageFormat(get(key), language.locale());
        return format.format(args);
    }

    public String sheet(String key) {
        return get("sheet." + key);
    }

    public String metricName(Metric metric) {
        return get("metric." + metric.id() + ".name");
    }

    public String metricDefinition(Metric metric) {
        return get("metric." + metric.id() + ".def");
    }

    public String family(MetricFamily family) {
        return get("family." + family.name());
    }

    public String scope(Scope scope) {
        return get("scope." + scope.code());
    }

    public String unit(MetricUnit unit) {
        return get("unit." + unit.code());
    }

    public String dimension(String dimension) {
        String key = "dim." + dimension;
        return has(key) ? get(key) : dimension;
    }

    /**
     * A breakdown member or enum value for display: the contract's special members and known enum codes are
     * translated, anything else (names from the input) is shown as it is.
     */
    public String member(String dimension, String member) {
        if (member == null) {
            return "";
        }
        if ("(none)".equals(member)) {
            return get("member.none");
        }
        if ("(general admission)".equals(member)) {
            return get("member.general_admission");
        }
        String key = "value." + dimension + "." + member;
        return has(key) ? get(key) : member;
    }

    public String flag(boolean value) {
        return get(value ? "flag.yes" : "flag.no");
    }
}
