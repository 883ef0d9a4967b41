package org.festivaloutcomes.report.charts;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.festivaloutcomes.report.ReportException;

/**
 * Chooses the one font family the charts are drawn with, deterministically, among the installed fonts that can
 * display every text actually drawn.
 */
public final class ChartFonts {

    public static final String NO_CJK_FONT =
            "no font can display Chinese labels; install fonts-noto-cjk (Debian/Ubuntu)";

    private static final List<String> CJK_PREFERENCE = List.of("Noto Sans CJK SC", "Source Han Sans SC",
            "Noto Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback", Font.SANS_SERIF);
    private static final List<String> LATIN_PREFERENCE = List.of("Noto Sans", "DejaVu Sans", "Liberation Sans",
            Font.SANS_SERIF, "Noto Sans CJK SC");

    private ChartFonts() {
    }

    /** The family to draw the texts with; throws when they need Chinese glyphs no font has. */
    public static String choose(Collection<String> texts) {
        return choose(texts, installedFamilies());
    }

    static String choose(Collection<String> texts, Set<String> installed) {
        return choose(texts, installed, CJK_PREFERENCE, LATIN_PREFERENCE);
    }

    /** As {@link #choose(Collection)} with given installed families and preference lists (for tests). */
    static String choose(Collection<String> texts, Set<String> installed, List<String> cjkPreference,
            List<String> latinPreference) {
        boolean cjk = texts.stream().anyMatch(ChartFonts::needsCjk);
        for (String family : cjk ? cjkPreference : latinPreference) {
            boolean logical = family.equals(Font.SANS_SERIF);
            if (!logical && !installed.contains(family)) {
                continue;
            }
            if (canDisplayAll(new Font(family, Font.PLAIN, 12), texts)) {
                return family;
            }
        }
        if (cjk) {
            throw new ReportException(NO_CJK_FONT);
        }
        return Font.SANS_SERIF;
    }

    static boolean canDisplayAll(Font font, Collection<String> texts) {
        for (String text : texts) {
            if (text != null && font.canDisplayUpTo(text) != -1) {
                return false;
            }
        }
        return true;
    }

    static boolean needsCjk(String text) {
        if (text == null) {
            return false;
        }
        return text.codePoints().anyMatch(cp -> {
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.BOPOMOFO
                    || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF);
        });
    }

    private static Set<String> installedFamilies() {
        return new TreeSet<>(Arrays.asList(
                GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames()));
    }
}
