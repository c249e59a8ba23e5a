package org.biologicscds.record;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A FHIR server to fetch from and the bearer token to present to it. {@link #toString()} never
 * shows the token, so an endpoint cannot leak it into a log or an error message by accident.
 *
 * @param base        the server's base URL, without a trailing slash
 * @param bearerToken the access token ({@code fhirAuthorization.access_token}); empty for none
 */
public record FhirEndpoint(String base, Optional<String> bearerToken) {

    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    public FhirEndpoint {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(bearerToken, "bearerToken");
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
    }

    /**
     * True if the URL names this machine: {@code localhost}, an address in 127.0.0.0/8, or {@code [::1]}.
     * Told from the URL alone: a host name other than {@code localhost} is never looked up, so this
     * costs no DNS query and reads as not on this machine.
     */
    public boolean onLoopback() {
        String host;
        try {
            host = URI.create(base).getHost();
        } catch (IllegalArgumentException e) {
            return false;  // not a URL the client could reach either; the fetch reports that
        }
        if (host == null) {
            return false;
        }
        if (host.toLowerCase(Locale.ROOT).equals("localhost")) {
            return true;
        }
        boolean literal = IPV4_LITERAL.matcher(host).matches() || host.startsWith("[") && host.endsWith("]");
        if (!literal) {
            return false;
        }
        try {
            // An address literal is parsed, not looked up.
            return InetAddress.getByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;  // 999.1.1.1 and the like: no machine at all
        }
    }

    @Override
    public String toString() {
        return "FhirEndpoint[token " + (bearerToken.isPresent() ? "present" : "absent") + "]";
    }
}
