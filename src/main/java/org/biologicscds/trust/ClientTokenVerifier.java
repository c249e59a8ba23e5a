package org.biologicscds.trust;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.biologicscds.trust.TokenRejectedException.Reason;

/**
 * Checks the {@code Authorization: Bearer} JWT a CDS client sends with every call, as CDS Hooks 2.0
 * "Trusting CDS Clients" asks: signed (ES256, ES384 or RS384; never {@code none} or HMAC) by a key
 * of a trusted issuer, found by {@code kid}; {@code aud} the exact URL called; {@code exp},
 * {@code iat} and {@code nbf} within the clock skew; {@code jti} never seen before. Other claims
 * ({@code sub}, {@code tenant}, ...) are accepted and ignored.
 *
 * <p>Built once at start (files are read then) and shared: thread-safe.
 */
public final class ClientTokenVerifier {

    /** The algorithms CDS Hooks 2.0 names for client JWTs. */
    public static final Set<JWSAlgorithm> ACCEPTED_ALGORITHMS = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.RS384);

    private final Map<String, IssuerKeys> issuers = new LinkedHashMap<>();
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final ReplayStore replays;
    private final TrustConfig config;
    private final Clock clock;

    /**
     * @throws TrustConfigException when a JWK Set file of an issuer cannot be used
     */
    public ClientTokenVerifier(TrustConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        for (TrustedIssuer issuer : config.issuers()) {
            issuers.put(issuer.issuer(), IssuerKeys.load(issuer, config, ACCEPTED_ALGORITHMS));
        }
        this.replays = new ReplayCache(config.replayCacheCapacity(), clock);
        configureProcessor();
    }

    private ClientTokenVerifier(ClientTokenVerifier keysFrom, ReplayStore replays) {
        this.config = keysFrom.config;
        this.clock = keysFrom.clock;
        this.issuers.putAll(keysFrom.issuers);
        this.replays = replays;
        configureProcessor();
    }

    /**
     * This verifier with its issuers and keys, remembering {@code jti}s in {@code store} instead of
     * this process's memory: instances sharing a database then refuse a token any of them accepted.
     */
    public ClientTokenVerifier withReplayStore(ReplayStore store) {
        return new ClientTokenVerifier(this, store);
    }

    private void configureProcessor() {
        processor.setJWTClaimsSetAwareJWSKeySelector(
                (header, claims, context) -> issuers.get(claims.getIssuer()).select(header));
        // Claims are checked below, after the signature, against this verifier's clock.
        processor.setJWTClaimsSetVerifier(null);
    }

    /** The trusted issuers, in the order configured. */
    public List<String> issuers() {
        return List.copyOf(issuers.keySet());
    }

    /**
     * Accepts or refuses a token sent to {@code audience}.
     *
     * @param token    the compact JWT from the {@code Authorization: Bearer} header
     * @param audience the exact URL the client called (external base URL + path, no query)
     * @return the client, its {@code jti} now recorded as used
     * @throws TokenRejectedException saying why, for the log
     */
    public VerifiedClient verify(String token, String audience) throws TokenRejectedException {
        SignedJWT jwt = signed(token);
        JWSHeader header = jwt.getHeader();
        if (!ACCEPTED_ALGORITHMS.contains(header.getAlgorithm())) {
            throw new TokenRejectedException(Reason.ALGORITHM_NOT_ACCEPTED, null);
        }
        if (header.getKeyID() == null || header.getKeyID().isBlank()) {
            throw new TokenRejectedException(Reason.NO_KEY_ID, null);
        }
        JWTClaimsSet claims = claims(jwt);
        String issuer = claims.getIssuer();
        if (issuer == null || !issuers.containsKey(issuer)) {
            throw new TokenRejectedException(Reason.UNTRUSTED_ISSUER, null);
        }
        try {
            processor.process(jwt, null);
        } catch (BadJWSException e) {
            throw new TokenRejectedException(Reason.BAD_SIGNATURE, issuer);
        } catch (KeySourceException e) {
            throw new TokenRejectedException(Reason.KEYS_UNAVAILABLE, issuer);
        } catch (BadJOSEException e) {
            throw new TokenRejectedException(Reason.UNKNOWN_KEY, issuer);
        } catch (JOSEException e) {
            throw new TokenRejectedException(Reason.BAD_SIGNATURE, issuer);
        }
        String jwtId = claims.getJWTID();
        if (jwtId == null || jwtId.isBlank()) {
            throw new TokenRejectedException(Reason.MISSING_CLAIM, issuer);
        }
        Instant expiresAt = checkTimes(claims, issuer, jwtId);
        if (!claims.getAudience().contains(audience)) {
            throw new TokenRejectedException(Reason.WRONG_AUDIENCE, issuer, jwtId);
        }
        switch (replays.firstUse(issuer, jwtId, expiresAt.plus(config.clockSkew()))) {
            case FIRST_USE -> { }
            case REPLAY -> throw new TokenRejectedException(Reason.REPLAYED, issuer, jwtId);
            case FULL -> throw new TokenRejectedException(Reason.REPLAY_CACHE_FULL, issuer, jwtId);
            case UNAVAILABLE -> throw new TokenRejectedException(Reason.REPLAY_STORE_UNAVAILABLE, issuer, jwtId);
        }
        return new VerifiedClient(issuer, jwtId, header.getKeyID(), expiresAt,
                Optional.ofNullable(claims.getSubject()), Optional.ofNullable(stringClaim(claims, "tenant")));
    }

    /** {@code exp} and {@code iat} required, {@code nbf} optional; all within the clock skew. */
    private Instant checkTimes(JWTClaimsSet claims, String issuer, String jwtId) throws TokenRejectedException {
        Date exp = claims.getExpirationTime();
        Date iat = claims.getIssueTime();
        if (exp == null || iat == null) {
            throw new TokenRejectedException(Reason.MISSING_CLAIM, issuer, jwtId);
        }
        Instant now = clock.instant();
        Instant latestAccepted = now.plus(config.clockSkew());
        if (exp.toInstant().plus(config.clockSkew()).isBefore(now)) {
            throw new TokenRejectedException(Reason.EXPIRED, issuer, jwtId);
        }
        if (iat.toInstant().isAfter(latestAccepted)) {
            throw new TokenRejectedException(Reason.ISSUED_IN_FUTURE, issuer, jwtId);
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.toInstant().isAfter(latestAccepted)) {
            throw new TokenRejectedException(Reason.NOT_YET_VALID, issuer, jwtId);
        }
        if (exp.toInstant().isAfter(latestAccepted.plus(config.maxTokenLifetime()))) {
            throw new TokenRejectedException(Reason.LIFETIME_TOO_LONG, issuer, jwtId);
        }
        return exp.toInstant();
    }

    private static SignedJWT signed(String token) throws TokenRejectedException {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException | RuntimeException e) {
            throw new TokenRejectedException(Reason.MALFORMED, null);
        }
        if (jwt instanceof SignedJWT signedJwt) {
            return signedJwt;
        }
        // A PlainJWT is alg "none"; an EncryptedJWT proves nothing about who sent it.
        throw new TokenRejectedException(Reason.UNSIGNED, null);
    }

    private static JWTClaimsSet claims(SignedJWT jwt) throws TokenRejectedException {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new TokenRejectedException(Reason.MALFORMED, null);
        }
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof String text ? text : null;
    }
}
