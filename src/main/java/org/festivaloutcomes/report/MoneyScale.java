package org.festivaloutcomes.report;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Objects;

/**
 * How CNY amounts are shown: in yuan for English workbooks; in 万元 (10^4) or 亿元 (10^8) for Chinese ones, the
 * larger unit when the largest amount shown together reaches 1 亿元.
 */
public enum MoneyScale {
    YUAN(BigDecimal.ONE, "money.yuan"),
    WAN(BigDecimal.valueOf(10_000), "money.wan"),
    YI(BigDecimal.valueOf(100_000_000), "money.yi");

    private final BigDecimal divisor;
    private final String labelKey;

    MoneyScale(BigDecimal divisor, String labelKey) {
        this.divisor = divisor;
        this.labelKey = labelKey;
    }

    public static MoneyScale choose(Language language, Collection<BigDecimal> amounts) {
        if (language != Language.ZH_CN) {
            return YUAN;
        }
        BigDecimal max = amounts.stream().filter(Objects::nonNull).map(BigDecimal::abs)
                .max(BigDecimal::compareTo).orElse(BigDecimal.ZERO);
        return max.compareTo(YI.divisor) >= 0 ? YI : WAN;
    }

    public double apply(BigDecimal yuan) {
        return yuan.divide(divisor).doubleValue();
    }

    public String label(Labels labels) {
        return labels.get(labelKey);
    }
}
