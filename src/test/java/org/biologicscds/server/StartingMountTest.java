package org.biologicscds.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpTester;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/** A mount that comes up after the server: its path waits for it (503 past the patience), then the mounted handler, started. */
class StartingMountTest {

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    }

    @Test
    void neverReady_itsPathAnswers503WithRetryAfterOnceItsPatienceIsOver_andOtherPathsPassOn() throws Exception {
        StartingMount mount = new StartingMount("/fhir", "the sandbox FHIR server", InMemoryJetty.OUTCOMES,
                Duration.ofMillis(50));
        try (InMemoryJetty jetty = new InMemoryJetty(new Handler.Sequence(mount, new InMemoryJetty.Echo()))) {
            for (String path : new String[] {"/fhir", "/fhir/Patient/1", "/fhir?_getpages=x"}) {
                HttpTester.Response starting = jetty.send(get(path));
                assertThat(starting.getStatus()).as(path).isEqualTo(503);
                assertThat(starting.get(HttpHeader.RETRY_AFTER)).isEqualTo("1");
                assertThat(starting.getContent()).contains("\"resourceType\":\"OperationOutcome\"")
                        .contains("BCDS-5034: the sandbox FHIR server is still starting");
            }
            assertThat(jetty.send(get("/fhirx")).getContent()).startsWith("got 0 bytes");
            assertThat(jetty.send(get("/cds-services")).getStatus()).isEqualTo(200);
        }
    }

    @Test
    void onceReady_theHandlerIsStartedAndAnswers_andARequestThatCameEarlierWaitedForIt() throws Exception {
        StartingMount mount = new StartingMount("/fhir", "the sandbox FHIR server", InMemoryJetty.OUTCOMES,
                Duration.ofSeconds(10));
        Handler.Abstract sandbox = new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                if (!Request.getPathInContext(request).startsWith("/fhir")) {
                    return false;
                }
                response.setStatus(200);
                response.write(true, ByteBuffer.wrap("sandbox".getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        };
        try (InMemoryJetty jetty = new InMemoryJetty(new Handler.Sequence(mount, new InMemoryJetty.Echo()))) {
            CompletableFuture<HttpTester.Response> early = CompletableFuture.supplyAsync(() -> {
                try {
                    return jetty.send(get("/fhir/metadata"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            assertThat(early).isNotDone();
            mount.ready(sandbox);

            assertThat(early.get().getStatus()).isEqualTo(200);
            assertThat(early.get().getContent()).isEqualTo("sandbox");
            assertThat(sandbox.isStarted()).isTrue();
            HttpTester.Response answer = jetty.send(get("/fhir/Patient/1"));
            assertThat(answer.getStatus()).isEqualTo(200);
            assertThat(answer.getContent()).isEqualTo("sandbox");
            assertThat(jetty.send(get("/other")).getContent()).startsWith("got 0 bytes");
        }
    }
}
