package org.biologicscds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.biologicscds.server.HttpProtection;
import org.biologicscds.testing.ClientJwt;
import org.biologicscds.testing.RunningServer.Reply;
import org.biologicscds.testing.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code serve} exposed (bound beyond loopback, or with {@code --trust}): the sandbox FHIR server
 * is read-only unless {@code --sandbox-writable}, and {@code --metrics-need-admin-token} puts
 * {@code /metrics} behind the admin token.
 */
class ExposedServeTest {

    private static final String ADMIN_TOKEN = "exposed-serve-test-admin-token";
    private static final String STATEMENT = """
            {"resourceType":"MedicationStatement","status":"active","subject":{"reference":"Patient/pt-psoriasis-1"},
             "medicationCodeableConcept":{"text":"Humira 40 mg"}}""";

    @TempDir
    Path dir;

    private static boolean writable(String... args) {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs(args);
        HttpProtection protection = serve.protection.resolve(serve.host, new PrintStream(OutputStream.nullOutputStream()));
        return ServeCommand.sandboxWritable(serve.host, protection, serve.sandboxWritable);
    }

    @Test
    void sandboxIsWritable_onlyOnLoopbackWithoutTrust_orWhenAskedFor() throws Exception {
        String trust = "https://ehr.example.org=" + ClientJwt.writeJwks(dir.resolve("keys.json"), ClientJwt.es256Key("k"));

        assertThat(writable()).isTrue();
        assertThat(writable("--trust", trust)).isFalse();
        assertThat(writable("--host", "0.0.0.0", "--trust", trust)).isFalse();
        assertThat(writable("--host", "0.0.0.0", "--insecure-no-auth")).isFalse();
        assertThat(writable("--trust", trust, "--sandbox-writable")).isTrue();
        assertThat(writable("--host", "0.0.0.0", "--insecure-no-auth", "--sandbox-writable")).isTrue();
    }

    @Test
    void servedWithTrust_sandboxRefusesAnAnonymousWrite_andMetricsNeedTheAdminToken() throws Exception {
        String trust = "https://ehr.example.org=" + ClientJwt.writeJwks(dir.resolve("keys.json"), ClientJwt.es256Key("k"));
        try (ServerProcess server = ServerProcess.start("jdbc:h2:file:" + dir.resolve("feedback"),
                Map.of("BIOLOGICS_CDS_ADMIN_TOKEN", ADMIN_TOKEN), List.of("--trust", trust, "--metrics-need-admin-token"))) {
            server.awaitSandbox();
            Reply write = server.send("POST", "/fhir/MedicationStatement", STATEMENT, "Content-Type", "application/fhir+json");
            Reply read = server.get("/fhir/Patient/pt-psoriasis-1", null);
            Reply anonymousScrape = server.get("/metrics", null);
            Reply adminScrape = server.get("/metrics", "Bearer " + ADMIN_TOKEN);

            assertThat(write.status()).as(write.body()).isEqualTo(405);
            assertThat(write.body()).contains("BCDS-1406");
            assertThat(read.status()).isEqualTo(200);
            assertThat(anonymousScrape.status()).isEqualTo(401);
            assertThat(anonymousScrape.body()).contains("BCDS-1401");
            assertThat(adminScrape.status()).isEqualTo(200);
            assertThat(adminScrape.body()).contains("cds_requests_seconds");
            assertThat(server.log()).contains("sandbox FHIR server at /fhir is read-only");
        }
    }
}
