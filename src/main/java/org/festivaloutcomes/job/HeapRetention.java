package org.festivaloutcomes.job;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;

/**
 * Keeps the heap a run has grown instead of handing it back between garbage collections.
 *
 * <p>G1 shrinks the heap after each concurrent mark when more than {@code MaxHeapFreeRatio} (70%) of it
 * is free, and grows it again at the next burst of allocation. A run allocates in bursts (a parse, a
 * metric pass, the workbooks), so it shrank and regrew about ten times per 10M-row run. Memory taken back
 * from the operating system is zeroed and mapped again, page by page: on the virtual machines measured
 * here that cost about 4 s of system CPU per GB, half of a 10M-row run's system time. A batch run that
 * lasts a minute gains nothing from returning memory it will want again; {@code -Xmx} still caps the heap.
 */
public final class HeapRetention {

    static final String OPTION = "MaxHeapFreeRatio";
    static final String KEEP_ALL = "100";

    private HeapRetention() {
    }

    /**
     * Sets {@code MaxHeapFreeRatio} to 100 unless it was given on the command line (a choice made there
     * wins). A JVM without the HotSpot diagnostic bean, or that refuses the value, runs as it would have.
     *
     * @return whether the heap is now kept
     */
    public static boolean keepHeap() {
        try {
            HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (bean == null) {
                return false;
            }
            VMOption current = bean.getVMOption(OPTION);
            if (current.getOrigin() != VMOption.Origin.DEFAULT) {
                return KEEP_ALL.equals(current.getValue());
            }
            bean.setVMOption(OPTION, KEEP_ALL);
            return true;
        } catch (RuntimeException e) {
            // an option this JVM does not have or does not let be changed: nothing to keep
            return false;
        }
    }
}
