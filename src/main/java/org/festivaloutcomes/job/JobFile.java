package org.festivaloutcomes.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** The job file as written (inputs.md, "The job file"), before it is checked by {@link JobLoader}. */
record JobFile(
        @JsonProperty("name") String name,
        @JsonProperty("editions") List<String> editions,
        @JsonProperty("inputs") Map<String, String> inputs,
        @JsonProperty("formats") Map<String, Format> formats,
        @JsonProperty("fx_to_cny") Map<String, BigDecimal> fxToCny,
        @JsonProperty("quality") Quality quality,
        @JsonProperty("output") String output,
        @JsonProperty("store") String store,
        @JsonProperty("language") String language,
        @JsonProperty("privacy") Privacy privacy) {

    record Format(
            @JsonProperty("encoding") String encoding,
            @JsonProperty("columns") Map<String, String> columns,
            @JsonProperty("values") Map<String, Map<String, String>> values,
            @JsonProperty("timestamp_pattern") String timestampPattern) {
    }

    record Quality(@JsonProperty("max_rejected_share") BigDecimal maxRejectedShare) {
    }

    /**
     * Where the key for pseudonymising attendee ids comes from (an extension of the contract).
     *
     * @param keyEnv name of an environment variable holding the key
     * @param keyFile path of a file holding the key, relative to the job file
     * @param requireKey when true, a missing key is an error instead of falling back to the sample key
     */
    record Privacy(
            @JsonProperty("key_env") String keyEnv,
            @JsonProperty("key_file") String keyFile,
            @JsonProperty("require_key") Boolean requireKey) {
    }
}
