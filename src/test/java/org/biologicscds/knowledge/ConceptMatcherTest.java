package org.biologicscds.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.biologicscds.testing.TestKnowledge;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.junit.jupiter.api.Test;

/**
 * {@link ConceptMatcher} remembers answers, and must never answer differently from the knowledge it
 * remembers them from, nor give one concept's answer for another.
 */
class ConceptMatcherTest {

    private static final Knowledge KNOWLEDGE = TestKnowledge.get();
    private static final ValueSets VALUE_SETS = KNOWLEDGE.valueSets();

    /** Concepts shaped as EHRs send them, built from every member of every value set: coded, text-only, negated. */
    private static List<CodeableConcept> concepts() {
        List<CodeableConcept> concepts = new ArrayList<>();
        for (String id : VALUE_SETS.ids()) {
            for (Coding member : VALUE_SETS.concepts(id)) {
                concepts.add(new CodeableConcept().addCoding(member.copy()));
                if (member.hasDisplay()) {
                    concepts.add(new CodeableConcept().setText(member.getDisplay()));
                    concepts.add(new CodeableConcept().setText("no " + member.getDisplay()));
                    concepts.add(new CodeableConcept().addCoding(new Coding("urn:local", "x1", member.getDisplay())));
                }
            }
        }
        concepts.add(new CodeableConcept());
        concepts.add(null);
        return concepts;
    }

    @Test
    void answersAsTheValueSetsAndTheDrugCatalogDo_whenAskedAgainToo() {
        List<CodeableConcept> concepts = concepts();
        ConceptMatcher matcher = new ConceptMatcher(KNOWLEDGE);
        int matched = 0;
        for (int round = 0; round < 2; round++) {
            for (CodeableConcept concept : concepts) {
                for (String id : VALUE_SETS.ids()) {
                    boolean finding = VALUE_SETS.matches(id, concept);
                    assertThat(matcher.matches(id, concept)).as("%s in %s", describe(concept), id).isEqualTo(finding);
                    assertThat(matcher.matchesMedication(id, concept)).as("%s in %s", describe(concept), id)
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

    private static String describe(CodeableConcept concept) {
        return concept == null ? "null" : concept.getText() + " " + concept.getCoding().stream()
                .map(c -> c.getSystem() + "|" + c.getCode() + " " + c.getDisplay()).toList();
    }
}
