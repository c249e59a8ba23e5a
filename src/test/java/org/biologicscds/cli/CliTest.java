package org.biologicscds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.biologicscds.testing.ResponseChecker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: evaluate prints the response; a broken knowledge folder stops serve and check-knowledge. */
class CliTest {

    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    @Test
    void evaluate_printsTheCardsForARequestFile() throws Exception {
        CommandRun run = run("evaluate", "hooks/examples/order-sign-infliximab-no-tb-screening.json",
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

        CommandRun run = run("evaluate", request.toString(), "--knowledge", "fhir-profiles", "--hooks", "hooks");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("OperationOutcome").contains("BCDS-1010");
        assertThat(run.err()).contains("HTTP 400");
    }

    @Test
    void checkKnowledge_passesOnTheProjectsKnowledge() {
        CommandRun run = run("check-knowledge", "--knowledge", "fhir-profiles");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("46 rules").contains("34 biologics").contains("0 validation errors");
    }

    @Test
    void serve_refusesABrokenKnowledgeFolderAndSaysWhichFileAndWhy(@TempDir Path dir) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("fhir-profiles"))) {
            for (Path file : files.toList()) {
                Files.copy(file, dir.resolve(file.getFileName()));
            }
        }
        Files.writeString(dir.resolve("CodeSystem-biologic-rule.json"), "not json");

        CommandRun run = run("serve", "--port", "0", "--knowledge", dir.toString(), "--hooks", "hooks");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("CodeSystem-biologic-rule.json").contains("not a valid FHIR R4 resource");
    }
}
