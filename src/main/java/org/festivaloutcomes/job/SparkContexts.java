package org.festivaloutcomes.job;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.festivaloutcomes.engine.SparkRuntime;

/**
 * Starts the Spark of a run: local on all cores unless spark-submit (or spark.master) names a cluster.
 * Only the context is started; the SQL session is made on it if something asks for Datasets
 * ({@link SparkRuntime}).
 */
public final class SparkContexts {

    private SparkContexts() {
    }

    public static SparkRuntime start(boolean verbose) {
        HeapRetention.keepHeap();
        // Netty needs this on Java 17; harmless when already set by the launcher
        System.setProperty("io.netty.tryReflectionSetAccessible", "true");
        SparkConf conf = new SparkConf(true).setAppName("festival-outcomes");
        if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]")
                    .set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1");
            if (!conf.contains("spark.sql.shuffle.partitions")) {
                // enough for the walks to hold and sort a partition in memory at 30M rows under -Xmx2g;
                // adaptive execution merges them into parts of about 64 MB, so small data still runs as
                // a few tasks
                conf.set("spark.sql.shuffle.partitions", "64");
            }
        }
        if (!conf.contains("spark.sql.shuffle.orderIndependentChecksum.enabled")) {
            // the checksum tells whether a retried map task wrote different rows; these shuffles hash
            // stored, unchanging rows by their values, so a retry writes the same, and the per-row
            // checksum was a twentieth of each shuffle write
            conf.set("spark.sql.shuffle.orderIndependentChecksum.enabled", "false");
        }
        conf.set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false")
                // the settings of a session made later on this context (Datasets asked for)
                .set("spark.sql.datetime.java8API.enabled", "true")
                .set("spark.sql.session.timeZone", "UTC")
                .set("spark.sql.adaptive.enabled", "true")
                // wide staged rows make long plan strings; keep Spark from warning about truncating them
                .set("spark.sql.debug.maxToStringFields", "200");
        SparkContext context = SparkContext.getOrCreate(conf);
        context.setLogLevel(verbose ? "INFO" : "WARN");
        if (verbose) {
            // log4j2.properties silences the task failure traces that the program reports in one line
            org.apache.logging.log4j.core.config.Configurator.setLevel("org.apache.spark.executor.Executor",
                    org.apache.logging.log4j.Level.INFO);
            org.apache.logging.log4j.core.config.Configurator.setLevel("org.apache.spark.scheduler.TaskSetManager",
                    org.apache.logging.log4j.Level.INFO);
        }
        return SparkRuntime.lazy(context);
    }
}
