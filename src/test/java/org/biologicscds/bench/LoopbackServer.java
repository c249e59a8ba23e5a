package org.biologicscds.bench;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Jetty 12 on loopback with Jetty's defaults, for the bench scripts' stand-in servers. */
final class LoopbackServer {

    private LoopbackServer() {
    }

    /** Serves {@code handler} on 127.0.0.1:{@code port} until the process is stopped, after saying {@code what} it is and where. */
    static void serve(int port, Handler handler, String what) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(handler);
        server.start();
        System.out.println(what + " on http://127.0.0.1:" + connector.getLocalPort() + "/");
        server.join();
    }
}
