package org.biologicscds.server;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Refuses a request whose declared {@code Content-Length} exceeds the limit with a 413, before
 * authentication and before a byte of the body is read. A body sent without a length (chunked) is
 * measured as it is read, by {@link BufferedBodyHandler}.
 */
final class BodySizeLimitHandler extends Handler.Wrapper {

    private final long maxBodyBytes;
    private final OperationOutcomes outcomes;

    BodySizeLimitHandler(long maxBodyBytes, OperationOutcomes outcomes, Handler next) {
        super(next);
        this.maxBodyBytes = maxBodyBytes;
        this.outcomes = outcomes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (request.getLength() > maxBodyBytes) {
            outcomes.respond(response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413, "too-costly", tooLarge(maxBodyBytes));
            return true;
        }
        return super.handle(request, response, callback);
    }

    static String tooLarge(long maxBodyBytes) {
        return "BCDS-1413: the request body is larger than " + maxBodyBytes + " bytes";
    }
}
