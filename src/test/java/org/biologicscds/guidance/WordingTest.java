package org.biologicscds.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.KnowledgeException;
import org.biologicscds.knowledge.KnowledgeLoader;
import org.biologicscds.testing.TestKnowledge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Card texts from the knowledge and the LTBI regimen parameters: a knowledge mistake fails the start, not a card. */
class WordingTest {

    @Test
    void fillsEveryPlaceholder_andCapitalisesTheFirstLetter() {
        assertThat(Wording.fill("{test} on {date} was indeterminate: repeat it {moment}",
                Map.of("test", "IGRA", "date", "2026-11-02", "moment", "before starting infliximab")))
                .isEqualTo("IGRA on 2026-11-02 was indeterminate: repeat it before starting infliximab");
        assertThat(Wording.fill("{finding} and no antiviral", Map.of("finding", "anti-HBc positive")))
                .isEqualTo("Anti-HBc positive and no antiviral");
    }

    @Test
    void aPlaceholderWithoutValue_isAnError_neverBracesOnACard() {
        assertThatThrownBy(() -> Wording.fill("Last {test} on {date}", Map.of("test", "IGRA")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("{date}");
    }

    @Test
    void windowInWords() {
        assertThat(Wording.window(365)).isEqualTo("12 months");
        assertThat(Wording.window(730)).isEqualTo("24 months");
        assertThat(Wording.window(183)).isEqualTo("6 months");
        assertThat(Wording.window(30)).isEqualTo("1 month");
        assertThat(Wording.window(10)).isEqualTo("10 days");
    }

    @Test
    void malformedRegimenParameter_failsTheStart_namingTheParameter(@TempDir Path site) throws IOException {
        try (Stream<Path> files = Files.list(TestKnowledge.FOLDER)) {
            for (Path file : files.toList()) {
                Files.copy(file, site.resolve(file.getFileName()));
            }
        }
        Path plan = site.resolve("PlanDefinition-tb-positive-treated.json");
        String text = Files.readString(plan);
        assertThat(text).contains("4R: ltbi-rifampicin; 120 d");
        Files.writeString(plan, text.replace("4R: ltbi-rifampicin; 120 d", "4R: rifampicin for four months"));
        Knowledge broken = new KnowledgeLoader(TestKnowledge.FHIR).load(site);

        assertThatThrownBy(() -> new Guidance(broken)).isInstanceOf(KnowledgeException.class)
                .hasMessageContaining("regimen").hasMessageContaining("rifampicin for four months");
    }
}
