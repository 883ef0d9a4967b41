package org.festivaloutcomes.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.festivaloutcomes.engine.SparkRuntime;
import org.festivaloutcomes.job.Job;
import org.festivaloutcomes.job.JobLoader;
import org.festivaloutcomes.job.MonthlyRun;
import org.festivaloutcomes.job.RunFolder;
import org.festivaloutcomes.job.SparkContexts;
import org.festivaloutcomes.model.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code run JOB.yaml --period YYYY-MM}: the monthly report of a job; {@code --from/--to} backfills a
 * range of months in one Spark session, reading the inputs once.
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Runs a job for one month (or each month of a range) and writes its run folder.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "2:bad command line, job file or input file structure (nothing written)",
            "3:done, but a dataset's rejected share is above quality.max_rejected_share",
            "1:anything else (nothing written)"})
public final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "JOB.yaml", description = "The job file.")
    Path jobFile;

    @Option(names = "--period", paramLabel = "YYYY-MM",
            description = "The calendar month to report on (default: the month before today).")
    String period;

    @Option(names = "--from", paramLabel = "YYYY-MM",
            description = "Backfill from this month on, one run folder per month (up to --to, default: the month "
                    + "before today).")
    String from;

    @Option(names = "--to", paramLabel = "YYYY-MM", description = "The last month of a backfill (needs --from).")
    String to;

    @Option(names = "--run-at", paramLabel = "INSTANT",
            description = "Pin the run time shown in the workbooks (ISO-8601, e.g. 2023-07-01T08:00:00Z) for "
                    + "reproducible files; SOURCE_DATE_EPOCH is honoured too.")
    String runAt;

    @Option(names = "--verbose", description = "Show Spark's own log (INFO).")
    boolean verbose;

    @Override
    public Integer call() {
        SparkRuntime spark = null;
        // a session that already exists (tests, spark-shell) belongs to its creator: leave it running
        SparkSession existing = SparkSession.getDefaultSession().getOrElse(() -> null);
        try {
            List<YearMonth> months = months();
            OffsetDateTime shownRunTime = runTime(runAt);
            Job job = new JobLoader().load(jobFile);
            if (job.pseudonymKeySource().startsWith("built-in")) {
                progress("note: attendee ids are pseudonymised with the built-in sample key; set "
                        + JobLoader.DEFAULT_KEY_ENV + " for real data");
            }
            progress("job " + job.name() + ", period " + (months.size() == 1 ? months.get(0)
                    : months.get(0) + " to " + months.get(months.size() - 1)) + ", editions "
                    + String.join(", ", job.editions()));
            spark = existing != null ? SparkRuntime.of(existing) : SparkContexts.start(verbose);
            int exitCode = MonthlyRun.EXIT_OK;
            for (MonthlyRun.Result result : new MonthlyRun(spark, job, months, shownRunTime, RunCommand::progress)
                    .runAll()) {
                System.out.println(result.folder());
                exitCode = Math.max(exitCode, result.exitCode());
            }
            return exitCode;
        } catch (Exception | Error e) {
            BadInputException bad = Failures.find(e, BadInputException.class);
            if (bad != null) {
                System.err.println("error: " + bad.getMessage());
                return 2;
            }
            RunFolder.AlreadyRunningException running = Failures.find(e, RunFolder.AlreadyRunningException.class);
            System.err.println("error: " + (running != null ? running.getMessage() : Failures.oneLine(e)));
            if (verbose) {
                e.printStackTrace();
            }
            return 1;
        } finally {
            if (spark != null && existing == null) {
                spark.context().stop();
            }
        }
    }

    /** The months to run: --period, or every month from --from to --to. */
    List<YearMonth> months() {
        if (from == null) {
            if (to != null) {
                throw new BadInputException("--to needs --from (the first month of the backfill)");
            }
            return List.of(parsePeriod(period, "--period"));
        }
        if (period != null) {
            throw new BadInputException("give either --period or --from/--to, not both");
        }
        YearMonth first = parsePeriod(from, "--from");
        YearMonth last = parsePeriod(to, "--to");
        if (last.isBefore(first)) {
            throw new BadInputException("--to " + last + " is before --from " + first);
        }
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            months.add(m);
        }
        return months;
    }

    static YearMonth parsePeriod(String text, String option) {
        if (text == null) {
            return YearMonth.now().minusMonths(1);
        }
        try {
            return YearMonth.parse(text.strip(), DateTimeFormatter.ofPattern("uuuu-MM"));
        } catch (DateTimeParseException e) {
            throw new BadInputException(option + " '" + text + "' is not a month in the form YYYY-MM");
        }
    }

    static OffsetDateTime runTime(String text) {
        try {
            if (text != null) {
                return OffsetDateTime.parse(text.strip());
            }
        } catch (DateTimeParseException e) {
            throw new BadInputException("--run-at '" + text + "' is not an ISO-8601 instant like 2023-07-01T08:00:00Z");
        }
        String epoch = System.getenv("SOURCE_DATE_EPOCH");
        if (epoch != null && epoch.strip().matches("\\d+")) {
            return Instant.ofEpochSecond(Long.parseLong(epoch.strip())).atOffset(ZoneOffset.UTC);
        }
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
    }

    private static void progress(String line) {
        System.err.println(line);
    }
}
