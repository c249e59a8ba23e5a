package org.biologicscds.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.ECKey;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.util.List;
import org.biologicscds.testing.ClientJwt;
import org.biologicscds.testing.KeyServer;
import org.biologicscds.testing.NeedsSharedFixtures;
import org.biologicscds.testing.SharedFixtures;
import org.biologicscds.trust.TokenRejectedException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a trusted issuer's keys come from: JWK Set files and URLs, the {@code jku} allowlist, key
 * rotation (an unknown {@code kid} refreshes the set), and the configuration errors that stop the start.
 */
class TrustedKeysTest {

    private static final String ISSUER = "https://ehr.example.org";
    private static final String AUDIENCE = "http://127.0.0.1:8080/cds-services";

    @TempDir
    Path dir;

    private static ClientTokenVerifier verifier(TrustedIssuer... issuers) {
        return new ClientTokenVerifier(TrustConfig.of(List.of(issuers)), Clock.systemUTC());
    }

    private static ClientJwt token(ECKey key) {
        return ClientJwt.sandboxStyle(key, AUDIENCE).issuer(ISSUER).jku(null);
    }

    @Test
    void sandboxShapedPublicKeyFile_loadsAsATrustedJwksWithItsEs384Key() throws Exception {
        // The sandbox publishes one P-384 key with kty, use "sig", crv, kid, x, y and alg ES384; ours the same way.
        ECKey ours = ClientJwt.es384Key("7f0c2b9e-sandbox-shaped");
        Path sandboxJwks = ClientJwt.writeJwks(dir.resolve("sandbox-shaped-jwks.json"), ours);
        assertThat(Files.readString(sandboxJwks)).contains("\"use\":\"sig\"", "\"crv\":\"P-384\"", "\"alg\":\"ES384\"");
        TrustedIssuer sandbox = TrustedIssuer.parse(List.of(ClientJwt.SANDBOX_ISSUER + "=" + sandboxJwks)).get(0);
        IssuerKeys keys = IssuerKeys.load(sandbox, TrustConfig.of(List.of(sandbox)), ClientTokenVerifier.ACCEPTED_ALGORITHMS);

        List<Key> found = keys.select(new JWSHeader.Builder(JWSAlgorithm.ES384)
                .keyID("7f0c2b9e-sandbox-shaped").jwkURL(ClientJwt.SANDBOX_JKU).build());

        assertThat(found).hasSize(1);
        assertThat(((ECPublicKey) found.get(0)).getParams().getCurve().getField().getFieldSize()).isEqualTo(384);
        assertThat(verifier(sandbox).issuers()).containsExactly(ClientJwt.SANDBOX_ISSUER);
    }

    @Test
    @NeedsSharedFixtures
    void sandboxPublicKeyFile_loadsAsATrustedJwksWithItsEs384Key() throws Exception {
        Path sandboxJwks = SharedFixtures.folder().resolve("sandbox-captured/sandbox-jwks.json");
        TrustedIssuer sandbox = TrustedIssuer.parse(List.of(ClientJwt.SANDBOX_ISSUER + "=" + sandboxJwks)).get(0);
        IssuerKeys keys = IssuerKeys.load(sandbox, TrustConfig.of(List.of(sandbox)), ClientTokenVerifier.ACCEPTED_ALGORITHMS);

        List<Key> found = keys.select(new JWSHeader.Builder(JWSAlgorithm.ES384)
                .keyID("44823f3d-0b01-4a6c-a80e-b9d3e8a7226f").jwkURL(ClientJwt.SANDBOX_JKU).build());

        assertThat(sandbox).isEqualTo(new TrustedIssuer(ClientJwt.SANDBOX_ISSUER, List.of(sandboxJwks), List.of()));
        assertThat(found).hasSize(1);
        assertThat(((ECPublicKey) found.get(0)).getParams().getCurve().getField().getFieldSize()).isEqualTo(384);
        assertThat(verifier(sandbox).issuers()).containsExactly(ClientJwt.SANDBOX_ISSUER);
    }

