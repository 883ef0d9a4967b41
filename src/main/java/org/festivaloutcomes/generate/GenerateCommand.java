package org.festivaloutcomes.generate;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code generate}: writes realistic, deterministic festival exports (the six datasets of
 * inputs.md) and a job file naming them. Same seed and options give byte-identical files: all
 * randomness comes from {@link java.util.SplittableRandom} streams of the seed, nothing depends on
 * hash-map order or the clock. Spark is not used.
 *
 * <h2>Layout</h2>
 * <pre>
 * DIR/festivals.csv                 SHICF-2022, SHICF-2023 (previous SHICF-2022), QDDCE-2023
 * DIR/events.csv                    UTF-8 with a BOM
 * DIR/attendance/*.csv              default: one file per edition and month (QDDCE-2023_2023-04.csv ...);
 *                                   --attendance-files N: N parts of equal size (N=1: attendance.csv)
 * DIR/enterprises.csv               GB18030, CRLF, Chinese headers and enum labels (mapped in the job)
 * DIR/deals/2022.csv, 2023-04.csv .. 2023-10.csv   each monthly export holds the NEW state rows of that month
 * DIR/targets.csv
 * </pre>
 * The job file: without {@code --sample} it is {@code DIR/job.yaml} (name = DIR's folder name,
 * inputs relative to DIR, output {@code reports}). With {@code --sample} the job files are written
 * beside DIR, as the committed sample is laid out: {@code generate --sample --out jobs/sample}
 * writes {@code jobs/sample.yaml} (name {@code sample}, language en) and {@code jobs/sample-zh.yaml}
 * (name {@code sample-zh}, language zh-CN), inputs {@code sample/...}, output {@code ../reports}.
 * The defaults of every option are the committed sample: about 40,000 attendance rows and 400 deal
 * state rows, dirty rows on.
 *
 * <h2>Deliberate bad rows ({@code --dirty}, the default; {@code --clean} writes none)</h2>
 * Each is one realistic export error; each dataset's rejected share stays far below 5%.
 * <ul>
 * <li>events 1: SH23-R001 "Smart Car Roadshow" has event_type {@code roadshow} (not in the enum):
 *     invalid_value. Nothing refers to it.</li>
 * <li>enterprises 1: Hisense Group (QDDCE-2023) registered a second time as "Hisense Group Co., Ltd."
 *     with the same enterprise_id: duplicate.</li>
 * <li>attendance 7: A1 {@code 2023/4/31 10:15} from the QDDCE gate system: invalid_value (attended_at);
 *     A2 a trailing comma (11 fields): malformed_row; A3 event_id SH23-X001 not in events:
 *     unknown_reference; A4 a SHICF-2023 record of 2023-05-20 exported again the next day (same
 *     record_id): duplicate; A5 admissions {@code -12} on an anonymous gate row: invalid_value;
 *     A6 badge B23-0000005 with admissions 2: attendee_id with admissions &gt; 1; A7 a row of the
 *     hybrid keynote forum QD23-K1 without channel: missing_value (channel).</li>
 * <li>deals 5 rejected rows: QD23-D001's registered row (2023-05-16) exported again in
 *     deals/2023-06.csv, identical: 1 duplicate; two rows of QD23-D001 for 2023-07-12 (started) with
 *     amounts 12 and 12.5 yi: 2 conflict, so its state in July and August stays registered;
 *     QD23-D002 with a negative amount on 2023-08-15: invalid_value; SH23-D001 with status_date
 *     2023-05-07 before its signed_on 2023-05-17: status_date before signed_on.</li>
 * </ul>
 * festivals.csv and targets.csv are clean.
 *
 * <h2>Format variety (all valid)</h2>
 * QDDCE gate rows timestamped {@code 2023/4/8 9:05}; online rows {@code 2023-05-20T20:05:33};
 * SHICF-2022 attendance with Chinese attendee_type and channel labels (普通观众, 线上); the April deals
 * export with Chinese units (亿元, 万元); amounts and areas with thousands separators
 * ({@code "1,250.50"}); USD and EUR deals (rates in the job); quoted names with commas, quotes and
 * line breaks; lower-case country codes; boolean 是/否, true/false and empty.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Writes realistic sample festival exports (deterministic) and a job file naming them.")
public final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the datasets into.")
    Path out;

    @Option(names = "--seed", defaultValue = "2023", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--attendance-rows", paramLabel = "N", defaultValue = "" + Generator.SAMPLE_ATTENDANCE_ROWS,
            description = "Total attendance rows (default: ${DEFAULT-VALUE}, the sample).")
    long attendanceRows;

    @Option(names = "--deal-rows", paramLabel = "N", defaultValue = "" + Generator.SAMPLE_DEAL_ROWS,
            description = "Approximate number of deal state rows (default: ${DEFAULT-VALUE}).")
    int dealRows;

    @Option(names = "--attendance-files", paramLabel = "N",
            description = "Split attendance into N files of equal size (default: one file per edition and month).")
    Integer attendanceFiles;

    @Option(names = "--dirty", defaultValue = "true", fallbackValue = "true", arity = "0..1",
            description = "Include a few realistic bad rows (default: on).")
    boolean dirty;

    @Option(names = "--clean", description = "No bad rows (overrides --dirty).")
    boolean clean;

    @Option(names = "--sample", description = "The committed sample layout: job files DIR.yaml and DIR-zh.yaml beside DIR.")
    boolean sample;

    @Override
    public Integer call() throws IOException {
        if (attendanceRows < 0 || dealRows < 0 || (attendanceFiles != null && attendanceFiles < 1)) {
            throw new ParameterException(spec.commandLine(),
                    "--attendance-rows and --deal-rows must be >= 0, --attendance-files >= 1");
        }
        Generator.Settings s = new Generator.Settings();
        s.seed = seed;
        s.attendanceRows = attendanceRows;
        s.dealRows = dealRows;
        s.attendanceFiles = attendanceFiles == null ? 0 : attendanceFiles;
        s.dirty = dirty && !clean;
        Path dir = out.toAbsolutePath().normalize();
        long t0 = System.nanoTime();
        Generator.Summary sum = new Generator(s, dir).run();
        String name = dir.getFileName() == null ? "generated" : dir.getFileName().toString();
        if (sample) {
            Path parent = dir.getParent();
            writeJob(parent.resolve(name + ".yaml"), name, name + "/", "en", "../reports", s);
            writeJob(parent.resolve(name + "-zh.yaml"), name + "-zh", name + "/", "zh-CN", "../reports", s);
        } else {
            writeJob(dir.resolve("job.yaml"), name, "", "en", "reports", s);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "Wrote %d files, %,d bytes, to %s in %d ms%n", sum.files.size(), sum.bytes, dir, ms);
        for (Map.Entry<String, Long> e : sum.rows.entrySet()) {
            w.printf(Locale.ROOT, "  %-12s %,12d rows, %d deliberately bad%n", e.getKey(), e.getValue(),
                    sum.designedRejects.getOrDefault(e.getKey(), 0));
        }
        w.flush();
        return 0;
    }

    /** The job file of inputs.md; paths relative to the job file's folder. */
    static String jobYaml(String name, String prefix, String language, String output, Generator.Settings s) {
        StringBuilder y = new StringBuilder();
        y.append("# Written by `festival-outcomes generate --seed ").append(s.seed)
                .append(s.dirty ? "" : " --clean").append("`: regenerate rather than edit.\n");
        if (s.dirty) {
            y.append("# The data holds a few deliberate bad rows (see GenerateCommand): they go to quarantine.\n");
        }
        y.append("name: ").append(name).append('\n');
        y.append("editions: [SHICF-2023, QDDCE-2023]\n");
        y.append("inputs:\n");
        y.append("  festivals: ").append(prefix).append("festivals.csv\n");
        y.append("  events: ").append(prefix).append("events.csv\n");
        y.append("  attendance: ").append(prefix).append("attendance/*.csv\n");
        y.append("  enterprises: ").append(prefix).append("enterprises.csv\n");
        y.append("  deals: ").append(prefix).append("deals/*.csv\n");
        y.append("  targets: ").append(prefix).append("targets.csv\n");
        y.append("formats:\n");
        y.append("  enterprises:\n");
        y.append("    encoding: GB18030\n");
        y.append("    columns:\n");
        for (String[] c : Generator.ENTERPRISE_COLUMNS) {
            y.append("      ").append(c[0]).append(": ").append(c[1]).append('\n');
        }
        y.append("fx_to_cny: {USD: 7.10, EUR: 7.75}\n");
        y.append("quality:\n");
        y.append("  max_rejected_share: 0.05\n");
        y.append("output: ").append(output).append('\n');
        y.append("language: ").append(language).append('\n');
        return y.toString();
    }

    private static void writeJob(Path file, String name, String prefix, String language, String output,
            Generator.Settings s) throws IOException {
        Files.writeString(file, jobYaml(name, prefix, language, output, s), StandardCharsets.UTF_8);
    }
}
