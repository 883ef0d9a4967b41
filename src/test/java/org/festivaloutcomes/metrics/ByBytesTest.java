package org.festivaloutcomes.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

class ByBytesTest {

    @Test
    void findsEveryKeyAndOnlyItsOwnValue() {
        AttendanceTally.ByBytes<Integer> map = new AttendanceTally.ByBytes<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            // same first and last 8 bytes, different middle: the cheap hash is equal, the keys are not
            keys.add("QD23-EVT" + i + "-SECTION");
            keys.add("E" + i);
            keys.add("青岛市" + i);
        }
        keys.add("");
        for (int i = 0; i < keys.size(); i++) {
            assertNull(map.get(UTF8String.fromString(keys.get(i))));
            // the map keeps its own copy: the caller's buffer is reused from row to row
            byte[] buffer = keys.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            map.put(UTF8String.fromBytes(buffer), i);
            java.util.Arrays.fill(buffer, (byte) 'x');
        }
        for (int i = 0; i < keys.size(); i++) {
            assertEquals(i, map.get(UTF8String.fromString(keys.get(i))), keys.get(i));
        }
        assertNull(map.get(UTF8String.fromString("QD23-EVT-1-SECTION")));
    }
}
