package org.biologicscds.trust;

import java.time.Duration;
import java.util.List;

/**
 * How client JWTs are checked. Immutable.
 *
 * @param issuers             the trusted clients; never empty
 * @param clockSkew           tolerance on {@code exp}, {@code iat} and {@code nbf} for clocks that
 *                            disagree a little
 * @param maxTokenLifetime    how far in the future {@code exp} may lie; a token valid for longer is
 *                            refused, which keeps the {@code jti} replay cache small
 * @param replayCacheCapacity how many unexpired {@code jti}s are remembered; when it is full, new
 *                            tokens are refused rather than let a replay through
 * @param keyRefreshInterval  the least time between two refreshes of one key source caused by an
 *                            unknown {@code kid} (an attacker cannot make the service hammer a key server)
 * @param keyCacheTtl         how long fetched keys are used before they are fetched again
 */
public record TrustConfig(List<TrustedIssuer> issuers, Duration clockSkew, Duration maxTokenLifetime,
                          int replayCacheCapacity, Duration keyRefreshInterval, Duration keyCacheTtl) {

    /** One minute: NTP-synchronised machines agree far better; a laptop's clock may not. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
    /** One hour: the sandbox signs tokens valid for 5 minutes; EHRs use minutes too. */
    public static final Duration DEFAULT_MAX_TOKEN_LIFETIME = Duration.ofHours(1);
    /** About 45 MB when full; holds an hour of 1-hour tokens at 130 calls/s, or 5-minute tokens at 1,600/s. */
    public static final int DEFAULT_REPLAY_CACHE_CAPACITY = 500_000;
    public static final Duration DEFAULT_KEY_REFRESH_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_KEY_CACHE_TTL = Duration.ofMinutes(5);

    public TrustConfig {
        issuers = List.copyOf(issuers);
        if (issuers.isEmpty()) {
            throw new TrustConfigException("client authentication needs at least one trusted issuer");
        }
        if (clockSkew.isNegative() || maxTokenLifetime.isNegative() || maxTokenLifetime.isZero()
                || replayCacheCapacity < 1 || keyRefreshInterval.isNegative() || keyCacheTtl.isNegative()) {
            throw new TrustConfigException("trust durations and sizes must be positive");
        }
    }

    /** The issuers with every other setting at its default. */
    public static TrustConfig of(List<TrustedIssuer> issuers) {
        return new TrustConfig(issuers, DEFAULT_CLOCK_SKEW, DEFAULT_MAX_TOKEN_LIFETIME,
                DEFAULT_REPLAY_CACHE_CAPACITY, DEFAULT_KEY_REFRESH_INTERVAL, DEFAULT_KEY_CACHE_TTL);
    }
}
