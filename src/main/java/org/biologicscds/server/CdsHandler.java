package org.biologicscds.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.biologicscds.hooks.HookRequestException;
import org.biologicscds.service.BiologicCdsService;
import org.biologicscds.service.CdsCall;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CDS Hooks endpoints: {@code GET /cds-services} (discovery) and {@code POST /cds-services/{id}}.
 * Client errors become their status with an OperationOutcome body; anything else is a 500 with a
 * generic body, logged with the hookInstance only. Logs carry opaque ids, never bodies or URLs.
 */
final class CdsHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(CdsHandler.class);
    private static final String BASE = "/cds-services";
    private static final String JSON = "application/json";

    private final BiologicCdsService service;
    private final OperationOutcomes outcomes;
    private final long maxBodyBytes;
    private final IssuedCardRecorder issuedCards;

    CdsHandler(BiologicCdsService service, OperationOutcomes outcomes, long maxBodyBytes, IssuedCardRecorder issuedCards) {
        this.service = service;
        this.outcomes = outcomes;
        this.maxBodyBytes = maxBodyBytes;
        this.issuedCards = issuedCards;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (path.endsWith("/") && path.length() > 1) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.equals(BASE)) {
            if (!HttpMethod.GET.is(request.getMethod())) {
                methodNotAllowed(response, callback, "GET");
                return true;
            }
            send(response, callback, HttpStatus.OK_200, service.json().write(service.catalog().discovery()));
            return true;
        }
        if (path.startsWith(BASE + "/") && path.indexOf('/', BASE.length() + 1) < 0) {
            String serviceId = path.substring(BASE.length() + 1);
            if (!HttpMethod.POST.is(request.getMethod())) {
                methodNotAllowed(response, callback, "POST");
                return true;
            }
            callService(serviceId, request, response, callback);
            return true;
        }
        return false;
    }

    private void callService(String serviceId, Request request, Response response, Callback callback) {
        long started = System.nanoTime();
        try {
            service.service(serviceId);
            checkContentType(request);
            byte[] body = readBody(request);
            CdsCall call = service.call(serviceId, body);
            issuedCards.answered(serviceId, call); // queued before the client can send feedback on the cards
            send(response, callback, HttpStatus.OK_200, service.json().write(call.response()));
            log(serviceId, call.hookInstance(), 200, call.ruleIds(), started);
        } catch (HookRequestException e) {
            send(response, callback, e.outcome().status(), outcomes.error(e.outcome().issueType(), e.diagnostics()));
            log(serviceId, "-", e.outcome().status(), List.of(e.code()), started);
        } catch (RuntimeException | IOException e) {
            LOG.error("service={} failed with {}", LogSafe.id(serviceId), e.getClass().getName(), LogSafe.withoutMessages(e));
            send(response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500,
                    outcomes.error("exception", "BCDS-5000: the service failed to process the request; it has been logged"));
        }
    }

    private void checkContentType(Request request) {
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        String mime = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (!mime.equals(JSON) && !(mime.startsWith("application/") && mime.endsWith("+json"))) {
            throw new HookRequestException(HookRequestException.Outcome.UNSUPPORTED_MEDIA_TYPE, "BCDS-1415",
                    "the request body must be JSON: send Content-Type: application/json");
        }
    }

    private byte[] readBody(Request request) throws IOException {
        long declared = request.getLength();
        if (declared > maxBodyBytes) {
            throw tooLarge();
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
            if (body.length > maxBodyBytes) {
                throw tooLarge();
            }
            return body;
        }
    }

    private HookRequestException tooLarge() {
        return new HookRequestException(HookRequestException.Outcome.PAYLOAD_TOO_LARGE, "BCDS-1413",
                "the request body is larger than " + maxBodyBytes + " bytes");
    }

    private void methodNotAllowed(Response response, Callback callback, String allowed) {
        response.getHeaders().put(HttpHeader.ALLOW, allowed);
        send(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405,
                outcomes.error("not-supported", "BCDS-1405: use " + allowed + " on this path"));
    }

    private static void send(Response response, Callback callback, int status, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    private static void log(String serviceId, String hookInstance, int status, List<String> ids, long started) {
        LOG.info("service={} hookInstance={} status={} rules={} ms={}", LogSafe.id(serviceId), LogSafe.id(hookInstance), status, ids,
                (System.nanoTime() - started) / 1_000_000);
    }
}
