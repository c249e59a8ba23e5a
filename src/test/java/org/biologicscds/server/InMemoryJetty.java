package org.biologicscds.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.biologicscds.testing.TestKnowledge;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpTester;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;

/**
 * One handler (a wrapper under test around an {@link Echo}) in a Jetty server with an in-memory
 * connector: raw HTTP text in, parsed response out. No ports.
 */
final class InMemoryJetty implements AutoCloseable {

    static final OperationOutcomes OUTCOMES = new OperationOutcomes(TestKnowledge.FHIR);

    private final Server server = new Server();
    private final LocalConnector connector = new LocalConnector(server);

    InMemoryJetty(Handler handler, Request.Handler errorHandler) throws Exception {
        server.addConnector(connector);
        server.setHandler(handler);
        server.setErrorHandler(errorHandler);
        server.start();
    }

    InMemoryJetty(Handler handler) throws Exception {
        this(handler, new JsonErrorHandler(OUTCOMES));
    }

    HttpTester.Response send(String rawRequest) throws Exception {
        return HttpTester.parseResponse(connector.getResponse(rawRequest, 10, TimeUnit.SECONDS));
    }

    /** Sends the start of a request and waits for whatever answer comes within {@code seconds}. */
    HttpTester.Response sendPartly(String rawStart, long seconds) throws Exception {
        LocalConnector.LocalEndPoint endPoint = connector.executeRequest(rawStart);
        ByteBuffer answer = endPoint.waitForResponse(false, seconds, TimeUnit.SECONDS);
        return answer == null ? null : HttpTester.parseResponse(answer);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** Answers 200 with "got N bytes: <body>", reading the body the blocking way the CDS endpoint does. */
    static final class Echo extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String body = Content.Source.asString(request, StandardCharsets.UTF_8);
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
            response.write(true, ByteBuffer.wrap(("got " + body.length() + " bytes: " + body).getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
    }

    /** Fails every request, as a bug would. */
    static final class Failing extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            throw new IllegalStateException("a bug");
        }
    }
}
