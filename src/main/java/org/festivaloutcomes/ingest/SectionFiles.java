package org.festivaloutcomes.ingest;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * What the files of a store entry ({@link AttendanceFacts}, {@link DealFacts}, {@link RejectedFiles})
 * share: the facts file's name, writing a file aside and renaming it into place (a retried parse task
 * replaces what a failed attempt left), whole reads and writes of a channel, and text as an int length
 * (-1 for none) and its UTF-8 bytes.
 */
public final class SectionFiles {

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
        Path aside = aside(file);
        try (FileChannel out = FileChannel.open(aside, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            content.writeTo(out);
        }
        moveIntoPlace(aside, file);
    }

    /** A fresh hidden name beside the file, to write it under before {@link #moveIntoPlace}. */
    static Path aside(Path file) {
        return file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
    }

    /** Renames a file written aside over the file (and over any earlier attempt's). */
    static void moveIntoPlace(Path aside, Path file) throws IOException {
        Files.move(aside, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Text as its UTF-8 length and bytes; -1 for none (the passes' results are written so too). */
    public static void writeText(DataOutput out, String text) throws IOException {
        if (text == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    /** Text written by {@link #writeText}. */
    public static String readText(DataInput in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] utf8 = new byte[length];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
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
