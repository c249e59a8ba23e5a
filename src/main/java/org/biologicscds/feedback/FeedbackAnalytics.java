package org.biologicscds.feedback;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Computes the {@link FeedbackReport} with a few aggregate queries (portable SQL: H2 and
 * PostgreSQL). {@code since} counts each event by its own time: cards by when they were issued,
 * feedback by its {@code outcomeTimestamp}. Read-only; thread-safe.
 */
public final class FeedbackAnalytics {

    /** How many override reasons a row lists. */
    public static final int TOP_REASONS = 3;

    private static final String ISSUED = """
            SELECT rule_id, COUNT(*) FROM issued_card WHERE issued_at >= ? GROUP BY rule_id""";
    private static final String OUTCOMES = """
            SELECT c.rule_id, f.outcome, COUNT(DISTINCT f.card_uuid)
            FROM feedback f JOIN issued_card c ON c.card_uuid = f.card_uuid
            WHERE f.outcome_timestamp >= ? GROUP BY c.rule_id, f.outcome""";
    private static final String REASONS = """
            SELECT c.rule_id, f.reason_system, f.reason_code, MAX(f.reason_display),
                   CASE WHEN f.reason_code IS NULL AND f.user_comment IS NOT NULL THEN 1 ELSE 0 END,
                   COUNT(DISTINCT f.card_uuid)
            FROM feedback f JOIN issued_card c ON c.card_uuid = f.card_uuid
            WHERE f.outcome = 'overridden' AND f.outcome_timestamp >= ?
            GROUP BY c.rule_id, f.reason_system, f.reason_code,
                     CASE WHEN f.reason_code IS NULL AND f.user_comment IS NOT NULL THEN 1 ELSE 0 END""";
    private static final String UNMATCHED = """
            SELECT f.outcome, COUNT(DISTINCT f.card_uuid) FROM feedback f
            WHERE f.outcome_timestamp >= ?
              AND NOT EXISTS (SELECT 1 FROM issued_card c WHERE c.card_uuid = f.card_uuid)
            GROUP BY f.outcome""";

    private final DataSource dataSource;

    public FeedbackAnalytics(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The report from {@code since} (a UTC day; null for everything). Throws {@link FeedbackStoreException}. */
    public FeedbackReport report(LocalDate since) {
        OffsetDateTime from = since == null ? OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)
                : since.atStartOfDay().atOffset(ZoneOffset.UTC);
        Map<String, Counts> rules = new TreeMap<>();
        long unmatchedAccepted = 0;
        long unmatchedOverridden = 0;
        try (Connection connection = dataSource.getConnection()) {
            for (Object[] row : query(connection, ISSUED, from)) {
                rules.computeIfAbsent((String) row[0], k -> new Counts()).issued = (Long) row[1];
            }
            for (Object[] row : query(connection, OUTCOMES, from)) {
                Counts counts = rules.computeIfAbsent((String) row[0], k -> new Counts());
                if (Outcome.ACCEPTED.code().equals(row[1])) {
                    counts.accepted = (Long) row[2];
                } else {
                    counts.overridden = (Long) row[2];
                }
            }
            for (Object[] row : query(connection, REASONS, from)) {
                rules.computeIfAbsent((String) row[0], k -> new Counts()).reasons.add(reason(row));
            }
            for (Object[] row : query(connection, UNMATCHED, from)) {
                if (Outcome.ACCEPTED.code().equals(row[0])) {
                    unmatchedAccepted = (Long) row[1];
                } else {
                    unmatchedOverridden = (Long) row[1];
                }
            }
        } catch (SQLException e) {
            throw new FeedbackStoreException("the feedback database failed: " + FeedbackDatabase.describe(e), e);
        }
        List<FeedbackReport.RuleStats> rows = new ArrayList<>();
        rules.forEach((ruleId, counts) -> rows.add(counts.stats(ruleId)));
        return new FeedbackReport(since, rows, new FeedbackReport.Unmatched(unmatchedAccepted, unmatchedOverridden));
    }

    private static FeedbackReport.ReasonCount reason(Object[] row) {
        long count = (Long) row[5];
        if (row[2] != null) {
            return new FeedbackReport.ReasonCount((String) row[1], (String) row[2], (String) row[3], count);
        }
        boolean comment = ((Number) row[4]).intValue() == 1;
        return new FeedbackReport.ReasonCount(null, null,
                comment ? FeedbackReport.ReasonCount.COMMENT_ONLY : FeedbackReport.ReasonCount.NO_REASON, count);
    }

    /** Runs a query with one timestamp parameter; counts come back as Long whatever the database's type. */
    private static List<Object[]> query(Connection connection, String sql, OffsetDateTime from) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, from);
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    Object[] row = new Object[columns];
                    for (int i = 0; i < columns - 1; i++) {
                        row[i] = result.getObject(i + 1);
                    }
                    row[columns - 1] = result.getLong(columns);
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private static final class Counts {
        long issued;
        long accepted;
        long overridden;
        final List<FeedbackReport.ReasonCount> reasons = new ArrayList<>();

        FeedbackReport.RuleStats stats(String ruleId) {
            long acted = accepted + overridden;
            List<FeedbackReport.ReasonCount> top = reasons.stream()
                    .sorted(Comparator.comparingLong(FeedbackReport.ReasonCount::count).reversed()
                            .thenComparing(FeedbackReport.ReasonCount::label))
                    .limit(TOP_REASONS).toList();
            return new FeedbackReport.RuleStats(ruleId, issued, accepted, overridden,
                    acted == 0 ? null : (double) overridden / acted, top);
        }
    }
}
