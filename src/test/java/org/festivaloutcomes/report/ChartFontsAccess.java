package org.festivaloutcomes.report;

import java.util.List;
import java.util.Set;

/** Reaches ChartFonts' package-private chooser with a machine that has only DejaVu Sans. */
final class ChartFontsAccess {
    private ChartFontsAccess() {
    }

    static String chooseWithout(String text) {
        return org.festivaloutcomes.report.charts.ChartFontsTestHook.choose(List.of(text), Set.of("DejaVu Sans"),
                List.of("DejaVu Sans"));
    }
}
