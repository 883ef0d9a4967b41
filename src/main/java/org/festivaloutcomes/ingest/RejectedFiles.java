package org.festivaloutcomes.ingest;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A parse task's rejected rows in the staging store ({@code _rejected-<task>.bin}): per row its record
 * number, reason, column, detail and masked text. Written only by tasks that rejected some rows, and
 * read whole by the driver, so a plain stream of records is all it needs: no Spark query, no schema
 * (reading these through Spark SQL planned a query on every run that had a rejected row, seconds of
 * a small run).
 *
 * <p>Layout: the magic {@code FOREJ001}; per row its record number (a long) and four strings, each an
 * int length (-1 for none) and its UTF-8 bytes; a record number of -1 ends the file, so a cut-off file
 * is told from a whole one.
 */
final class RejectedFiles {

    private static final long MAGIC = 0x464f52454a303031L; // "FOREJ001"
    private static final long END = -1;
    private static final int BUFFER = 1 << 16;

    private RejectedFiles() {
    }

    static String name(int task) {
        return String.format("_rejected-%05d.bin", task);
    }

    /** A rejected row as stored: where in its file, and why. */
    record Row(long record, String reason, String column, String detail, String raw) {
    }

    /**
     * Writes one task's rejected rows aside and moves the file into place on {@link #commit}, so a retried
     * task replaces what a failed attempt left; closing without a commit deletes what was written.
     */
    static final class Writer implements Closeable {
        private final Path file;
        private final Path aside;
        private final DataOutputStream out;
        private boolean done;

        Writer(Path file) throws IOException {
            this.file = file;
            this.aside = SectionFiles.aside(file);
            this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(aside), BUFFER));
            out.writeLong(MAGIC);
        }

        void add(long record, String reason, String column, String detail, String raw) throws IOException {
            out.writeLong(record);
            SectionFiles.writeText(out, reason);
            SectionFiles.writeText(out, column);
            SectionFiles.writeText(out, detail);
            SectionFiles.writeText(out, raw);
        }

        /** Ends the file and moves it into place. */
        void commit() throws IOException {
            out.writeLong(END);
            out.close();
            done = true;
            SectionFiles.moveIntoPlace(aside, file);
        }

        @Override
        public void close() throws IOException {
            if (!done) {
                done = true;
                out.close();
                Files.deleteIfExists(aside);
            }
        }
    }

    /** Every row of one file, in the order written (ascending record numbers). */
    static List<Row> read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), BUFFER))) {
            if (in.readLong() != MAGIC) {
                throw new IOException(file + " is not a rejected rows file of this program");
            }
            for (long record = in.readLong(); record != END; record = in.readLong()) {
                rows.add(new Row(record, SectionFiles.readText(in), SectionFiles.readText(in),
                        SectionFiles.readText(in), SectionFiles.readText(in)));
            }
        } catch (EOFException e) {
            throw new IOException(file + " is cut off (a damaged store entry: `store --clear` rebuilds it)", e);
        }
        return rows;
    }
}
