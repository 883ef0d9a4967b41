package org.festivaloutcomes.job;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.festivaloutcomes.ingest.ColumnSpec;
import org.festivaloutcomes.ingest.ColumnType;
import org.festivaloutcomes.ingest.DatasetFormat;
import org.festivaloutcomes.ingest.DatasetKind;
import org.festivaloutcomes.ingest.Enums;
import org.festivaloutcomes.ingest.Values;
import org.festivaloutcomes.model.BadInputException;
import org.festivaloutcomes.report.Language;
import org.festivaloutcomes.storage.Storage;

/** Reads and checks a job file; every problem is a {@link BadInputException} naming the file. */
public final class JobLoader {

    /** The environment variable read for the pseudonymisation key unless the job names another. */
    public static final String DEFAULT_KEY_ENV = "FESTIVAL_OUTCOMES_PSEUDONYM_KEY";
    /** The documented key used when none is configured and the job does not require one. */
    public static final String SAMPLE_KEY = "festival-outcomes-sample-key";

    private static final Set<String> ENCODINGS = Set.of("UTF-8", "GB18030", "GBK");
    private static final BigDecimal DEFAULT_MAX_REJECTED_SHARE = new BigDecimal("0.05");

    private final Function<String, String> environment;

    public JobLoader() {
        this(System::getenv);
    }

    /** For tests: a custom environment lookup. */
    public JobLoader(Function<String, String> environment) {
        this.environment = environment;
    }

    public Job load(Path jobFile) {
        Path file = jobFile.toAbsolutePath().normalize();
        JobFile raw = parse(file);
        String where = jobFile.toString();
        Path baseDir = file.getParent();

        String name = require(raw.name(), where, "name");
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw bad(where, "name '" + name + "' must be letters, digits, '.', '_' or '-' (it names a folder)");
        }
        if (raw.editions() == null || raw.editions().isEmpty()) {
            throw bad(where, "editions must list at least one festival_id");
        }
        List<String> editions = new ArrayList<>();
        for (String edition : raw.editions()) {
            if (edition == null || edition.isBlank()) {
                throw bad(where, "editions holds an empty festival_id");
            }
            if (!editions.contains(edition.strip())) {
                editions.add(edition.strip());
            }
        }

        Map<DatasetKind, String> inputs = new EnumMap<>(DatasetKind.class);
        if (raw.inputs() == null) {
            throw bad(where, "inputs is missing");
        }
        raw.inputs().forEach((dataset, path) -> {
            DatasetKind kind = DatasetKind.byCode(dataset)
                    .orElseThrow(() -> bad(where, "inputs." + dataset + " is not a dataset (expected one of "
                            + datasetNames() + ")"));
            if (path == null || path.isBlank()) {
                throw bad(where, "inputs." + dataset + " is empty");
            }
            inputs.put(kind, path.strip());
        });
        for (DatasetKind kind : DatasetKind.values()) {
            if (kind.required() && !inputs.containsKey(kind)) {
                throw bad(where, "inputs." + kind.code() + " is missing (a required dataset)");
            }
        }

        Map<DatasetKind, DatasetFormat> formats = new EnumMap<>(DatasetKind.class);
        if (raw.formats() != null) {
            raw.formats().forEach((dataset, format) -> {
                DatasetKind kind = DatasetKind.byCode(dataset)
                        .orElseThrow(() -> bad(where, "formats." + dataset + " is not a dataset"));
                formats.put(kind, checkFormat(where, kind, format));
            });
        }

        Map<String, BigDecimal> fx = new LinkedHashMap<>();
        if (raw.fxToCny() != null) {
            raw.fxToCny().forEach((currency, rate) -> {
                if (rate == null || rate.signum() <= 0) {
                    throw bad(where, "fx_to_cny." + currency + " must be a positive rate");
                }
                fx.put(currency.strip().toUpperCase(Locale.ROOT), rate);
            });
        }
        fx.putIfAbsent("CNY", BigDecimal.ONE);

