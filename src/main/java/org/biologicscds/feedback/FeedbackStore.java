package org.biologicscds.feedback;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.biologicscds.hooks.Coding;

/**
 * Stores feedback synchronously and durably: {@link #store} returns only after the batch is
 * committed (and, on H2, forced to disk), so a 200 sent after it cannot be lost to a crash.
 * A batch is one transaction: all of it is stored or none. Idempotent: an entry already stored
 * (same {@link FeedbackEntry#key()}) is skipped, also when two requests race. Thread-safe.
 */
public final class FeedbackStore {

    /** What a {@link #store} call did: how many entries it received, and those that were new (now stored). */
    public record Result(int received, List<FeedbackEntry> stored) {

        public Result {
            stored = List.copyOf(stored);
        }
    }

    private static final String UNIQUE_VIOLATION = "23505";

    private final FeedbackDatabase database;
    private final Clock clock;

    public FeedbackStore(FeedbackDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * Stores the entries posted to {@code serviceId}, skipping those already stored. Throws
     * {@link FeedbackStoreException} when the database fails; then nothing of the batch is stored.
     */
    public Result store(String serviceId, List<FeedbackEntry> entries) {
        // Duplicates inside one batch count once, like duplicates across batches.
        Map<String, FeedbackEntry> byKey = new LinkedHashMap<>();
        entries.forEach(entry -> byKey.putIfAbsent(entry.key(), entry));
        try {
            return new Result(entries.size(), storeOnce(serviceId, byKey));
        } catch (SQLException first) {
            if (!UNIQUE_VIOLATION.equals(first.getSQLState())) {
                throw failed(first);
            }
            // Another request stored one of these entries between our check and our insert:
            // the retry sees it and skips it.
            try {
                return new Result(entries.size(), storeOnce(serviceId, byKey));
            } catch (SQLException second) {
                throw failed(second);
            }
        }
    }

    private List<FeedbackEntry> storeOnce(String serviceId, Map<String, FeedbackEntry> byKey) throws SQLException {
        OffsetDateTime receivedAt = utc(clock.instant());
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM feedback WHERE entry_key = ?");
                 PreparedStatement insert = connection.prepareStatement("""
                         INSERT INTO feedback (entry_key, service_id, card_uuid, outcome, reason_system, reason_code,
                                               reason_display, user_comment, outcome_timestamp, received_at)
                         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
                 PreparedStatement suggestion = connection.prepareStatement(
                         "INSERT INTO feedback_suggestion (entry_key, suggestion_uuid) VALUES (?, ?)")) {
                List<FeedbackEntry> stored = new ArrayList<>();
                for (Map.Entry<String, FeedbackEntry> keyed : byKey.entrySet()) {
                    if (alreadyStored(exists, keyed.getKey())) {
                        continue;
                    }
                    insert(insert, suggestion, keyed.getKey(), serviceId, keyed.getValue(), receivedAt);
                    stored.add(keyed.getValue());
                }
                if (!stored.isEmpty()) {
                    suggestion.executeBatch();
                }
                connection.commit();
                database.sync(connection);
                return stored;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static boolean alreadyStored(PreparedStatement exists, String key) throws SQLException {
        exists.setString(1, key);
        try (ResultSet rows = exists.executeQuery()) {
            return rows.next();
        }
    }

    private static void insert(PreparedStatement insert, PreparedStatement suggestion, String key, String serviceId,
                               FeedbackEntry entry, OffsetDateTime receivedAt) throws SQLException {
        Coding reason = entry.overrideReason() == null ? null : entry.overrideReason().reason();
        insert.setString(1, key);
        insert.setString(2, serviceId);
        insert.setString(3, entry.card());
        insert.setString(4, entry.outcome().code());
        insert.setString(5, reason == null ? null : reason.system());
        insert.setString(6, reason == null ? null : reason.code());
        insert.setString(7, reason == null ? null : reason.display());
        insert.setString(8, entry.overrideReason() == null ? null : entry.overrideReason().userComment());
        insert.setObject(9, utc(entry.outcomeTimestamp()));
        insert.setObject(10, receivedAt);
        insert.executeUpdate();
        for (String id : entry.acceptedSuggestions()) {
            suggestion.setString(1, key);
            suggestion.setString(2, id);
            suggestion.addBatch();
        }
    }

    /** Every stored entry, oldest outcome first (ties by card): for tests, audits and exports. */
    public List<StoredFeedback> all() {
        Map<String, List<String>> suggestions = new LinkedHashMap<>();
        List<StoredFeedback> feedback = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection()) {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT entry_key, suggestion_uuid FROM feedback_suggestion ORDER BY entry_key, suggestion_uuid");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    suggestions.computeIfAbsent(rows.getString(1), k -> new ArrayList<>()).add(rows.getString(2));
                }
            }
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT entry_key, service_id, card_uuid, outcome, reason_system, reason_code, reason_display,
                           user_comment, outcome_timestamp, received_at
                    FROM feedback ORDER BY outcome_timestamp, card_uuid, entry_key""");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    feedback.add(read(rows, suggestions.getOrDefault(rows.getString(1), List.of())));
                }
            }
            return feedback;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static StoredFeedback read(ResultSet rows, List<String> suggestions) throws SQLException {
        Outcome outcome = Outcome.fromCode(rows.getString(4)).orElseThrow();
        Instant at = rows.getObject(9, OffsetDateTime.class).toInstant();
        Coding reason = rows.getString(6) == null ? null : new Coding(rows.getString(5), rows.getString(6), rows.getString(7));
        String comment = rows.getString(8);
        FeedbackEntry entry = outcome == Outcome.ACCEPTED
                ? FeedbackEntry.accepted(rows.getString(3), suggestions, at)
                : FeedbackEntry.overridden(rows.getString(3),
                        reason == null && comment == null ? null : new OverrideReason(reason, comment), at);
        return new StoredFeedback(rows.getString(2), entry, rows.getObject(10, OffsetDateTime.class).toInstant());
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static FeedbackStoreException failed(SQLException e) {
        return new FeedbackStoreException("the feedback database failed: " + FeedbackDatabase.describe(e), e);
    }
}
