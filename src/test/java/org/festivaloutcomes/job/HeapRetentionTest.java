package org.festivaloutcomes.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class HeapRetentionTest {

    @Test
    void theHeapIsKeptUnlessTheCommandLineSaidOtherwise() {
        HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        boolean givenOnCommandLine = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(a -> a.startsWith("-XX:MaxHeapFreeRatio="));
        String before = bean.getVMOption(HeapRetention.OPTION).getValue();
        boolean kept = HeapRetention.keepHeap();
        if (givenOnCommandLine) {
            assertEquals(before, bean.getVMOption(HeapRetention.OPTION).getValue());
        } else {
            assertTrue(kept);
            assertEquals(HeapRetention.KEEP_ALL, bean.getVMOption(HeapRetention.OPTION).getValue());
        }
    }
}
