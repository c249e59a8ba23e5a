package org.biologicscds.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.biologicscds.feedback.FeedbackDatabase;
import org.biologicscds.testing.MutableClock;
import org.biologicscds.testing.TestDatabase;
import org.biologicscds.trust.ReplayStore.Outcome;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@code jti} replay store in the database (H2 and PostgreSQL): first use, replay (also through a
 * second store on the same database, as a second instance), expiry, the sweep, racing instances,
 * and a database that cannot be asked.
 */
class DatabaseReplayStoreTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final String ISSUER = "https://ehr.example.org";

    @TempDir
    Path folder;

    private final MutableClock clock = new MutableClock(NOW);

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aJtiUsedOnOneInstance_isRefusedOnAnother_untilItsTokenExpires(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, folder); FeedbackDatabase db = FeedbackDatabase.open(test.settings())) {
            DatabaseReplayStore first = new DatabaseReplayStore(db.dataSource(), clock);
            DatabaseReplayStore second = new DatabaseReplayStore(db.dataSource(), clock);
            Instant expiry = NOW.plusSeconds(300);

            assertThat(first.firstUse(ISSUER, "jti-1", expiry)).isEqualTo(Outcome.FIRST_USE);
            assertThat(second.firstUse(ISSUER, "jti-1", expiry)).isEqualTo(Outcome.REPLAY);
            assertThat(first.firstUse(ISSUER, "jti-1", expiry)).isEqualTo(Outcome.REPLAY);
            assertThat(second.firstUse("https://other.example.org", "jti-1", expiry)).isEqualTo(Outcome.FIRST_USE);

            clock.advance(Duration.ofSeconds(301));
            assertThat(second.firstUse(ISSUER, "jti-1", clock.instant().plusSeconds(300))).isEqualTo(Outcome.FIRST_USE);
            assertThat(first.firstUse(ISSUER, "jti-1", clock.instant().plusSeconds(300))).isEqualTo(Outcome.REPLAY);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void expiredIds_areSweptAboutOnceAMinute(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, folder); FeedbackDatabase db = FeedbackDatabase.open(test.settings())) {
            DatabaseReplayStore store = new DatabaseReplayStore(db.dataSource(), clock);
            for (int i = 0; i < 5; i++) {
                store.firstUse(ISSUER, "short-" + i, NOW.plusSeconds(30));
            }
            store.firstUse(ISSUER, "long", NOW.plusSeconds(3600));
            assertThat(store.size()).isEqualTo(6);

            clock.advance(Duration.ofSeconds(61));
            store.firstUse(ISSUER, "later", clock.instant().plusSeconds(300));

            assertThat(store.size()).as("the five expired ids are gone, the long one and the new one stay").isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void instancesRacingOnOneToken_exactlyOneAcceptsIt(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, folder); FeedbackDatabase db = FeedbackDatabase.open(test.settings())) {
            List<DatabaseReplayStore> instances = List.of(new DatabaseReplayStore(db.dataSource(), clock),
                    new DatabaseReplayStore(db.dataSource(), clock), new DatabaseReplayStore(db.dataSource(), clock));
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                for (int token = 0; token < 20; token++) {
                    String jti = "raced-" + token;
                    List<Callable<Outcome>> tries = new ArrayList<>();
                    for (int i = 0; i < 6; i++) {
                        DatabaseReplayStore instance = instances.get(i % 3);
                        tries.add(() -> instance.firstUse(ISSUER, jti, NOW.plusSeconds(300)));
                    }
                    List<Outcome> outcomes = new ArrayList<>();
                    for (Future<Outcome> outcome : pool.invokeAll(tries)) {
                        outcomes.add(outcome.get());
                    }
                    assertThat(outcomes).as(jti).containsOnlyOnce(Outcome.FIRST_USE).containsOnly(Outcome.FIRST_USE, Outcome.REPLAY);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aDatabaseThatCannotBeAsked_refusesTheToken(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, folder)) {
            FeedbackDatabase db = FeedbackDatabase.open(test.settings());
            DatabaseReplayStore store = new DatabaseReplayStore(db.dataSource(), clock);
            db.close();

            assertThat(store.firstUse(ISSUER, "jti-after-close", NOW.plusSeconds(300))).isEqualTo(Outcome.UNAVAILABLE);
        }
    }
}
