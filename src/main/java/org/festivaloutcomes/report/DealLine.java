package org.festivaloutcomes.report;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A deal in its state as of the last day of the reported month, for the Deals sheet's list of top
 * deals. Amounts are in CNY.
 */
public record DealLine(String dealId, String projectName, String counterparty, String enterpriseName,
        String dealType, String industry, String status, LocalDate signedOn, LocalDate statusDate,
        BigDecimal amountCny, BigDecimal fundsInPlaceCny, boolean keyProject) implements java.io.Serializable {
}
