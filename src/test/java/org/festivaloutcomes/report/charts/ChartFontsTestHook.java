package org.festivaloutcomes.report.charts;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/** Test access to the package-private font chooser. */
public final class ChartFontsTestHook {
    private ChartFontsTestHook() {
    }

    public static String choose(Collection<String> texts, Set<String> installed, List<String> cjkPreference) {
        return ChartFonts.choose(texts, installed, cjkPreference, List.of("DejaVu Sans"));
    }
}
