package org.biologicscds.server;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Optional;
import org.biologicscds.trust.ClientTokenVerifier;

/**
 * How the HTTP server protects itself and its callers: client authentication (JWTs of trusted
 * CDS clients), CORS, and limits. Immutable.
 *
 * <p>Without client authentication the service is open; it may then only listen on a loopback
 * address, unless {@code openOffLoopback} says an operator decided otherwise (a gateway in front
 * authenticates). {@link #checkBind} enforces this.
 *
 * @param clientTokens    the JWT check; empty = open
 * @param publicBaseUrl   the base URL clients call (scheme, host, port, any path prefix; no
 *                        trailing slash) when a proxy sits in front: JWT {@code aud} is this plus
 *                        the path. Empty = the URL of the request as the server sees it
 * @param cors            the browser origins allowed
 * @param limits          what one client may cost
 * @param openOffLoopback serve without authentication on a non-loopback address ({@code --insecure-no-auth})
 */
public record HttpProtection(Optional<ClientTokenVerifier> clientTokens, Optional<String> publicBaseUrl,
                             CorsPolicy cors, Limits limits, boolean openOffLoopback) {

    public HttpProtection {
        publicBaseUrl = publicBaseUrl.map(HttpProtection::checkedBaseUrl);
    }

    /** Open, any origin, default limits: for a service only this machine can reach. */
    public static HttpProtection openLoopback() {
        return new HttpProtection(Optional.empty(), Optional.empty(), CorsPolicy.anyOrigin(), Limits.defaults(), false);
    }

    /**
     * This protection with the client JWTs' {@code jti}s remembered in {@code store} (the shared
     * database), so that instances on one database refuse a token any of them accepted.
     */
    public HttpProtection withReplayStore(org.biologicscds.trust.ReplayStore store) {
        return new HttpProtection(clientTokens.map(v -> v.withReplayStore(store)), publicBaseUrl, cors, limits, openOffLoopback);
    }

    public HttpProtection withLimits(Limits newLimits) {
        return new HttpProtection(clientTokens, publicBaseUrl, cors, newLimits, openOffLoopback);
    }

    /**
     * Refuses to serve open on an address other machines can reach, unless told to.
     *
     * @throws IllegalStateException saying what to do instead
     */
    public void checkBind(String host) {
        if (clientTokens.isEmpty() && !openOffLoopback && !isLoopback(host)) {
            throw new IllegalStateException("refusing to serve without client authentication on " + host
                    + ", which other machines can reach: give --trust <issuer>=<jwks-file-or-https-url>"
                    + " (CDS Hooks client JWTs), or --insecure-no-auth if a gateway in front authenticates the callers");
        }
    }

    /** What an operator must be told at start when the service is open; empty when it is not. */
    public Optional<String> warning(String host) {
        if (clientTokens.isPresent()) {
            return Optional.empty();
        }
        if (isLoopback(host)) {
            return Optional.of("serving WITHOUT client authentication (no --trust): only programs on this machine can call it"
                    + " (bound to loopback " + host + "). Give --trust <issuer>=<jwks> before exposing it.");
        }
        return Optional.of("serving WITHOUT client authentication on " + host + " (--insecure-no-auth):"
                + " anyone who can reach this address can call it.");
    }

    /** Whether {@code host} names a loopback address; an unknown name is not. */
    public static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String checkedBaseUrl(String url) {
        String trimmed = url.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            URI uri = new URI(trimmed);
            boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            if (web && uri.getHost() != null && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                return trimmed;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException("--public-base-url '" + url
                + "' must be an absolute http(s) URL without query, e.g. https://cds.example.org");
    }
}
