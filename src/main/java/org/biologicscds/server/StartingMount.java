package org.biologicscds.server;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A mounted handler that comes up after the server (the sandbox FHIR server at {@code /fhir}), so
 * the CDS endpoint does not wait for it. A request under its path that comes before
 * {@link #ready(Handler)} waits for it, at most {@code patience} (a client that calls at once, such
 * as a fetch of missing prefetch from the sandbox, sees a slower answer, not a different one); past
 * that it is a 503 OperationOutcome with {@code Retry-After: 1}. Once ready, every request goes to
 * the handler.
 */
public final class StartingMount extends Handler.Wrapper {

    private final String path;
    private final String what;
    private final OperationOutcomes outcomes;
    private final Duration patience;
    private final CountDownLatch ready = new CountDownLatch(1);

    /**
     * @param path the mount's context path, e.g. {@code /fhir}
     * @param what what is starting, for the 503's diagnostics
     * @param patience how long a request waits for the handler before the 503
     */
    public StartingMount(String path, String what, OperationOutcomes outcomes, Duration patience) {
        super(true);
        this.path = path;
        this.what = what;
        this.outcomes = outcomes;
        this.patience = patience;
    }

    /** Mounts {@code handler}, started if the server is; from then on it answers. */
    public void ready(Handler handler) throws Exception {
        setHandler(handler);
        // Jetty does not start a handler set on a running wrapper: start it before it answers.
        if (isStarted() && !handler.isStarted()) {
            handler.start();
        }
        ready.countDown();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (ready.getCount() == 0) {
            return super.handle(request, response, callback);
        }
        String target = Request.getPathInContext(request);
        if (!target.equals(path) && !target.startsWith(path + "/")) {
            return false;
        }
        if (ready.await(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            return super.handle(request, response, callback);
        }
        response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
        outcomes.respond(response, callback, 503, "transient", "BCDS-5034: " + what + " is still starting; retry shortly");
        return true;
    }
}