    @Test
    void jkuOnTheIssuersAllowlist_keysAreFetchedFromIt() throws Exception {
        ECKey key = ClientJwt.es384Key("rotating-1");
        try (KeyServer keyServer = new KeyServer(ClientJwt.publicJwks(key))) {
            ClientTokenVerifier verifier = verifier(new TrustedIssuer(ISSUER, List.of(), List.of(keyServer.url())));

            VerifiedClient client = verifier.verify(token(key).jku(keyServer.url()).sign(), AUDIENCE);

            assertThat(client.keyId()).isEqualTo("rotating-1");
            assertThat(keyServer.fetches()).isEqualTo(1);
        }
    }

    @Test
    void jkuNotOnTheAllowlist_isNeverFetchedAndItsKeysNeverTrusted() throws Exception {
        ECKey trusted = ClientJwt.es384Key("client-1");
        ECKey attackers = ClientJwt.es384Key("client-1");
        Path trustedJwks = ClientJwt.writeJwks(dir.resolve("trusted.json"), trusted);
        try (KeyServer attackerKeys = new KeyServer(ClientJwt.publicJwks(attackers))) {
            ClientTokenVerifier verifier = verifier(new TrustedIssuer(ISSUER, List.of(trustedJwks), List.of()));

            Reason reason = catchThrowableOfType(TokenRejectedException.class,
                    () -> verifier.verify(token(attackers).jku(attackerKeys.url()).sign(), AUDIENCE)).reason();

            assertThat(reason).isEqualTo(Reason.BAD_SIGNATURE);
            assertThat(attackerKeys.fetches()).isZero();
        }
    }

    @Test
    void sandboxJkuWithAFileConfiguredIssuer_isIgnoredAndTheFileKeyUsed() throws Exception {
        ECKey key = ClientJwt.es384Key("client-1");
        ClientTokenVerifier verifier = verifier(new TrustedIssuer(ISSUER, List.of(ClientJwt.writeJwks(dir.resolve("k.json"), key)), List.of()));

        assertThat(verifier.verify(token(key).jku(ClientJwt.SANDBOX_JKU).sign(), AUDIENCE).keyId()).isEqualTo("client-1");
    }

    @Test
    void keyUrlRotatedToANewKid_isFetchedAgainOnTheUnknownKid() throws Exception {
        ECKey first = ClientJwt.es384Key("rotating-1");
        ECKey second = ClientJwt.es384Key("rotating-2");
        try (KeyServer keyServer = new KeyServer(ClientJwt.publicJwks(first))) {
            ClientTokenVerifier verifier = verifier(new TrustedIssuer(ISSUER, List.of(), List.of(keyServer.url())));
            verifier.verify(token(first).sign(), AUDIENCE);
            keyServer.serve(ClientJwt.publicJwks(first, second));

            VerifiedClient client = verifier.verify(token(second).sign(), AUDIENCE);

            assertThat(client.keyId()).isEqualTo("rotating-2");
            assertThat(keyServer.fetches()).isEqualTo(2);
        }
    }

    @Test
    void keyFileRotatedToANewKid_isReadAgainOnTheUnknownKid() throws Exception {
        ECKey first = ClientJwt.es384Key("file-1");
        ECKey second = ClientJwt.es384Key("file-2");
        Path file = ClientJwt.writeJwks(dir.resolve("rotating.json"), first);
        ClientTokenVerifier verifier = verifier(new TrustedIssuer(ISSUER, List.of(file), List.of()));
        verifier.verify(token(first).sign(), AUDIENCE);
        ClientJwt.writeJwks(file, first, second);

        assertThat(verifier.verify(token(second).sign(), AUDIENCE).keyId()).isEqualTo("file-2");
    }

