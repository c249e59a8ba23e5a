package org.biologicscds.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * A small Jetty server on a random loopback port that plays an EHR's FHIR server for fault tests:
 * each request is answered by a {@link Responder} (slow, 500, garbage, paged...) and recorded.
 * Not a FHIR implementation: the test says what each request gets.
 */
public final class StubFhirServer implements AutoCloseable {

    /** A request as received: method, path under the base, decoded-as-sent query, Authorization header. */
    public record Seen(String method, String path, String query, String authorization) {
        /** The resource type the request is about: {@code Observation} for {@code /Observation?...}. */
        public String type() {
            String p = path.startsWith("/") ? path.substring(1) : path;
            return p.contains("/") ? p.substring(0, p.indexOf('/')) : p;
        }
    }

    /** What to answer: status, content type, body, and how long to wait first. */
    public record Answer(int status, String contentType, String body, long delayMillis) {
        public static Answer fhir(String json) {
            return new Answer(200, "application/fhir+json", json, 0);
        }

        public static Answer status(int status) {
            return new Answer(status, "application/fhir+json",
                    "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"exception\"}]}", 0);
        }

        public Answer delayed(long millis) {
            return new Answer(status, contentType, body, millis);
        }
    }

    /** Decides the answer to a request; {@code base} is this server's FHIR base URL (for next links). */
    @FunctionalInterface
    public interface Responder {
        Answer answer(Seen request, String base);
    }

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    public StubFhirServer(Responder responder) throws Exception {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String path = Request.getPathInContext(request);
                if (!path.startsWith("/fhir")) {
                    return false;
                }
                Seen request1 = new Seen(request.getMethod(), path.substring("/fhir".length()),
                        request.getHttpURI().getQuery(), request.getHeaders().get(HttpHeader.AUTHORIZATION));
                seen.add(request1);
                Answer answer = responder.answer(request1, base());
                if (answer.delayMillis() > 0) {
                    Thread.sleep(answer.delayMillis());
                }
                response.setStatus(answer.status());
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
                response.write(true, ByteBuffer.wrap(answer.body().getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        });
        server.start();
    }

    /** The FHIR base URL, e.g. {@code http://127.0.0.1:41234/fhir}. */
    public String base() {
        return "http://127.0.0.1:" + connector.getLocalPort() + "/fhir";
    }

    /** Every request received so far, in order. */
    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** The requests about one resource type. */
    public List<Seen> seen(String type) {
        return seen.stream().filter(s -> s.type().equals(type)).toList();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /**
     * A record holding only the patient asked for: {@code Patient/{id}} is a Patient with that id (born
     * 1979-04-12, female), every search an empty searchset.
     */
    public static Responder onlyThePatient() {
        return (request, base) -> request.path().startsWith("/Patient/")
                ? Answer.fhir("""
                        {"resourceType":"Patient","id":"%s","gender":"female","birthDate":"1979-04-12"}"""
                        .formatted(request.path().substring("/Patient/".length())))
                : Answer.fhir(searchset(null));
    }

    /** A searchset Bundle of the given resources (JSON each), with a next link if {@code next} is not null. */
    public static String searchset(String next, String... resources) {
        StringBuilder json = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"searchset\"");
        if (next != null) {
            json.append(",\"link\":[{\"relation\":\"next\",\"url\":\"").append(next).append("\"}]");
        }
        json.append(",\"entry\":[");
        for (int i = 0; i < resources.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"resource\":").append(resources[i]).append('}');
        }
        return json.append("]}").toString();
    }
}
