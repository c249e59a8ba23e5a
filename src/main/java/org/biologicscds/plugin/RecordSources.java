package org.biologicscds.plugin;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.util.Optional;

/**
 * Which {@link RecordSource} the plugin reads through, settled at the first request it sees: the
 * DAOs of the HAPI JPA server it runs in, when the request leads to one ({@link JpaServerLookup}),
 * else the read-back a plain {@code RestfulServer} was configured with. A plugin built with a
 * source (the Spring configuration, tests) uses that one from the start. Thread-safe.
 */
final class RecordSources {

    private final FhirContext fhir;
    private final RecordSource readBack;
    private volatile RecordSource settled;

    private RecordSources(FhirContext fhir, RecordSource readBack, RecordSource settled) {
        this.fhir = fhir;
        this.readBack = readBack;
        this.settled = settled;
    }

    /** Through the JPA server's DAOs if there is one, else through {@code readBack}. */
    static RecordSources discovered(FhirContext fhir, RecordSource readBack) {
        return new RecordSources(fhir, readBack, null);
    }

    static RecordSources fixed(RecordSource source) {
        return new RecordSources(null, source, source);
    }

    RecordSource forRequest(RequestDetails request) {
        RecordSource source = settled;
        if (source == null && !(request instanceof ServletRequestDetails)) {
            // An internal request (no servlet) cannot show which server this is: settle on a client's.
            return readBack;
        }
        if (source == null) {
            synchronized (this) {
                if (settled == null) {
                    settled = jpaServerOf(request).orElse(readBack);
                }
                source = settled;
            }
        }
        return source;
    }

    private Optional<RecordSource> jpaServerOf(RequestDetails request) {
        if (!onClasspath("org.springframework.context.ApplicationContext")
                || !onClasspath("ca.uhn.fhir.jpa.api.dao.DaoRegistry")
                || !onClasspath("ca.uhn.fhir.jpa.searchparam.MatchUrlService")) {
            return Optional.empty();
        }
        return JpaServerLookup.find(request, fhir);
    }

    private static boolean onClasspath(String className) {
        try {
            Class.forName(className, false, RecordSources.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
