package org.festivaloutcomes.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValuesTest {

    // ------------------------------------------------------------------ number

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1,250.50|1250.50",
        "1250.50|1250.50",
        "12|12",
        "0|0",
        "0.0|0.0",
        "007|7",
        "0,001|1",
        "1,000|1000",
        "12,345,678.9|12345678.9",
        "999,999,999,999,999,999,999.123456789|999999999999999999999.123456789",
        "3.14159|3.14159",
        "100.|",
    })
    void validNumbers(String text, String expected) {
        if (expected == null) {
            assertNull(Values.number(text));
            return;
        }
        assertEquals(new BigDecimal(expected), Values.number(text));
    }

    @Test
    void numberKeepsScaleAndThousandsAreIgnored() {
        assertEquals(2, Values.number("1,250.50").scale());
        assertEquals(Values.number("1250.50"), Values.number("1,250.50"));
        assertEquals(0, Values.number("1,500").compareTo(Values.number("1500")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12,50", "1,2345", ",123", ".5", "5.", "1 000", "1e3", "1E3", "NaN", "Infinity", "¥12", "$12",
        "-1", "+1", "12-", "1,000,00", "1,,000", "1000,", "1,000,", "1234,567", "1.2.3", "1.2,345", "1,000.5,0", ".", ",",
        "-", "0x10", "１２", "١٢", "12 ", " 12", "1_000", "12%", "1.5e2", "1,000.", "a", "12a", "1'000"})
    void invalidNumbers(String text) {
        assertNull(Values.number(text), text);
    }

    @Test
    void numberNullInputAndEmpty() {
        assertNull(Values.number(null));
        assertNull(Values.number(""));
        assertNull(Values.integer(null));
        assertNull(Values.integer(""));
    }

    // ------------------------------------------------------------------ integer

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "12|12",
        "0|0",
        "00|0",
        "1,500|1500",
        "1,000,000|1000000",
        "9223372036854775807|9223372036854775807",
        "9,223,372,036,854,775,807|9223372036854775807",
        "0009223372036854775807|9223372036854775807",
    })
    void validIntegers(String text, long expected) {
        assertEquals(expected, Values.integer(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12.0", "12.", "1.5", "-1", "+1", "12,50", "1,2345", ",123", "1 000", "1e3", "NaN", "¥12",
        "9223372036854775808", "9,223,372,036,854,775,808", "99999999999999999999", "1,000.0", "１"})
    void invalidIntegers(String text) {
        assertNull(Values.integer(text), text);
    }

    // ------------------------------------------------------------------ bool

    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", "True", "tRuE", "1", "yes", "YES", "Yes", "y", "Y", "是"})
    void trueValues(String text) {
        assertEquals(Boolean.TRUE, Values.bool(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "FALSE", "False", "0", "no", "NO", "No", "n", "N", "否"})
    void falseValues(String text) {
        assertEquals(Boolean.FALSE, Values.bool(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"t", "f", "2", "01", "00", "10", "-1", "yess", "nope", "ja", "on", "off", "真", "假", "是的",
        "truee", "fals", "x", "ye"})
    void invalidBooleans(String text) {
        assertNull(Values.bool(text), text);
    }

    // ------------------------------------------------------------------ date

    @ParameterizedTest
    @CsvSource({
        "2023-05-17, 2023-05-17",
        "2023/5/7, 2023-05-07",
        "2023/05/07, 2023-05-07",
        "2023/12/31, 2023-12-31",
        "2023/1/31, 2023-01-31",
        "2024-02-29, 2024-02-29",
        "2000-02-29, 2000-02-29",
        "2023-12-31, 2023-12-31",
        "0999-01-01, 0999-01-01",
    })
    void validDates(String text, LocalDate expected) {
        assertEquals(expected, Values.date(text, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-5-17", "2023-05-7", "2023-5-7", "2023-02-30", "2023-13-01", "2023-00-10", "2023-01-00",
        "2023-02-29", "1900-02-29", "2023/2/30", "2023/13/1", "2023/0/1", "2023/1/0", "23-05-17", "20231-05-17",
        "2023-05-17 ", "2023.05.17", "2023-05/17", "2023/05-17", "2023/005/07", "2023/5/007", "2023//7", "2023/5/",
        "2023/5", "20230517", "2023-05-17 10:00", "2023-05-17T10:00", "17/05/2023", "2023-O5-17", "２０２３-05-17",
        "2023-04-31", "2023/6/31", "+2023-05-17", "-023-05-17"})
    void invalidDates(String text) {
        assertNull(Values.date(text, null), text);
    }

    @Test
    void dateWithExtraPattern() {
        DateTimeFormatter extra = Values.pattern("yyyy年M月d日");
        assertEquals(LocalDate.of(2023, 5, 17), Values.date("2023年5月17日", extra));
        assertEquals(LocalDate.of(2023, 5, 17), Values.date("2023-05-17", extra)); // built-ins first
        assertNull(Values.date("2023年2月30日", extra)); // STRICT: impossible date
        assertNull(Values.date("2023年5月17", extra));
        assertNull(Values.date("2023年5月17日", null));
        assertNull(Values.date("2023-5-17", extra));
        // a timestamp pattern reads a date and a time: not a date
        assertNull(Values.date("2023年5月17日 9:05", Values.pattern("yyyy年M月d日 H:mm")));
    }

    // ------------------------------------------------------------------ timestamp

    @ParameterizedTest
    @CsvSource({
        "2023-05-17 09:05, 2023-05-17T09:05",
        "2023-05-17 9:05, 2023-05-17T09:05",
        "2023-05-17T9:05, 2023-05-17T09:05",
        "2023-05-17T09:05:07, 2023-05-17T09:05:07",
        "2023-05-17 23:59:59, 2023-05-17T23:59:59",
        "2023-05-17 0:00, 2023-05-17T00:00",
        "2023-05-17 00:00:00, 2023-05-17T00:00",
        "2023/5/7 9:05, 2023-05-07T09:05",
        "2023/5/7T19:05:30, 2023-05-07T19:05:30",
        "2024-02-29 12:00, 2024-02-29T12:00",
    })
    void validTimestamps(String text, LocalDateTime expected) {
        assertEquals(expected, Values.timestamp(text, false, null));
        assertEquals(expected, Values.timestamp(text, true, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-05-17 25:00", "2023-05-17 24:00", "2023-05-17 9:5", "2023-05-17 9:60",
        "2023-05-17 09:05:60", "2023-05-17 009:05", "2023-05-17 9:05:7", "2023-05-17 9:05:07.5", "2023-05-17 9:05:07Z",
        "2023-05-17  9:05", "2023-05-17 9:05 ", "2023-05-17t9:05", "2023-05-17 9", "2023-05-17 9:", "2023-05-17 :05",
        "2023-05-17 9.05", "2023-05-17 9:05:", "2023-05-17T", "2023-05-17 ", "2023-5-17 9:05", "2023-02-30 9:05",
        "2023-05-17 -1:05", "2023-05-17 9:05 AM", "2023-05-17_9:05", "9:05", "2023-05-17 09:05+08:00"})
    void invalidTimestamps(String text) {
        assertNull(Values.timestamp(text, false, null), text);
        assertNull(Values.timestamp(text, true, null), text);
    }

    @Test
    void dateOnlyTimestamp() {
        assertNull(Values.timestamp("2023-05-17", false, null));
        assertEquals(LocalDateTime.of(2023, 5, 17, 0, 0), Values.timestamp("2023-05-17", true, null));
        assertEquals(LocalDateTime.of(2023, 5, 7, 0, 0), Values.timestamp("2023/5/7", true, null));
        assertNull(Values.timestamp("2023-5-17", true, null));
        assertNull(Values.timestamp("2023-02-30", true, null));
    }

    @Test
    void timestampWithExtraPattern() {
        DateTimeFormatter extra = Values.pattern("yyyy年M月d日 H:mm");
        assertEquals(LocalDateTime.of(2023, 5, 17, 9, 5), Values.timestamp("2023年5月17日 9:05", false, extra));
        assertEquals(LocalDateTime.of(2023, 5, 17, 19, 5), Values.timestamp("2023年5月17日 19:05", false, extra));
        assertEquals(LocalDateTime.of(2023, 5, 17, 9, 5), Values.timestamp("2023-05-17 9:05", false, extra));
        assertNull(Values.timestamp("2023年5月17日 25:05", false, extra));
        assertNull(Values.timestamp("2023年2月30日 9:05", false, extra));
        assertNull(Values.timestamp("2023年5月17日", true, extra)); // this pattern needs a time
        assertNull(Values.timestamp("2023年5月17日 9:05", false, null));
    }

    @Test
    void timestampWithDateOnlyExtraPattern() {
        DateTimeFormatter extra = Values.pattern("d.M.yyyy");
        assertEquals(LocalDateTime.of(2023, 5, 17, 0, 0), Values.timestamp("17.5.2023", true, extra));
        assertNull(Values.timestamp("17.5.2023", false, extra));
        assertNull(Values.timestamp("31.4.2023", true, extra));
    }

    @Test
    void extraPatternWithSecondsAndTwelveHourClock() {
        DateTimeFormatter extra = Values.pattern("MM/dd/yyyy hh:mm:ss a");
        assertEquals(LocalDateTime.of(2023, 5, 17, 21, 5, 7), Values.timestamp("05/17/2023 09:05:07 PM", false, extra));
        assertNull(Values.timestamp("05/17/2023 13:05:07 PM", false, extra));
    }

    // ------------------------------------------------------------------ pattern

    @Test
    void patternIsStrictAndMapsYearOfEra() {
        DateTimeFormatter f = Values.pattern("yyyy年M月d日 H:mm");
        assertEquals("2023年5月17日 9:05", f.format(LocalDateTime.of(2023, 5, 17, 9, 5)));
        assertEquals(java.time.format.ResolverStyle.STRICT, f.getResolverStyle());
        // y inside quoted literal text is not a pattern letter
        DateTimeFormatter g = Values.pattern("'y'yyyy-MM-dd");
        assertEquals(LocalDate.of(2023, 5, 17), Values.date("y2023-05-17", g));
        // with an era, y stays year-of-era
        DateTimeFormatter h = Values.pattern("G yyyy-MM-dd");
        assertEquals(LocalDate.of(2023, 5, 17), Values.date("AD 2023-05-17", h));
        // two-digit years work in STRICT mode too
        assertEquals(LocalDate.of(2023, 5, 17), Values.date("23/5/17", Values.pattern("yy/M/d")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "yyyy-MM-dd HH:mm:ss.{", "yyyy-MM-dd bb", "M/d H:mm", "HH:mm",
        "yyyy-MM-dd HH:mm z", "yyyy-MM-dd hh:mm", "yyyy-MM", "yyyy-MM-dd'"})
    void badPatterns(String p) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Values.pattern(p));
        assertTrue(e.getMessage().contains("timestamp pattern"), e.getMessage());
    }

    @Test
    void badPatternMessageNamesPattern() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Values.pattern("M/d H:mm"));
        assertEquals("invalid timestamp pattern 'M/d H:mm': it does not give a full date (year, month and day)",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Values.pattern(null));
    }
}
