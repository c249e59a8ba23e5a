package org.biologicscds.trust;

/**
 * A client JWT that is not accepted. The client only ever learns "401"; the {@link Reason} is for
 * the operator's log and names no token content.
 */
public final class TokenRejectedException extends Exception {

    /** Why a token was refused; {@link #code()} is what the log shows. */
    public enum Reason {
        MISSING("missing"),
        MALFORMED("malformed"),
        UNSIGNED("unsigned"),
        ALGORITHM_NOT_ACCEPTED("algorithm-not-accepted"),
        NO_KEY_ID("no-kid"),
        UNTRUSTED_ISSUER("untrusted-issuer"),
        UNKNOWN_KEY("unknown-key"),
        KEYS_UNAVAILABLE("keys-unavailable"),
        BAD_SIGNATURE("bad-signature"),
        WRONG_AUDIENCE("wrong-audience"),
        MISSING_CLAIM("missing-claim"),
        EXPIRED("expired"),
        NOT_YET_VALID("not-yet-valid"),
        ISSUED_IN_FUTURE("issued-in-future"),
        LIFETIME_TOO_LONG("lifetime-too-long"),
        REPLAYED("replayed"),
        REPLAY_CACHE_FULL("replay-cache-full"),
        REPLAY_STORE_UNAVAILABLE("replay-store-unavailable");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private static final long serialVersionUID = 1L;

    private final Reason reason;
    private final String issuer;
    private final String jwtId;

    /**
     * A token refused before its signature was verified: nothing in it is trusted.
     *
     * @param reason why
     * @param issuer the token's {@code iss} when it is a trusted issuer, otherwise {@code null}: an
     *               untrusted value is attacker-chosen text and stays out of logs
     */
    public TokenRejectedException(Reason reason, String issuer) {
        this(reason, issuer, null);
    }

    /** A token whose signature was verified but which is refused all the same (replayed, wrong audience, ...). */
    public TokenRejectedException(Reason reason, String issuer, String jwtId) {
        super(reason.code(), null, false, false);
        this.reason = reason;
        this.issuer = issuer;
        this.jwtId = jwtId;
    }

    public Reason reason() {
        return reason;
    }

    /** The trusted issuer the token claimed, or {@code "-"}. */
    public String issuer() {
        return issuer == null ? "-" : issuer;
    }

    /** The {@code jti} of a token whose signature was verified, or {@code "-"}. */
    public String jwtId() {
        return jwtId == null ? "-" : jwtId;
    }
}
