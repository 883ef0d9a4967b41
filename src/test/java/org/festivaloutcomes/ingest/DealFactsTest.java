package org.festivaloutcomes.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DealFactsTest {

    @TempDir
    Path dir;

    /** A staged deal row (Staged.DEALS order) with these amounts in CNY. */
    private static Object[] deal(String id, String amountCny, String fundsCny) {
        Object[] row = new Object[Staged.DEALS.size()];
        row[0] = id;
        row[1] = "F-2023";
        row[8] = new BigDecimal("1");
        row[9] = "yuan";
        row[10] = "CNY";
        row[11] = LocalDate.of(2023, 5, 20);
        row[12] = "signed";
        row[13] = LocalDate.of(2023, 6, 1);
        row[14] = Boolean.TRUE;
        row[16] = new BigDecimal(amountCny).setScale(12);
        row[17] = fundsCny == null ? null : new BigDecimal(fundsCny).setScale(12);
        return row;
    }

    /**
     * Amounts and funds come back exactly, at scale 12, signs and byte boundaries of the unscaled value
     * included, on both sides of a long's range (a hundred million yuan is past it), and none as none.
     */
    @Test
    void amountsComeBackExactlyAtEveryMagnitude() throws IOException {
        String[] amounts = {"0", "0.000000000001", "1", "-1", "123.456", "9223372.036854775807",
            "9223372.036854775808", "-9223372.036854775808", "-9223372.036854775809", "100000000",
            "128", "255", "256", "-128", "-129", "99999999999999999999.999999999999"};
        DealFacts.Writer writer = new DealFacts.Writer();
        Map<String, String[]> written = new HashMap<>();
        for (int i = 0; i < amounts.length; i++) {
            String funds = i % 3 == 0 ? null : amounts[amounts.length - 1 - i];
            writer.add(deal("D" + i, amounts[i], funds), i + 1);
            written.put("D" + i, new String[] {amounts[i], funds});
        }
        Path file = dir.resolve("_facts-00000.bin");
        writer.write(file);
        assertTrue(DealFacts.complete(file));
        DealFacts.Section section = DealFacts.Section.read(file.toString(), 0, DealFacts.BUCKETS);
        int read = 0;
        while (section.next()) {
            section.at(section.position());
            String[] want = written.remove(section.text(DealFacts.DEAL));
            assertEquals(new BigDecimal(want[0]).setScale(12), section.amountCny());
            assertEquals(12, section.amountCny().scale());
            if (want[1] == null) {
                assertNull(section.fundsCny());
            } else {
                assertEquals(new BigDecimal(want[1]).setScale(12), section.fundsCny());
            }
            read++;
        }
        assertEquals(amounts.length, read);
        assertEquals(List.of(), List.copyOf(written.keySet()), "every row read once");
    }
}
