package org.biologicscds.trust;

import java.time.Instant;

/**
 * Where the {@code jti}s of accepted client JWTs are remembered until their tokens expire (CDS
 * Hooks 2.0: "jti ... to prevent replay"). In memory for one process ({@link ReplayCache}); in the
 * database ({@link DatabaseReplayStore}) so that instances sharing a database refuse a token any of
 * them has accepted. Implementations are thread-safe; only tokens whose signature was verified are
 * recorded, or anyone could block a client by sending its future ids first.
 */
public interface ReplayStore {

    /** What {@link #firstUse} found. */
    enum Outcome {
        /** Not seen before (or only in a token that has since expired): now recorded. */
        FIRST_USE,
        /** Seen in a token that has not expired: refuse it. */
        REPLAY,
        /** No room to remember it: refuse it rather than let a replay through. */
        FULL,
        /** The store could not be asked: refuse it rather than let a replay through. */
        UNAVAILABLE
    }

    /** Records (issuer, {@code jwtId}) until {@code forgetAfter}, if it is not held already. */
    Outcome firstUse(String issuer, String jwtId, Instant forgetAfter);
}
