package org.biologicscds.knowledge;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;

/**
 * The knowledge's value-set and drug questions, asked for one request, with each concept's answers
 * remembered. Two dozen rules ask about the same few hundred concepts of one record, and
 * normalizing a concept's names and matching them is most of what the rules cost; here each concept
 * is matched once, against every value set at once ({@link ValueSets#memberships}), and each later
 * question is a bit lookup.
 *
 * <p>One instance per request, dropped with it: it remembers only the concepts of that request,
 * keyed by identity, so it grows with the request's record and can never answer for another
 * patient. Not thread-safe. The concepts asked about must not change while it is in use (the record
 * of a request is read-only once assembled).
 */
public final class ConceptMatcher {

    private final ValueSets valueSets;
    private final DrugCatalog drugs;
    private final Map<CodeableConcept, Answers> byConcept = new IdentityHashMap<>();

    /** One concept's value sets, found on the first question, and the biologic it names once asked. */
    private static final class Answers {
        private final ValueSets.Memberships memberships;
        private Optional<Drug> drug;

        Answers(ValueSets.Memberships memberships) {
            this.memberships = memberships;
        }
    }

    public ConceptMatcher(Knowledge knowledge) {
        this.valueSets = knowledge.valueSets();
        this.drugs = knowledge.drugs();
    }

    /** As {@link ValueSets#matches}. */
    public boolean matches(String valueSetId, CodeableConcept concept) {
        return concept != null && answers(concept).memberships.asFinding(valueSetId);
    }

    /** As {@link ValueSets#matchesMedication}. */
    public boolean matchesMedication(String valueSetId, CodeableConcept concept) {
        return concept != null && answers(concept).memberships.asMedication(valueSetId);
    }

    /** As {@link DrugCatalog#identify}. */
    public Optional<Drug> drug(CodeableConcept medication) {
        if (medication == null) {
            return Optional.empty();
        }
        Answers answers = answers(medication);
        if (answers.drug == null) {
            answers.drug = drugs.identify(medication, answers.memberships);
        }
        return answers.drug;
    }

    /** As {@link ValueSets#matchesText}; free text is asked about rarely, so it is not remembered. */
    public boolean matchesText(String valueSetId, String text) {
        return valueSets.matchesText(valueSetId, text);
    }

    private Answers answers(CodeableConcept concept) {
        Answers answers = byConcept.get(concept);
        if (answers == null) {
            answers = new Answers(valueSets.memberships(concept));
            byConcept.put(concept, answers);
        }
        return answers;
    }
}
