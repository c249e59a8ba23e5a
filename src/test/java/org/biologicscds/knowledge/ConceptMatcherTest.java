package org.biologicscds.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.biologicscds.testing.TestKnowledge;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.junit.jupiter.api.Test;

/**
 * {@link ConceptMatcher} remembers answers, and must never answer differently from the knowledge it
 * remembers them from, nor give one concept's answer for another.
 */
class ConceptMatcherTest {

    private static final Knowledge KNOWLEDGE = TestKnowledge.get();
    private static final ValueSets VALUE_SETS = KNOWLEDGE.valueSets();

    @Test
    void answersAsTheValueSetsAndTheDrugCatalogDo_whenAskedAgainToo() {
        List<CodeableConcept> concepts = EhrConcepts.of(VALUE_SETS);
        ConceptMatcher matcher = new ConceptMatcher(KNOWLEDGE);
        int matched = 0;
        for (int round = 0; round < 2; round++) {
            for (CodeableConcept concept : concepts) {
                for (String id : VALUE_SETS.ids()) {
                    boolean finding = VALUE_SETS.matches(id, concept);
                    assertThat(matcher.matches(id, concept)).as("%s in %s", EhrConcepts.describe(concept), id).isEqualTo(finding);
                    assertThat(matcher.matchesMedication(id, concept)).as("%s in %s", EhrConcepts.describe(concept), id)
                            .isEqualTo(VALUE_SETS.matchesMedication(id, concept));
                    matched += finding ? 1 : 0;
                }
                assertThat(matcher.drug(concept)).isEqualTo(KNOWLEDGE.drugs().identify(concept));
            }
        }
        assertThat(matched).as("the concepts exercise matches, not only misses").isGreaterThan(1_000);
    }

    @Test
    void equalLookingConceptsAreAnsweredEachOnItsOwn() {
        ConceptMatcher matcher = new ConceptMatcher(KNOWLEDGE);
        CodeableConcept infliximab = new CodeableConcept().setText("infliximab");
        CodeableConcept other = new CodeableConcept().setText("ustekinumab");

        assertThat(matcher.drug(infliximab).map(Drug::id)).contains("infliximab");
        assertThat(matcher.drug(other).map(Drug::id)).contains("ustekinumab");
        assertThat(matcher.drug(infliximab).map(Drug::id)).contains("infliximab");
    }
}
