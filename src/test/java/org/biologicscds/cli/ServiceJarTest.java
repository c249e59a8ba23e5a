package org.biologicscds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The service jar {@code target/biologics-cds.jar} carries what {@code serve} and the commands
 * need and not the libraries the pom's shade configuration leaves out (issue 18): it fails when one
 * of them comes back, or when the jar grows past its bound, and it runs a command on the jar itself,
 * so a library left out that a command does need shows up here. Runs after {@code package} (the
 * surefire execution {@code service-jar} passes the path as {@code service.jar}).
 */
@EnabledIfSystemProperty(named = "service.jar", matches = ".+")
class ServiceJarTest {

    /** 82 MB when this was written (171 MB with everything); room for the knowledge to grow. */
    private static final long MAX_BYTES = 95L * 1024 * 1024;

    private static Path jar;
    private static List<String> entries;

    @BeforeAll
    static void open() throws IOException {
        jar = Path.of(System.getProperty("service.jar"));
        try (JarFile file = new JarFile(jar.toFile())) {
            entries = file.stream().map(e -> e.getName()).toList();
        }
    }

    @Test
    void serviceJar_staysWithinItsBound() throws IOException {
        assertThat(Files.size(jar)).isLessThan(MAX_BYTES);
    }

    @Test
    void serviceJar_leavesOutWhatNoCommandLoads() {
        List<String> leftOut = List.of("org/apache/jena/", "net/sourceforge/plantuml/", "net/sf/saxon/",
                "org/sqlite/", "com/ibm/icu/", "org/simplejavamail/", "org/springframework/", "ognl/",
                "org/hl7/fhir/dstu2/", "org/hl7/fhir/dstu2016may/", "org/hl7/fhir/r4b/",
                "org/hl7/fhir/convertors/conv10_", "org/hl7/fhir/convertors/conv43_");
        assertThat(entries).noneMatch(e -> leftOut.stream().anyMatch(e::startsWith));
    }

    @Test
    void serviceJar_keepsWhatTheValidatorAndTheServerNeed() {
        // HAPI's validation support asks for a cache provider (Caffeine) and uses Thymeleaf's Validate,
        // and checks for DSTU3 types by class: leaving any of them out broke check-knowledge.
        assertThat(entries).contains("org/biologicscds/cli/Main.class",
                "org/hl7/fhir/common/hapi/validation/validator/FhirInstanceValidator.class",
                "ca/uhn/fhir/rest/server/RestfulServer.class",
                "org/thymeleaf/util/Validate.class",
                "org/hl7/fhir/dstu3/model/ValueSet.class",
                "org/hl7/fhir/convertors/conv40_50/VersionConvertor_40_50.class");
        assertThat(entries).anyMatch(e -> e.startsWith("com/github/benmanes/caffeine/"));
    }

    @Test
    void serviceJar_answersAHookRequestFile() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "evaluate", "hooks/examples/order-sign-infliximab-no-tb-screening.json")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(out).contains("\"tb-screening-missing\"");
    }
}
