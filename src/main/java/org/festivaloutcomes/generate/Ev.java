package org.festivaloutcomes.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** One generated event (an activity of an edition) with what the attendance generator needs. */
final class Ev {
    String id;
    Catalog.Edition edition;
    String name;
    String type;
    String section;
    String pavilion;
    String district;
    String channel;
    LocalDate firstDay;
    LocalDate lastDay;
    /** Daily window, minutes after midnight. */
    int fromMin;
    int toMin;
    /** starts_at written as a date alone (00:00), ends_at left empty or a date. */
    boolean dateOnly;
    boolean writeEnd = true;
    /** Relative popularity per day. */
    double weight;
    /** false for the deliberately invalid event: nothing refers to it. */
    boolean valid = true;

    boolean activeOn(LocalDate d) {
        return !d.isBefore(firstDay) && !d.isAfter(lastDay);
    }

    List<String> fields() {
        List<String> f = new ArrayList<>(10);
        f.add(id);
        f.add(edition.id());
        f.add(name);
        f.add(type);
        f.add(section);
        f.add(pavilion);
        f.add(district);
        f.add(channel);
        f.add(dateOnly ? firstDay.toString() : firstDay + " " + hm(fromMin));
        f.add(!writeEnd ? "" : dateOnly ? lastDay.toString() : lastDay + " " + hm(toMin));
        return f;
    }

    static String hm(int min) {
        int h = min / 60;
        int m = min % 60;
        return (h < 10 ? "0" : "") + h + ":" + (m < 10 ? "0" : "") + m;
    }
}
