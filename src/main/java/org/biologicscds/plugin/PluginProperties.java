package org.biologicscds.plugin;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.biologicscds.record.FetchSettings;

/**
 * The plugin's settings as a host configures it without code: each is a property
 * {@code biologics-cds.plugin.*}, read from the host's Spring environment when the plugin runs in
 * Spring (application.yaml), else from a Java system property of that name, else from the
 * environment variable named the way Spring Boot binds one (upper case, {@code .} and {@code -} as
 * {@code _}: {@code BIOLOGICS_CDS_PLUGIN_REJECT_CRITICAL}).
 *
 * <ul>
 *   <li>{@value #REJECT_CRITICAL} ({@code true} by default): refuse with 422 a MedicationRequest
 *       write with a critical finding, or one that could not be checked, unless overridden;
 *       {@code false} reports the findings and stores every write.</li>
 *   <li>{@value #KNOWLEDGE_FOLDER}, {@value #HOOKS_FOLDER} (optional): folders with the knowledge
 *       ({@code fhir-profiles/}) and the service definitions ({@code hooks/}); by default the
 *       copies bundled in the plugin jar.</li>
 *   <li>{@value #READ_BACK_URL} (optional, plain {@code RestfulServer} only): the FHIR base URL the
 *       patient's record is read back from. Inside a HAPI JPA server it is never used: the record
 *       is read through the server's DAOs. Checked at start: an address that does not answer
 *       {@code /metadata} is a configuration error.</li>
 * </ul>
 *
 * @param rejectCritical  refuse critical and unchecked writes unless overridden
 * @param knowledgeFolder the knowledge folder; empty for the bundled one
 * @param hooksFolder     the service definitions folder; empty for the bundled one
 * @param readBackUrl     where a plain RestfulServer reads the record back; empty for the server's own base URL
 */
public record PluginProperties(boolean rejectCritical, Optional<Path> knowledgeFolder, Optional<Path> hooksFolder,
                               Optional<URI> readBackUrl) {

    public static final String REJECT_CRITICAL = "biologics-cds.plugin.reject-critical";
    public static final String KNOWLEDGE_FOLDER = "biologics-cds.plugin.knowledge-folder";
    public static final String HOOKS_FOLDER = "biologics-cds.plugin.hooks-folder";
    public static final String READ_BACK_URL = "biologics-cds.plugin.read-back-url";

    public PluginProperties {
        Objects.requireNonNull(knowledgeFolder, "knowledgeFolder");
        Objects.requireNonNull(hooksFolder, "hooksFolder");
        Objects.requireNonNull(readBackUrl, "readBackUrl");
    }

    /** From Java system properties, then environment variables. */
    public static PluginProperties fromSystem() {
        return from(PluginProperties::systemValue);
    }

    /**
     * From {@code lookup} (a property name to its value, or null), e.g. a Spring environment's
     * {@code getProperty}. A value that is not what the property takes is a configuration error.
     */
    public static PluginProperties from(Function<String, String> lookup) {
        String reject = value(lookup, REJECT_CRITICAL).orElse("true").trim().toLowerCase(Locale.ROOT);
        if (!reject.equals("true") && !reject.equals("false")) {
            throw new IllegalArgumentException("BCDS-5101: " + REJECT_CRITICAL + " must be true or false, not '" + reject + "'");
        }
        Optional<URI> readBack = value(lookup, READ_BACK_URL).map(url -> {
            URI uri = URI.create(url.trim());
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new IllegalArgumentException("BCDS-5102: " + READ_BACK_URL + " must be an http(s) URL");
            }
            return uri;
        });
        return new PluginProperties(reject.equals("true"), value(lookup, KNOWLEDGE_FOLDER).map(Path::of),
                value(lookup, HOOKS_FOLDER).map(Path::of), readBack);
    }

    /** The settings of the checks: as given, with the default fetch deadline and page cap. */
    public PluginSettings settings() {
        return new PluginSettings(rejectCritical, FetchSettings.defaults());
    }

    /** {@code biologics-cds.plugin.reject-critical} as Spring Boot binds it from the environment. */
    static String environmentName(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static String systemValue(String property) {
        String value = System.getProperty(property);
        return value != null ? value : System.getenv(environmentName(property));
    }

    private static Optional<String> value(Function<String, String> lookup, String property) {
        return Optional.ofNullable(lookup.apply(property)).filter(v -> !v.isBlank());
    }
}
