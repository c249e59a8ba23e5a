package org.biologicscds.server;

import java.nio.charset.StandardCharsets;
import org.biologicscds.service.BiologicCdsService;
import org.biologicscds.service.KnowledgeReload;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /admin/reload-knowledge} (admin token): loads the knowledge folder and the site
 * policy again and swaps them in ({@link BiologicCdsService#reloadKnowledge()}). On a Jetty thread of
 * its own, never a hook call's; hook calls go on meanwhile on the knowledge they started with.
 * 200 {@code {"reloaded":true,"resources":n}}; a broken folder is a 422 {@code BCDS-1622} naming the
 * file and the reason, and the knowledge in use stays; a service started with the bundled
 * knowledge is a 409 {@code BCDS-1623}.
 */
final class KnowledgeReloadHandler extends Handler.Abstract {

    static final String PATH = "/admin/reload-knowledge";
    private static final Logger LOG = LoggerFactory.getLogger(KnowledgeReloadHandler.class);

    private final BiologicCdsService service;
    private final AdminToken token;
    private final Replies replies;

    KnowledgeReloadHandler(BiologicCdsService service, AdminToken token, Replies replies) {
        this.service = service;
        this.token = token;
        this.replies = replies;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!PATH.equals(Request.getPathInContext(request))) {
            return false;
        }
        if (token.turnsAway(request, response, callback, replies)) {
            return true;
        }
        if (!HttpMethod.POST.is(request.getMethod())) {
            replies.methodNotAllowed(response, callback, "POST");
            return true;
        }
        KnowledgeReload reload = service.reloadKnowledge();
        switch (reload.outcome()) {
            case RELOADED -> {
                LOG.info("knowledge reloaded: {} resources", reload.resources());
                replies.json(response, callback, HttpStatus.OK_200,
                        ("{\"reloaded\":true,\"resources\":" + reload.resources() + "}").getBytes(StandardCharsets.UTF_8));
            }
            case BROKEN -> {
                LOG.warn("knowledge not reloaded, the knowledge in use stays: {}", reload.detail());
                replies.error(response, callback, HttpStatus.UNPROCESSABLE_ENTITY_422, "invalid",
                        "BCDS-1622: the knowledge was not reloaded, the knowledge in use stays: " + reload.detail());
            }
            case NO_FOLDER -> replies.error(response, callback, HttpStatus.CONFLICT_409, "not-supported",
                    "BCDS-1623: " + reload.detail());
        }
        return true;
    }
}
