package org.festivaloutcomes.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.festivaloutcomes.storage.Storage;

/**
 * Parses every part of a file both ways, through the strict reader and through a {@link ByteRecordReader},
 * and checks that the two write the same: the outcomes, and every file (facts, key hashes, rejected rows)
 * byte for byte.
 */
final class ByteReaderComparison {

    static final Pseudonymizer PSEUDONYMIZER = new Pseudonymizer("test key");

    /** Makes the byte reader of a part with the given buffer sizes. */
    interface Factory {
        ByteRecordReader<LargeDatasetReader.PartWriter> make(InputFile file, FileParser parser, int bufferBytes, int maxRecordBytes);
    }

    record Fixture(InputFile file, FileParser parser, List<FileScan.Chunk> chunks, RowChecker checker) {
        LargeDatasetReader.PartWriter writer() {
            return new LargeDatasetReader.PartWriter(parser.kind(), PSEUDONYMIZER, checker);
        }
    }

    /** What the byte reader did: records it read itself, records in all, rows by outcome ("" accepted). */
    record ByteRun(long fast, long read, Map<String, Long> outcomes) {
    }

    private final Path dir;
    private final DatasetKind kind;
    private final References references;
    private final Map<String, BigDecimal> fxToCny;
    private final Factory factory;
    private int files;

    ByteReaderComparison(Path dir, DatasetKind kind, References references, Map<String, BigDecimal> fxToCny,
            Factory factory) {
        this.dir = dir;
        this.kind = kind;
        this.references = references;
        this.fxToCny = fxToCny;
        this.factory = factory;
    }

    Fixture fixture(Path csv, DatasetFormat format, long chunkBytes) {
        Storage storage = Storage.standalone();
        InputFile file = new InputFile(0, csv.toString(), csv.getFileName().toString(),
                FileParser.readHeader(storage, csv.toString(), csv.getFileName().toString(), kind, format), storage);
        RowChecker checker = new RowChecker(kind, format, fxToCny, references);
        FileParser parser = new FileParser(kind, format, checker);
        List<FileScan.Chunk> chunks = FileScan.cut(storage, csv.toString(), csv.getFileName().toString(),
                chunkBytes, () -> false).chunks();
        return new Fixture(file, parser, chunks, checker);
    }

    Path dirFor(String name) throws IOException {
        return Files.createDirectories(dir.resolve(name + "-" + files));
    }

    /** The small buffers and parts of {@link #compareRandom}: at least min, less than min + range bytes. */
    record Sizes(int minBuffer, int bufferRange, int minChunk, int chunkRange) {
    }

    /**
     * Compares {@code count} random files: every third in GB18030, every fourth with the job's extra
     * spellings, every fifth with its timestamp pattern; half read with a megabyte's buffer, half with a
     * small one, in one part or in small ones. Returns the records read byte by byte and the records left
     * to the strict path.
     */
    long[] compareRandom(Random random, int count, Map<String, Map<String, String>> extraValues, String pattern,
            Function<Random, String> file, Sizes sizes) throws IOException {
        long fast = 0;
        long strict = 0;
        for (int n = 0; n < count; n++) {
            Charset charset = n % 3 == 2 ? Charset.forName("GB18030") : StandardCharsets.UTF_8;
            DatasetFormat format = new DatasetFormat(charset.name(), Map.of(), n % 4 == 1 ? extraValues : Map.of(),
                    n % 5 == 3 ? pattern : null);
            String text = file.apply(random);
            int buffer = random.nextBoolean() ? 1 << 20 : sizes.minBuffer() + random.nextInt(sizes.bufferRange());
            ByteRun run = compare(text, charset, format, buffer, buffer * (2 + random.nextInt(8)),
                    random.nextBoolean() ? 1 << 20 : sizes.minChunk() + random.nextInt(sizes.chunkRange()));
            fast += run.fast();
            strict += run.read() - run.fast();
        }
        return new long[] {fast, strict};
    }

    /** Every part of the text's file compared, in one part, with buffers of a megabyte. */
    ByteRun compare(String text, Charset charset, DatasetFormat format) throws IOException {
        return compare(text, charset, format, 1 << 20, 8 << 20, 1 << 20);
    }

    /**
     * Writes the text as a file, cuts it into parts of about {@code chunkBytes}, and parses every part both
     * ways: the written files and the outcomes must be equal.
     */
    ByteRun compare(String text, Charset charset, DatasetFormat format, int buffer, int maxRecord,
            long chunkBytes) throws IOException {
        files++;
        Path csv = dir.resolve(kind.code() + "-" + files + ".csv");
        Files.write(csv, text.getBytes(charset));
        Fixture fixture = fixture(csv, format, chunkBytes);
        Path strictDir = dirFor("strict");
        Path bytesDir = dirFor("bytes");
        long fast = 0;
        long read = 0;
        Map<String, Long> outcomes = new TreeMap<>();
        for (int t = 0; t < fixture.chunks().size(); t++) {
            FileScan.Chunk chunk = fixture.chunks().get(t);
            LargeDatasetReader.PartWriter.Written strict = fixture.writer().write(t,
                    LargeDatasetReader.rows(false, fixture.parser(), PSEUDONYMIZER, fixture.file(), chunk),
                    strictDir.toString(), strictDir.toString());
            ByteRecordReader<LargeDatasetReader.PartWriter> reader = factory.make(fixture.file(), fixture.parser(), buffer, maxRecord);
            LargeDatasetReader.PartWriter.Written bytes = fixture.writer().write(t, writer -> reader.read(chunk, writer),
                    bytesDir.toString(), bytesDir.toString());
            assertEquals(strict, bytes, "outcomes of part " + t + " of:\n" + text);
            fast += reader.fastRecords();
            for (Map.Entry<String, Long> e : bytes.outcomes().entrySet()) {
                read += e.getValue();
                outcomes.merge(e.getKey(), e.getValue(), Long::sum);
            }
        }
        List<Path> written;
        try (Stream<Path> list = Files.list(strictDir)) {
            written = list.sorted().toList();
        }
        try (Stream<Path> list = Files.list(bytesDir)) {
            assertEquals(written.stream().map(Path::getFileName).toList(),
                    list.sorted().map(Path::getFileName).toList());
        }
        for (Path file : written) {
            assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(bytesDir.resolve(file.getFileName())),
                    file.getFileName() + " of:\n" + text);
        }
        return new ByteRun(fast, read, outcomes);
    }
}
