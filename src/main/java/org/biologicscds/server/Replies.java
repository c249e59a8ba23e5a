package org.biologicscds.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.biologicscds.hooks.HookRequestException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Request bodies and replies shared by the feedback, admin and metrics endpoints. */
final class Replies {

    static final String JSON = "application/json";

    private final OperationOutcomes outcomes;

    Replies(OperationOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    void json(Response response, Callback callback, int status, byte[] body) {
        send(response, callback, status, JSON, body);
    }

    void text(Response response, Callback callback, String contentType, String body) {
        send(response, callback, HttpStatus.OK_200, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** An error as an OperationOutcome with the exception's status and diagnostics. */
    void error(Response response, Callback callback, HookRequestException e) {
        json(response, callback, e.outcome().status(), outcomes.error(e.outcome().issueType(), e.diagnostics()));
    }

    void error(Response response, Callback callback, int status, String issueType, String diagnostics) {
        json(response, callback, status, outcomes.error(issueType, diagnostics));
    }

    void methodNotAllowed(Response response, Callback callback, String allowed) {
        response.getHeaders().put(HttpHeader.ALLOW, allowed);
        error(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "not-supported",
                "BCDS-1405: use " + allowed + " on this path");
    }

    /** A 415 unless the request says its body is JSON ({@code application/json} or {@code +json}). */
    static void requireJson(Request request) {
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        String mime = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mime.equals(JSON) && !(mime.startsWith("application/") && mime.endsWith("+json"))) {
            throw new HookRequestException(HookRequestException.Outcome.UNSUPPORTED_MEDIA_TYPE, "BCDS-1415",
                    "the request body must be JSON: send Content-Type: application/json");
        }
    }

    /** The body, or a 413 when it is larger than {@code maxBodyBytes}. */
    static byte[] body(Request request, long maxBodyBytes) throws IOException {
        if (request.getLength() > maxBodyBytes) {
            throw tooLarge(maxBodyBytes);
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
            if (body.length > maxBodyBytes) {
                throw tooLarge(maxBodyBytes);
            }
            return body;
        }
    }

    private static HookRequestException tooLarge(long maxBodyBytes) {
        return new HookRequestException(HookRequestException.Outcome.PAYLOAD_TOO_LARGE, "BCDS-1413",
                "the request body is larger than " + maxBodyBytes + " bytes");
    }

    private static void send(Response response, Callback callback, int status, String contentType, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
