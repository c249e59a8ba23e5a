package org.biologicscds.cards;

import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Random (version 4) UUIDs for cards and suggestions: unique, and not guessable from other cards,
 * since feedback names a card by its uuid. Drawn from one DRBG rather than {@link UUID#randomUUID()},
 * whose shared NativePRNG reads {@code /dev/urandom} under a global lock: under load on two cores,
 * request threads queued on that lock for over 10 ms at a time (JFR, docs/performance.md).
 * Thread-safe.
 */
final class CardIds {

    private final SecureRandom random;

    CardIds() {
        try {
            this.random = SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK's DRBG SecureRandom is missing", e);
        }
    }

    String next() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);  // version 4
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);  // IETF variant
        ByteBuffer both = ByteBuffer.wrap(bytes);
        return new UUID(both.getLong(), both.getLong()).toString();
    }
}
