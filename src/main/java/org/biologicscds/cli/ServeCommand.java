package org.biologicscds.cli;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.biologicscds.knowledge.KnowledgeException;
import org.biologicscds.server.CdsServer;
import org.biologicscds.server.HttpProtection;
import org.biologicscds.server.ServerConfig;
import org.biologicscds.service.BiologicCdsService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the CDS Hooks service (discovery at /cds-services).")
final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--port", defaultValue = "8080", description = "Port to listen on (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--max-body-bytes", defaultValue = "" + ServerConfig.DEFAULT_MAX_BODY_BYTES,
            description = "Largest request body accepted (default ${DEFAULT-VALUE}); larger gets 413.")
    long maxBodyBytes;

    @Mixin
    Folders folders;

    @Mixin
    ProtectionOptions protection;

    @Override
    public Integer call() throws Exception {
        HttpProtection httpProtection;
        try {
            httpProtection = protection.resolve(host, System.err);
        } catch (IllegalArgumentException e) {
            System.err.println("biologics-cds: not starting: " + e.getMessage());
            return 2;
        }
        FhirContext fhir = FhirContext.forR4Cached();
        BiologicCdsService service;
        try {
            service = BiologicCdsService.load(folders.knowledge(), folders.hooks(), fhir, Clock.systemUTC());
        } catch (KnowledgeException e) {
            System.err.println("biologics-cds: the knowledge folder is broken, not starting: " + e.getMessage());
            return 2;
        }
        try (CdsServer server = new CdsServer(service, fhir, new ServerConfig(host, port, maxBodyBytes), httpProtection)) {
            server.start();
            LOG.info("biologics-cds listening on http://{}:{}/cds-services", host, server.port());
            server.join();
        }
        return 0;
    }
}
