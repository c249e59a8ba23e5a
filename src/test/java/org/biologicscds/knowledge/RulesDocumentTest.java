package org.biologicscds.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.biologicscds.testing.TestKnowledge;
import org.junit.jupiter.api.Test;

/** docs/rules.md is generated from the knowledge and must not drift from it. */
class RulesDocumentTest {

    @Test
    void committedRulesDoc_isWhatTheCommandGenerates() throws Exception {
        Knowledge knowledge = TestKnowledge.get();
        String generated = RulesDocument.markdown(knowledge, knowledge.rules().ids());

        assertThat(Files.readString(Path.of("docs/rules.md")))
                .as("docs/rules.md is stale: run java -jar target/biologics-cds.jar rules-doc -o docs/rules.md")
                .isEqualTo(generated);
    }

    @Test
    void rulesDoc_hasOneRowPerRuleWithIndicatorAndSource() {
        Knowledge knowledge = TestKnowledge.get();
        String generated = RulesDocument.markdown(knowledge, knowledge.rules().ids());

        for (String id : knowledge.rules().ids()) {
            RuleInfo rule = knowledge.rules().get(id);
            assertThat(generated).contains("| `" + id + "` | " + rule.whenItFires().replace("|", "\\|") + " | "
                    + rule.defaultIndicator().code() + " | [");
        }
        assertThat(generated.lines().filter(l -> l.startsWith("| `")).count()).isEqualTo(knowledge.rules().size());
        assertThat(generated).contains("window = 365 d");
    }
}
