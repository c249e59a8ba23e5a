package org.biologicscds.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A slow EHR FHIR server for {@code bench/slow-fhir.sh}: every read or search is answered after the
 * same delay, a Patient for {@code /Patient/{id}} and an empty searchset for anything else. It shows
 * what calls without prefetch, waiting on such a server, do to the calls that bring their prefetch.
 *
 * <pre>java -cp ... org.biologicscds.bench.SlowFhirServer PORT DELAY_MS</pre>
 */
public final class SlowFhirServer {

    private static final byte[] EMPTY_SEARCHSET = """
            {"resourceType":"Bundle","type":"searchset","total":0}""".getBytes(StandardCharsets.UTF_8);

    private SlowFhirServer() {
    }

    public static void main(String[] args) throws Exception {
        long delayMillis = Long.parseLong(args[1]);
        LoopbackServer.serve(Integer.parseInt(args[0]), new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws InterruptedException {
                Thread.sleep(delayMillis);
                String path = Request.getPathInContext(request);
                byte[] body = path.startsWith("/Patient/")
                        ? """
                          {"resourceType":"Patient","id":"%s","gender":"female","birthDate":"1979-04-12"}"""
                                .formatted(path.substring("/Patient/".length())).getBytes(StandardCharsets.UTF_8)
                        : EMPTY_SEARCHSET;
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/fhir+json");
                response.write(true, ByteBuffer.wrap(body), callback);
                return true;
            }
        }, "slow FHIR server (" + delayMillis + " ms)");
    }
}
