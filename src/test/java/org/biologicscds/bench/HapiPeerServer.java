package org.biologicscds.bench;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The HAPI peer for the side-by-side benchmark: HAPI FHIR's CDS Hooks module
 * ({@code hapi-fhir-server-cds-hooks}, the version of the service's HAPI) running one rule
 * ({@link MethotrexateWithTnfInhibitorService}), its controller under Spring MVC's
 * {@link DispatcherServlet} on the same Jetty 12 as the service and the floor, loopback, same
 * connector defaults. Lives with the tests so it never enters the service jar.
 *
 * <pre>java -cp ... org.biologicscds.bench.HapiPeerServer PORT</pre>
 */
public final class HapiPeerServer implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;

    private HapiPeerServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /** Starts the peer on loopback; port 0 picks a free one. */
    public static HapiPeerServer start(int port) throws Exception {
        AnnotationConfigWebApplicationContext spring = new AnnotationConfigWebApplicationContext();
        spring.register(HapiPeerConfig.class);
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        ServletHolder dispatcher = new ServletHolder("dispatcher", new DispatcherServlet(spring));
        dispatcher.setInitOrder(0);   // boot the module with the server, not on the first call
        context.addServlet(dispatcher, "/");
        server.setHandler(context);
        server.start();
        return new HapiPeerServer(server, connector);
    }

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    public static void main(String[] args) throws Exception {
        HapiPeerServer peer = start(Integer.parseInt(args[0]));
        System.out.println("HAPI CDS Hooks peer on http://127.0.0.1:" + peer.port() + "/cds-services");
        peer.server.join();
    }
}
