package org.biologicscds.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.biologicscds.feedback.DatabaseSettings;

/**
 * A fresh, empty feedback database for one test: an H2 file in a temporary folder, or a schema of
 * its own on the project's PostgreSQL server (127.0.0.1:5432, database {@code test}, user
 * {@code postgres}, trust auth; {@code -Dbiologics.test.postgres=jdbc:postgresql://...} to point
 * elsewhere), dropped on {@link #close()}. A PostgreSQL server that cannot be reached fails the
 * test with the reason: {@code .ci/run} starts it.
 */
public final class TestDatabase implements AutoCloseable {

    /** The two databases the store supports. */
    public enum Kind {
        H2, POSTGRESQL
    }

    public static final String POSTGRES_URL = System.getProperty("biologics.test.postgres",
            "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String POSTGRES_USER = "postgres";

    private final Kind kind;
    private final DatabaseSettings settings;
    private final String schema;

    private TestDatabase(Kind kind, DatabaseSettings settings, String schema) {
        this.kind = kind;
        this.settings = settings;
        this.schema = schema;
    }

    /** A new database of {@code kind}; H2 files go under {@code folder}. */
    public static TestDatabase create(Kind kind, Path folder) {
        return switch (kind) {
            case H2 -> new TestDatabase(kind, new DatabaseSettings(
                    "jdbc:h2:file:" + folder.resolve("feedback-" + UUID.randomUUID()).toAbsolutePath(), null, null), null);
            case POSTGRESQL -> postgres();
        };
    }

    private static TestDatabase postgres() {
        String schema = "bcds_test_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new AssertionError("PostgreSQL is not reachable at " + POSTGRES_URL + " (" + e.getMessage()
                    + "); start it: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start", e);
        }
        return new TestDatabase(Kind.POSTGRESQL,
                new DatabaseSettings(POSTGRES_URL + "?currentSchema=" + schema, POSTGRES_USER, null), schema);
    }

    public Kind kind() {
        return kind;
    }

    /** The settings a store, the CLI ({@code --db} plus the user variable) or a server process uses. */
    public DatabaseSettings settings() {
        return settings;
    }

    @Override
    public void close() throws SQLException {
        if (schema != null) {
            try (Connection connection = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, "");
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    @Override
    public String toString() {
        return kind.toString();
    }
}
