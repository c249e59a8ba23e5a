package org.biologicscds.hooks;

/**
 * The {@code fhirAuthorization} member of a request: the token the service may use against the
 * client's FHIR server. {@link #toString()} never shows the access token, so the record cannot leak
 * it into a log by accident.
 */
public record FhirAuthorization(String accessToken, String tokenType, Long expiresIn, String scope,
                                String subject, String patient) {

    @Override
    public String toString() {
        return "FhirAuthorization[tokenType=" + tokenType + ", subject=" + subject + "]";
    }
}
