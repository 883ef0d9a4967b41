package org.festivaloutcomes.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The metric values of a run kept in the staging store ({@code <store>/results/}), keyed by everything
 * they are computed from: the program, the job file's bytes, the pseudonym key's fingerprint, the
 * SHA-256 of every input file in order, and the requested editions and months. A run whose key is
 * there computes nothing: the same inputs give the same values (the run is idempotent), so they are
 * read back and only the files are written again. A file that cannot be read back is ignored.
 */
public final class ResultCache {

    private static final int KEPT = 24;
    private static final String PACKAGES = "org.festivaloutcomes.";

    private final Path dir;

    public ResultCache(Path storeDir) {
        this.dir = storeDir.resolve("results");
    }

    /** The key of a run: one line per thing its values depend on. */
    static String key(List<String> parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update("festival-outcomes results 1\n".getBytes(StandardCharsets.UTF_8));
            for (String part : parts) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) '\n');
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path file(String key) {
        return dir.resolve("r" + key + ".bin");
    }

    /** The values kept under the key, if they can be read back whole. */
    <T extends Serializable> Optional<T> find(String key, Class<T> type) {
        Path file = file(key);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file); ObjectInputStream objects = new ObjectInputStream(in)) {
            objects.setObjectInputFilter(ResultCache::allowed);
            Object value = objects.readObject();
            return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            // damaged or written by another build: computed again and replaced
            return Optional.empty();
        }
    }

    /** Keeps the values (written aside, then renamed) and removes the oldest beyond the last {@value #KEPT}. */
    void save(String key, Serializable value) throws IOException {
        Files.createDirectories(dir);
        Path written = dir.resolve(".r" + key + "-" + UUID.randomUUID() + ".tmp");
        try (OutputStream out = Files.newOutputStream(written); ObjectOutputStream objects = new ObjectOutputStream(out)) {
            objects.writeObject(value);
        }
        Files.move(written, file(key), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = new ArrayList<>(list.toList());
        }
        files.sort(Comparator.comparing(ResultCache::modified).reversed());
        long anHourAgo = System.currentTimeMillis() - 3_600_000L;
        int kept = 0;
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (name.endsWith(".bin") && ++kept <= KEPT) {
                continue;
            }
            // a .tmp file that old was left by a run that died while writing it
            if (name.endsWith(".bin") || modified(f) < anHourAgo) {
                Files.deleteIfExists(f);
            }
        }
    }

    /** Removes every kept result (store --clear). */
    public void clear() throws IOException {
        org.festivaloutcomes.ingest.StagingStore.deleteTree(dir);
    }

    private static long modified(Path f) {
        try {
            return Files.getLastModifiedTime(f).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Only the program's records and the JDK's collections, numbers and dates are read back. */
    private static ObjectInputFilter.Status allowed(ObjectInputFilter.FilterInfo info) {
        Class<?> type = info.serialClass();
        if (type == null) {
            return ObjectInputFilter.Status.UNDECIDED;
        }
        while (type.isArray()) {
            type = type.getComponentType();
        }
        String name = type.getName();
        boolean ok = type.isPrimitive() || name.startsWith(PACKAGES) || ALLOWED.contains(name)
                || name.startsWith("java.util.ImmutableCollections$") || name.startsWith("java.time.");
        return ok ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
    }

    private static final Set<String> ALLOWED = Set.of("java.lang.Object", "java.util.Map$Entry", "java.lang.String", "java.lang.Long", "java.lang.Integer",
            "java.lang.Number", "java.lang.Boolean", "java.lang.Enum", "java.lang.Record", "java.math.BigDecimal",
            "java.math.BigInteger", "java.util.ArrayList", "java.util.LinkedHashMap", "java.util.HashMap",
            "java.util.EnumMap", "java.util.CollSer", "java.util.Collections$UnmodifiableList",
            "java.util.Collections$UnmodifiableRandomAccessList", "java.util.Collections$EmptyList",
            "java.util.Collections$EmptyMap");
}
