package org.biologicscds.server;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Refuses a request whose declared {@code Content-Length} exceeds the limit with a 413, before
 * authentication and before the body is looked at. A body sent without a length (chunked) is
 * measured as it is read, by {@link BufferedBodyHandler}.
 *
 * <p>The 413 is sent at once; then a body up to {@value #DRAIN_FACTOR} times the limit is read and thrown
 * away before the exchange completes. A server that closes with unread bytes in its receive buffer
 * makes TCP reset the connection, and a client still sending then loses the 413 it was answered (seen
 * as "no bytes" in the tests). Larger bodies are not read: the connection is closed after the answer.
 * A sender that stalls is cut off by the idle timeout; no thread waits for it.
 */
final class BodySizeLimitHandler extends Handler.Wrapper {

    static final int DRAIN_FACTOR = 4;

    private final long maxBodyBytes;
    private final OperationOutcomes outcomes;

    BodySizeLimitHandler(long maxBodyBytes, OperationOutcomes outcomes, Handler next) {
        super(next);
        this.maxBodyBytes = maxBodyBytes;
        this.outcomes = outcomes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long length = request.getLength();
        if (length > maxBodyBytes) {
            Callback then = length <= DRAIN_FACTOR * maxBodyBytes
                    ? Callback.from(() -> Content.Source.consumeAll(request, callback), callback::failed)
                    : callback;
            outcomes.respond(response, then, HttpStatus.PAYLOAD_TOO_LARGE_413, "too-costly", tooLarge(maxBodyBytes));
            return true;
        }
        return super.handle(request, response, callback);
    }

    static String tooLarge(long maxBodyBytes) {
        return "BCDS-1413: the request body is larger than " + maxBodyBytes + " bytes";
    }
}
