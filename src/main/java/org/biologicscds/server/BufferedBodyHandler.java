package org.biologicscds.server;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads the whole request body before the next handler runs, without holding a thread while the
 * bytes arrive, so that slow clients cannot tie up the thread pool. Then checks the limits:
 * <ul>
 *   <li>more than {@code maxBodyBytes} (a body sent without a length): 413, {@code BCDS-1413};</li>
 *   <li>the body not complete within {@link Limits#requestTimeout()}: 408, {@code BCDS-1408};</li>
 *   <li>more than {@link Limits#maxResources()} FHIR resources: 413, {@code BCDS-1416}.</li>
 * </ul>
 * The next handler sees the same request with the body served from memory.
 */
final class BufferedBodyHandler extends Handler.Wrapper {

    private static final int INITIAL_BUFFER_BYTES = 64 * 1024;

    private final long maxBodyBytes;
    private final Limits limits;
    private final OperationOutcomes outcomes;

    BufferedBodyHandler(long maxBodyBytes, Limits limits, OperationOutcomes outcomes, Handler next) {
        super(next);
        this.maxBodyBytes = maxBodyBytes;
        this.limits = limits;
        this.outcomes = outcomes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        new BodyRead(request, response, callback).start();
        return true;
    }

    /** One request's body on its way in; answered exactly once, by whichever of its ends comes first. */
    private final class BodyRead implements Runnable {

        private final Request request;
        private final Response response;
        private final Callback callback;
        private final AtomicBoolean answered = new AtomicBoolean();
        private byte[] body;
        private int size;
        private Scheduler.Task deadline;

        BodyRead(Request request, Response response, Callback callback) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            // Grown as bytes arrive: a client that announces 5 MB and sends nothing costs nothing.
            this.body = new byte[(int) Math.max(0, Math.min(request.getLength(), INITIAL_BUFFER_BYTES))];
        }

        void start() {
            deadline = request.getComponents().getScheduler()
                    .schedule(this::timedOut, limits.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            run();
        }

        /** Reads what has arrived; asks to be called again when more does. */
        @Override
        public void run() {
            while (!answered.get()) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    failed(chunk.getFailure());
                    return;
                }
                boolean last = chunk.isLast();
                boolean fits = append(chunk.getByteBuffer());
                chunk.release();
                if (!fits) {
                    answer(HttpStatus.PAYLOAD_TOO_LARGE_413, "too-costly", BodySizeLimitHandler.tooLarge(maxBodyBytes));
                    return;
                }
                if (last) {
                    complete();
                    return;
                }
            }
        }

        private boolean append(ByteBuffer bytes) {
            int count = bytes.remaining();
            if ((long) size + count > maxBodyBytes) {
                return false;
            }
            if (size + count > body.length) {
                long grown = Math.max(size + count, Math.min(maxBodyBytes, 2L * body.length + INITIAL_BUFFER_BYTES));
                body = Arrays.copyOf(body, (int) grown);
            }
            bytes.get(body, size, count);
            size += count;
            return true;
        }

        private void complete() {
            deadline.cancel();
            if (ResourceCounter.exceeds(body, size, limits.maxResources())) {
                answer(HttpStatus.PAYLOAD_TOO_LARGE_413, "too-costly", "BCDS-1416: the request carries more than "
                        + limits.maxResources() + " FHIR resources");
                return;
            }
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            BufferedRequest buffered = new BufferedRequest(request, ByteBuffer.wrap(body, 0, size));
            try {
                if (!getHandler().handle(buffered, response, callback)) {
                    Response.writeError(buffered, response, callback, HttpStatus.NOT_FOUND_404);
                }
            } catch (Throwable failure) {
                callback.failed(failure);
            }
        }

        private void timedOut() {
            long millis = limits.requestTimeout().toMillis();
            answer(HttpStatus.REQUEST_TIMEOUT_408, "timeout", "BCDS-1408: the request body did not arrive within "
                    + (millis % 1000 == 0 ? millis / 1000 + " seconds" : millis + " ms"));
        }

        private void failed(Throwable failure) {
            deadline.cancel();
            if (failure instanceof TimeoutException) {
                // The connection went idle mid-body: a slow client, not a server failure.
                answer(HttpStatus.REQUEST_TIMEOUT_408, "timeout", "BCDS-1408: the request body stopped arriving");
            } else if (answered.compareAndSet(false, true)) {
                callback.failed(failure);
            }
        }

        private void answer(int status, String issueType, String diagnostics) {
            if (answered.compareAndSet(false, true)) {
                deadline.cancel();
                outcomes.respond(response, callback, status, issueType, diagnostics);
            }
        }
    }

    /** The request with its body already in memory: reads never wait. */
    private static final class BufferedRequest extends Request.Wrapper {

        private final ByteBuffer body;
        private final long length;
        private boolean read;

        BufferedRequest(Request request, ByteBuffer body) {
            super(request);
            this.body = body;
            this.length = body.remaining();
        }

        @Override
        public long getLength() {
            return length;
        }

        @Override
        public synchronized Content.Chunk read() {
            if (read) {
                return Content.Chunk.EOF;
            }
            read = true;
            return Content.Chunk.from(body.slice(), true);
        }

        @Override
        public void demand(Runnable demandCallback) {
            demandCallback.run();
        }

        @Override
        public synchronized boolean consumeAvailable() {
            read = true;
            return true;
        }
    }
}