        BigDecimal maxShare = raw.quality() == null || raw.quality().maxRejectedShare() == null
                ? DEFAULT_MAX_REJECTED_SHARE : raw.quality().maxRejectedShare();
        if (maxShare.signum() < 0 || maxShare.compareTo(BigDecimal.ONE) > 0) {
            throw bad(where, "quality.max_rejected_share must be between 0 and 1");
        }

        String output = raw.output() == null ? Path.of("reports").toAbsolutePath().toString()
                : Storage.isUri(raw.output().strip()) ? stripSlash(raw.output().strip())
                : baseDir.resolve(raw.output().strip()).normalize().toString();
        Path store = storeDir(where, baseDir, raw.store(), Storage.resolve(output, name));
        Language language = raw.language() == null ? Language.EN : Language.fromCode(raw.language().strip());
        if (language == null) {
            throw bad(where, "language '" + raw.language() + "' is not supported (en or zh-CN)");
        }

        String[] key = pseudonymKey(where, baseDir, raw.privacy());
        return new Job(file, baseDir, name, List.copyOf(editions), Map.copyOf(inputs), Map.copyOf(formats),
                Map.copyOf(fx), maxShare, output, store, language, key[0], key[1]);
    }

    /**
     * The staging store's folder: {@code store} as written (relative to the job file, or a {@code file:}
     * URI), null for {@code off}; by default {@code <output>/<job>/.store} when the output is local. The
     * store needs file locks and atomic renames, so it is never on a Hadoop file system: with the output
     * there and no {@code store}, the job keeps none.
     */
    private static Path storeDir(String where, Path baseDir, String store, String jobOutputDir) {
        if (store == null) {
            if (!Storage.isUri(jobOutputDir)) {
                return Path.of(jobOutputDir, ".store");
            }
            return Storage.scheme(jobOutputDir).equals("file") ? localPath(where, jobOutputDir).resolve(".store")
                    : null;
        }
        String value = store.strip();
        if (value.equals("off")) {
            return null;
        }
        if (Storage.isUri(value)) {
            if (!Storage.scheme(value).equals("file")) {
                throw bad(where, "store " + value + " must be a local or mounted folder (or off): the staging"
                        + " store needs file locks and atomic renames");
            }
            return localPath(where, value);
        }
        return baseDir.resolve(value).normalize();
    }

    private static Path localPath(String where, String fileUri) {
        try {
            return Path.of(java.net.URI.create(fileUri.replace(" ", "%20"))).normalize();
        } catch (IllegalArgumentException e) {
            throw bad(where, fileUri + " is not a local file: URI (" + e.getMessage() + ")");
        }
    }

    private static String stripSlash(String uri) {
        return uri.endsWith("/") && !uri.endsWith(":/") && !uri.endsWith("://") ? uri.substring(0, uri.length() - 1)
                : uri;
    }

    private JobFile parse(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": job file not found");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read the job file (" + e.getMessage() + ")");
        }
        YAMLMapper mapper = YAMLMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
        try {
            JobFile job = mapper.readValue(text, JobFile.class);
            if (job == null) {
                throw new BadInputException(file + ": the job file is empty");
            }
            return job;
        } catch (UnrecognizedPropertyException e) {
            throw new BadInputException(file + ": unknown key '" + e.getPropertyName() + "'" + at(e.getLocation()));
        } catch (JsonMappingException e) {
            throw new BadInputException(file + ": " + path(e) + " has the wrong form" + at(e.getLocation()));
        } catch (JsonProcessingException e) {
            throw new BadInputException(file + ": not valid YAML" + at(e.getLocation()) + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "the document" : path.toString();
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? "" : " (line " + location.getLineNr() + ")";
    }

    private DatasetFormat checkFormat(String where, DatasetKind kind, JobFile.Format format) {
        String prefix = "formats." + kind.code();
        if (format == null) {
            return DatasetFormat.DEFAULT;
        }
        String encoding = "UTF-8";
        if (format.encoding() != null) {
            encoding = format.encoding().strip().toUpperCase(Locale.ROOT).replace("UTF8", "UTF-8");
            if (!ENCODINGS.contains(encoding)) {
                throw bad(where, prefix + ".encoding '" + format.encoding()
                        + "' is not supported (UTF-8, GB18030 or GBK)");
            }
        }
        Map<String, String> columns = new LinkedHashMap<>();
        if (format.columns() != null) {
            format.columns().forEach((header, canonical) -> {
                if (canonical == null || kind.column(canonical.strip()).isEmpty()) {
                    throw bad(where, prefix + ".columns maps '" + header + "' to '" + canonical
                            + "', which is not a column of " + kind.code());
                }
                columns.put(Enums.normalize(header), canonical.strip());
            });
        }
        Map<String, Map<String, String>> values = new LinkedHashMap<>();
        if (format.values() != null) {
            format.values().forEach((column, synonyms) -> {
                ColumnSpec spec = kind.column(column).filter(c -> c.type() == ColumnType.ENUM)
                        .orElseThrow(() -> bad(where, prefix + ".values." + column
                                + " is not an enum column of " + kind.code()));
                Map<String, String> table = new LinkedHashMap<>();
                if (synonyms != null) {
                    synonyms.forEach((synonym, value) -> {
                        String canonical = value == null ? null : spec.enumSynonyms().get(Enums.normalize(value));
                        if (canonical == null) {
                            throw bad(where, prefix + ".values." + column + " maps '" + synonym + "' to '" + value
                                    + "', which is not a value of " + column);
                        }
                        table.put(Enums.normalize(synonym), canonical);
                    });
                }
                values.put(column, Map.copyOf(table));
            });
        }
        String pattern = format.timestampPattern();
        if (pattern != null) {
            try {
                DateTimeFormatter ignored = Values.pattern(pattern);
            } catch (IllegalArgumentException e) {
                throw bad(where, prefix + ".timestamp_pattern '" + pattern + "' is not a valid pattern");
            }
        }
        return new DatasetFormat(encoding, Map.copyOf(columns), Map.copyOf(values), pattern);
    }

    private String[] pseudonymKey(String where, Path baseDir, JobFile.Privacy privacy) {
        String env = privacy != null && privacy.keyEnv() != null ? privacy.keyEnv() : DEFAULT_KEY_ENV;
        boolean required = privacy != null && Boolean.TRUE.equals(privacy.requireKey());
        if (privacy != null && privacy.keyFile() != null) {
            Path keyFile = baseDir.resolve(privacy.keyFile()).normalize();
            try {
                String key = Files.readString(keyFile, StandardCharsets.UTF_8).strip();
                if (key.isEmpty()) {
                    throw bad(where, "privacy.key_file " + keyFile + " is empty");
                }
                return new String[] {key, "file " + keyFile};
            } catch (IOException e) {
                throw bad(where, "privacy.key_file " + keyFile + " cannot be read");
            }
        }
        String key = environment.apply(env);
        if (key != null && !key.isBlank()) {
            return new String[] {key.strip(), "environment variable " + env};
        }
        if (required) {
            throw bad(where, "privacy.require_key is set but the environment variable " + env
                    + " is empty: set it to the secret key for pseudonymising attendee ids");
        }
        return new String[] {SAMPLE_KEY, "built-in sample key"};
    }

    private static String require(String value, String where, String key) {
        if (value == null || value.isBlank()) {
            throw bad(where, key + " is missing");
        }
        return value.strip();
    }

    private static String datasetNames() {
        List<String> names = new ArrayList<>();
        for (DatasetKind kind : DatasetKind.values()) {
            names.add(kind.code());
        }
        return String.join(", ", names);
    }

    private static BadInputException bad(String where, String problem) {
        return new BadInputException(where + ": " + problem);
    }
}
