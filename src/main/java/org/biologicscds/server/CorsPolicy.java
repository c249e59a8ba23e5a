package org.biologicscds.server;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which browser origins may call the service (CORS). {@code "*"} allows every origin; otherwise
 * origins are compared exactly ({@code scheme://host[:port]}, case-insensitive), never as patterns.
 * Immutable.
 *
 * @param allowedOrigins {@code "*"} or origins such as {@code https://sandbox.cds-hooks.org}; may be empty
 */
public record CorsPolicy(Set<String> allowedOrigins) {

    public static final String ANY = "*";

    public CorsPolicy {
        Set<String> normalised = new LinkedHashSet<>();
        for (String origin : allowedOrigins) {
            normalised.add(origin.trim().equals(ANY) ? ANY : checkedOrigin(origin));
        }
        allowedOrigins = Set.copyOf(normalised);
    }

    /** Every origin: the default of the open loopback mode, where anything local may call. */
    public static CorsPolicy anyOrigin() {
        return new CorsPolicy(Set.of(ANY));
    }

    /** No browser origin: the default once client authentication is on. */
    public static CorsPolicy noOrigin() {
        return new CorsPolicy(Set.of());
    }

    /**
     * The {@code Access-Control-Allow-Origin} value for a request from {@code origin} (the request's
     * {@code Origin} header, possibly {@code null}): {@code *} when every origin is allowed, the
     * origin itself when it is listed, nothing otherwise.
     */
    public Optional<String> allowOrigin(String origin) {
        if (allowedOrigins.contains(ANY)) {
            return Optional.of(ANY);
        }
        if (origin != null && allowedOrigins.contains(origin.trim().toLowerCase(Locale.ROOT))) {
            return Optional.of(origin.trim());
        }
        return Optional.empty();
    }

    /** Whether the answer depends on the request's {@code Origin} (then caches must vary on it). */
    public boolean variesByOrigin() {
        return !allowedOrigins.contains(ANY) && !allowedOrigins.isEmpty();
    }

    private static String checkedOrigin(String origin) {
        String trimmed = origin.trim();
        try {
            URI uri = new URI(trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
            boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            if (web && uri.getHost() != null && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                    && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null) {
                return uri.toString().toLowerCase(Locale.ROOT);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException("CORS origin '" + trimmed
                + "' must be * or scheme://host[:port], e.g. https://sandbox.cds-hooks.org");
    }
}
