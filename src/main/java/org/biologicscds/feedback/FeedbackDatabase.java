package org.biologicscds.feedback;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feedback database: a connection pool on H2 or PostgreSQL, migrated to the current schema by
 * Flyway ({@code db/migration}) when opened. Open once at start, share, close at stop. Thread-safe.
 *
 * <p>Durability. PostgreSQL commits are durable when they return (its default
 * {@code synchronous_commit}). H2 keeps committed changes in memory for up to its
 * {@code WRITE_DELAY} (500 ms by default) unless told otherwise, so H2 URLs get
 * {@code WRITE_DELAY=0} (every commit written to the file) unless they set it, and
 * {@link #sync(Connection)} forces the file to disk. An H2 file database is open in one process
 * at a time (H2 locks the file; the lock dies with the process).
 */
public final class FeedbackDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FeedbackDatabase.class);
    /** H2's page cache, in KB: see {@link #durableH2}. */
    private static final int H2_CACHE_KB = 1024;

    private final DatabaseSettings settings;
    private final HikariDataSource pool;

    private FeedbackDatabase(DatabaseSettings settings, HikariDataSource pool) {
        this.settings = settings;
        this.pool = pool;
    }

    /**
     * Connects and migrates. Throws {@link FeedbackStoreException} (naming the URL without its
     * parameters, never the password) when the database cannot be reached or migrated.
     */
    public static FeedbackDatabase open(DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.isH2() ? durableH2(settings.url()) : settings.url());
        if (settings.user() != null) {
            config.setUsername(settings.user());
        }
        if (settings.password() != null) {
            config.setPassword(settings.password());
        }
        config.setPoolName("feedback-db");
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(5_000);
        config.setInitializationFailTimeout(1); // one attempt: a wrong URL fails the start at once
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new FeedbackStoreException("cannot open the feedback database " + settings.redactedUrl() + ": "
                    + rootMessage(e), e);
        }
        try {
            MigrateResult migrated = Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
            LOG.info("feedback database {}: schema version {} ({} migrations applied now)", settings.redactedUrl(),
                    migrated.targetSchemaVersion == null ? migrated.initialSchemaVersion : migrated.targetSchemaVersion,
                    migrated.migrationsExecuted);
        } catch (FlywayException e) {
            pool.close();
            throw new FeedbackStoreException("cannot migrate the feedback database " + settings.redactedUrl() + ": "
                    + rootMessage(e), e);
        }
        return new FeedbackDatabase(settings, pool);
    }

    public DataSource dataSource() {
        return pool;
    }

    public DatabaseSettings settings() {
        return settings;
    }

    /**
     * Forces what {@code connection} committed onto the disk: a no-op on PostgreSQL (its commit
     * already did), {@code CHECKPOINT SYNC} on H2 (so power loss cannot take an acknowledged entry).
     */
    void sync(Connection connection) throws SQLException {
        if (settings.isH2() && !settings.url().startsWith("jdbc:h2:mem:")) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CHECKPOINT SYNC");
            }
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    /**
     * WRITE_DELAY=0: every commit is written to the file before it returns. DB_CLOSE_ON_EXIT=FALSE:
     * H2's own shutdown hook must not close the database while ours still drains the issued-card log.
     * CACHE_SIZE=1024 (KB, against H2's 16 MB): H2 keeps every page it writes in that cache, so
     * under load the issued-card log's pages lived for seconds, long enough to be promoted to the
     * old generation, and filled it until a full collection (docs/performance.md, "The tail"); the
     * database is written far more than it is read, and the file is in the OS's cache anyway.
     * Each is added only when the URL does not set it.
     */
    private static String durableH2(String url) {
        String upper = url.toUpperCase(java.util.Locale.ROOT);
        String durable = upper.contains(";WRITE_DELAY=") ? url : url + ";WRITE_DELAY=0";
        durable = upper.contains(";DB_CLOSE_ON_EXIT=") ? durable : durable + ";DB_CLOSE_ON_EXIT=FALSE";
        return upper.contains(";CACHE_SIZE=") ? durable : durable + ";CACHE_SIZE=" + H2_CACHE_KB;
    }

    /**
     * What went wrong, safe to log: a connection problem's message (host, port, "closed"), but for
     * errors about data only the SQLState and the exception type, since H2 and PostgreSQL quote
     * the offending values (a free-text override comment, say) in their messages.
     */
    static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && !sql.getSQLState().startsWith("08")) {
                return "SQLState " + sql.getSQLState() + " (" + sql.getClass().getSimpleName() + ")";
            }
        }
        return rootMessage(e);
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
