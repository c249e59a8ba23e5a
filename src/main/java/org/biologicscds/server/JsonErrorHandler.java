package org.biologicscds.server;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty itself produces (no route, a malformed HTTP request) as an OperationOutcome, like
 * every other error of the service, instead of Jetty's HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {

    private final OperationOutcomes outcomes;

    JsonErrorHandler(OperationOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus() > 0 ? response.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR_500;
        String issueType;
        String diagnostics;
        if (status == HttpStatus.NOT_FOUND_404) {
            issueType = "not-found";
            diagnostics = "BCDS-1404: no such endpoint; see GET /cds-services";
        } else if (status == HttpStatus.SERVICE_UNAVAILABLE_503) {
            // Jetty's QoSHandler (a call waited past --call-queue-timeout) or a server stopping: both pass.
            issueType = "transient";
            diagnostics = "BCDS-5033: the service is busy (every turn was taken for longer than the call queue"
                    + " timeout) or stopping; send the call again";
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
        } else {
            issueType = status >= 500 ? "exception" : "invalid";
            diagnostics = "BCDS-" + (status >= 500 ? 5000 : 1000 + status) + ": " + HttpStatus.getMessage(status);
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(outcomes.error(issueType, diagnostics)), callback);
        return true;
    }
}
