package org.biologicscds.trust;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers each (issuer, {@code jti}) until its token expires, so that a captured token cannot be
 * sent again (CDS Hooks 2.0: "jti ... to prevent replay"). Bounded: entries are dropped once
 * expired, and when {@code capacity} unexpired entries are held a new one is refused, never let
 * through. Keys are a 128-bit digest, so memory does not depend on how long a {@code jti} is.
 * Thread-safe.
 */
final class ReplayCache implements ReplayStore {

    private static final long SWEEP_EVERY_MS = Duration.ofSeconds(10).toMillis();

    private record Key(long high, long low) {
    }

    private final ConcurrentHashMap<Key, Long> expiries = new ConcurrentHashMap<>();
    private final int capacity;
    private final Clock clock;
    private final AtomicLong nextSweep;

    ReplayCache(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
        this.nextSweep = new AtomicLong(clock.millis() + SWEEP_EVERY_MS);
    }

    /**
     * Records a token id; {@link Outcome#FIRST_USE} when it was not seen before (or only in a token
     * that has since expired), {@link Outcome#REPLAY} when it was, {@link Outcome#FULL} when there is
     * no room. Only tokens whose signature was verified may be recorded, or anyone could block a
     * client by sending its future ids first.
     */
    @Override
    public Outcome firstUse(String issuer, String jwtId, Instant forgetAfter) {
        long now = clock.millis();
        sweepIfDue(now);
        Key key = key(issuer, jwtId);
        Long seen = expiries.get(key);
        if (seen != null && seen > now) {
            return Outcome.REPLAY;
        }
        if (expiries.size() >= capacity) {
            sweep(now);
            if (expiries.size() >= capacity) {
                return Outcome.FULL;
            }
        }
        long expiry = forgetAfter.toEpochMilli();
        boolean[] fresh = {false};
        expiries.compute(key, (k, previous) -> {
            if (previous != null && previous > now) {
                return previous;
            }
            fresh[0] = true;
            return expiry;
        });
        return fresh[0] ? Outcome.FIRST_USE : Outcome.REPLAY;
    }

    /** How many ids are held (expired ones included until the next sweep). */
    int size() {
        return expiries.size();
    }

    private void sweepIfDue(long now) {
        long due = nextSweep.get();
        if (now >= due && nextSweep.compareAndSet(due, now + SWEEP_EVERY_MS)) {
            sweep(now);
        }
    }

    private void sweep(long now) {
        expiries.values().removeIf(expiry -> expiry <= now);
    }

    private static Key key(String issuer, String jwtId) {
        ByteBuffer digest = ByteBuffer.wrap(digest(issuer, jwtId));
        return new Key(digest.getLong(), digest.getLong());
    }

    /** SHA-256 of issuer, a zero byte and the {@code jti}: a fixed-size key whatever the id's length. */
    static byte[] digest(String issuer, String jwtId) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(issuer.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return sha.digest(jwtId.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
