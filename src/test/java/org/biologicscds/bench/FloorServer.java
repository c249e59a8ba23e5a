package org.biologicscds.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The floor for the HTTP load test: a bare Jetty 12 server on loopback whose one handler reads the
 * whole request body (as the CDS handler does) and answers {@code {"cards":[]}}. Nothing we could
 * serve is faster on the same JVM and connector, so our throughput is reported as a share of this.
 *
 * <pre>java -cp ... org.biologicscds.bench.FloorServer PORT</pre>
 */
public final class FloorServer {

    private static final byte[] NO_CARDS = "{\"cards\":[]}".getBytes(StandardCharsets.UTF_8);

    private FloorServer() {
    }

    public static void main(String[] args) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(Integer.parseInt(args[0]));
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws IOException {
                try (InputStream in = Content.Source.asInputStream(request)) {
                    in.readAllBytes();
                }
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                response.write(true, ByteBuffer.wrap(NO_CARDS), callback);
                return true;
            }
        });
        server.start();
        System.out.println("floor server on http://127.0.0.1:" + connector.getLocalPort() + "/");
        server.join();
    }
}
