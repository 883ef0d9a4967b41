package org.festivaloutcomes.ingest;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.festivaloutcomes.model.BadInputException;

/** Resolves a dataset's path or glob (relative to the job file's folder) to its files, in sorted order. */
public final class InputFiles {

    private InputFiles() {
    }

    /**
     * The regular files matching the pattern, sorted by path; none is a {@link BadInputException}.
     *
     * @param where names the job file and key for messages, e.g. {@code jobs/x.yaml: inputs.deals}
     */
    public static List<Path> resolve(Path baseDir, String pattern, String where) {
        String normalized = pattern.replace('\\', '/');
        String[] segments = normalized.split("/");
        int firstGlob = -1;
        for (int i = 0; i < segments.length; i++) {
            if (segments[i].matches(".*[*?\\[{].*")) {
                firstGlob = i;
                break;
            }
        }
        if (firstGlob < 0) {
            Path file = baseDir.resolve(normalized).normalize();
            if (!Files.isRegularFile(file)) {
                throw new BadInputException(where + ": file " + pattern + " not found");
            }
            return List.of(file);
        }
        String prefix = String.join("/", java.util.Arrays.copyOfRange(segments, 0, firstGlob));
        String rest = String.join("/", java.util.Arrays.copyOfRange(segments, firstGlob, segments.length));
        Path root = (prefix.isEmpty() && !normalized.startsWith("/") ? baseDir
                : baseDir.resolve(normalized.startsWith("/") ? "/" + prefix : prefix)).normalize();
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + rest);
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(root)) {
            int depth = rest.contains("**") ? Integer.MAX_VALUE : segments.length - firstGlob;
            try (Stream<Path> walk = Files.walk(root, depth)) {
                walk.filter(Files::isRegularFile)
                        .filter(p -> matcher.matches(root.relativize(p)))
                        .forEach(files::add);
            } catch (IOException e) {
                throw new BadInputException(where + ": cannot list " + root + " (" + e.getMessage() + ")");
            }
        }
        if (files.isEmpty()) {
            throw new BadInputException(where + ": no file matches " + pattern);
        }
        files.sort(Comparator.comparing(p -> p.toString()));
        return files;
    }

    /** A path relative to the job file's folder, with '/' separators, as written in outputs. */
    public static String display(Path baseDir, Path file) {
        Path relative = file.startsWith(baseDir) ? baseDir.relativize(file) : baseDir.relativize(file.normalize());
        return relative.toString().replace('\\', '/');
    }
}
