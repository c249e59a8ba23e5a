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
    void rulesDoc_hasOneRowPerRuleWithIndicatorAndSources() {
        Knowledge knowledge = TestKnowledge.get();
        String generated = RulesDocument.markdown(knowledge, knowledge.rules().ids());
        String rules = generated.substring(0, generated.indexOf("## Source catalogue"));

        for (String id : knowledge.rules().ids()) {
            RuleInfo rule = knowledge.rules().get(id);
            assertThat(rules).contains("| `" + id + "` | " + rule.whenItFires().replace("|", "\\|") + " | "
                    + rule.defaultIndicator().code() + " | `" + rule.sourceIds().get(0) + "`");
        }
        assertThat(rules.lines().filter(l -> l.startsWith("| `")).count()).isEqualTo(knowledge.rules().size());
        assertThat(rules).contains("window = 365 d");
    }

    @Test
    void rulesDoc_listsTheSourceCatalogueWithOpenItemsMarked() {
        Knowledge knowledge = TestKnowledge.get();
        String generated = RulesDocument.markdown(knowledge, knowledge.rules().ids());
        String catalogue = generated.substring(generated.indexOf("## Source catalogue"));

        for (CitedSource source : knowledge.rules().sourceCatalog().all()) {
            String row = catalogue.lines().filter(l -> l.startsWith("| `" + source.id() + "` |")).findFirst().orElseThrow();
            source.url().ifPresent(url -> assertThat(row).as(source.id()).contains("](" + url + ")"));
            assertThat(row.contains("**open**")).as(source.id()).isEqualTo(source.unverified());
        }
    }
}
