package org.biologicscds.plugin.jpa;

import ca.uhn.fhir.rest.server.RestfulServer;
import java.net.URI;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * {@link StarterLikeJpaConfig}'s JPA server in process: its Spring context, and its RestfulServer
 * served by Jetty at {@code /fhir} on a random loopback port. As Spring Boot does for the starter
 * (embedded or as a war), the Spring context is published to the servlet context under Spring's
 * root web application context attribute.
 */
final class JpaFhirServer implements AutoCloseable {

    private final AnnotationConfigApplicationContext spring;
    private final Server jetty;

    /**
     * @param interceptorClasses {@code hapi.fhir.custom-interceptor-classes}
     * @param serverAddress      {@code hapi.fhir.server_address}, or null
     * @param extraConfigs       more Spring configuration (e.g. HAPI's CDS Hooks module)
     */
    JpaFhirServer(List<String> interceptorClasses, String serverAddress, Class<?>... extraConfigs) throws Exception {
        StarterLikeJpaConfig.customInterceptorClasses = interceptorClasses;
        StarterLikeJpaConfig.serverAddress = serverAddress;
        spring = new AnnotationConfigApplicationContext();
        spring.register(StarterLikeJpaConfig.class);
        if (extraConfigs.length > 0) {
            spring.register(extraConfigs);
        }
        spring.refresh();
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.setAttribute("org.springframework.web.context.WebApplicationContext.ROOT", spring);
        context.addServlet(new ServletHolder("hapi-fhir", spring.getBean(RestfulServer.class)), "/fhir/*");
        jetty.setHandler(context);
        jetty.start();
    }

    AnnotationConfigApplicationContext spring() {
        return spring;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort() + path);
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
        spring.close();
    }
}
