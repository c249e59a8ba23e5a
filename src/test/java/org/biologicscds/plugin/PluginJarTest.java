package org.biologicscds.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The plugin artifact {@code target/biologics-cds-hapi-plugin.jar} (issue 17, point 1): our classes,
 * the bundled knowledge and service definitions, and nothing the HAPI host already has. Runs in the
 * integration-test phase of {@code mvn verify}, after {@code package} made the jar (the surefire
 * execution {@code plugin-jar} passes its path as {@code plugin.jar}).
 */
@EnabledIfSystemProperty(named = "plugin.jar", matches = ".+")
class PluginJarTest {

    private static List<String> entries;

    @BeforeAll
    static void open() throws IOException {
        try (JarFile jar = new JarFile(System.getProperty("plugin.jar"))) {
            entries = jar.stream().map(e -> e.getName()).toList();
        }
    }

    @Test
    void pluginJar_holdsThePluginAndTheGuidance() {
        assertThat(entries).contains(
                "org/biologicscds/plugin/BiologicOrderInterceptor.class",
                "org/biologicscds/guidance/Guidance.class",
                "org/biologicscds/knowledge/KnowledgeLoader.class",
                "org/biologicscds/cards/CardRenderer.class");
    }

    @Test
    void pluginJar_bundlesEveryKnowledgeFileAndServiceDefinition() throws IOException {
        for (String folder : List.of("fhir-profiles", "hooks")) {
            try (Stream<Path> files = Files.list(Path.of(folder))) {
                List<String> expected = files.filter(f -> f.toString().endsWith(".json"))
                        .map(f -> folder + "/" + f.getFileName()).toList();
                assertThat(expected).isNotEmpty();
                assertThat(entries).containsAll(expected);
            }
        }
    }

    @Test
    void pluginJar_leavesHapiJettySpringJacksonAndLoggingToTheHost() {
        List<String> forbidden = List.of("ca/uhn/", "org/hl7/fhir/r4/model/", "org/eclipse/jetty/",
                "org/springframework/", "com/fasterxml/", "jakarta/servlet/", "ch/qos/logback/", "org/slf4j/");
        assertThat(entries).noneMatch(e -> forbidden.stream().anyMatch(e::startsWith));
        assertThat(entries).noneMatch(e -> e.endsWith("logback.xml") || e.endsWith("logback-test.xml"));
        // Only our own classes: no other library's classes slipped in either.
        assertThat(entries).filteredOn(e -> e.endsWith(".class")).allMatch(e -> e.startsWith("org/biologicscds/"));
    }
}
