package org.biologicscds.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.biologicscds.testing.RunningServer;
import org.biologicscds.testing.RunningServer.Reply;
import org.junit.jupiter.api.Test;

/**
 * Slow and huge clients cannot starve the others: with 8 request threads, 40 clients that send
 * half a body and stall do not hold a thread each; a normal call made meanwhile is answered, and
 * the stalled ones get a 408 when their time is up.
 */
class SlowClientsTest {

    private static final int STALLED_CLIENTS = 40;

    @Test
    void fortyStalledUploadsOnEightThreads_doNotDelayANormalCall() throws Exception {
        Limits limits = new Limits(Limits.DEFAULT_MAX_RESOURCES, 8, 200, Duration.ofSeconds(30), Duration.ofSeconds(4),
                Limits.defaultConcurrentCalls(), Limits.DEFAULT_CALL_QUEUE_TIMEOUT);
        try (RunningServer server = new RunningServer(64 * 1024, HttpProtection.openLoopback().withLimits(limits))) {
            List<Socket> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < STALLED_CLIENTS; i++) {
                    stalled.add(stalledUpload(server.uri("/").getPort()));
                }
                long started = System.nanoTime();
                Reply reply = server.call("biologic-order-select",
                        Files.readString(Path.of("hooks/examples/order-select-infliximab-screened.json")));
                long millis = (System.nanoTime() - started) / 1_000_000;

                assertThat(reply.status()).isEqualTo(200);
                assertThat(millis).as("a normal call while %d uploads stall", STALLED_CLIENTS).isLessThan(3_000);
                for (Socket socket : stalled) {
                    assertThat(statusLine(socket)).isEqualTo("HTTP/1.1 408 Request Timeout");
                }
            } finally {
                for (Socket socket : stalled) {
                    socket.close();
                }
            }
        }
    }

    private static Socket stalledUpload(int port) throws Exception {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(15_000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /cds-services/biologic-order-sign HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: 60000\r\n\r\n{\"hook\":\"order-sign\",").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static String statusLine(Socket socket) throws Exception {
        InputStream in = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\r') {
            line.append((char) c);
        }
        return line.toString();
    }

}
