package org.biologicscds.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.biologicscds.testing.ClientJwt;
import org.biologicscds.trust.ClientTokenVerifier;
import org.biologicscds.trust.TrustConfig;
import org.biologicscds.trust.TrustedIssuer;
import org.biologicscds.trust.VerifiedClient;
import org.eclipse.jetty.http.HttpTester;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JWT wrapper alone: the audience is the URL as received, the scheme word is case-blind, the client is handed on. */
class ClientAuthHandlerTest {

    private static final ECKey KEY = ClientJwt.es256Key("ehr-key");
    private static final String ISSUER = "https://ehr.example.org";

    @TempDir
    static Path dir;
    private static InMemoryJetty jetty;

    @BeforeAll
    static void start() throws Exception {
        ClientTokenVerifier verifier = new ClientTokenVerifier(TrustConfig.of(List.of(
                new TrustedIssuer(ISSUER, List.of(ClientJwt.writeJwks(dir.resolve("ehr.json"), KEY)), List.of()))), Clock.systemUTC());
        jetty = new InMemoryJetty(new ClientAuthHandler(verifier, Optional.empty(), new WhoCalled()));
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.close();
    }

    private static HttpTester.Response get(String host, String authorization) throws Exception {
        return jetty.send("GET /cds-services HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: " + authorization + "\r\n\r\n");
    }

    private static String token(String audience, String jti) {
        return ClientJwt.sandboxStyle(KEY, audience).issuer(ISSUER).jwtId(jti).claim("tenant", "clinic-7").sign();
    }

    @Test
    void tokenForTheUrlAsReceived_isAcceptedAndTheClientHandedOn() throws Exception {
        HttpTester.Response response = get("cds.internal:9090", "Bearer " + token("http://cds.internal:9090/cds-services", "jti-1"));

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContent()).isEqualTo(ISSUER + " jti-1 ehr-key clinic-7");
    }

    @Test
    void schemeWordInAnotherCase_isAccepted() throws Exception {
        assertThat(get("cds.internal:9090", "bearer " + token("http://cds.internal:9090/cds-services", "jti-2")).getStatus()).isEqualTo(200);
    }

    @Test
    void tokenForAnotherHost_isABare401() throws Exception {
        HttpTester.Response response = get("cds.internal:9090", "Bearer " + token("http://elsewhere:9090/cds-services", "jti-3"));

        assertThat(List.of(response.getStatus(), response.getContent(), response.get("WWW-Authenticate")))
                .containsExactly(401, "", "Bearer");
    }

    @Test
    void bearerWithoutAToken_isABare401() throws Exception {
        assertThat(get("cds.internal:9090", "Bearer ").getStatus()).isEqualTo(401);
    }

    /** Answers with the accepted client's issuer, jti, kid and tenant. */
    private static final class WhoCalled extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            VerifiedClient client = (VerifiedClient) request.getAttribute(ClientAuthHandler.CLIENT_ATTRIBUTE);
            String text = client.issuer() + " " + client.jwtId() + " " + client.keyId() + " " + client.tenant().orElse("-");
            response.write(true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
    }
}
