package org.biologicscds.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.biologicscds.testing.RecordScenario;
import org.biologicscds.testing.RecordScenarios;
import org.biologicscds.testing.SameAnswer;
import org.biologicscds.testing.NeedsSharedFixtures;
import org.biologicscds.testing.SharedFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Same answer either way: every scenario is answered over HTTP once with the full prefetch and once
 * with no prefetch and fhirServer pointing at the sandbox holding the same record, and the cards
 * must be identical (uuids aside). Scenarios: the example requests, the demo patients, our
 * Synthea-shaped bundle (and Synthea's own bundles when ../shared/fixtures is there), and whatever lies in {@code src/test/resources/scenarios/}
 * (see {@link RecordScenarios} for the shapes a file may have).
 */
class SameAnswerTest {

    static final List<Path> SOURCES = List.of(Path.of("hooks/examples"), Path.of("src/main/resources/demo-patients"),
            Path.of("src/test/resources/interop/synthea-style"), Path.of("src/test/resources/scenarios"));
    /** Synthea's own bundles, when ../shared/fixtures is beside the clone. */
    static final Path SYNTHEA = SharedFixtures.folder().resolve("synthea-r4");

    private static SameAnswer harness;
    private static final Set<String> RULES_SEEN = new TreeSet<>();

    @BeforeAll
    static void start() throws Exception {
        harness = new SameAnswer();
    }

    @AfterAll
    static void stop() throws Exception {
        harness.close();
    }

    static Stream<RecordScenario> scenarios() {
        List<RecordScenario> all = new ArrayList<>();
        SOURCES.forEach(source -> all.addAll(RecordScenarios.from(source)));
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void cardsAreIdentical_withFullPrefetch_andFetchedFromTheSandbox(RecordScenario scenario) throws Exception {
        SameAnswer.Answers answers = harness.call(scenario);

        assertThat(answers.withPrefetch().status()).as(answers.withPrefetch().body()).isEqualTo(200);
        assertThat(answers.fetched().status()).as(answers.fetched().body()).isEqualTo(200);
        assertThat(SameAnswer.cardsWithoutUuids(answers.fetched().json()))
                .isEqualTo(SameAnswer.cardsWithoutUuids(answers.withPrefetch().json()));
        answers.fetched().json().path("cards").forEach(c -> RULES_SEEN.add(c.at("/source/topic/code").asText()));
    }

    static Stream<RecordScenario> syntheaScenarios() {
        return RecordScenarios.from(SYNTHEA).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("syntheaScenarios")
    @NeedsSharedFixtures
    void syntheaBundles_cardsAreIdentical_withFullPrefetch_andFetchedFromTheSandbox(RecordScenario scenario) throws Exception {
        cardsAreIdentical_withFullPrefetch_andFetchedFromTheSandbox(scenario);
    }

    @Test
    void theScenariosAreNotTrivial_theirCardsSpanTheRuleFamilies() throws Exception {
        for (RecordScenario scenario : scenarios().toList()) {
            harness.call(scenario).fetched().json().path("cards")
                    .forEach(c -> RULES_SEEN.add(c.at("/source/topic/code").asText()));
        }
        assertThat(RULES_SEEN).contains("tb-screening-missing", "tb-screening-expired", "tb-positive-untreated",
                "tb-positive-treated", "tb-ltbi-treatment-too-recent", "methotrexate-combination",
                "immunosuppressant-combination", "heart-failure", "demyelinating-disease", "active-infection",
                "pregnancy", "breastfeeding", "hypersensitivity", "duplicate-biologic");
    }
}
