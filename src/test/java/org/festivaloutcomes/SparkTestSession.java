package org.festivaloutcomes;

import org.apache.spark.sql.SparkSession;

/**
 * The one local SparkSession of a test JVM, created on first use and shared by every test class (as in
 * Apache Iceberg's Spark tests): starting Spark once keeps the suite fast. Test classes must not stop it;
 * Spark's own shutdown hook stops it when the JVM exits.
 */
public final class SparkTestSession {

    private static volatile SparkSession spark;

    private SparkTestSession() {
    }

    public static SparkSession get() {
        SparkSession s = spark;
        if (s == null) {
            synchronized (SparkTestSession.class) {
                s = spark;
                if (s == null) {
                    s = SparkSession.builder()
                            .master("local[2]")
                            .appName("festival-outcomes-tests")
                            .config("spark.ui.enabled", "false")
                            .config("spark.sql.shuffle.partitions", "4")
                            .config("spark.driver.host", "127.0.0.1")
                            .config("spark.driver.bindAddress", "127.0.0.1")
                            // as in production (SparkContexts): java.time values, wall-clock time
                            .config("spark.sql.datetime.java8API.enabled", "true")
                            .config("spark.sql.session.timeZone", "UTC")
                            .getOrCreate();
                    s.sparkContext().setLogLevel("WARN");
                    spark = s;
                }
            }
        }
        return s;
    }
}
