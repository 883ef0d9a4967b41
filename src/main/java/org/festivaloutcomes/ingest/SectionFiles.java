package org.festivaloutcomes.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * What the facts files ({@link AttendanceFacts}, {@link DealFacts}) share: their name in a store entry,
 * writing one aside and renaming it into place (a retried parse task replaces what a failed attempt
 * left), and whole reads and writes of a channel.
 */
final class SectionFiles {

    private SectionFiles() {
    }

    /** A parse task's facts file in a store entry of either dataset. */
    static String name(int task) {
        return String.format("_facts-%05d.bin", task);
    }

    /** Writes a file's content. */
    interface Content {
        void writeTo(FileChannel out) throws IOException;
    }

    /** Writes the file aside, then renames it over any earlier attempt's. */
    static void writeAside(Path file, Content content) throws IOException {
        Path aside = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try (FileChannel out = FileChannel.open(aside, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            content.writeTo(out);
        }
        Files.move(aside, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static void writeFully(FileChannel out, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            out.write(buf);
        }
    }

    /** Fills the buffer from the given position; a file that ends first is cut short. */
    static void readFully(FileChannel in, ByteBuffer buf, long position) throws IOException {
        long at = position;
        while (buf.hasRemaining()) {
            int n = in.read(buf, at);
            if (n < 0) {
                throw new IOException("cut short");
            }
            at += n;
        }
    }
}
