package org.biologicscds.server;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.biologicscds.feedback.Feedback;
import org.biologicscds.feedback.FeedbackEntry;
import org.biologicscds.feedback.FeedbackStore;
import org.biologicscds.feedback.FeedbackStoreException;
import org.biologicscds.hooks.HookRequestException;
import org.biologicscds.metrics.CdsMetrics;
import org.biologicscds.service.BiologicCdsService;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /cds-services/{id}/feedback} (CDS Hooks 2.0 feedback). The whole batch is validated
 * first (400 naming the bad entry; nothing stored), then stored in one transaction that is
 * committed before the 200. Answers {@code {"received": n, "stored": m}}: {@code m} counts the
 * entries not stored before (the same entry sent again is stored once). When the database fails
 * the answer is a 503 and nothing of the batch is stored, so the client can send it again.
 */
final class FeedbackHandler extends Handler.Abstract {

    /** The 200 body. */
    record Answer(int received, int stored) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(FeedbackHandler.class);
    private static final String PREFIX = "/cds-services/";
    private static final String SUFFIX = "/feedback";

    private final BiologicCdsService service;
    private final Feedback feedback;
    private final CdsMetrics metrics;
    private final Replies replies;
    private final long maxBodyBytes;

    FeedbackHandler(BiologicCdsService service, Feedback feedback, CdsMetrics metrics, Replies replies, long maxBodyBytes) {
        this.service = service;
        this.feedback = feedback;
        this.metrics = metrics;
        this.replies = replies;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The service id of a feedback path, or null when {@code path} is not one. */
    static String serviceId(String path) {
        if (!path.startsWith(PREFIX) || !path.endsWith(SUFFIX) || path.length() <= PREFIX.length() + SUFFIX.length()) {
            return null;
        }
        String id = path.substring(PREFIX.length(), path.length() - SUFFIX.length());
        return id.contains("/") ? null : id;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String serviceId = serviceId(Request.getPathInContext(request));
        if (serviceId == null) {
            return false;
        }
        if (!HttpMethod.POST.is(request.getMethod())) {
            replies.methodNotAllowed(response, callback, "POST");
            return true;
        }
        try {
            service.service(serviceId);
            Replies.requireJson(request);
            List<FeedbackEntry> entries = feedback.parser().parse(service.json().readTree(Replies.body(request, maxBodyBytes)));
            FeedbackStore.Result result = feedback.store().store(serviceId, entries);
            countStored(serviceId, result.stored());
            replies.json(response, callback, HttpStatus.OK_200,
                    service.json().write(new Answer(result.received(), result.stored().size())));
            LOG.info("service={} feedback received={} stored={} status=200", serviceId, result.received(),
                    result.stored().size());
        } catch (HookRequestException e) {
            replies.error(response, callback, e);
            LOG.info("service={} feedback status={} code={}", serviceId, e.outcome().status(), e.code());
        } catch (FeedbackStoreException e) {
            LOG.error("service={} feedback not stored: {}", serviceId, e.getMessage());
            replies.error(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, "transient",
                    "BCDS-5030: the feedback could not be stored; nothing of this batch was kept, send it again");
        } catch (IOException e) {
            LOG.info("service={} feedback body unreadable: {}", serviceId, e.getClass().getName());
            replies.error(response, callback, HttpStatus.BAD_REQUEST_400, "invalid",
                    "BCDS-1002: the request body could not be read");
        }
        return true;
    }

    private void countStored(String serviceId, List<FeedbackEntry> stored) {
        Map<String, Long> byOutcome = stored.stream()
                .collect(Collectors.groupingBy(e -> e.outcome().code(), Collectors.counting()));
        byOutcome.forEach((outcome, count) -> metrics.feedback(serviceId, outcome, count.intValue()));
    }
}
