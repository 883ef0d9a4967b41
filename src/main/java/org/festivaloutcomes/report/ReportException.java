package org.festivaloutcomes.report;

/** A report cannot be written; the message says why in one line. */
public class ReportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReportException(String message) {
        super(message);
    }
}
