package org.biologicscds.trust;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code jti}s of accepted client JWTs in the database (table {@code jwt_replay}, migration V2),
 * so that every instance on that database refuses a token any of them accepted. The row's key is a
 * digest of issuer and {@code jti}; the first instance to insert it wins, the primary key decides
 * between instances racing on one token. A row whose token has expired may be taken again, and
 * expired rows are deleted about once a minute by whichever instance gets there. A database that
 * cannot be asked refuses the token ({@link Outcome#UNAVAILABLE}): never a replay let through.
 * Thread-safe; H2 and PostgreSQL alike (portable SQL, SQLSTATE 23505 for a duplicate key).
 */
public final class DatabaseReplayStore implements ReplayStore {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseReplayStore.class);
    private static final long SWEEP_EVERY_MS = Duration.ofMinutes(1).toMillis();
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource database;
    private final Clock clock;
    private final AtomicLong nextSweep;

    public DatabaseReplayStore(DataSource database, Clock clock) {
        this.database = database;
        this.clock = clock;
        this.nextSweep = new AtomicLong(clock.millis());
    }

    @Override
    public Outcome firstUse(String issuer, String jwtId, Instant forgetAfter) {
        String id = HexFormat.of().formatHex(ReplayCache.digest(issuer, jwtId));
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        try (Connection connection = database.getConnection()) {
            sweepIfDue(connection, now);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO jwt_replay (id_hash, expires_at) VALUES (?, ?)")) {
                insert.setString(1, id);
                insert.setObject(2, forgetAfter.atOffset(ZoneOffset.UTC));
                insert.executeUpdate();
                return Outcome.FIRST_USE;
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
            }
            // Held already: a replay, unless that token has expired (then this one takes the row).
            try (PreparedStatement renew = connection.prepareStatement(
                    "UPDATE jwt_replay SET expires_at = ? WHERE id_hash = ? AND expires_at <= ?")) {
                renew.setObject(1, forgetAfter.atOffset(ZoneOffset.UTC));
                renew.setString(2, id);
                renew.setObject(3, now);
                return renew.executeUpdate() == 1 ? Outcome.FIRST_USE : Outcome.REPLAY;
            }
        } catch (SQLException e) {
            LOG.error("jti replay store unavailable, token refused: {} (SQLSTATE {})", e.getClass().getName(), e.getSQLState());
            return Outcome.UNAVAILABLE;
        }
    }

    /** How many ids are held, expired ones included until the next sweep (tests). */
    public int size() throws SQLException {
        try (Connection connection = database.getConnection();
             var count = connection.createStatement().executeQuery("SELECT COUNT(*) FROM jwt_replay")) {
            count.next();
            return count.getInt(1);
        }
    }

    private void sweepIfDue(Connection connection, OffsetDateTime now) throws SQLException {
        long due = nextSweep.get();
        long millis = now.toInstant().toEpochMilli();
        if (millis >= due && nextSweep.compareAndSet(due, millis + SWEEP_EVERY_MS)) {
            try (PreparedStatement sweep = connection.prepareStatement("DELETE FROM jwt_replay WHERE expires_at <= ?")) {
                sweep.setObject(1, now);
                sweep.executeUpdate();
            }
        }
    }
}
