package org.biologicscds.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.biologicscds.record.FetchSettings;
import org.biologicscds.testing.CapturedLogs;
import org.biologicscds.testing.RunningServer;
import org.biologicscds.testing.RunningServer.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sandbox FHIR server read-only (as {@code serve} mounts it when exposed): every write is a 405
 * with the reason, reads and searches work; writable, a write is stored. And a browser's 304
 * revalidation is answered without a warning in the log.
 */
class SandboxReadOnlyTest {

    private static final String STATEMENT = """
            {"resourceType":"MedicationStatement","status":"active","subject":{"reference":"Patient/pt-psoriasis-1"},
             "medicationCodeableConcept":{"text":"Humira 40 mg"}}""";

    private static RunningServer readOnly;
    private static RunningServer writable;

    @BeforeAll
    static void start() throws Exception {
        readOnly = new RunningServer(FetchSettings.defaults(), List.of(sandbox().handler(false)));
        writable = new RunningServer(FetchSettings.defaults(), List.of(sandbox().handler(true)));
    }

    @AfterAll
    static void stop() throws Exception {
        readOnly.close();
        writable.close();
    }

    private static SandboxFhirServer sandbox() {
        SandboxFhirServer sandbox = new SandboxFhirServer(new ResourceStore());
        sandbox.load(Path.of("src/main/resources/demo-patients"));
        return sandbox;
    }

    private static Reply send(RunningServer server, String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/fhir+json");
        if (headers.length > 0) {
            request.headers(headers);
        }
        return server.send(request.build());
    }

    @Test
    void readOnly_everyWriteIs405WithTheReason_andNothingIsStored() throws Exception {
        for (String[] write : List.of(new String[] {"POST", "/fhir/MedicationStatement"},
                new String[] {"PUT", "/fhir/Patient/pt-psoriasis-1"}, new String[] {"DELETE", "/fhir/Patient/pt-psoriasis-1"},
                new String[] {"PATCH", "/fhir/Patient/pt-psoriasis-1"}, new String[] {"POST", "/fhir"})) {
            Reply reply = send(readOnly, write[0], write[1], STATEMENT);

            assertThat(reply.status()).as(write[0] + " " + write[1]).isEqualTo(405);
            assertThat(reply.json().at("/issue/0/diagnostics").asText()).startsWith("BCDS-1406: the sandbox FHIR server is read-only");
        }
        assertThat(readOnly.get("/fhir/MedicationStatement?patient=pt-psoriasis-1").json().path("entry").toString())
                .doesNotContain("Humira 40 mg");
        assertThat(readOnly.get("/fhir/Patient/pt-psoriasis-1").status()).isEqualTo(200);
    }

    @Test
    void readOnly_readsAndSearchesWork_getAndPostSearch() throws Exception {
        assertThat(readOnly.get("/fhir/Patient/pt-psoriasis-1").json().at("/id").asText()).isEqualTo("pt-psoriasis-1");
        Reply search = send(readOnly, "POST", "/fhir/Condition/_search", "patient=pt-psoriasis-1",
                "Content-Type", "application/x-www-form-urlencoded");
        assertThat(search.status()).as(search.body()).isEqualTo(200);
        assertThat(search.json().path("entry").size()).isPositive();
    }

    @Test
    void writable_aWriteIsStored() throws Exception {
        Reply created = send(writable, "POST", "/fhir/MedicationStatement", STATEMENT);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(writable.get("/fhir/MedicationStatement?patient=pt-psoriasis-1").body()).contains("Humira 40 mg");
    }

    @Test
    void browserRevalidation_is304_withoutAWarning() throws Exception {
        HttpClient browser = HttpClient.newHttpClient();
        String etag = browser.send(HttpRequest.newBuilder(readOnly.uri("/fhir/Patient/pt-psoriasis-1")).build(),
                HttpResponse.BodyHandlers.discarding()).headers().firstValue("ETag").orElseThrow();
        int again;
        String logs;
        try (CapturedLogs captured = new CapturedLogs()) {
            again = browser.send(HttpRequest.newBuilder(readOnly.uri("/fhir/Patient/pt-psoriasis-1"))
                    .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            logs = captured.text();
        }

        assertThat(again).isEqualTo(304);
        assertThat(logs).doesNotContain("NotModified").doesNotContain("Failure during REST processing");
    }
}
