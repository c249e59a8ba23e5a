package org.biologicscds.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.biologicscds.server.CorsPolicy;
import org.biologicscds.server.HttpProtection;
import org.biologicscds.server.Limits;
import org.biologicscds.trust.ClientTokenVerifier;
import org.biologicscds.trust.TrustConfig;
import org.biologicscds.trust.TrustConfigException;
import org.biologicscds.trust.TrustedIssuer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** {@code serve}'s options for client authentication, CORS and limits, turned into an {@link HttpProtection}. */
final class ProtectionOptions {

    private static final Logger LOG = LoggerFactory.getLogger(ProtectionOptions.class);

    @Option(names = "--trust", paramLabel = "ISSUER=JWKS",
            description = "Require CDS Hooks client JWTs on every call, signed by this issuer's keys: a JWK Set file"
                    + " or https URL (also the issuer's jku allowlist). Repeatable.")
    List<String> trust = List.of();

    @Option(names = "--public-base-url", paramLabel = "URL",
            description = "The base URL clients call, when a proxy is in front (JWT aud = this + path)."
                    + " Default: the URL as the server receives it.")
    String publicBaseUrl;

    @Option(names = "--insecure-no-auth",
            description = "Serve without client authentication on a non-loopback address (a gateway in front authenticates).")
    boolean insecureNoAuth;

    @Option(names = "--cors-origin", paramLabel = "ORIGIN",
            description = "A browser origin allowed to call (scheme://host[:port]) or *. Repeatable."
                    + " Default: * when open on loopback, none otherwise.")
    List<String> corsOrigins;

    @Option(names = "--max-resources", defaultValue = "" + Limits.DEFAULT_MAX_RESOURCES,
            description = "Most FHIR resources in one request (default ${DEFAULT-VALUE}); more gets 413.")
    int maxResources;

    @Option(names = "--max-threads", defaultValue = "" + Limits.DEFAULT_MAX_THREADS,
            description = "Request threads (default ${DEFAULT-VALUE}).")
    int maxThreads;

    @Option(names = "--max-connections", defaultValue = "" + Limits.DEFAULT_MAX_CONNECTIONS,
            description = "Open connections at once (default ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Close a connection silent for this long (default ${DEFAULT-VALUE}).")
    int idleTimeoutSeconds;

    @Option(names = "--request-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Time allowed for a request body to arrive (default ${DEFAULT-VALUE}); slower gets 408.")
    int requestTimeoutSeconds;

    @Option(names = "--max-concurrent-calls", paramLabel = "N",
            description = "Calls admitted at once; more wait their turn (default: four times the CPU cores). "
                    + "One per core computes at a time; the others wait on the EHR's FHIR server or for the CPU.")
    Integer maxConcurrentCalls;

    @Option(names = "--call-queue-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Longest wait for a turn (default ${DEFAULT-VALUE}); longer gets 503.")
    int callQueueTimeoutSeconds;

    /**
     * The protection for a server bound to {@code host}; prints the warning an open service calls
     * for to {@code err}.
     *
     * @throws IllegalArgumentException with the message for the operator when the options cannot
     *                                  be used or the service would be open to the network
     */
    HttpProtection resolve(String host, PrintStream err) {
        Limits limits = new Limits(maxResources, maxThreads, maxConnections,
                Duration.ofSeconds(idleTimeoutSeconds), Duration.ofSeconds(requestTimeoutSeconds),
                maxConcurrentCalls == null ? Limits.defaultConcurrentCalls() : maxConcurrentCalls,
                Duration.ofSeconds(callQueueTimeoutSeconds));
        Optional<ClientTokenVerifier> tokens = Optional.empty();
        try {
            if (!trust.isEmpty()) {
                tokens = Optional.of(new ClientTokenVerifier(TrustConfig.of(TrustedIssuer.parse(trust)), Clock.systemUTC()));
            }
        } catch (TrustConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        boolean openOnLoopback = tokens.isEmpty() && HttpProtection.isLoopback(host);
        CorsPolicy cors = corsOrigins != null ? new CorsPolicy(Set.copyOf(corsOrigins))
                : openOnLoopback ? CorsPolicy.anyOrigin() : CorsPolicy.noOrigin();
        HttpProtection protection = new HttpProtection(tokens, Optional.ofNullable(publicBaseUrl), cors, limits, insecureNoAuth);
        try {
            protection.checkBind(host);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        protection.warning(host).ifPresent(warning -> err.println("biologics-cds: WARNING: " + warning));
        tokens.ifPresent(verifier -> LOG.info("client authentication on; trusted issuers: {}", verifier.issuers()));
        return protection;
    }
}
