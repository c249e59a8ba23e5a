package org.biologicscds.server;

import java.io.IOException;
import java.util.List;
import org.biologicscds.hooks.HookRequestException;
import org.biologicscds.service.BiologicCdsService;
import org.biologicscds.service.CdsCall;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
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

    private final BiologicCdsService service;
    private final Replies replies;
    private final long maxBodyBytes;
    private final IssuedCardRecorder issuedCards;

    CdsHandler(BiologicCdsService service, OperationOutcomes outcomes, long maxBodyBytes, IssuedCardRecorder issuedCards) {
        this.service = service;
        this.replies = new Replies(outcomes);
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
                replies.methodNotAllowed(response, callback, "GET");
                return true;
            }
            replies.json(response, callback, HttpStatus.OK_200, service.json().write(service.catalog().discovery()));
            return true;
        }
        if (path.startsWith(BASE + "/") && path.indexOf('/', BASE.length() + 1) < 0) {
            String serviceId = path.substring(BASE.length() + 1);
            if (!HttpMethod.POST.is(request.getMethod())) {
                replies.methodNotAllowed(response, callback, "POST");
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
            Replies.requireJson(request);
            byte[] body = Replies.body(request, maxBodyBytes);
            CdsCall call = service.call(serviceId, body);
            issuedCards.answered(serviceId, call); // queued before the client can send feedback on the cards
            replies.json(response, callback, HttpStatus.OK_200, service.json().write(call.response()));
            log(serviceId, call.hookInstance(), 200, call.ruleIds(), started);
        } catch (HookRequestException e) {
            replies.error(response, callback, e);
            log(serviceId, "-", e.outcome().status(), List.of(e.code()), started);
        } catch (RuntimeException | IOException e) {
            LOG.error("service={} failed with {}", LogSafe.id(serviceId), e.getClass().getName(), LogSafe.withoutMessages(e));
            replies.error(response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500, "exception",
                    "BCDS-5000: the service failed to process the request; it has been logged");
        }
    }

    private static void log(String serviceId, String hookInstance, int status, List<String> ids, long started) {
        LOG.info("service={} hookInstance={} status={} rules={} ms={}", LogSafe.id(serviceId), LogSafe.id(hookInstance), status, ids,
                (System.nanoTime() - started) / 1_000_000);
    }
}
