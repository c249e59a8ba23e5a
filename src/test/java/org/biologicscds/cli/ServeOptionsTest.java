package org.biologicscds.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.biologicscds.record.FetchSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.TypeConversionException;

/** The patient-data options of {@code serve}: --load, --fetch-timeout (what stops the start, and why). */
class ServeOptionsTest {

    private static String stderrOf(String... args) {
        PrintStream err = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            assertThat(Main.run(args)).isEqualTo(2);
            return bytes.toString(StandardCharsets.UTF_8);
        } finally {
            System.setErr(err);
        }
    }

    @Test
    void loadOfAFileThatIsNotFhir_stopsServe_namingTheFile(@TempDir Path dir) throws Exception {
        Path notFhir = dir.resolve("notes.json");
        Files.writeString(notFhir, "{\"patient\": \"not a FHIR resource\"}");

        String err = stderrOf("serve", "--port", "0", "--load", notFhir.toString(), "--knowledge", "fhir-profiles",
                "--hooks", "hooks");

        assertThat(err).contains("cannot load into the sandbox FHIR server").contains("notes.json")
                .contains("not a FHIR R4 resource or bundle");
    }

    @Test
    void zeroFetchTimeout_stopsServe() {
        String err = stderrOf("serve", "--port", "0", "--fetch-timeout", "0s", "--knowledge", "fhir-profiles",
                "--hooks", "hooks");

        assertThat(err).contains("the fetch timeout must be positive");
    }

    @Test
    void defaults_areThoseOfFetchSettings_andTheSandboxIsOn() {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs();

        assertThat(new FetchSettings(serve.fetchTimeout, serve.fetchMaxPages, serve.requireHttpsFhir))
                .isEqualTo(FetchSettings.defaults())
                .isEqualTo(new FetchSettings(Duration.ofSeconds(2), 20, false));
        assertThat(serve.noSandbox).isFalse();
        assertThat(serve.load).isEmpty();
    }

    @Test
    void fetchSettings_refuseANonPositiveDeadlineOrPageCap() {
        assertThatThrownBy(() -> new FetchSettings(Duration.ZERO, 20, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FetchSettings(Duration.ofSeconds(2), 0, false))
                .hasMessage("the page cap must be at least 1: 0");
    }

    @Test
    void durations_areReadAsPeopleWriteThem() {
        DurationConverter converter = new DurationConverter();

        assertThat(converter.convert("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(converter.convert("1500ms")).isEqualTo(Duration.ofMillis(1500));
        assertThat(converter.convert("0.5s")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("PT3S")).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> converter.convert("soon")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("'soon' is not a duration");
    }
}
