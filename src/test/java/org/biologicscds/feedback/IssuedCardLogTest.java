package org.biologicscds.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The issued-card log: written in batches by its own thread, drained on close, and never a wait for the caller. */
class IssuedCardLogTest {

    private static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path folder;

    private static IssuedCard card(int i) {
        return new IssuedCard("card-" + i, i % 2 == 0 ? "tb-screening-missing" : "methotrexate-combination",
                i % 2 == 0 ? Indicator.WARNING : Indicator.INFO, "biologic-order-sign", "hook-" + i, "pt-" + i, AT);
    }

    private static List<IssuedCard> cards(int count) {
        return IntStream.range(0, count).mapToObj(IssuedCardLogTest::card).toList();
    }

    private static List<IssuedCard> stored(FeedbackDatabase db) throws Exception {
        List<IssuedCard> cards = new ArrayList<>();
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT card_uuid, rule_id, indicator, service_id, hook_instance, patient_id, issued_at
                     FROM issued_card ORDER BY issued_at, hook_instance""")) {
            while (rows.next()) {
                cards.add(new IssuedCard(rows.getString(1), rows.getString(2), Indicator.fromCode(rows.getString(3)),
                        rows.getString(4), rows.getString(5), rows.getString(6),
                        rows.getObject(7, java.time.OffsetDateTime.class).toInstant()));
            }
        }
        cards.sort(java.util.Comparator.comparingInt(c -> Integer.parseInt(c.cardUuid().substring(5))));
        return cards;
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void cardsQueuedWhileTheWriterWasBusy_areWrittenInBatchesOfAtMostMaxBatch(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, folder); FeedbackDatabase db = FeedbackDatabase.open(test.settings())) {
            IssuedCardLog log = new IssuedCardLog(db.dataSource(), new IssuedCardLog.Settings(2_000, 500, 3, Duration.ofMillis(10), Duration.ZERO));
            assertThat(log.record(cards(1_200))).isTrue();

            log.start();
            assertThat(log.flush(Duration.ofSeconds(30))).isTrue();

            assertThat(log.stats()).isEqualTo(new IssuedCardLog.Stats(1_200, 1_200, 0, 0, 3));
            assertThat(stored(db)).isEqualTo(cards(1_200));
            log.close();
        }
    }

    /** A started log with a ten-minute linger whose writer has taken card 0 and lingers (without a linger it writes it alone). */
    private static IssuedCardLog lingeringAfterCardZero(FeedbackDatabase db) throws InterruptedException {
        IssuedCardLog log = new IssuedCardLog(db.dataSource(),
                new IssuedCardLog.Settings(100, 500, 3, Duration.ofMillis(10), Duration.ofMinutes(10))).start();
        log.record(List.of(card(0)));
        Thread.sleep(300);
        return log;
    }

    @Test
    void cardsArrivingWhileTheWriterLingers_shareOneCommit_andAFlushDoesNotWaitTheLingerOut() throws Exception {
        try (TestDatabase test = TestDatabase.create(TestDatabase.Kind.H2, folder);
             FeedbackDatabase db = FeedbackDatabase.open(test.settings())) {
            IssuedCardLog log = lingeringAfterCardZero(db);
            log.record(List.of(card(1)));
            log.record(List.of(card(2)));

            assertThat(log.flush(Duration.ofSeconds(30))).as("flushed long before the ten-minute linger").isTrue();

            assertThat(log.stats()).isEqualTo(new IssuedCardLog.Stats(3, 3, 0, 0, 1));
            assertThat(stored(db)).isEqualTo(cards(3));
            log.close();
        }
    }

    @Test
    void close_doesNotWaitTheLingerOut() throws Exception {
        try (TestDatabase test = TestDatabase.create(TestDatabase.Kind.H2, folder);
             FeedbackDatabase db = FeedbackDatabase.open(test.settings())) {
            IssuedCardLog log = lingeringAfterCardZero(db);

            assertTimeoutPreemptively(Duration.ofSeconds(20), log::close);

            assertThat(stored(db)).isEqualTo(cards(1));
        }
    }

    @Test
    void close_writesEverythingStillQueued() throws Exception {
        try (TestDatabase test = TestDatabase.create(TestDatabase.Kind.H2, folder);
             FeedbackDatabase db = FeedbackDatabase.open(test.settings())) {
            IssuedCardLog log = new IssuedCardLog(db.dataSource(), IssuedCardLog.Settings.DEFAULT).start();
            for (int i = 0; i < 300; i++) {
                log.record(List.of(card(i)));
            }

            log.close();

            assertThat(log.stats().written()).isEqualTo(300);
            assertThat(stored(db)).isEqualTo(cards(300));
            assertThat(log.record(List.of(card(300)))).as("a closed log takes no more cards").isFalse();
            assertThat(log.stats().dropped()).isEqualTo(1);
        }
    }

    @Test
    void fullQueue_dropsAndCountsWithoutWaiting() throws Exception {
        try (TestDatabase test = TestDatabase.create(TestDatabase.Kind.H2, folder);
             FeedbackDatabase db = FeedbackDatabase.open(test.settings())) {
            IssuedCardLog log = new IssuedCardLog(db.dataSource(), new IssuedCardLog.Settings(5, 500, 3, Duration.ofMillis(10), Duration.ZERO));

            boolean all = log.record(cards(8)); // the writer is not started: nothing leaves the queue

            assertThat(all).isFalse();
            assertThat(log.stats()).isEqualTo(new IssuedCardLog.Stats(5, 0, 3, 0, 0));
            log.start();
            log.close();
            assertThat(stored(db)).isEqualTo(cards(5));
        }
    }

    @Test
    void databaseDown_recordStillReturnsAtOnceAndTheBatchIsCountedLost() throws Exception {
        try (TestDatabase test = TestDatabase.create(TestDatabase.Kind.H2, folder)) {
            FeedbackDatabase db = FeedbackDatabase.open(test.settings());
            IssuedCardLog log = new IssuedCardLog(db.dataSource(), new IssuedCardLog.Settings(100, 500, 3, Duration.ofMillis(10), Duration.ZERO))
                    .start();
            db.close(); // every connection attempt now fails

            assertThat(log.record(cards(4))).isTrue();
            assertThat(log.flush(Duration.ofSeconds(30))).isTrue();

            assertThat(log.stats()).isEqualTo(new IssuedCardLog.Stats(4, 0, 0, 4, 0));
            log.close();
        }
    }
}
