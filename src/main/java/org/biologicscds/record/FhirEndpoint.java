package org.biologicscds.record;

import java.util.Objects;
import java.util.Optional;

/**
 * A FHIR server to fetch from and the bearer token to present to it. {@link #toString()} never
 * shows the token, so an endpoint cannot leak it into a log or an error message by accident.
 *
 * @param base        the server's base URL, without a trailing slash
 * @param bearerToken the access token ({@code fhirAuthorization.access_token}); empty for none
 */
public record FhirEndpoint(String base, Optional<String> bearerToken) {

    public FhirEndpoint {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(bearerToken, "bearerToken");
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
    }

    @Override
    public String toString() {
        return "FhirEndpoint[token " + (bearerToken.isPresent() ? "present" : "absent") + "]";
    }
}
