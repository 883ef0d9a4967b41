package org.festivaloutcomes.ingest;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.festivaloutcomes.model.BadInputException;
import org.festivaloutcomes.storage.Storage;

/**
 * Resolves a dataset's path or glob (relative to the job file's folder, or a URI) to its files, in sorted
 * order.
 */
public final class InputFiles {

    private static final Pattern GLOB = Pattern.compile(".*[*?\\[{].*");

    private InputFiles() {
    }

    /**
     * The regular files matching the pattern, sorted by path; none is a {@link BadInputException}.
     *
     * @param where names the job file and key for messages, e.g. {@code jobs/x.yaml: inputs.deals}
     * @return local paths, or URIs when the pattern is one (a Hadoop glob)
     */
    public static List<String> resolve(Storage storage, Path baseDir, String pattern, String where) {
        if (Storage.isUri(pattern)) {
            List<String> files;
            try {
                files = storage.glob(pattern);
            } catch (BadInputException e) {
                throw new BadInputException(where + ": " + e.getMessage());
            } catch (IOException e) {
                throw new BadInputException(where + ": cannot list " + pattern + " (" + e.getMessage() + ")");
            }
            if (files.isEmpty()) {
                throw new BadInputException(where + (GLOB.matcher(pattern).matches() ? ": no file matches " + pattern
                        : ": file " + pattern + " not found"));
            }
            return files;
        }
        return resolveLocal(baseDir, pattern, where).stream().map(Path::toString).toList();
    }

    private static List<Path> resolveLocal(Path baseDir, String pattern, String where) {
        String normalized = pattern.replace('\\', '/');
        String[] segments = normalized.split("/");
        int firstGlob = -1;
        for (int i = 0; i < segments.length; i++) {
            if (GLOB.matcher(segments[i]).matches()) {
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

    /**
     * A local path relative to the job file's folder, with '/' separators, as written in outputs; a URI
     * as it is.
     */
    public static String display(Path baseDir, String location) {
        if (Storage.isUri(location)) {
            return location;
        }
        Path file = Path.of(location);
        Path relative = file.startsWith(baseDir) ? baseDir.relativize(file) : baseDir.relativize(file.normalize());
        return relative.toString().replace('\\', '/');
    }
}
