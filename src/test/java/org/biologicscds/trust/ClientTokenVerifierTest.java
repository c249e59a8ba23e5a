package org.biologicscds.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import java.util.stream.Stream;
import org.biologicscds.testing.ClientJwt;
import org.biologicscds.trust.TokenRejectedException.Reason;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The client JWT check of CDS Hooks 2.0 "Trusting CDS Clients", on a fixed clock: what is accepted
 * (ES256, ES384, RS384; extra claims) and every way a token is refused, each with its reason.
 */
class ClientTokenVerifierTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final String ISSUER = ClientJwt.SANDBOX_ISSUER;
    private static final String AUDIENCE = "http://127.0.0.1:8080/cds-services/biologic-order-sign";

    private static final ECKey ES384 = ClientJwt.es384Key("client-es384");
    private static final ECKey ES256 = ClientJwt.es256Key("client-es256");
    private static final RSAKey RS384 = ClientJwt.rsaKey("client-rs384", JWSAlgorithm.RS384);
    private static final RSAKey RS256 = ClientJwt.rsaKey("client-rs256", JWSAlgorithm.RS256);
    private static final ECKey STRANGER = ClientJwt.es384Key("client-es384");

    @TempDir
    static Path dir;
    private static ClientTokenVerifier verifier;

    @BeforeAll
    static void trustTheTestClient() throws Exception {
        Path jwks = ClientJwt.writeJwks(dir.resolve("client-jwks.json"), ES384, ES256, RS384, RS256);
        verifier = new ClientTokenVerifier(TrustConfig.of(List.of(new TrustedIssuer(ISSUER, List.of(jwks), List.of()))),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** A token as the sandbox makes them, issued now, valid 5 minutes, with a fresh jti. */
    private static ClientJwt token(com.nimbusds.jose.jwk.JWK key) {
        return ClientJwt.sandboxStyle(key, AUDIENCE).issuedAt(NOW).expiresAt(NOW.plusSeconds(300));
    }

    private static Reason rejection(String token) {
        TokenRejectedException e = catchThrowableOfType(TokenRejectedException.class, () -> verifier.verify(token, AUDIENCE));
        assertThat(e).as("token should have been rejected").isNotNull();
        return e.reason();
    }

    @Test
    void sandboxShapedEs384Token_isAcceptedAndItsIdsReported() throws Exception {
        VerifiedClient client = verifier.verify(token(ES384).jwtId("jti-es384").sign(), AUDIENCE);

        assertThat(client).isEqualTo(new VerifiedClient(ISSUER, "jti-es384", "client-es384", NOW.plusSeconds(300),
                Optional.empty(), Optional.empty()));
    }

    @Test
    void es256AndRs384Tokens_areAccepted() throws Exception {
        assertThat(verifier.verify(token(ES256).sign(), AUDIENCE).keyId()).isEqualTo("client-es256");
        assertThat(verifier.verify(token(RS384).sign(), AUDIENCE).keyId()).isEqualTo("client-rs384");
    }

    @Test
    void extraClaimsSubAndTenant_areToleratedAndKept() throws Exception {
        VerifiedClient client = verifier.verify(token(ES384).jwtId("jti-extra").claim("sub", "48163c5e-88b5-4cb3-92d3-23b800caa927")
                .claim("tenant", "2ddd6c3a-8e9a-44c6-a305-52111ad302a2").claim("something-new", 42).sign(), AUDIENCE);

        assertThat(client).isEqualTo(new VerifiedClient(ISSUER, "jti-extra", "client-es384", NOW.plusSeconds(300),
                Optional.of("48163c5e-88b5-4cb3-92d3-23b800caa927"), Optional.of("2ddd6c3a-8e9a-44c6-a305-52111ad302a2")));
    }

    @Test
    void audienceAsAnArrayNamingTheUrlCalled_isAccepted() throws Exception {
        assertThat(verifier.verify(token(ES384).audience("https://other.example/x", AUDIENCE).sign(), AUDIENCE).issuer())
                .isEqualTo(ISSUER);
    }

    @Test
    void tokenExpiredLessThanTheClockSkewAgo_isAccepted() throws Exception {
        String token = token(ES384).issuedAt(NOW.minusSeconds(330)).expiresAt(NOW.minusSeconds(30)).sign();

        assertThat(verifier.verify(token, AUDIENCE).expiresAt()).isEqualTo(NOW.minusSeconds(30));
    }

    @Test
    void sameTokenSentTwice_isAReplay() throws Exception {
        String token = token(ES384).sign();
        verifier.verify(token, AUDIENCE);

        assertThat(rejection(token)).isEqualTo(Reason.REPLAYED);
    }

    @Test
    void replayedTokenRejection_namesTheIssuerAndJtiForTheLog() throws Exception {
        String token = token(ES384).jwtId("jti-replayed").sign();
        verifier.verify(token, AUDIENCE);

        TokenRejectedException e = catchThrowableOfType(TokenRejectedException.class, () -> verifier.verify(token, AUDIENCE));

        assertThat(List.of(e.reason(), e.issuer(), e.jwtId())).containsExactly(Reason.REPLAYED, ISSUER, "jti-replayed");
    }

    @Test
    void tokenFromAnUntrustedIssuer_namesNoIssuerForTheLog() {
        TokenRejectedException e = catchThrowableOfType(TokenRejectedException.class,
                () -> verifier.verify(token(ES384).issuer("https://evil.example\nforged log line").sign(), AUDIENCE));

        assertThat(List.of(e.reason(), e.issuer(), e.jwtId())).containsExactly(Reason.UNTRUSTED_ISSUER, "-", "-");
    }

    static Stream<Arguments> refusedTokens() {
        return Stream.of(
                refused("RS256 is not a CDS Hooks algorithm", () -> token(RS256).sign(), Reason.ALGORITHM_NOT_ACCEPTED),
                refused("HS256 signed with a shared secret", ClientTokenVerifierTest::hs256Token, Reason.ALGORITHM_NOT_ACCEPTED),
                refused("alg none (unsigned)", () -> new PlainJWT(token(ES384).claims()).serialize(), Reason.UNSIGNED),
                refused("not a JWT", () -> "not-a-jwt", Reason.MALFORMED),
                refused("three dots of garbage", () -> "a.b.c", Reason.MALFORMED),
                refused("empty", () -> "", Reason.MALFORMED),
                refused("no kid", () -> token(ES384).keyId(null).sign(), Reason.NO_KEY_ID),
                refused("untrusted issuer", () -> token(ES384).issuer("https://evil.example").sign(), Reason.UNTRUSTED_ISSUER),
                refused("no issuer", () -> token(ES384).issuer(null).sign(), Reason.UNTRUSTED_ISSUER),
                refused("kid unknown to the issuer", () -> token(ES384).keyId("no-such-key").sign(), Reason.UNKNOWN_KEY),
                refused("ES256 under the kid of a P-384 key", () -> token(ES256).keyId("client-es384").sign(), Reason.UNKNOWN_KEY),
                refused("signed by another key under a trusted kid", () -> token(STRANGER).sign(), Reason.BAD_SIGNATURE),
                refused("claims changed after signing", ClientTokenVerifierTest::tamperedToken, Reason.BAD_SIGNATURE),
                refused("aud is another endpoint", () -> token(ES384).audience("http://127.0.0.1:8080/cds-services").sign(), Reason.WRONG_AUDIENCE),
                refused("no aud", () -> token(ES384).audience().sign(), Reason.WRONG_AUDIENCE),
                refused("expired beyond the clock skew", () -> token(ES384).issuedAt(NOW.minusSeconds(600))
                        .expiresAt(NOW.minusSeconds(120)).sign(), Reason.EXPIRED),
                refused("issued in the future", () -> token(ES384).issuedAt(NOW.plusSeconds(300))
                        .expiresAt(NOW.plusSeconds(600)).sign(), Reason.ISSUED_IN_FUTURE),
                refused("not valid before a future time", () -> token(ES384).notBefore(NOW.plusSeconds(300)).sign(), Reason.NOT_YET_VALID),
                refused("no exp", () -> token(ES384).expiresAt(null).sign(), Reason.MISSING_CLAIM),
                refused("no iat", () -> token(ES384).issuedAt(null).sign(), Reason.MISSING_CLAIM),
                refused("no jti", () -> token(ES384).jwtId(null).sign(), Reason.MISSING_CLAIM),
                refused("valid for two hours", () -> token(ES384).expiresAt(NOW.plus(Duration.ofHours(2))).sign(), Reason.LIFETIME_TOO_LONG));
    }

    private static Arguments refused(String scenario, java.util.function.Supplier<String> token, Reason reason) {
        return Arguments.of(scenario, token, reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void refusedToken_isRejectedWithItsReason(String scenario, java.util.function.Supplier<String> token, Reason reason) {
        assertThat(rejection(token.get())).isEqualTo(reason);
    }

    private static String hs256Token() {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("client-es384").build(), token(ES384).claims());
            jwt.sign(new MACSigner("a-shared-secret-that-is-at-least-256-bits-long!!".getBytes()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tamperedToken() {
        String[] genuine = token(ES384).sign().split("\\.");
        String[] other = token(ES384).audience("http://127.0.0.1:8080/cds-services/other").sign().split("\\.");
        return genuine[0] + "." + other[1] + "." + genuine[2];
    }

}
