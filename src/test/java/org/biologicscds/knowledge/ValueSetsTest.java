package org.biologicscds.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.biologicscds.testing.TestKnowledge;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.junit.jupiter.api.Test;

/**
 * {@link ValueSets} matches a concept against all value sets at once through one index of codes,
 * ICD-10 prefixes and names. Its answers must be those of the plain reading of a value set, one
 * value set at a time ({@link PlainValueSets}): a coding in the value set, or, unless a coding is one
 * the value set excludes, a text or display that contains one of its names with no negation cue
 * outside that name (cues heeded for findings only); names in CJK script anywhere in the text;
 * for medications also a name whose transliteration key ({@link Names#fold}) is in the text's key.
 */
class ValueSetsTest {

    private static final Knowledge KNOWLEDGE = TestKnowledge.get();
    private static final ValueSets VALUE_SETS = KNOWLEDGE.valueSets();
    private static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    private static final String ATC = "http://www.whocc.no/atc";
    private static final PlainValueSets PLAIN = new PlainValueSets(KNOWLEDGE);

    @Test
    void answersAsThePlainReadingOfEachValueSet() {
        int findings = 0;
        int onlyAsMedication = 0;
        for (CodeableConcept concept : EhrConcepts.of(VALUE_SETS)) {
            for (String id : VALUE_SETS.ids()) {
                boolean finding = plainMatch(id, concept, true);
                boolean medication = plainMatch(id, concept, false);
                assertThat(VALUE_SETS.matches(id, concept)).as("%s in %s", EhrConcepts.describe(concept), id).isEqualTo(finding);
                assertThat(VALUE_SETS.matchesMedication(id, concept)).as("%s in %s as a medication", EhrConcepts.describe(concept), id)
                        .isEqualTo(medication);
                findings += finding ? 1 : 0;
                onlyAsMedication += medication && !finding ? 1 : 0;
            }
        }
        assertThat(findings).as("the concepts exercise matches, not only misses").isGreaterThan(1_000);
        assertThat(onlyAsMedication).as("the concepts exercise negation cues").isGreaterThan(100);
    }

    @Test
    void identifiesTheDrugAsThePlainReadingDoes_aCodeBeforeAName() {
        int identified = 0;
        for (CodeableConcept concept : EhrConcepts.of(VALUE_SETS)) {
            Optional<Drug> drug = KNOWLEDGE.drugs().identify(concept);
            assertThat(drug).as(EhrConcepts.describe(concept)).isEqualTo(plainDrug(concept));
            identified += drug.isPresent() ? 1 : 0;
        }
        assertThat(identified).isGreaterThan(100);
        CodeableConcept codedAsOneNamedAsAnother = new CodeableConcept().setText("ustekinumab")
                .addCoding(VALUE_SETS.concepts("infliximab").get(0).copy());
        assertThat(KNOWLEDGE.drugs().identify(codedAsOneNamedAsAnother).map(Drug::id)).contains("infliximab");
    }

    @Test
    void aValueSetTheKnowledgeDoesNotHoldIsAnError_notAMiss() {
        CodeableConcept concept = new CodeableConcept().setText("infliximab");
        assertThatThrownBy(() -> VALUE_SETS.matches("no-such-value-set", concept)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VALUE_SETS.matchesText("no-such-value-set", "infliximab")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConceptMatcher(KNOWLEDGE).matches("no-such-value-set", concept))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void freeTextIsReadAsAFindingsText() {
        for (String id : VALUE_SETS.ids()) {
            for (String name : VALUE_SETS.names(id)) {
                String text = "history: " + name.strip() + " (2021)";
                assertThat(VALUE_SETS.matchesText(id, text)).as("%s in %s", text, id)
                        .isEqualTo(plainMatch(id, new CodeableConcept().setText(text), true));
            }
        }
    }

    private static boolean plainMatch(String id, CodeableConcept concept, boolean heedCues) {
        return plainMatch(id, concept, heedCues, !heedCues);
    }

    private static boolean plainMatch(String id, CodeableConcept concept, boolean heedCues, boolean transliterate) {
        if (concept == null) {
            return false;
        }
        for (Coding coding : concept.getCoding()) {
            if (coding.getSystem() != null && coding.getCode() != null && PLAIN.holds(id, coding.getSystem(), coding.getCode())) {
                return true;
            }
        }
        for (Coding coding : concept.getCoding()) {
            if (coding.getSystem() != null && coding.getCode() != null && PLAIN.vetoes(id, coding.getSystem(), coding.getCode())) {
                return false;
            }
        }
        List<String> texts = new ArrayList<>();
        texts.add(concept.getText());
        concept.getCoding().forEach(c -> texts.add(c.getDisplay()));
        for (String text : texts) {
            if (text == null || text.isBlank()) {
                continue;
            }
            String normalized = Names.normalize(text);
            for (String name : VALUE_SETS.names(id)) {
                boolean named = Names.hasCjk(name) ? normalized.contains(name.strip()) : normalized.contains(name);
                if (named && !(heedCues && negated(normalized, name))) {
                    return true;
                }
                if (transliterate && !Names.hasCjk(name) && Names.fold(name).strip().length() >= 2
                        && Names.fold(normalized).contains(Names.fold(name))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean negated(String normalizedText, String name) {
        return VALUE_SETS.names(ValueSets.NEGATION_CUES).stream()
                .anyMatch(cue -> normalizedText.contains(cue) && !name.contains(cue));
    }

    private static Optional<Drug> plainDrug(CodeableConcept concept) {
        if (concept == null) {
            return Optional.empty();
        }
        // Section 1.6: an RxNorm code first, then ATC, then any other code.
        List<Coding> codings = new ArrayList<>(concept.getCoding());
        codings.sort(java.util.Comparator.comparingInt(c -> RXNORM.equals(c.getSystem()) ? 0 : ATC.equals(c.getSystem()) ? 1 : 2));
        for (Coding coding : codings) {
            for (Drug drug : KNOWLEDGE.drugs().all()) {
                CodeableConcept codeOnly = new CodeableConcept().addCoding(new Coding(coding.getSystem(), coding.getCode(), null));
                if (plainMatch(drug.id(), codeOnly, false, false)) {
                    return Optional.of(drug);
                }
            }
        }
        Optional<Drug> asWritten = KNOWLEDGE.drugs().all().stream()
                .filter(drug -> plainMatch(drug.id(), concept, false, false)).findFirst();
        return asWritten.isPresent() ? asWritten
                : KNOWLEDGE.drugs().all().stream().filter(drug -> plainMatch(drug.id(), concept, false, true)).findFirst();
    }
}
