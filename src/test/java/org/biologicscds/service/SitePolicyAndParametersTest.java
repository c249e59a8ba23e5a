package org.biologicscds.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.biologicscds.hooks.Card;
import org.biologicscds.knowledge.KnowledgeException;
import org.biologicscds.testing.Json;
import org.biologicscds.testing.TestKnowledge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rule parameters and the site policy are data: changing a file changes the behaviour, without a rebuild. */
class SitePolicyAndParametersTest {

    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    private static String example() throws IOException {
        return Files.readString(Path.of("hooks/examples/order-sign-infliximab-no-tb-screening.json"));
    }

    private static List<String> rules(BiologicCdsService service, String body) {
        return service.call("biologic-order-sign", body.getBytes(StandardCharsets.UTF_8)).response().cards().stream()
                .map(c -> c.source().topic().code() + "/" + c.indicator().code()).toList();
    }

    private static BiologicCdsService service(Path knowledge, Path policy) {
        return BiologicCdsService.load(knowledge, TestKnowledge.HOOKS, policy, TestKnowledge.FHIR, TODAY,
                org.biologicscds.record.FetchSettings.defaults());
    }

    @Test
    void sitePolicy_switchesARuleOffAndChangesAnIndicator(@TempDir Path dir) throws IOException {
        Path policy = dir.resolve("policy.json");
        Files.writeString(policy, """
                {"resourceType": "Parameters", "parameter": [
                  {"name": "tb-screening-missing", "part": [{"name": "indicator", "valueCode": "info"}]}]}
                """);
        Path off = dir.resolve("off.json");
        Files.writeString(off, """
                {"resourceType": "Parameters", "parameter": [
                  {"name": "tb-screening-missing", "part": [{"name": "enabled", "valueBoolean": false}]}]}
                """);

        assertThat(rules(service(TestKnowledge.FOLDER, null), example())).containsExactly("tb-screening-missing/warning");
        assertThat(rules(service(TestKnowledge.FOLDER, policy), example())).containsExactly("tb-screening-missing/info");
        assertThat(rules(service(TestKnowledge.FOLDER, off), example())).isEmpty();
    }

    @Test
    void sitePolicyNamingAnUnknownRule_refusesToStart(@TempDir Path dir) throws IOException {
        Path policy = dir.resolve("policy.json");
        Files.writeString(policy, """
                {"resourceType": "Parameters", "parameter": [{"name": "tb-screening-mising",
                  "part": [{"name": "enabled", "valueBoolean": false}]}]}
                """);

        assertThatThrownBy(() -> service(TestKnowledge.FOLDER, policy))
                .isInstanceOf(KnowledgeException.class)
                .hasMessage("policy.json: names rule 'tb-screening-mising', which is not in the knowledge");
    }

    @Test
    void changingTheTbWindowInItsPlanDefinition_changesWhatFires(@TempDir Path dir) throws IOException {
        try (Stream<Path> files = Files.list(TestKnowledge.FOLDER)) {
            for (Path file : files.toList()) {
                Files.copy(file, dir.resolve(file.getFileName()));
            }
        }
        // A negative QuantiFERON 60 days before the order: inside 365 days, outside 30.
        String body = Json.edit(example(), root -> {
            var entries = (com.fasterxml.jackson.databind.node.ArrayNode) root.at("/prefetch/observations/entry");
            entries.addObject().set("resource", Json.object(org.biologicscds.testing.Scenario.negativeIgra("2026-09-24")
                    .replace("\"Patient/pt-1\"", "\"Patient/pt-psoriasis-1\"")));
        });
        assertThat(rules(service(dir, null), body)).isEmpty();

        Path plan = dir.resolve("PlanDefinition-tb-screening-expired.json");
        Files.writeString(plan, Files.readString(plan).replace("\"value\": 365", "\"value\": 30"));

        assertThat(rules(service(dir, null), body)).containsExactly("tb-screening-expired/warning");
        Card expired = service(dir, null).call("biologic-order-sign", body.getBytes(StandardCharsets.UTF_8))
                .response().cards().get(0);
        assertThat(expired.summary()).isEqualTo(
                "Last TB test (IGRA) negative on 2026-09-24, older than 1 month: re-test before starting infliximab");
    }
}
