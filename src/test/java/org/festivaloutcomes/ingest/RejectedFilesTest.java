package org.festivaloutcomes.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RejectedFilesTest {

    @TempDir
    Path dir;

    @Test
    void rowsComeBackAsWrittenWithAbsentValuesAndAnyText() throws IOException {
        Path file = dir.resolve(RejectedFiles.name(3));
        List<RejectedFiles.Row> rows = List.of(
                new RejectedFiles.Row(2, "invalid_value", "attended_at", "not a time: 2023-13-01", "a1,QD,,v1,2023-13-01"),
                new RejectedFiles.Row(7, "missing_value", null, null, null),
                new RejectedFiles.Row(Long.MAX_VALUE - 1, "wrong_field_count", null, "3 fields, 10 expected",
                        "观众,\"引号\"\r\n续行,😀"),
                new RejectedFiles.Row(8, "invalid_value", "", "", ""));
        try (RejectedFiles.Writer writer = new RejectedFiles.Writer(file)) {
            for (RejectedFiles.Row row : rows) {
                writer.add(row.record(), row.reason(), row.column(), row.detail(), row.raw());
            }
            writer.commit();
        }
        assertEquals(rows, RejectedFiles.read(file));
        assertEquals(List.of(file), listed(), "nothing left aside");
    }

    @Test
    void aTaskThatFailsLeavesNoFile() throws IOException {
        Path file = dir.resolve(RejectedFiles.name(0));
        try (RejectedFiles.Writer writer = new RejectedFiles.Writer(file)) {
            writer.add(1, "invalid_value", "x", "y", "z");
        }
        assertFalse(Files.exists(file));
        assertEquals(List.of(), listed());
    }

    @Test
    void aCutOffFileIsAnErrorNamingIt() throws IOException {
        Path file = dir.resolve(RejectedFiles.name(1));
        try (RejectedFiles.Writer writer = new RejectedFiles.Writer(file)) {
            writer.add(5, "invalid_value", "attended_at", "detail", "raw text");
            writer.commit();
        }
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length - 8));
        IOException e = assertThrows(IOException.class, () -> RejectedFiles.read(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("cut off"), e.getMessage());
        Files.writeString(file, "part-00000.snappy.parquet");
        e = assertThrows(IOException.class, () -> RejectedFiles.read(file));
        assertTrue(e.getMessage().contains("not a rejected rows file"), e.getMessage());
    }

    private List<Path> listed() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
