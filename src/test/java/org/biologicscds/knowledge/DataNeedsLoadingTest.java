package org.biologicscds.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.biologicscds.testing.TestKnowledge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the rules read is loaded from their PlanDefinitions' {@code action[0].input}, and checked when loaded. */
class DataNeedsLoadingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PLAN = "PlanDefinition-opportunistic-infection-history.json";

    @Test
    void everyRuleAndTheSharedReaderDeclareWhatTheyRead() {
        DataNeeds needs = TestKnowledge.get().dataNeeds();

        assertThat(needs.isEverything()).isFalse();
        assertThat(needs.ruleIds()).containsAll(TestKnowledge.get().rules().ids()).contains(DataNeeds.SHARED);
        assertThat(needs.of("opportunistic-infection-history"))
                .containsExactly(DataNeed.coded("Condition", "code", "infection-opportunistic"));
        assertThat(needs.of("live-vaccine-recent")).containsExactly(DataNeed.coded("Immunization", "vaccineCode", "live-vaccines"));
        assertThat(needs.of(DataNeeds.SHARED)).contains(DataNeed.all("MedicationRequest"), DataNeed.all("Medication"),
                DataNeed.all("Patient"), DataNeed.coded("Condition", "code", "rheumatoid-arthritis"));
        assertThat(needs.all()).allSatisfy(need -> assertThat(need.unfiltered()
                || TestKnowledge.get().valueSets().has(need.valueSetId())).isTrue());
    }

    @Test
    void aRuleWithoutInput_refusesToLoad(@TempDir Path dir) throws IOException {
        copyKnowledge(dir);
        editInput(dir, ArrayNode::removeAll);

        assertThatThrownBy(() -> new KnowledgeLoader(TestKnowledge.FHIR).load(dir))
                .isInstanceOf(KnowledgeException.class)
                .hasMessageStartingWith(PLAN + ": action[0].input must declare what the rule reads");
    }

    @Test
    void aTypeThatIsNoFhirR4Resource_refusesToLoad(@TempDir Path dir) throws IOException {
        copyKnowledge(dir);
        editInput(dir, input -> ((ObjectNode) input.get(0)).put("type", "Diagnosis"));

        assertThatThrownBy(() -> new KnowledgeLoader(TestKnowledge.FHIR).load(dir))
                .isInstanceOf(KnowledgeException.class)
                .hasMessage(PLAN + ": data requirement type 'Diagnosis' is not a FHIR R4 resource type");
    }

    @Test
    void aValueSetThatIsNotLoaded_refusesToLoad(@TempDir Path dir) throws IOException {
        copyKnowledge(dir);
        editInput(dir, input -> ((ObjectNode) input.get(0).get("codeFilter").get(0))
                .put("valueSet", Knowledge.CANONICAL_BASE + "/ValueSet/infection-opportunist"));

        assertThatThrownBy(() -> new KnowledgeLoader(TestKnowledge.FHIR).load(dir))
                .isInstanceOf(KnowledgeException.class)
                .hasMessage(PLAN + ": the codeFilter of Condition names value set 'infection-opportunist', which is not loaded");
    }

    @Test
    void withoutTheSharedReads_refusesToLoad(@TempDir Path dir) throws IOException {
        copyKnowledge(dir);
        Files.delete(dir.resolve("Library-record-reads.json"));

        assertThatThrownBy(() -> new KnowledgeLoader(TestKnowledge.FHIR).load(dir))
                .isInstanceOf(KnowledgeException.class)
                .hasMessageStartingWith("Library-record-reads.json: is missing");
    }

    private static void editInput(Path dir, Consumer<ArrayNode> edit) throws IOException {
        Path file = dir.resolve(PLAN);
        ObjectNode plan = (ObjectNode) JSON.readTree(file.toFile());
        edit.accept((ArrayNode) plan.get("action").get(0).get("input"));
        JSON.writeValue(file.toFile(), plan);
    }

    private static void copyKnowledge(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(TestKnowledge.FOLDER)) {
            for (Path file : files.toList()) {
                Files.copy(file, dir.resolve(file.getFileName()));
            }
        }
    }
}
