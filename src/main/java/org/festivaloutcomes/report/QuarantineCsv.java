package org.festivaloutcomes.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.festivaloutcomes.ingest.DatasetOutcome.RejectedRecord;

/** Writes quarantine/&lt;dataset&gt;.csv with the columns of outputs.md. */
public final class QuarantineCsv {

    public static final String HEADER = "source_file,record_number,reason_code,column,detail,raw";

    private QuarantineCsv() {
    }

    public static void write(Path file, List<RejectedRecord> rows) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write('\n');
            for (RejectedRecord row : rows) {
                out.write(CsvText.text(row.sourceFile()));
                out.write(',');
                out.write(Long.toString(row.recordNumber()));
                out.write(',');
                out.write(row.reasonCode());
                out.write(',');
                out.write(CsvText.text(row.column()));
                out.write(',');
                out.write(CsvText.text(row.detail()));
                out.write(',');
                out.write(CsvText.text(row.raw()));
                out.write('\n');
            }
        }
    }
}
