package org.biologicscds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.biologicscds.server.CorsPolicy;
import org.biologicscds.server.HttpProtection;
import org.biologicscds.server.Limits;
import org.biologicscds.testing.ClientJwt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code serve}'s trust, CORS and limit options: open only on loopback (with a warning), refused on
 * another address unless {@code --insecure-no-auth}, the defaults, and the start-up errors.
 */
class ServeProtectionTest {

    /** A JWK Set file shaped as the sandbox publishes its key (one ES384 key, use sig), of a key of ours. */
    private static final String SANDBOX_JWKS = sandboxShapedJwks();

    private static String sandboxShapedJwks() {
        try {
            Path file = Files.createTempFile("sandbox-shaped-jwks", ".json");
            file.toFile().deleteOnExit();
            return ClientJwt.writeJwks(file, ClientJwt.es384Key("44823f3d-sandbox-shaped")).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @TempDir
    Path dir;

    private record Resolved(HttpProtection protection, String err) {
    }

    private static Resolved resolve(String... args) {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs(args);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        HttpProtection protection = serve.protection.resolve(serve.host, new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Resolved(protection, err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int exitCode, String err) {
    }

    private static Run serve(String... args) {
        PrintStream err = System.err;
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            return new Run(Main.run(args), errBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(err);
        }
    }

    @Test
    void noTrustOnLoopback_runsOpenWithAWarningAndAnyOrigin() {
        Resolved resolved = resolve();

        assertThat(resolved.protection().clientTokens()).isEmpty();
        assertThat(resolved.protection().cors()).isEqualTo(CorsPolicy.anyOrigin());
        assertThat(resolved.err()).isEqualTo("biologics-cds: WARNING: serving WITHOUT client authentication (no --trust):"
                + " only programs on this machine can call it (bound to loopback 127.0.0.1)."
                + " Give --trust <issuer>=<jwks> before exposing it." + System.lineSeparator());
    }

    @Test
    void noTrustOnAnotherAddress_refusesToStart() {
        Run run = serve("serve", "--host", "0.0.0.0", "--port", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("biologics-cds: not starting: refusing to serve without client authentication on 0.0.0.0,"
                + " which other machines can reach: give --trust <issuer>=<jwks-file-or-https-url>");
    }

    @Test
    void insecureNoAuthOnAnotherAddress_runsOpenWithAWarningAndNoOrigin() {
        Resolved resolved = resolve("--host", "0.0.0.0", "--insecure-no-auth");

        assertThat(resolved.protection().clientTokens()).isEmpty();
        assertThat(resolved.protection().openOffLoopback()).isTrue();
        assertThat(resolved.protection().cors()).isEqualTo(CorsPolicy.noOrigin());
        assertThat(resolved.err()).contains("WITHOUT client authentication on 0.0.0.0 (--insecure-no-auth)");
    }

    @Test
    void trustedSandboxKeyOnAnotherAddress_runsAuthenticatedWithoutWarningAndNoOrigin() {
        Resolved resolved = resolve("--host", "0.0.0.0", "--trust", ClientJwt.SANDBOX_ISSUER + "=" + SANDBOX_JWKS,
                "--public-base-url", "https://cds.example.org/");

        assertThat(resolved.protection().clientTokens().orElseThrow().issuers()).containsExactly(ClientJwt.SANDBOX_ISSUER);
        assertThat(resolved.protection().publicBaseUrl()).hasValue("https://cds.example.org");
        assertThat(resolved.protection().cors()).isEqualTo(CorsPolicy.noOrigin());
        assertThat(resolved.err()).isEmpty();
    }

    @Test
    void trustRepeated_trustsEveryIssuer() throws Exception {
        Path ehrKeys = ClientJwt.writeJwks(dir.resolve("ehr.json"), ClientJwt.es256Key("ehr"));

        Resolved resolved = resolve("--trust", ClientJwt.SANDBOX_ISSUER + "=" + SANDBOX_JWKS, "--trust", "https://ehr.example.org=" + ehrKeys);

        assertThat(resolved.protection().clientTokens().orElseThrow().issuers())
                .containsExactly(ClientJwt.SANDBOX_ISSUER, "https://ehr.example.org");
    }

    @Test
    void corsOrigins_replaceTheDefault() {
        Resolved resolved = resolve("--trust", ClientJwt.SANDBOX_ISSUER + "=" + SANDBOX_JWKS,
                "--cors-origin", "https://sandbox.cds-hooks.org", "--cors-origin", "http://localhost:3000");

        assertThat(resolved.protection().cors()).isEqualTo(new CorsPolicy(Set.of("https://sandbox.cds-hooks.org", "http://localhost:3000")));
    }

    @Test
    void limits_defaultToTheDocumentedValues() {
        assertThat(resolve().protection().limits()).isEqualTo(Limits.defaults())
                .isEqualTo(new Limits(5_000, 64, 1_000, Duration.ofSeconds(30), Duration.ofSeconds(30),
                        4 * Runtime.getRuntime().availableProcessors(), Duration.ofSeconds(10)));
    }

    @Test
    void limitOptions_areTaken() {
        assertThat(resolve("--max-resources", "100", "--max-threads", "16", "--max-connections", "50",
                "--idle-timeout", "5", "--request-timeout", "7", "--max-concurrent-calls", "3",
                "--call-queue-timeout", "4").protection().limits())
                .isEqualTo(new Limits(100, 16, 50, Duration.ofSeconds(5), Duration.ofSeconds(7), 3, Duration.ofSeconds(4)));
    }

    @Test
    void brokenTrustFile_refusesToStartNamingTheFile() throws Exception {
        Path broken = Files.writeString(dir.resolve("jwks.json"), "not json");

        Run run = serve("serve", "--port", "0", "--trust", "https://ehr.example.org=" + broken);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("biologics-cds: not starting: --trust https://ehr.example.org=" + broken + ": not a JWK Set");
    }

    @Test
    void trustValueWithoutIssuer_refusesToStart() {
        Run run = serve("serve", "--port", "0", "--trust", SANDBOX_JWKS);

        assertThat(List.of(run.exitCode())).containsExactly(2);
        assertThat(run.err()).contains("expected <issuer>=<jwks-file-or-https-url>");
    }

    @Test
    void corsOriginThatIsNotAnOrigin_refusesToStart() {
        Run run = serve("serve", "--port", "0", "--cors-origin", "sandbox.cds-hooks.org");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("CORS origin 'sandbox.cds-hooks.org' must be * or scheme://host[:port]");
    }
}
