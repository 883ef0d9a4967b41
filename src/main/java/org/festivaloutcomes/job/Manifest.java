package org.festivaloutcomes.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.festivaloutcomes.ingest.DatasetOutcome;

/** Writes manifest.json: what was read, what was written, how the run went (outputs.md). */
final class Manifest {

    private Manifest() {
    }

    static List<Map<String, Object>> inputs(Iterable<DatasetOutcome> outcomes) {
        List<Map<String, Object>> inputs = new ArrayList<>();
        for (DatasetOutcome outcome : outcomes) {
            for (DatasetOutcome.FileOutcome file : outcome.files()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("dataset", outcome.kind().code());
                entry.put("path", file.displayPath());
                entry.put("sha256", file.sha256());
                entry.put("bytes", file.bytes());
                entry.put("rows_read", file.rowsRead());
                entry.put("rows_accepted", file.rowsAccepted());
                entry.put("rows_rejected", file.rowsRejected());
                entry.put("rejected_by_reason", file.rejectedByReason());
                entry.put("ignored_columns", file.ignoredColumns());
                entry.put("reused_from_store", file.reused());
                inputs.add(entry);
            }
        }
        return inputs;
    }

    /** Every file under the run folder but the manifest itself, sorted by path. */
    static List<Map<String, Object>> outputs(Path runDir) throws IOException {
        List<Map<String, Object>> outputs = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(runDir)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                String path = runDir.relativize(file).toString().replace('\\', '/');
                if (path.equals("manifest.json")) {
                    continue;
                }
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("path", path);
                entry.put("sha256", sha256(file));
                entry.put("bytes", Files.size(file));
                outputs.add(entry);
            }
        }
        return outputs;
    }

    static void write(Path file, Map<String, Object> manifest) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), manifest);
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
