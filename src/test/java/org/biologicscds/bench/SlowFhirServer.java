package org.biologicscds.bench;

import org.biologicscds.testing.StubFhirServer;
import org.biologicscds.testing.StubFhirServer.Answer;

/**
 * A slow EHR FHIR server for {@code bench/slow-fhir.sh}: the tests' {@link StubFhirServer}, answering
 * every read or search after the same delay, a Patient for {@code Patient/{id}} and an empty
 * searchset for anything else. It prints its FHIR base URL, then serves until the process is stopped.
 *
 * <pre>java -cp ... org.biologicscds.bench.SlowFhirServer DELAY_MS</pre>
 */
public final class SlowFhirServer {

    private SlowFhirServer() {
    }

    public static void main(String[] args) throws Exception {
        long delayMillis = Long.parseLong(args[0]);
        StubFhirServer server = new StubFhirServer((request, base) -> (request.type().equals("Patient")
                ? Answer.fhir("""
                        {"resourceType":"Patient","id":"%s","gender":"female","birthDate":"1979-04-12"}"""
                        .formatted(request.path().substring("/Patient/".length())))
                : Answer.fhir(StubFhirServer.searchset(null))).delayed(delayMillis));
        // Jetty's threads keep the process alive: it serves until the script stops it.
        System.out.println(server.base());
    }
}
