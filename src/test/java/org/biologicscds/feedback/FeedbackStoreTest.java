package org.biologicscds.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.biologicscds.hooks.Coding;
import org.biologicscds.testing.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The feedback store on both databases it supports: whole entries back, each entry once, a batch all or nothing. */
class FeedbackStoreTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String SERVICE = "biologic-order-sign";

    @TempDir
    Path folder;

    private static final FeedbackEntry ACCEPTED = FeedbackEntry.accepted("card-1", List.of("s-2", "s-1"),
            Instant.parse("2026-11-23T09:00:00Z"));
    private static final FeedbackEntry OVERRIDDEN_UNKNOWN_REASON = FeedbackEntry.overridden("card-2",
            new OverrideReason(new Coding("https://ehr.example/override", "not-on-our-list", "Something else"),
                    "Screened at the referring hospital"), Instant.parse("2026-11-23T09:01:00Z"));
    private static final FeedbackEntry OVERRIDDEN_BARE = FeedbackEntry.overridden("card-3", null,
            Instant.parse("2026-11-23T09:02:00Z"));

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void storedEntries_readBackWhole(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, folder); FeedbackDatabase db = FeedbackDatabase.open(test.settings())) {
            FeedbackStore store = new FeedbackStore(db, CLOCK);

            FeedbackStore.Result result = store.store(SERVICE, List.of(ACCEPTED, OVERRIDDEN_UNKNOWN_REASON, OVERRIDDEN_BARE));

            assertThat(result).isEqualTo(new FeedbackStore.Result(3, List.of(ACCEPTED, OVERRIDDEN_UNKNOWN_REASON, OVERRIDDEN_BARE)));
            assertThat(store.all()).containsExactly(new StoredFeedback(SERVICE, ACCEPTED, NOW),
                    new StoredFeedback(SERVICE, OVERRIDDEN_UNKNOWN_REASON, NOW), new StoredFeedback(SERVICE, OVERRIDDEN_BARE, NOW));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void sameEntrySentTwice_isStoredOnce(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, folder); FeedbackDatabase db = FeedbackDatabase.open(test.settings())) {
            FeedbackStore store = new FeedbackStore(db, CLOCK);
            store.store(SERVICE, List.of(ACCEPTED));

            FeedbackStore.Result again = store.store(SERVICE, List.of(ACCEPTED, OVERRIDDEN_BARE, OVERRIDDEN_BARE));

            assertThat(again).isEqualTo(new FeedbackStore.Result(3, List.of(OVERRIDDEN_BARE)));
            assertThat(store.all()).extracting(StoredFeedback::entry).containsExactly(ACCEPTED, OVERRIDDEN_BARE);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void sameEntryRacingFromEightClients_isStoredOnce(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, folder); FeedbackDatabase db = FeedbackDatabase.open(test.settings())) {
            FeedbackStore store = new FeedbackStore(db, CLOCK);
            ExecutorService clients = Executors.newFixedThreadPool(8);
            try {
                List<Callable<FeedbackStore.Result>> posts = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    posts.add(() -> store.store(SERVICE, List.of(OVERRIDDEN_UNKNOWN_REASON, ACCEPTED)));
                }
                int storedInTotal = 0;
                for (Future<FeedbackStore.Result> result : clients.invokeAll(posts)) {
                    storedInTotal += result.get().stored().size();
                }

                assertThat(storedInTotal).isEqualTo(2);
                assertThat(store.all()).extracting(StoredFeedback::entry).containsExactly(ACCEPTED, OVERRIDDEN_UNKNOWN_REASON);
            } finally {
                clients.shutdownNow();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void batchTheDatabaseRefusesInPart_storesNothingOfIt(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, folder); FeedbackDatabase db = FeedbackDatabase.open(test.settings())) {
            FeedbackStore store = new FeedbackStore(db, CLOCK);
            // Longer than the card column: the parser would have refused it; here the database does.
            FeedbackEntry tooLong = FeedbackEntry.overridden("c".repeat(300), null, NOW);

            assertThatThrownBy(() -> store.store(SERVICE, List.of(ACCEPTED, tooLong)))
                    .isInstanceOf(FeedbackStoreException.class).hasMessageStartingWith("the feedback database failed: ");
            assertThat(store.all()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void reopenedDatabase_keepsItsEntriesAndMigratesNothingTwice(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, folder)) {
            try (FeedbackDatabase db = FeedbackDatabase.open(test.settings())) {
                new FeedbackStore(db, CLOCK).store(SERVICE, List.of(ACCEPTED));
            }
            try (FeedbackDatabase db = FeedbackDatabase.open(test.settings())) {
                assertThat(new FeedbackStore(db, CLOCK).all()).containsExactly(new StoredFeedback(SERVICE, ACCEPTED, NOW));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void unreachableDatabase_failsToOpenNamingTheUrlButNoSecret(TestDatabase.Kind kind) {
        DatabaseSettings wrong = kind == TestDatabase.Kind.H2
                ? new DatabaseSettings("jdbc:h2:file:" + folder.resolve("x") + ";IFEXISTS=TRUE", null, "s3cret")
                : new DatabaseSettings("jdbc:postgresql://127.0.0.1:1/test?password=s3cret", "postgres", "s3cret");

        assertThatThrownBy(() -> FeedbackDatabase.open(wrong))
                .isInstanceOf(FeedbackStoreException.class)
                .hasMessageStartingWith("cannot open the feedback database " + wrong.redactedUrl() + ": ")
                .hasMessageNotContaining("s3cret");
    }
}
