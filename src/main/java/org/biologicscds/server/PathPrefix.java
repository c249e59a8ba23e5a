package org.biologicscds.server;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Passes a request to its handler only when the path is {@code prefix} or below it; otherwise
 * declines, so the next handler of a sequence gets it. Keeps the client-JWT guard on the CDS Hooks
 * endpoints without putting it in front of {@code /fhir}, {@code /metrics} or the demo page.
 */
final class PathPrefix extends Handler.Wrapper {

    private final String prefix;

    PathPrefix(String prefix, Handler handler) {
        super(handler);
        this.prefix = prefix;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (!path.equals(prefix) && !path.startsWith(prefix + "/")) {
            return false;
        }
        return super.handle(request, response, callback);
    }
}
