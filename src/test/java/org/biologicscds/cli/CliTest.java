package org.biologicscds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.biologicscds.testing.ResponseChecker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: evaluate prints the response; a broken knowledge folder stops serve and check-knowledge. */
class CliTest {

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void evaluate_printsTheCardsForARequestFile() throws Exception {
        Run run = run("evaluate", "hooks/examples/order-sign-infliximab-no-tb-screening.json",
                "--knowledge", "fhir-profiles", "--hooks", "hooks");

        assertThat(run.exitCode()).isZero();
        JsonNode response = new ObjectMapper().readTree(run.out());
        assertThat(ResponseChecker.violations(response)).isEmpty();
        assertThat(response.at("/cards/0/source/topic/code").asText()).isEqualTo("tb-screening-missing");
    }

    @Test
    void evaluate_badRequest_printsTheOperationOutcomeAndFails(@TempDir Path dir) throws Exception {
        Path request = dir.resolve("bad.json");
        Files.writeString(request, "{\"hook\": \"order-sign\", \"hookInstance\": \"x\", \"context\": {}}");

        Run run = run("evaluate", request.toString(), "--knowledge", "fhir-profiles", "--hooks", "hooks");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("OperationOutcome").contains("BCDS-1010");
        assertThat(run.err()).contains("HTTP 400");
    }

    @Test
    void checkKnowledge_passesOnTheProjectsKnowledge() {
        Run run = run("check-knowledge", "--knowledge", "fhir-profiles");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("34 rules").contains("15 biologics").contains("0 validation errors");
    }

    @Test
    void serve_refusesABrokenKnowledgeFolderAndSaysWhichFileAndWhy(@TempDir Path dir) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("fhir-profiles"))) {
            for (Path file : files.toList()) {
                Files.copy(file, dir.resolve(file.getFileName()));
            }
        }
        Files.writeString(dir.resolve("CodeSystem-biologic-rule.json"), "not json");

        Run run = run("serve", "--port", "0", "--knowledge", dir.toString(), "--hooks", "hooks");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("CodeSystem-biologic-rule.json").contains("not a valid FHIR R4 resource");
    }
}
