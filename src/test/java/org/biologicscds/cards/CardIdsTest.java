package org.biologicscds.cards;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CardIdsTest {

    @Test
    void idsAreVersion4Uuids_andDoNotRepeat() {
        CardIds ids = new CardIds();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            String id = ids.next();
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.toString()).isEqualTo(id);
            assertThat(seen.add(id)).as("repeated %s", id).isTrue();
        }
    }

    @Test
    void twoGeneratorsDoNotDrawTheSameIds() {
        Set<String> first = new HashSet<>();
        CardIds a = new CardIds();
        CardIds b = new CardIds();
        for (int i = 0; i < 1_000; i++) {
            first.add(a.next());
        }
        for (int i = 0; i < 1_000; i++) {
            assertThat(first).doesNotContain(b.next());
        }
    }
}
