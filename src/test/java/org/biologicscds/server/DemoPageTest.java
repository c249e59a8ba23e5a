package org.biologicscds.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.List;
import org.biologicscds.record.FetchSettings;
import org.biologicscds.testing.RunningServer;
import org.biologicscds.testing.RunningServer.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo page's files over HTTP: content types, security headers, nothing outside the folder. */
class DemoPageTest {

    private static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new RunningServer(FetchSettings.defaults(), List.of(new DemoPage()));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void rootAnswersThePageAsHtmlWithAStrictContentSecurityPolicy() throws Exception {
        var response = server.send(HttpRequest.newBuilder(server.uri("/")).GET().build());
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(response.body()).contains("<title>biologics-cds demo EHR</title>");
        var headers = java.net.http.HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(server.uri("/")).GET().build(), java.net.http.HttpResponse.BodyHandlers.discarding())
                .headers();
        assertThat(headers.firstValue("Content-Security-Policy")).contains(DemoPage.CONTENT_SECURITY_POLICY);
        assertThat(headers.firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void everyFileOfThePageIsServedWithItsContentType() throws Exception {
        for (var file : DemoPage.FILES.entrySet()) {
            Reply reply = server.get("/demo/" + file.getKey());
            assertThat(reply.status()).as(file.getKey()).isEqualTo(200);
            assertThat(reply.contentType()).as(file.getKey()).isEqualTo(file.getValue());
            assertThat(reply.body()).as(file.getKey()).isNotBlank();
        }
    }

    @Test
    void folderListingsUnknownFilesAndPathsOutsideTheFolderAreJson404s() throws Exception {
        for (String path : List.of("/demo/", "/demo", "/demo/nope.js", "/demo/../pom.xml", "/demo/%2e%2e/pom.xml",
                "/demo/sub/demo.js", "/index.html", "/demo/DEMO.JS")) {
            Reply reply = server.get(path);
            assertThat(reply.status()).as(path).isIn(400, 404);
            assertThat(reply.contentType()).as(path).startsWith("application/json");
            assertThat(reply.body()).as(path).doesNotContain("<html");
        }
    }

    @Test
    void postingToThePageIsNotServed() throws Exception {
        Reply reply = server.post("/", "text/plain", "x");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().path("issue").get(0).path("diagnostics").asText()).contains("no such endpoint");
    }
}
