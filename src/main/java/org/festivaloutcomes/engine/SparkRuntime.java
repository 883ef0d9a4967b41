package org.festivaloutcomes.engine;

import java.util.function.Supplier;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark a run works with: its context, which runs the tasks of a run (the parse, the metric passes),
 * and a SQL session, made only when something asks for Datasets.
 *
 * <p>A run submits tasks and plans no query, and creating a session is not free: its class set-up
 * starts Scala's runtime reflection (about a second and a thousand classes), and a first query loads
 * and compiles the Catalyst planner (seconds more). So a run starts the context alone, and the session
 * is made on the same context by {@link #session()} when a caller wants the accepted rows as Datasets.
 */
public final class SparkRuntime {

    private final SparkContext context;
    private final Supplier<SparkSession> sessionFactory;
    private SparkSession session;

    private SparkRuntime(SparkContext context, SparkSession session, Supplier<SparkSession> sessionFactory) {
        this.context = context;
        this.session = session;
        this.sessionFactory = sessionFactory;
    }

    /** A session that already exists (tests, spark-shell, spark-submit with a session). */
    public static SparkRuntime of(SparkSession session) {
        return new SparkRuntime(session.sparkContext(), session, () -> session);
    }

    /**
     * A context whose session is made when first asked for: on this context (the active one), with the
     * context's {@code spark.sql.*} settings.
     */
    public static SparkRuntime lazy(SparkContext context) {
        return new SparkRuntime(context, null, () -> SparkSession.builder().getOrCreate());
    }

    public SparkContext context() {
        return context;
    }

    public JavaSparkContext javaContext() {
        return JavaSparkContext.fromSparkContext(context);
    }

    /** The SQL session on this context, made at the first call. */
    public synchronized SparkSession session() {
        if (session == null) {
            session = sessionFactory.get();
        }
        return session;
    }

    /** Whether {@link #session()} has made (or was given) a session. */
    public synchronized boolean hasSession() {
        return session != null;
    }

    public String version() {
        return context.version();
    }
}
