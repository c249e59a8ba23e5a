package org.biologicscds.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.biologicscds.testing.MutableClock;
import org.biologicscds.trust.ReplayStore.Outcome;
import org.junit.jupiter.api.Test;

/** The jti replay cache: first use, replay, forgetting after expiry, and its bound. */
class ReplayCacheTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private final MutableClock clock = new MutableClock(NOW);

    @Test
    void jtiSeenTwiceBeforeItExpires_isAReplay() {
        ReplayCache cache = new ReplayCache(10, clock);

        assertThat(List.of(cache.firstUse("iss", "jti-1", NOW.plusSeconds(60)), cache.firstUse("iss", "jti-1", NOW.plusSeconds(60))))
                .containsExactly(Outcome.FIRST_USE, Outcome.REPLAY);
    }

    @Test
    void sameJtiFromAnotherIssuer_isNoReplay() {
        ReplayCache cache = new ReplayCache(10, clock);
        cache.firstUse("https://a.example", "jti-1", NOW.plusSeconds(60));

        assertThat(cache.firstUse("https://b.example", "jti-1", NOW.plusSeconds(60))).isEqualTo(Outcome.FIRST_USE);
    }

    @Test
    void jtiOfAnExpiredToken_isForgotten() {
        ReplayCache cache = new ReplayCache(10, clock);
        cache.firstUse("iss", "jti-1", NOW.plusSeconds(60));
        clock.advance(Duration.ofSeconds(61));

        assertThat(cache.firstUse("iss", "jti-1", NOW.plusSeconds(120))).isEqualTo(Outcome.FIRST_USE);
    }

    @Test
    void fullOfUnexpiredJtis_refusesNewOnesRatherThanForget() {
        ReplayCache cache = new ReplayCache(3, clock);
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            outcomes.add(cache.firstUse("iss", "jti-" + i, NOW.plusSeconds(60)));
        }

        assertThat(outcomes).containsExactly(Outcome.FIRST_USE, Outcome.FIRST_USE, Outcome.FIRST_USE, Outcome.FULL);
        assertThat(cache.firstUse("iss", "jti-0", NOW.plusSeconds(60))).isEqualTo(Outcome.REPLAY);
    }

    @Test
    void fullCacheWhoseEntriesExpired_makesRoomAgain() {
        ReplayCache cache = new ReplayCache(3, clock);
        for (int i = 0; i < 3; i++) {
            cache.firstUse("iss", "jti-" + i, NOW.plusSeconds(60));
        }
        clock.advance(Duration.ofSeconds(61));

        assertThat(cache.firstUse("iss", "jti-new", NOW.plusSeconds(120))).isEqualTo(Outcome.FIRST_USE);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void expiredEntries_areSweptWhileTheCacheIsInUse() {
        ReplayCache cache = new ReplayCache(1000, clock);
        for (int i = 0; i < 100; i++) {
            cache.firstUse("iss", "jti-" + i, NOW.plusSeconds(5));
        }
        clock.advance(Duration.ofSeconds(11));
        cache.firstUse("iss", "jti-after", NOW.plusSeconds(60));

        assertThat(cache.size()).isEqualTo(1);
    }
}
