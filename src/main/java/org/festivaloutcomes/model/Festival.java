package org.festivaloutcomes.model;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;

/** One accepted row of festivals.csv: an edition of a festival. */
public record Festival(String festivalId, String name, String series, String city, LocalDate startDate,
        LocalDate endDate, String previousEditionId, BigDecimal grossSpaceSqm) implements Serializable {
}
