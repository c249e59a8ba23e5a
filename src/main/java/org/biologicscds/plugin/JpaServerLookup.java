package org.biologicscds.plugin;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.MatchUrlService;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.util.Optional;
import org.springframework.context.ApplicationContext;

/**
 * Finds, from a request, the HAPI JPA server it came to: the Spring application context the servlet
 * container holds under Spring's root web application context attribute (Spring Boot sets it for the
 * starter, embedded or as a war), and in it the {@link DaoRegistry} and {@link MatchUrlService}.
 * Touches Spring and HAPI's JPA classes, so it is only loaded once {@link RecordSources} has seen
 * them on the classpath.
 */
final class JpaServerLookup {

    /** {@code WebApplicationContext.ROOT_WEB_APPLICATION_CONTEXT_ATTRIBUTE}, without depending on spring-web. */
    static final String ROOT_CONTEXT_ATTRIBUTE = "org.springframework.web.context.WebApplicationContext.ROOT";

    private JpaServerLookup() {
    }

    static Optional<RecordSource> find(RequestDetails request, FhirContext fhir) {
        if (!(request instanceof ServletRequestDetails servlet) || servlet.getServletRequest() == null
                || !(servlet.getServletRequest().getServletContext().getAttribute(ROOT_CONTEXT_ATTRIBUTE)
                instanceof ApplicationContext context)) {
            return Optional.empty();
        }
        return fromContext(context, fhir);
    }

    /** The DAO source of the JPA server whose Spring context this is; empty if it has no DaoRegistry. */
    static Optional<RecordSource> fromContext(ApplicationContext context, FhirContext fhir) {
        DaoRegistry daos = context.getBeanProvider(DaoRegistry.class).getIfAvailable();
        MatchUrlService matchUrls = context.getBeanProvider(MatchUrlService.class).getIfAvailable();
        if (daos == null || matchUrls == null) {
            return Optional.empty();
        }
        return Optional.of(new DaoRecordSource(daos, matchUrls, fhir));
    }
}
