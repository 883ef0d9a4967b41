package org.festivaloutcomes.storage;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;
import org.festivaloutcomes.model.BadInputException;

/**
 * The one place where files are opened, listed, written and renamed. A location is either a plain
 * path on the local (or mounted) file system, handled with java.nio as before, or a URI with a scheme
 * ({@code hdfs://nn/x}, {@code s3a://bucket/x}, {@code file:///x}), handled with Hadoop's FileSystem API
 * and the Hadoop configuration of the Spark session ({@code spark.hadoop.*}).
 *
 * <p>Serializable: Spark tasks carry it to open their part of an input file themselves; the Hadoop
 * configuration travels as one broadcast, not inside every task.
 */
public final class Storage implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A scheme of two or more characters, so that a Windows drive ({@code C:/x}) stays a path. */
    private static final Pattern URI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:/.*");

    /** Schemes whose directory rename is not atomic (a copy file by file): runs commit by pointer there. */
    public static final Set<String> OBJECT_STORES = Set.of("s3a", "s3", "s3n", "gs", "abfs", "abfss", "wasb",
            "wasbs", "oss", "cosn", "obs");

    /**
     * Hadoop setting {@code festival-outcomes.commit.<scheme>} = {@code rename} or {@code pointer}: how run
     * folders are replaced on that scheme, overriding {@link #OBJECT_STORES} (e.g. ABFS with a hierarchical
     * namespace renames folders atomically). Set it with {@code --conf spark.hadoop.festival-outcomes.commit.abfss=rename}.
     */
    public static final String COMMIT_KEY = "festival-outcomes.commit.";

    private final Broadcast<SerializableConfiguration> shared;
    private transient Configuration conf;

    private Storage(Broadcast<SerializableConfiguration> shared, Configuration conf) {
        this.shared = shared;
        this.conf = conf;
    }

    /** For a run: the Spark context's Hadoop configuration, shared with its tasks. */
    public static Storage of(SparkContext context) {
        return new Storage(SerializableConfiguration.broadcast(context), context.hadoopConfiguration());
    }

    /**
     * Outside Spark (the store command, tests): Hadoop's defaults plus the {@code spark.hadoop.*} system
     * properties, loaded when a URI is first used.
     */
    public static Storage standalone() {
        return new Storage(null, null);
    }

    private Configuration conf() {
        if (conf == null && shared != null) {
            conf = shared.value().value();
        } else if (conf == null) {
            Configuration standalone = new Configuration();
            for (scala.Tuple2<String, String> entry : new SparkConf(true).getAllWithPrefix("spark.hadoop.")) {
                standalone.set(entry._1(), entry._2());
            }
            conf = standalone;
        }
        return conf;
    }

    // ---------------------------------------------------------------- locations

    /** True for a location with a scheme, read and written through Hadoop. */
    public static boolean isUri(String location) {
        return URI.matcher(location).matches();
    }

    /** The scheme of a URI, lower case. */
    public static String scheme(String location) {
        return location.substring(0, location.indexOf(':')).toLowerCase(Locale.ROOT);
    }

    /** A name inside a folder. */
    public static String resolve(String dir, String name) {
        if (!isUri(dir)) {
            return java.nio.file.Path.of(dir).resolve(name).toString();
        }
        return (dir.endsWith("/") ? dir : dir + "/") + name;
    }

    /** The folder holding a location. */
    public static String parent(String location) {
        if (!isUri(location)) {
            return java.nio.file.Path.of(location).getParent().toString();
        }
        return display(new Path(location).getParent());
    }

    /** The last part of a location. */
    public static String name(String location) {
        return isUri(location) ? new Path(location).getName() : java.nio.file.Path.of(location).getFileName().toString();
    }

    /** A Hadoop path as people write it: {@code file:///x} rather than Hadoop's {@code file:/x}. */
    static String display(Path path) {
        String text = path.toString();
        java.net.URI uri = path.toUri();
        if (uri.getScheme() != null && uri.getAuthority() == null && text.startsWith(uri.getScheme() + ":/")
                && !text.startsWith(uri.getScheme() + "://")) {
            return uri.getScheme() + "://" + text.substring(uri.getScheme().length() + 1);
        }
        return text;
    }

    /**
     * True where a folder can be renamed into place atomically (local paths, {@code file:}, {@code hdfs:}
     * and every scheme not known as an object store), unless {@link #COMMIT_KEY} says otherwise.
     */
    public boolean atomicRename(String location) {
        if (!isUri(location)) {
            return true;
        }
        String scheme = scheme(location);
        String configured = conf().getTrimmed(COMMIT_KEY + scheme);
        if (configured != null && !configured.isEmpty()) {
            if (!configured.equals("rename") && !configured.equals("pointer")) {
                throw new BadInputException(COMMIT_KEY + scheme + " is '" + configured + "' (rename or pointer)");
            }
            return configured.equals("rename");
        }
        return !OBJECT_STORES.contains(scheme);
    }

    /** The Hadoop file system of a URI; a scheme no jar provides is a one-line exit-2 error naming the location. */
    private FileSystem fs(String location) throws IOException {
        try {
            FileSystem fs = new Path(location).getFileSystem(conf());
            // Hadoop's checksummed local file system would leave .crc files beside every output
            return fs instanceof LocalFileSystem local ? local.getRaw() : fs;
        } catch (UnsupportedFileSystemException e) {
            throw new BadInputException(location + ": no filesystem for scheme '" + scheme(location)
                    + "' (add the jar that provides it to the classpath, e.g. hadoop-aws for s3a://)");
        }
    }

    private static java.nio.file.Path local(String location) {
        return java.nio.file.Path.of(location);
    }

    // ---------------------------------------------------------------- reading

    /** Reads from a byte offset on; a missing file is a {@link FileNotFoundException}. */
    public InputStream open(String location, long offset) throws IOException {
        if (!isUri(location)) {
            try {
                SeekableByteChannel channel = Files.newByteChannel(local(location));
                channel.position(offset);
                return Channels.newInputStream(channel);
            } catch (NoSuchFileException e) {
                throw new FileNotFoundException(location);
            }
        }
        FSDataInputStream in = fs(location).open(new Path(location));
        if (offset > 0) {
            in.seek(offset);
        }
        return in;
    }

    public byte[] readAll(String location) throws IOException {
        try (InputStream in = open(location, 0)) {
            return in.readAllBytes();
        }
    }

    /** The size of a file in bytes; a missing file is a {@link FileNotFoundException}. */
    public long size(String location) throws IOException {
        if (!isUri(location)) {
            try {
                return Files.size(local(location));
            } catch (NoSuchFileException e) {
                throw new FileNotFoundException(location);
            }
        }
        return fs(location).getFileStatus(new Path(location)).getLen();
    }

    public boolean exists(String location) throws IOException {
        return isUri(location) ? fs(location).exists(new Path(location)) : Files.exists(local(location));
    }

    /**
     * The files a URI or Hadoop glob names ({@code *}, {@code ?}, {@code [ab]}, {@code {a,b}} within one
     * path segment), sorted; an empty list when none.
     */
    public List<String> glob(String pattern) throws IOException {
        FileStatus[] matches = fs(pattern).globStatus(new Path(pattern));
        List<String> files = new ArrayList<>();
        if (matches != null) {
            for (FileStatus status : matches) {
                if (status.isFile()) {
                    files.add(display(status.getPath()));
                }
            }
        }
        files.sort(Comparator.naturalOrder());
        return files;
    }

    /** The names in a folder, sorted; none when it does not exist. */
    public List<String> list(String dir) throws IOException {
        List<String> names = new ArrayList<>();
        if (!isUri(dir)) {
            if (Files.isDirectory(local(dir))) {
                try (Stream<java.nio.file.Path> children = Files.list(local(dir))) {
                    children.forEach(c -> names.add(c.getFileName().toString()));
                }
            }
        } else {
            FileSystem fs = fs(dir);
            Path path = new Path(dir);
            if (fs.exists(path)) {
                for (FileStatus status : fs.listStatus(path)) {
                    names.add(status.getPath().getName());
                }
            }
        }
        names.sort(Comparator.naturalOrder());
        return names;
    }

    /** Every file under a folder, as paths relative to it with '/', sorted. */
    public List<String> listFiles(String dir) throws IOException {
        List<String> files = new ArrayList<>();
        if (!isUri(dir)) {
            java.nio.file.Path root = local(dir);
            try (Stream<java.nio.file.Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile).forEach(f -> files.add(root.relativize(f).toString().replace('\\', '/')));
            }
        } else {
            FileSystem fs = fs(dir);
            Path root = fs.makeQualified(new Path(dir));
            String prefix = root.toUri().getPath();
            var it = fs.listFiles(root, true);
            while (it.hasNext()) {
                String path = it.next().getPath().toUri().getPath();
                files.add(path.substring(prefix.length() + (prefix.endsWith("/") ? 0 : 1)));
            }
        }
        files.sort(Comparator.naturalOrder());
        return files;
    }

    // ---------------------------------------------------------------- writing

    /**
     * A new file (its folders created as needed). With {@code overwrite} false an existing file is a
     * {@link FileAlreadyExistsException}: atomic on local file systems and HDFS, a check then a write on
     * object stores.
     */
    public OutputStream create(String location, boolean overwrite) throws IOException {
        if (!isUri(location)) {
            Files.createDirectories(local(location).toAbsolutePath().getParent());
            return Files.newOutputStream(local(location), overwrite
                    ? new StandardOpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE}
                    : new StandardOpenOption[] {StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE});
        }
        try {
            return fs(location).create(new Path(location), overwrite);
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(location);
        }
    }

    /** Writes a whole file in one go (one PUT on an object store, so readers see the old or the new bytes). */
    public void write(String location, byte[] bytes, boolean overwrite) throws IOException {
        try (OutputStream out = create(location, overwrite)) {
            out.write(bytes);
        }
    }

    /** Copies one file, replacing the target. */
    public void copy(String from, String to) throws IOException {
        try (InputStream in = open(from, 0); OutputStream out = create(to, true)) {
            in.transferTo(out);
        }
    }

    public void mkdirs(String dir) throws IOException {
        if (isUri(dir)) {
            fs(dir).mkdirs(new Path(dir));
        } else {
            Files.createDirectories(local(dir));
        }
    }

    /** Renames a file or folder (atomic for folders where {@link #atomicRename} says so). */
    public void rename(String from, String to) throws IOException {
        if (!isUri(from)) {
            try {
                Files.move(local(from), local(to), StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(local(from), local(to));
            }
        } else if (!fs(from).rename(new Path(from), new Path(to))) {
            throw new IOException("cannot rename " + from + " to " + to);
        }
    }

    /** Deletes a file, or a folder and everything in it; nothing if it does not exist. */
    public void delete(String location) throws IOException {
        if (isUri(location)) {
            fs(location).delete(new Path(location), true);
            return;
        }
        java.nio.file.Path path = local(location);
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<java.nio.file.Path> walk = Files.walk(path)) {
            for (java.nio.file.Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
