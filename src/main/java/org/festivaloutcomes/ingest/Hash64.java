package org.festivaloutcomes.ingest;

/**
 * The 64-bit hash of the store's keys and deals: FNV-1a over UTF-16 chars, then MurmurHash3's finaliser to
 * spread the bits (sections and radix sorts take the low and high bits). Cheap, and fixed: store entries
 * written with it are compared across runs.
 */
final class Hash64 {

    static final long START = 0xCBF29CE484222325L;
    private static final long PRIME = 0x100000001B3L;

    private Hash64() {
    }

    /** The hash so far with the chars of {@code text} added. */
    static long add(long h, String text) {
        for (int i = 0; i < text.length(); i++) {
            h = add(h, text.charAt(i));
        }
        return h;
    }

    /** The hash so far with the ASCII bytes {@code bytes[from, to)} added: the same as adding them as chars. */
    static long addAscii(long h, byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            h = add(h, bytes[i]);
        }
        return h;
    }

    /** The hash so far with the chars of the day's ISO date ({@code yyyy-MM-dd}, a year of 0 to 9999) added. */
    static long addIsoDate(long h, int epochDay) {
        java.time.LocalDate date = java.time.LocalDate.ofEpochDay(epochDay);
        int year = date.getYear();
        h = add(h, '0' + year / 1000);
        h = add(h, '0' + year / 100 % 10);
        h = add(h, '0' + year / 10 % 10);
        h = add(h, '0' + year % 10);
        h = add(h, '-');
        h = add(h, '0' + date.getMonthValue() / 10);
        h = add(h, '0' + date.getMonthValue() % 10);
        h = add(h, '-');
        h = add(h, '0' + date.getDayOfMonth() / 10);
        return add(h, '0' + date.getDayOfMonth() % 10);
    }

    /** The hash so far with one more value (a char, or a separator outside the chars' use). */
    static long add(long h, int value) {
        return (h ^ value) * PRIME;
    }

    static long finish(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }
}
