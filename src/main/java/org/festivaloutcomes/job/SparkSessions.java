package org.festivaloutcomes.job;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the SparkSession of a run: local on all cores unless spark-submit (or spark.master) names a
 * cluster.
 */
public final class SparkSessions {

    private SparkSessions() {
    }

    public static SparkSession create(boolean verbose) {
        // Netty needs this on Java 17; harmless when already set by the launcher
        System.setProperty("io.netty.tryReflectionSetAccessible", "true");
        SparkConf conf = new SparkConf(true);
        SparkSession.Builder builder = SparkSession.builder().appName("festival-outcomes");
        if (!conf.contains("spark.master")) {
            builder.master("local[*]")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1");
            if (!conf.contains("spark.sql.shuffle.partitions")) {
                // enough for the walks to hold and sort a partition in memory at 30M rows under -Xmx2g;
                // adaptive execution merges them into parts of about 64 MB, so small data still runs as
                // a few tasks
                builder.config("spark.sql.shuffle.partitions", 64);
            }
        }
        if (!conf.contains("spark.sql.shuffle.orderIndependentChecksum.enabled")) {
            // the checksum tells whether a retried map task wrote different rows; these shuffles hash
            // stored, unchanging rows by their values, so a retry writes the same, and the per-row
            // checksum was a twentieth of each shuffle write
            builder.config("spark.sql.shuffle.orderIndependentChecksum.enabled", "false");
        }
        SparkSession spark = builder
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.datetime.java8API.enabled", "true")
                // store entries are listed afresh on every read (one that was repaired must not be
                // read from a stale listing)
                .config("spark.sql.hive.filesourcePartitionFileCacheSize", "0")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.adaptive.enabled", "true")
                // wide staged rows make long plan strings; keep Spark from warning about truncating them
                .config("spark.sql.debug.maxToStringFields", "200")
                .getOrCreate();
        spark.sparkContext().setLogLevel(verbose ? "INFO" : "WARN");
        if (verbose) {
            // log4j2.properties silences the task failure traces that the program reports in one line
            org.apache.logging.log4j.core.config.Configurator.setLevel("org.apache.spark.executor.Executor",
                    org.apache.logging.log4j.Level.INFO);
            org.apache.logging.log4j.core.config.Configurator.setLevel("org.apache.spark.scheduler.TaskSetManager",
                    org.apache.logging.log4j.Level.INFO);
        }
        return spark;
    }
}