    @Test
    void unknownKidsInARow_refreshTheKeySetAtMostOncePerInterval() throws Exception {
        ECKey key = ClientJwt.es384Key("known");
        try (KeyServer keyServer = new KeyServer(ClientJwt.publicJwks(key))) {
            ClientTokenVerifier verifier = verifier(new TrustedIssuer(ISSUER, List.of(), List.of(keyServer.url())));
            for (int i = 0; i < 20; i++) {
                Reason reason = catchThrowableOfType(TokenRejectedException.class,
                        () -> verifier.verify(token(key).keyId("unknown-" + Math.random()).sign(), AUDIENCE)).reason();
                assertThat(reason).isEqualTo(Reason.UNKNOWN_KEY);
            }

            assertThat(keyServer.fetches()).isLessThanOrEqualTo(2);
            assertThat(verifier.verify(token(key).sign(), AUDIENCE).keyId()).isEqualTo("known");
        }
    }

    @Test
    void keyUrlThatCannotBeReached_isKeysUnavailable() throws Exception {
        URI nothingListens;
        try (KeyServer closed = new KeyServer("{}")) {
            nothingListens = closed.url();
        }
        ClientTokenVerifier verifier = verifier(new TrustedIssuer(ISSUER, List.of(), List.of(nothingListens)));

        Reason reason = catchThrowableOfType(TokenRejectedException.class,
                () -> verifier.verify(token(ClientJwt.es384Key("k")).sign(), AUDIENCE)).reason();

        assertThat(reason).isEqualTo(Reason.KEYS_UNAVAILABLE);
    }

    @Test
    void trustValues_areGroupedByIssuerIntoFilesAndUrls() {
        List<TrustedIssuer> issuers = TrustedIssuer.parse(List.of(
                "https://a.example=keys/a.json", "https://b.example=https://b.example/jwks", "https://a.example=https://a.example/jwks.json"));

        assertThat(issuers).containsExactly(
                new TrustedIssuer("https://a.example", List.of(Path.of("keys/a.json")), List.of(URI.create("https://a.example/jwks.json"))),
                new TrustedIssuer("https://b.example", List.of(), List.of(URI.create("https://b.example/jwks"))));
    }

    @Test
    void trustValueWithoutIssuerOrSource_isRefusedWithTheExpectedForm() {
        assertThatThrownBy(() -> TrustedIssuer.parse(List.of("sandbox-jwks.json")))
                .isInstanceOf(TrustConfigException.class)
                .hasMessage("--trust sandbox-jwks.json: expected <issuer>=<jwks-file-or-https-url>,"
                        + " e.g. https://sandbox.cds-hooks.org=sandbox-jwks.json");
        assertThatThrownBy(() -> TrustedIssuer.parse(List.of("https://a.example=")))
                .isInstanceOf(TrustConfigException.class);
    }

    @Test
    void plainHttpKeyUrlToAnotherMachine_isRefused() {
        assertThatThrownBy(() -> TrustedIssuer.parse(List.of("https://a.example=http://keys.example.org/jwks.json")))
                .isInstanceOf(TrustConfigException.class)
                .hasMessage("--trust https://a.example=http://keys.example.org/jwks.json:"
                        + " JWK Set URLs must be https (plain http only to a loopback address)");
    }

    @Test
    void missingKeyFile_stopsTheStartNamingTheFile() {
        Path missing = dir.resolve("missing.json");

        assertThatThrownBy(() -> verifier(new TrustedIssuer(ISSUER, List.of(missing), List.of())))
                .isInstanceOf(TrustConfigException.class)
                .hasMessageStartingWith("--trust " + ISSUER + "=" + missing + ": cannot read the file");
    }

    @Test
    void keyFileThatIsNotAJwkSet_stopsTheStartNamingTheFile() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"keys\": 42}");

        assertThatThrownBy(() -> verifier(new TrustedIssuer(ISSUER, List.of(broken), List.of())))
                .isInstanceOf(TrustConfigException.class)
                .hasMessageStartingWith("--trust " + ISSUER + "=" + broken + ": not a JWK Set");
    }

    @Test
    void keyFileWithOnlyASharedSecret_stopsTheStart() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.json"),
                "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"s\",\"k\":\"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA\"}]}");

        assertThatThrownBy(() -> verifier(new TrustedIssuer(ISSUER, List.of(secret), List.of())))
                .isInstanceOf(TrustConfigException.class)
                .hasMessage("--trust " + ISSUER + "=" + secret + ": the JWK Set holds no EC or RSA signature key");
    }
}
