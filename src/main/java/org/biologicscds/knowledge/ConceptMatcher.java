package org.biologicscds.knowledge;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;

/**
 * The knowledge's value-set and drug questions, asked for one request, with each concept's answers
 * remembered. Two dozen rules ask about the same few hundred concepts of one record, and
 * normalizing a concept's names and matching them is most of what the rules cost; here each concept
 * is normalized once and each (concept, value set) pair is matched once.
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

    /** What has been asked of one concept so far. */
    private static final class Answers {
        private List<ValueSets.Text> names;
        private final Map<String, Boolean> asFinding = new HashMap<>();
        private final Map<String, Boolean> asMedication = new HashMap<>();
        private Optional<Drug> drug;
    }

    public ConceptMatcher(Knowledge knowledge) {
        this.valueSets = knowledge.valueSets();
        this.drugs = knowledge.drugs();
    }

    /** As {@link ValueSets#matches}. */
    public boolean matches(String valueSetId, CodeableConcept concept) {
        return remembered(valueSetId, concept, true);
    }

    /** As {@link ValueSets#matchesMedication}. */
    public boolean matchesMedication(String valueSetId, CodeableConcept concept) {
        return remembered(valueSetId, concept, false);
    }

    private boolean remembered(String valueSetId, CodeableConcept concept, boolean heedCues) {
        if (concept == null || concept.isEmpty()) {
            return false;
        }
        Answers answers = answers(concept);
        Map<String, Boolean> known = heedCues ? answers.asFinding : answers.asMedication;
        Boolean answer = known.get(valueSetId);
        if (answer == null) {
            answer = valueSets.matches(valueSetId, concept, names(concept, answers), heedCues);
            known.put(valueSetId, answer);
        }
        return answer;
    }

    /** As {@link DrugCatalog#identify}. */
    public Optional<Drug> drug(CodeableConcept medication) {
        if (medication == null || medication.isEmpty()) {
            return Optional.empty();
        }
        Answers answers = answers(medication);
        if (answers.drug == null) {
            answers.drug = drugs.identify(medication, names(medication, answers));
        }
        return answers.drug;
    }

    /** As {@link ValueSets#matchesText}; free text is asked about rarely, so it is not remembered. */
    public boolean matchesText(String valueSetId, String text) {
        return valueSets.matchesText(valueSetId, text);
    }

    private Answers answers(CodeableConcept concept) {
        return byConcept.computeIfAbsent(concept, c -> new Answers());
    }

    private static List<ValueSets.Text> names(CodeableConcept concept, Answers answers) {
        if (answers.names == null) {
            answers.names = ValueSets.namesOf(concept);
        }
        return answers.names;
    }
}
