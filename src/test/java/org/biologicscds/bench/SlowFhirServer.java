package org.biologicscds.bench;

import org.biologicscds.testing.StubFhirServer;

/**
 * A slow EHR FHIR server for {@code bench/slow-fhir.sh}: the tests' {@link StubFhirServer}, answering
 * every read or search after the same delay with a record holding only the patient asked for
 * ({@link StubFhirServer#onlyThePatient()}). It prints its FHIR base URL, then serves until the process is stopped.
 *
 * <pre>java -cp ... org.biologicscds.bench.SlowFhirServer DELAY_MS</pre>
 */
public final class SlowFhirServer {

    private SlowFhirServer() {
    }

    public static void main(String[] args) throws Exception {
        long delayMillis = Long.parseLong(args[0]);
        StubFhirServer.Responder record = StubFhirServer.onlyThePatient();
        StubFhirServer server = new StubFhirServer((request, base) -> record.answer(request, base).delayed(delayMillis));
        // Jetty's threads keep the process alive: it serves until the script stops it.
        System.out.println(server.base());
    }
}
