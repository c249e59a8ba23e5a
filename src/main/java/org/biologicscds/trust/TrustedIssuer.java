package org.biologicscds.trust;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A CDS client the service trusts, as given by one or more {@code --trust <issuer>=<source>}
 * values: the {@code iss} its JWTs carry and where its public keys are. A source that starts with
 * {@code https://} (or {@code http://} to a loopback address, for a local key server) is a JWK Set
 * URL; anything else is a JWK Set file.
 *
 * <p>The URLs are also the issuer's {@code jku} allowlist: a token's {@code jku} header is followed
 * only when it is one of them (CDS Hooks 2.0, "Trusting CDS Clients"). Immutable.
 *
 * @param issuer    the exact {@code iss} value, never blank
 * @param jwksFiles JWK Set files, in the order given
 * @param jwksUrls  JWK Set URLs, in the order given; never both lists empty
 */
public record TrustedIssuer(String issuer, List<Path> jwksFiles, List<URI> jwksUrls) {

    public TrustedIssuer {
        if (issuer == null || issuer.isBlank()) {
            throw new TrustConfigException("a trusted issuer needs a non-empty iss");
        }
        jwksFiles = List.copyOf(jwksFiles);
        jwksUrls = List.copyOf(jwksUrls);
        if (jwksFiles.isEmpty() && jwksUrls.isEmpty()) {
            throw new TrustConfigException("issuer " + issuer + " has no JWK Set file or URL");
        }
    }

    /**
     * Groups {@code issuer=source} values by issuer, keeping the order in which issuers first
     * appear. The value is split at its first {@code =}: issuers are URLs without one.
     *
     * @throws TrustConfigException for a value without {@code =}, an empty side, or a URL that is
     *                              not https (plain http is accepted for loopback hosts only)
     */
    public static List<TrustedIssuer> parse(List<String> values) {
        Map<String, List<Path>> files = new LinkedHashMap<>();
        Map<String, List<URI>> urls = new LinkedHashMap<>();
        for (String value : values) {
            int eq = value.indexOf('=');
            if (eq <= 0 || eq == value.length() - 1) {
                throw new TrustConfigException("--trust " + value
                        + ": expected <issuer>=<jwks-file-or-https-url>, e.g. https://sandbox.cds-hooks.org=sandbox-jwks.json");
            }
            String issuer = value.substring(0, eq).trim();
            String source = value.substring(eq + 1).trim();
            files.computeIfAbsent(issuer, k -> new ArrayList<>());
            urls.computeIfAbsent(issuer, k -> new ArrayList<>());
            if (isUrl(source)) {
                urls.get(issuer).add(keyUrl(issuer, source));
            } else {
                files.get(issuer).add(Path.of(source));
            }
        }
        List<TrustedIssuer> issuers = new ArrayList<>();
        files.forEach((issuer, paths) -> issuers.add(new TrustedIssuer(issuer, paths, urls.get(issuer))));
        return issuers;
    }

    private static boolean isUrl(String source) {
        String lower = source.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://");
    }

    private static URI keyUrl(String issuer, String source) {
        URI uri;
        try {
            uri = new URI(source);
        } catch (URISyntaxException e) {
            throw new TrustConfigException("--trust " + issuer + "=" + source + ": not a URL (" + e.getReason() + ")");
        }
        if (uri.getHost() == null) {
            throw new TrustConfigException("--trust " + issuer + "=" + source + ": the URL has no host");
        }
        if (uri.getScheme().equalsIgnoreCase("http") && !isLoopback(uri.getHost())) {
            // Keys fetched over plain http could be swapped on the way: only a local key server may use it.
            throw new TrustConfigException("--trust " + issuer + "=" + source
                    + ": JWK Set URLs must be https (plain http only to a loopback address)");
        }
        return uri;
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
