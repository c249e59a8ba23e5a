package org.biologicscds.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An EHR FHIR server that holds every request until the test releases it, then answers as
 * {@link StubFhirServer#onlyThePatient()}: for tests of what happens while a call waits on the network.
 * Closing it releases whatever still waits.
 */
public final class StalledFhirServer implements AutoCloseable {

    private static final long WAIT_SECONDS = 30;

    private final CountDownLatch stalled = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final StubFhirServer server;

    public StalledFhirServer() throws Exception {
        StubFhirServer.Responder answer = StubFhirServer.onlyThePatient();
        server = new StubFhirServer((request, base) -> {
            stalled.countDown();
            await(released);
            return answer.answer(request, base);
        });
    }

    /** The FHIR base URL. */
    public String base() {
        return server.base();
    }

    /** Waits until a request is held, failing after a while. */
    public void awaitStalled() {
        await(stalled);
    }

    /** Lets every held request, and every later one, be answered. */
    public void release() {
        released.countDown();
    }

    @Override
    public void close() throws Exception {
        release();
        server.close();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
