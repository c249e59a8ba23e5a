package org.biologicscds.plugin;

import ca.uhn.fhir.context.ConfigurationException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Checks at start that a configured read-back URL answers as a FHIR server: a plugin that would
 * find out only at the first order (and then flag every order "not checked") is misconfigured, and
 * says so before the host takes traffic.
 */
final class ReadBackCheck {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private ReadBackCheck() {
    }

    /** @throws ConfigurationException if {@code base}/metadata does not answer 200 with a CapabilityStatement */
    static void requireReachable(URI base) {
        String metadata = base.toString().replaceAll("/+$", "") + "/metadata";
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(metadata)).timeout(TIMEOUT)
                    .header("Accept", "application/fhir+json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || !response.body().contains("CapabilityStatement")) {
                throw new ConfigurationException("BCDS-5103: " + PluginProperties.READ_BACK_URL + " " + base
                        + " answered HTTP " + response.statusCode() + " without a CapabilityStatement at /metadata");
            }
        } catch (IOException e) {
            throw new ConfigurationException("BCDS-5103: " + PluginProperties.READ_BACK_URL + " " + base
                    + " cannot be reached (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigurationException("BCDS-5103: interrupted while checking " + PluginProperties.READ_BACK_URL, e);
        }
    }
}
