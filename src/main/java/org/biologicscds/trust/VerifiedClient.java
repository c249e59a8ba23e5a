package org.biologicscds.trust;

import java.time.Instant;
import java.util.Optional;

/**
 * A CDS client whose JWT was accepted: who it is and which token it used. All ids are opaque and
 * may be logged; the token itself is never kept.
 *
 * @param issuer    the trusted {@code iss}
 * @param jwtId     the {@code jti}, seen for the first time
 * @param keyId     the {@code kid} of the key that verified the signature
 * @param expiresAt the token's {@code exp}
 * @param subject   the {@code sub} claim, when sent
 * @param tenant    the {@code tenant} claim (CDS Hooks 2.0), when sent
 */
public record VerifiedClient(String issuer, String jwtId, String keyId, Instant expiresAt,
                             Optional<String> subject, Optional<String> tenant) {
}
