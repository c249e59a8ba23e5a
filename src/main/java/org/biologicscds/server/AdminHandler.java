package org.biologicscds.server;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.biologicscds.feedback.FeedbackAnalytics;
import org.biologicscds.feedback.FeedbackStoreException;
import org.biologicscds.hooks.CdsJson;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /admin/feedback-report[?since=YYYY-MM-DD]}: the override analytics as JSON, the same
 * document {@code feedback-report --json} prints. Needs {@code Authorization: Bearer <admin token>};
 * without it (or with no token configured) a 401 that says nothing more.
 */
final class AdminHandler extends Handler.Abstract {

    static final String REPORT_PATH = "/admin/feedback-report";
    private static final Logger LOG = LoggerFactory.getLogger(AdminHandler.class);

    private final FeedbackAnalytics analytics;
    private final AdminToken token;
    private final CdsJson json;
    private final Replies replies;

    AdminHandler(FeedbackAnalytics analytics, AdminToken token, CdsJson json, Replies replies) {
        this.analytics = analytics;
        this.token = token;
        this.json = json;
        this.replies = replies;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!REPORT_PATH.equals(Request.getPathInContext(request))) {
            return false;
        }
        if (token.turnsAway(request, response, callback, replies)) {
            return true;
        }
        if (!HttpMethod.GET.is(request.getMethod())) {
            replies.methodNotAllowed(response, callback, "GET");
            return true;
        }
        Fields query = Request.extractQueryParameters(request);
        LocalDate since;
        try {
            String value = query.getValue("since");
            since = value == null ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            replies.error(response, callback, HttpStatus.BAD_REQUEST_400, "invalid",
                    "BCDS-1620: 'since' must be a date such as 2026-01-31");
            return true;
        }
        try {
            replies.json(response, callback, HttpStatus.OK_200, json.write(analytics.report(since)));
        } catch (FeedbackStoreException e) {
            LOG.error("feedback report failed: {}", e.getMessage());
            replies.error(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, "transient",
                    "BCDS-5031: the feedback database cannot be read right now");
        }
        return true;
    }
}
