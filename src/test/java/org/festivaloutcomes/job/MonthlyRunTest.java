package org.festivaloutcomes.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkContext;
import org.festivaloutcomes.SparkTestSession;
import org.festivaloutcomes.TestFiles;
import org.festivaloutcomes.engine.SparkRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonthlyRunTest {

    @TempDir
    Path work;

    /**
     * A run submits tasks and plans no SQL query: over a context whose session is made only on demand,
     * the sample month completes with its workbooks and never asks for the session.
     */
    @Test
    void aRunNeverMakesTheSqlSession() throws Exception {
        SparkContext context = SparkTestSession.get().sparkContext();
        TestFiles.copyTree(Path.of("jobs/sample"), work.resolve("sample"));
        Path jobFile = work.resolve("sample.yaml");
        Files.writeString(jobFile, Files.readString(Path.of("jobs/sample.yaml")).replace("output: ../reports",
                "output: reports"));
        Job job = new JobLoader().load(jobFile);
        SparkRuntime spark = SparkRuntime.lazy(context);
        List<String> progress = new ArrayList<>();

        List<MonthlyRun.Result> results = new MonthlyRun(spark, job, YearMonth.of(2023, 6),
                OffsetDateTime.parse("2023-07-01T08:00:00Z"), progress::add).runAll();

        assertEquals(1, results.size());
        assertTrue(Files.isRegularFile(Path.of(results.get(0).folder()).resolve("metrics.csv")), progress.toString());
        assertFalse(spark.hasSession(), "a run asked for the SQL session");
        // asked for, the session is the one on the same context
        assertSame(context, spark.session().sparkContext());
        assertTrue(spark.hasSession());
    }
}
