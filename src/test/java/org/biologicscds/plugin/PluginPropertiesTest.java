package org.biologicscds.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.ConfigurationException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The drop-in's settings (issue 17, point 2): properties with documented names and defaults, the
 * bundled knowledge by default, and a read-back URL that does not answer refused at start.
 */
class PluginPropertiesTest {

    @Test
    void noProperties_rejectCritical_bundledKnowledge_noReadBack() {
        PluginProperties properties = PluginProperties.from(Map.<String, String>of()::get);

        assertThat(properties).isEqualTo(new PluginProperties(true, Optional.empty(), Optional.empty(), Optional.empty()));
    }

    @Test
    void everyPropertyIsRead() {
        PluginProperties properties = PluginProperties.from(Map.of(
                "biologics-cds.plugin.reject-critical", " FALSE ",
                "biologics-cds.plugin.knowledge-folder", "/opt/cds/fhir-profiles",
                "biologics-cds.plugin.hooks-folder", "/opt/cds/hooks",
                "biologics-cds.plugin.read-back-url", "https://ehr.example.org/fhir")::get);

        assertThat(properties).isEqualTo(new PluginProperties(false, Optional.of(Path.of("/opt/cds/fhir-profiles")),
                Optional.of(Path.of("/opt/cds/hooks")), Optional.of(URI.create("https://ehr.example.org/fhir"))));
        assertThat(properties.settings().rejectCritical()).isFalse();
    }

    @Test
    void environmentVariableNames_areSpringBootsRelaxedNames() {
        assertThat(PluginProperties.environmentName(PluginProperties.REJECT_CRITICAL))
                .isEqualTo("BIOLOGICS_CDS_PLUGIN_REJECT_CRITICAL");
        assertThat(PluginProperties.environmentName(PluginProperties.READ_BACK_URL))
                .isEqualTo("BIOLOGICS_CDS_PLUGIN_READ_BACK_URL");
    }

    @Test
    void aValueThatIsNotWhatThePropertyTakes_isAConfigurationError() {
        assertThatThrownBy(() -> PluginProperties.from(Map.of(PluginProperties.REJECT_CRITICAL, "yes")::get))
                .hasMessageStartingWith("BCDS-5101");
        assertThatThrownBy(() -> PluginProperties.from(Map.of(PluginProperties.READ_BACK_URL, "ftp://x/fhir")::get))
                .hasMessageStartingWith("BCDS-5102");
    }

    @Test
    void systemProperties_configureTheNoArgumentConstructor() {
        System.setProperty(PluginProperties.REJECT_CRITICAL, "false");
        try {
            assertThat(new BiologicOrderInterceptor().settings().rejectCritical()).isFalse();
        } finally {
            System.clearProperty(PluginProperties.REJECT_CRITICAL);
        }
        assertThat(new BiologicOrderInterceptor().settings().rejectCritical()).isTrue();
    }

    @Test
    void aReadBackUrlThatDoesNotAnswer_failsAtStart_notAtTheFirstOrder() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        PluginProperties properties = PluginProperties.from(Map.of(PluginProperties.READ_BACK_URL,
                "http://127.0.0.1:" + closedPort + "/fhir")::get);

        assertThatThrownBy(() -> new BiologicOrderInterceptor(properties))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("BCDS-5103")
                .hasMessageContaining("cannot be reached");
    }

    @Test
    void aKnowledgeFolderThatIsNotOne_failsAtStart() {
        PluginProperties properties = PluginProperties.from(Map.of(PluginProperties.KNOWLEDGE_FOLDER, "/nonexistent/knowledge")::get);

        assertThatThrownBy(() -> new BiologicOrderInterceptor(properties)).isInstanceOf(RuntimeException.class);
    }
}
