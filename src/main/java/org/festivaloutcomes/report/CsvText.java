package org.festivaloutcomes.report;

/**
 * Writes CSV fields the way every CSV of the program is written: RFC 4180, quoted only where needed,
 * and text that a spreadsheet would run as a formula neutralised with a leading {@code '} (OWASP).
 */
public final class CsvText {

    private CsvText() {
    }

    /** A text field, neutralised and quoted as needed; null is the empty field. */
    public static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        return quote(neutralise(value));
    }

    /** A field that is a number or a date written by the program: never neutralised. */
    public static String literal(String value) {
        return value == null ? "" : quote(value);
    }

    /** Prefixes {@code '} to text beginning with =, +, -, @, a tab or a carriage return. */
    public static String neutralise(String value) {
        if (value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        boolean risky = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return risky ? "'" + value : value;
    }

    private static String quote(String value) {
        boolean needs = false;
        for (int i = 0; i < value.length() && !needs; i++) {
            char c = value.charAt(i);
            needs = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        return needs ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    /** Compares strings by Unicode code point (String.compareTo compares UTF-16 units). */
    public static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
