package org.festivaloutcomes.storage;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * A stand-in object store for tests, scheme {@code objstore:} on local files: renaming a folder copies
 * it file by file (not atomic, like S3), and creating a file whose path matches {@link #failOn} fails,
 * to break a run in the middle of its upload. Registered with {@code fs.objstore.impl}.
 */
public class ObjectStoreFileSystem extends RawLocalFileSystem {

    public static final String SCHEME = "objstore";
    /** Folder renames seen: the pointer commit must never rely on one. */
    public static final AtomicInteger FOLDER_RENAMES = new AtomicInteger();
    /** A regular expression of paths that cannot be created (null: none). */
    public static volatile String failOn;

    @Override
    public URI getUri() {
        return URI.create(SCHEME + ":///");
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public void initialize(URI uri, Configuration conf) throws IOException {
        super.initialize(uri, conf);
        setConf(conf);
    }

    @Override
    public FSDataOutputStream create(Path f, boolean overwrite, int bufferSize, short replication, long blockSize,
            Progressable progress) throws IOException {
        failIfAsked(f);
        return super.create(f, overwrite, bufferSize, replication, blockSize, progress);
    }

    @Override
    public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
            short replication, long blockSize, Progressable progress) throws IOException {
        failIfAsked(f);
        return super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
    }

    private static void failIfAsked(Path f) throws IOException {
        String pattern = failOn;
        if (pattern != null && f.toString().matches(pattern)) {
            throw new IOException("injected failure writing " + f);
        }
    }

    @Override
    public FileStatus getFileStatus(Path f) throws IOException {
        return plain(super.getFileStatus(f));
    }

    @Override
    public FileStatus[] listStatus(Path f) throws IOException {
        FileStatus[] statuses = super.listStatus(f);
        for (int i = 0; i < statuses.length; i++) {
            statuses[i] = plain(statuses[i]);
        }
        return statuses;
    }

    /** Without owner and permissions, as object stores have none (the local ones are read from a file: URI). */
    private static FileStatus plain(FileStatus status) {
        return new FileStatus(status.getLen(), status.isDirectory(), 1, status.getBlockSize(),
                status.getModificationTime(), status.getPath());
    }

    @Override
    public boolean rename(Path src, Path dst) throws IOException {
        if (!getFileStatus(src).isDirectory()) {
            return super.rename(src, dst);
        }
        FOLDER_RENAMES.incrementAndGet();
        return FileUtil.copy(this, src, this, dst, true, getConf());
    }
}
