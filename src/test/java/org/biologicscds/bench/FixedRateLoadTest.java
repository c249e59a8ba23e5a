package org.biologicscds.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * FixedRateLoad counts coordinated omission: against a server slower than the offered rate, the
 * latency of each request runs from its scheduled time, so the backlog shows in the percentiles;
 * one client at a time measures each call alone.
 */
class FixedRateLoadTest {

    private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);
    private Server server;

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void slowerThanTheRate_backlogCountsInTheLatency() throws Exception {
        URI uri = start(20);   // one connection answers at most 50 calls/s
        FixedRateLoad.Result result = new FixedRateLoad(uri, BODY, 100, 1).run(1.0);
        // 100 scheduled in 1 s, served at 50/s: the last waits about 1 s for its turn. Measured from
        // when each was sent, every call would take about 20 ms.
        assertThat(result.sent()).isBetween(95L, 100L);
        assertThat(result.latencies().getValueAtPercentile(99) / 1000.0).isGreaterThan(500);
        assertThat(result.not200() + result.failed()).isZero();
    }

    @Test
    void fasterThanTheRate_latencyIsTheCall() throws Exception {
        URI uri = start(5);
        FixedRateLoad.Result result = new FixedRateLoad(uri, BODY, 50, 2).run(1.0);
        assertThat(result.sent()).isBetween(48L, 50L);
        assertThat(result.latencies().getValueAtPercentile(50) / 1000.0).isBetween(5.0, 250.0);
    }

    @Test
    void oneClient_sendsTheNextCallWhenTheLastIsAnswered() throws Exception {
        URI uri = start(20);
        FixedRateLoad.Result result = new FixedRateLoad(uri, BODY, 0, 16).run(1.0);
        assertThat(result.sent()).isBetween(10L, 51L);   // at most one call per 20 ms, whatever the connections
        assertThat(result.latencies().getValueAtPercentile(50) / 1000.0).isBetween(20.0, 200.0);
    }

    /** A server on loopback that reads the body and answers after {@code delayMs}. */
    private URI start(long delayMs) throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                try (InputStream in = Content.Source.asInputStream(request)) {
                    in.readAllBytes();
                }
                Thread.sleep(delayMs);
                response.setStatus(200);
                response.write(true, ByteBuffer.wrap("{\"cards\":[]}".getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/");
    }
}
