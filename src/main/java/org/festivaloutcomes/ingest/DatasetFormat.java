package org.festivaloutcomes.ingest;

import java.io.Serializable;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * How one dataset's export is written (the job file's {@code formats.<dataset>}).
 *
 * @param columns normalized export header to canonical column
 * @param values canonical column to (normalized synonym to canonical value), added to the built-ins
 * @param timestampPattern a java.time pattern tried after the built-in date and timestamp formats, or null
 */
public record DatasetFormat(String encoding, Map<String, String> columns, Map<String, Map<String, String>> values,
        String timestampPattern) implements Serializable {

    public static final DatasetFormat DEFAULT = new DatasetFormat("UTF-8", Map.of(), Map.of(), null);

    public Charset charset() {
        return encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
    }
}
