package org.festivaloutcomes.ingest;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;

/**
 * Strict parsers for the value types of inputs.md ("General rules for every CSV", "Fine print" 5-6).
 * Inputs are already trimmed and non-empty; every parser returns null for invalid text and never throws
 * on bad data. Hand-written char checks: these run tens of millions of times per file.
 */
public final class Values {

    private Values() {
    }

    // ------------------------------------------------------------------ numbers

    /**
     * A non-negative decimal: digits with optional {@code ,} thousands groups of exactly three digits, and
     * an optional {@code .} fraction of at least one digit; at least one digit before the point. No sign,
     * exponent, space or currency sign. {@code 1,250.50} and {@code 1250.50} give the same value (scale 2).
     */
    public static BigDecimal number(String s) {
        byte[] ascii = ascii(s);
        return ascii == null ? null : number(ascii, 0, ascii.length, Integer.MAX_VALUE);
    }

    /**
     * {@link #number} of the ASCII bytes {@code s[from, to)}, or null for any other text and for more
     * than 18 digits (which the attendance and deal parses leave to {@link #number(String)}).
     */
    static BigDecimal number(byte[] s, int from, int to) {
        return number(s, from, to, 18);
    }

    private static BigDecimal number(byte[] s, int from, int to, int maxDigits) {
        int intEnd = integerPartEnd(s, from, to);
        if (intEnd < 0) {
            return null;
        }
        if (intEnd < to) { // a fraction
            if (s[intEnd] != '.' || intEnd + 1 == to) {
                return null;
            }
            for (int i = intEnd + 1; i < to; i++) {
                if (s[i] < '0' || s[i] > '9') {
                    return null;
                }
            }
        }
        long unscaled = 0;
        int digits = 0;
        for (int i = from; i < to; i++) {
            if (s[i] >= '0' && s[i] <= '9') {
                unscaled = unscaled * 10 + (s[i] - '0');
                digits++;
            }
        }
        if (digits > maxDigits) {
            return null;
        }
        int scale = intEnd < to ? to - intEnd - 1 : 0;
        if (digits <= 18) {
            return BigDecimal.valueOf(unscaled, scale);
        }
        // beyond a long: the digits as text
        StringBuilder text = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            if (s[i] != ',') {
                text.append((char) s[i]);
            }
        }
        return new BigDecimal(text.toString());
    }

    /** A non-negative integer written as {@link #number} but without a fraction; null on overflow. */
    public static Long integer(String s) {
        byte[] ascii = ascii(s);
        if (ascii == null || integerPartEnd(ascii, 0, ascii.length) != ascii.length) {
            return null;
        }
        long v = 0;
        for (byte c : ascii) {
            if (c == ',') {
                continue;
            }
            int d = c - '0';
            if (v > (Long.MAX_VALUE - d) / 10) {
                return null;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /**
     * End of the integer part of a number in {@code s[from, to)}: digits, or 1-3 digits followed by groups
     * of {@code ,} and exactly three digits. Returns the index of the first byte after it ({@code to} or the
     * index of the following byte), or -1 when there is no valid integer part. The byte at the returned
     * index, if any, is not a digit or comma.
     */
    private static int integerPartEnd(byte[] s, int from, int to) {
        int i = from;
        while (i < to && s[i] >= '0' && s[i] <= '9') {
            i++;
        }
        if (i == from) {
            return -1;
        }
        if (i == to || s[i] != ',') {
            return i;
        }
        if (i - from > 3) {
            return -1; // the first group before a comma has 1-3 digits
        }
        while (i < to && s[i] == ',') {
            if (to - i - 1 < 3) {
                return -1; // fewer than three bytes after the comma
            }
            for (int k = i + 1; k <= i + 3; k++) {
                if (s[k] < '0' || s[k] > '9') {
                    return -1;
                }
            }
            i += 4;
            if (i < to && s[i] >= '0' && s[i] <= '9') {
                return -1; // a group of more than three digits
            }
        }
        return i;
    }

    /**
     * The text's chars as bytes when every one is ASCII, else null: the built-in number, date and
     * timestamp forms are ASCII, so any other char makes them invalid.
     */
    private static byte[] ascii(String s) {
        if (s == null) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return null;
            }
        }
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    // ------------------------------------------------------------------ booleans

    /** {@code true/false}, {@code 1/0}, {@code yes/no}, {@code y/n}, {@code 是/否}, case-insensitive. */
    public static Boolean bool(String s) {
        if (s == null) {
            return null;
        }
        switch (s.length()) {
            case 1 -> {
                char c = s.charAt(0);
                if (c == '1' || c == 'y' || c == 'Y' || c == '是') {
                    return Boolean.TRUE;
                }
                if (c == '0' || c == 'n' || c == 'N' || c == '否') {
                    return Boolean.FALSE;
                }
                return null;
            }
            case 2 -> {
                return s.equalsIgnoreCase("no") ? Boolean.FALSE : null;
            }
            case 3 -> {
                return s.equalsIgnoreCase("yes") ? Boolean.TRUE : null;
            }
            case 4 -> {
                return s.equalsIgnoreCase("true") ? Boolean.TRUE : null;
            }
            case 5 -> {
                return s.equalsIgnoreCase("false") ? Boolean.FALSE : null;
            }
            default -> {
                return null;
            }
        }
    }

    // ------------------------------------------------------------------ dates and times

    /**
     * {@code yyyy-MM-dd} (two-digit month and day) or {@code yyyy/M/d} (one or two digits), a four-digit
     * year; impossible dates are invalid. When these fail and {@code extra} is not null, {@code extra} is
     * tried; a text it reads must give a date and no time of day.
     */
    public static LocalDate date(String s, DateTimeFormatter extra) {
        if (s == null) {
            return null;
        }
        byte[] ascii = ascii(s);
        int day = ascii == null ? NO_DAY : builtInDay(ascii, 0, ascii.length);
        if (day != NO_DAY || extra == null) {
            return day == NO_DAY ? null : LocalDate.ofEpochDay(day);
        }
        TemporalAccessor t = parseExtra(s, extra);
        if (t == null || t.query(TemporalQueries.localTime()) != null) {
            return null;
        }
        return t.query(TemporalQueries.localDate());
    }

    /**
     * A date as in {@link #date}, then one space or {@code T}, then {@code H:mm} or {@code H:mm:ss}: hour
     * of one or two digits (0-23), minutes and seconds of exactly two digits, no fraction. With
     * {@code allowDateOnly} a date alone means 00:00. When these fail and {@code extra} is not null,
     * {@code extra} is tried; a text it reads as a date without time counts only with
     * {@code allowDateOnly}.
     */
    public static LocalDateTime timestamp(String s, boolean allowDateOnly, DateTimeFormatter extra) {
        if (s == null) {
            return null;
        }
        byte[] ascii = ascii(s);
        long seconds = ascii == null ? NO_SECONDS : builtInSeconds(ascii, 0, ascii.length, allowDateOnly);
        if (seconds != NO_SECONDS || extra == null) {
            return seconds == NO_SECONDS ? null : LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        }
        TemporalAccessor t = parseExtra(s, extra);
        if (t == null) {
            return null;
        }
        LocalDate date = t.query(TemporalQueries.localDate());
        if (date == null) {
            return null;
        }
        LocalTime time = t.query(TemporalQueries.localTime());
        if (time == null) {
            return allowDateOnly ? date.atStartOfDay() : null;
        }
        return LocalDateTime.of(date, time);
    }

    /** What {@link #timestampDay} and {@link #dateDay} return for a text that is not of a built-in form. */
    static final int NO_DAY = Integer.MIN_VALUE;
    private static final long NO_SECONDS = Long.MIN_VALUE;
    private static final int SECONDS_PER_DAY = 86_400;

    /**
     * The day, in days since 1970-01-01, of a built-in timestamp (as {@link #timestamp} reads it without a
     * date alone or a job pattern) written in the bytes {@code s[from, to)}; {@link #NO_DAY} for any
     * other text. The attendance parse reads its timestamps from the file's bytes with it.
     */
    static int timestampDay(byte[] s, int from, int to) {
        long seconds = builtInSeconds(s, from, to, false);
        return seconds == NO_SECONDS ? NO_DAY : (int) Math.floorDiv(seconds, SECONDS_PER_DAY);
    }

    /**
     * The day, in days since 1970-01-01, of a built-in date (as {@link #date} reads it without a job
     * pattern) written in the bytes {@code s[from, to)}; {@link #NO_DAY} for any other text.
     */
    static int dateDay(byte[] s, int from, int to) {
        return builtInDay(s, from, to);
    }

    /** A built-in timestamp in {@code s[from, to)} as seconds since 1970-01-01T00:00, or {@link #NO_SECONDS}. */
    private static long builtInSeconds(byte[] s, int from, int to, boolean allowDateOnly) {
        // the date part ends at the first space or T (dates never contain either)
        int sep = from;
        while (sep < to && s[sep] != ' ' && s[sep] != 'T') {
            sep++;
        }
        int day = builtInDay(s, from, sep);
        if (day == NO_DAY) {
            return NO_SECONDS;
        }
        long midnight = (long) day * SECONDS_PER_DAY;
        if (sep == to) {
            return allowDateOnly ? midnight : NO_SECONDS;
        }
        // H:mm or H:mm:ss
        int i = sep + 1;
        int hour = 0;
        int hourDigits = 0;
        while (i < to && hourDigits < 3 && s[i] >= '0' && s[i] <= '9') {
            hour = hour * 10 + (s[i] - '0');
            hourDigits++;
            i++;
        }
        if (hourDigits == 0 || hourDigits > 2 || hour > 23) {
            return NO_SECONDS;
        }
        int minute = colonTwoDigits(s, i, to);
        if (minute < 0 || minute > 59) {
            return NO_SECONDS;
        }
        i += 3;
        int second = 0;
        if (i < to) {
            second = colonTwoDigits(s, i, to);
            if (second < 0 || second > 59) {
                return NO_SECONDS;
            }
            i += 3;
            if (i != to) {
                return NO_SECONDS;
            }
        }
        return midnight + hour * 3600L + minute * 60L + second;
    }

    /** The value of ":dd" at s[i..i+3), or -1. */
    private static int colonTwoDigits(byte[] s, int i, int to) {
        if (i + 3 > to || s[i] != ':') {
            return -1;
        }
        return twoDigits(s, i + 1);
    }

    /** Two digits at s[i], or -1. */
    private static int twoDigits(byte[] s, int i) {
        byte a = s[i];
        byte b = s[i + 1];
        if (a < '0' || a > '9' || b < '0' || b > '9') {
            return -1;
        }
        return (a - '0') * 10 + (b - '0');
    }

    /** yyyy-MM-dd or yyyy/M/d in s[from, to), as days since 1970-01-01, or {@link #NO_DAY}. */
    private static int builtInDay(byte[] s, int from, int to) {
        int len = to - from;
        if (len < 8 || len > 10) {
            return NO_DAY;
        }
        int year = 0;
        for (int i = from; i < from + 4; i++) {
            byte c = s[i];
            if (c < '0' || c > '9') {
                return NO_DAY;
            }
            year = year * 10 + (c - '0');
        }
        byte sep = s[from + 4];
        int month;
        int day;
        if (sep == '-') {
            if (len != 10 || s[from + 7] != '-') {
                return NO_DAY;
            }
            month = twoDigits(s, from + 5);
            day = twoDigits(s, from + 8);
        } else if (sep == '/') {
            int i = from + 5;
            month = 0;
            int digits = 0;
            while (i < to && digits < 3) {
                byte c = s[i];
                if (c < '0' || c > '9') {
                    break;
                }
                month = month * 10 + (c - '0');
                digits++;
                i++;
            }
            if (digits == 0 || digits > 2 || i >= to || s[i] != '/') {
                return NO_DAY;
            }
            i++;
            day = 0;
            digits = 0;
            while (i < to) {
                byte c = s[i];
                if (c < '0' || c > '9') {
                    return NO_DAY;
                }
                day = day * 10 + (c - '0');
                digits++;
                i++;
            }
            if (digits == 0 || digits > 2) {
                return NO_DAY;
            }
        } else {
            return NO_DAY;
        }
        if (month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)) {
            return NO_DAY;
        }
        return (int) LocalDate.of(year, month, day).toEpochDay();
    }

    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static TemporalAccessor parseExtra(String s, DateTimeFormatter extra) {
        try {
            return extra.parse(s);
        } catch (DateTimeException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ job patterns

    /** {@link #pattern(String, Locale)} with English month and day names. */
    public static DateTimeFormatter pattern(String javaPattern) {
        return pattern(javaPattern, Locale.ENGLISH);
    }

    /**
     * A strict formatter ({@link ResolverStyle#STRICT}) for a job's {@code timestamp_pattern}, written as a
     * {@link DateTimeFormatter} pattern such as {@code yyyy年M月d日 H:mm}. Pattern letter {@code y} is read as
     * {@code u} (proleptic year), so that strict resolution needs no era, unless the pattern has an era
     * ({@code G}). The pattern must give a full date (year, month and day, or year and day of year); time
     * fields, when present, must give a time of day.
     *
     * @throws IllegalArgumentException for a bad pattern, with a message that names it
     */
    public static DateTimeFormatter pattern(String javaPattern, Locale locale) {
        if (javaPattern == null || javaPattern.isBlank()) {
            throw new IllegalArgumentException("timestamp pattern is empty");
        }
        String p = javaPattern;
        boolean hasEra = false;
        boolean hasTimeLetters = false;
        boolean inQuote = false;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\'') {
                inQuote = !inQuote;
            } else if (!inQuote) {
                if (c == 'G') {
                    hasEra = true;
                } else if ("HhKkmsSAnNaB".indexOf(c) >= 0) {
                    hasTimeLetters = true;
                }
            }
        }
        if (!hasEra) {
            StringBuilder sb = new StringBuilder(p.length());
            inQuote = false;
            for (int i = 0; i < p.length(); i++) {
                char c = p.charAt(i);
                if (c == '\'') {
                    inQuote = !inQuote;
                }
                sb.append(!inQuote && c == 'y' ? 'u' : c);
            }
            p = sb.toString();
        }
        DateTimeFormatter f;
        try {
            f = DateTimeFormatter.ofPattern(p, locale).withResolverStyle(ResolverStyle.STRICT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid timestamp pattern '" + javaPattern + "': " + e.getMessage(), e);
        }
        // round trip a sample to check that the pattern gives a full date, and a time when it has time fields
        LocalDateTime sample = LocalDateTime.of(2023, 11, 27, 21, 45, 30);
        TemporalAccessor back;
        try {
            back = f.parse(f.format(sample));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("invalid timestamp pattern '" + javaPattern
                    + "': it cannot format and read back a local date and time (" + e.getMessage() + ")", e);
        }
        if (!sample.toLocalDate().equals(back.query(TemporalQueries.localDate()))) {
            throw new IllegalArgumentException("invalid timestamp pattern '" + javaPattern
                    + "': it does not give a full date (year, month and day)");
        }
        if (hasTimeLetters && back.query(TemporalQueries.localTime()) == null) {
            throw new IllegalArgumentException("invalid timestamp pattern '" + javaPattern
                    + "': its time fields do not give a time of day (use H for 0-23 hours, or h with a)");
        }
        return f;
    }
}
