package org.festivaloutcomes.model;

/**
 * A problem with the command line, the job file or an input file's structure (exit code 2). The
 * message is one line that names the file and what is wrong.
 */
public class BadInputException extends RuntimeException {

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
