package org.biologicscds.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Enumerations.ConceptMapEquivalence;
import org.junit.jupiter.api.Test;

/** The one-card-per-fact table is checked when the knowledge loads, naming the file. */
class OneCardPerFactTest {

    private static final Set<String> RULES = Set.of("tb-active", "active-infection", "hbv-active", "hbv-resolved");
    private static final String FILE = "ConceptMap-one-card-per-fact.json";

    private static ConceptMap map(String owner, String suppressed, ConceptMapEquivalence equivalence, String comment) {
        ConceptMap map = new ConceptMap();
        ConceptMap.ConceptMapGroupComponent group = map.addGroup()
                .setSource(KnowledgeLoader.RULE_SYSTEM).setTarget(KnowledgeLoader.RULE_SYSTEM);
        ConceptMap.TargetElementComponent target = group.addElement().setCode(owner).addTarget().setCode(suppressed);
        target.setEquivalence(equivalence);
        target.setComment(comment);
        return map;
    }

    @Test
    void readsOwnerSuppressedFactAndScope() {
        OneCardPerFact table = OneCardPerFact.of(map("tb-active", "active-infection", ConceptMapEquivalence.EQUIVALENT,
                "Active tuberculosis"), FILE, RULES);

        assertThat(table.rows()).containsExactly(new OneCardPerFact.Row("tb-active", "active-infection",
                "Active tuberculosis", true));
        assertThat(table.ownedBy("tb-active")).hasSize(1);
        assertThat(table.ownedBy("active-infection")).isEmpty();
    }

    @Test
    void aRuleNotInTheCatalogue_failsNamingTheFile() {
        assertThatThrownBy(() -> OneCardPerFact.of(map("tb-active", "active-infektion", ConceptMapEquivalence.EQUIVALENT,
                "Active tuberculosis"), FILE, RULES))
                .isInstanceOf(KnowledgeException.class).hasMessageContaining(FILE).hasMessageContaining("active-infektion");
    }

    @Test
    void aRowWithoutItsFact_fails() {
        assertThatThrownBy(() -> OneCardPerFact.of(map("tb-active", "active-infection", ConceptMapEquivalence.EQUIVALENT,
                null), FILE, RULES))
                .isInstanceOf(KnowledgeException.class).hasMessageContaining("clinical fact");
    }

    @Test
    void aScopeOtherThanEquivalentOrInexact_fails() {
        assertThatThrownBy(() -> OneCardPerFact.of(map("hbv-active", "hbv-resolved", ConceptMapEquivalence.WIDER,
                "HBsAg positive"), FILE, RULES))
                .isInstanceOf(KnowledgeException.class).hasMessageContaining("equivalent");
    }

    @Test
    void twoRulesThatSuppressEachOther_fail() {
        ConceptMap map = map("hbv-active", "hbv-resolved", ConceptMapEquivalence.EQUIVALENT, "HBsAg positive");
        ConceptMap.TargetElementComponent back = map.getGroupFirstRep().addElement().setCode("hbv-resolved").addTarget()
                .setCode("hbv-active");
        back.setEquivalence(ConceptMapEquivalence.INEXACT);
        back.setComment("anti-HBc positive");

        assertThatThrownBy(() -> OneCardPerFact.of(map, FILE, RULES))
                .isInstanceOf(KnowledgeException.class).hasMessageContaining("suppress each other");
    }
}
