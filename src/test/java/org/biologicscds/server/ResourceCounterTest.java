package org.biologicscds.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/** The length shortcut of {@link ResourceCounter#exceeds} never lets a body over the limit through. */
class ResourceCounterTest {

    /** The densest JSON with n counted resources: one object repeating the key with empty values. */
    private static byte[] densest(int n) {
        return ("{" + String.join(",", Collections.nCopies(n, "\"resourceType\":\"\"")) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] array(int n) {
        return ("[" + String.join(",", Collections.nCopies(n, "{\"resourceType\":\"Patient\"}")) + "]")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theDensestBodyOverTheLimit_isLongEnoughToBeCounted() {
        for (int limit = 0; limit <= 300; limit++) {
            byte[] over = densest(limit + 1);
            assertThat(ResourceCounter.count(over, over.length, limit)).isEqualTo(limit + 1);
            assertThat(ResourceCounter.exceeds(over, over.length, limit)).as("limit %d", limit).isTrue();
            byte[] at = densest(limit);
            assertThat(ResourceCounter.exceeds(at, at.length, limit)).as("limit %d", limit).isFalse();
        }
    }

    @Test
    void agreesWithCountingOnArraysOfResources() {
        for (int limit = 1; limit <= 60; limit++) {
            for (int n = 0; n <= 80; n += 7) {
                byte[] body = array(n);
                assertThat(ResourceCounter.exceeds(body, body.length, limit)).as("%d resources, limit %d", n, limit)
                        .isEqualTo(n > limit);
            }
        }
    }
}
