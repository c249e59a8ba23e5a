package org.biologicscds.guidance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.Names;
import org.biologicscds.knowledge.RuleParameters;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.MedicationRequest;

/**
 * {@code drug-not-recognised} (clinical-v2.md section 1.6, amendment 18): a draft that no drug of the
 * catalogue matches, but that looks like an advanced therapy, must not pass as "no cards". It looks
 * like one by an ATC code under one of {@code atc-prefix} (L04AB, L04AC, L04AF, systemic D11AH; not
 * {@code atc-excluded}, the topical D11AH codes; L04AG is not a prefix, so natalizumab and
 * ocrelizumab are left alone), by a name of {@code unsupported-value-set}, or by a word of its names
 * holding a {@code name-stem} (kizumab, kimab, kibart, citinib; plain "-mab" is not one, so
 * denosumab and oncology antibodies stay silent), as written or transliterated from Cyrillic.
 * Systemic routes only: a draft whose medication, form, route or dosage text names a form of
 * {@code non-systemic-value-set} (topical tacrolimus, delgocitinib cream) is left alone.
 *
 * <p>Unlike the rules, it reads a draft that is not a biologic order, and only the request: saying
 * "not checked" needs no patient data. Immutable and thread-safe.
 */
final class DrugNotRecognisedCheck {

    static final String RULE_ID = "drug-not-recognised";
    private static final String ATC = "http://www.whocc.no/atc";

    private final Indicator indicator;
    private final String summary;
    private final int textMaxLength;
    private final List<String> atcPrefixes;
    private final List<String> atcExcluded;
    private final List<String> stems;
    private final String unsupportedSet;
    private final String nonSystemicSet;
    private final String nextStep;

    DrugNotRecognisedCheck(Knowledge knowledge) {
        RuleParameters parameters = knowledge.parameters(RULE_ID);
        this.indicator = knowledge.rules().get(RULE_ID).defaultIndicator();
        this.summary = parameters.string("summary");
        this.textMaxLength = parameters.integer("text-max-length");
        this.atcPrefixes = parameters.strings("atc-prefix");
        this.atcExcluded = parameters.strings("atc-excluded");
        this.stems = parameters.strings("name-stem").stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        this.unsupportedSet = knowledge.valueSet(RULE_ID, "unsupported-value-set");
        this.nonSystemicSet = knowledge.valueSet(RULE_ID, "non-systemic-value-set");
        this.nextStep = parameters.string("next-step");
        if (!summary.contains("{text}")) {
            throw parameters.invalid("summary", "must hold {text}");
        }
    }

    /** The finding for a draft that matched no catalogue drug, if it looks like an advanced therapy given systemically. */
    Optional<Finding> check(MedicationRequest draft, PatientFacts facts) {
        CodeableConcept medication = facts.medicationConcept(draft);
        if (medication.isEmpty() || nonSystemic(draft, medication, facts)) {
            return Optional.empty();
        }
        return why(medication, facts).map(why -> {
            String name = Describe.concept(medication);
            List<String> found = new ArrayList<>();
            found.add("Ordered: " + name + codes(medication));
            found.add(Describe.capitalized(why) + ", but no drug of the biologic catalogue matches it by RxNorm, ATC or name:"
                    + " none of the biologic checks ran for this order.");
            return new Finding(RULE_ID, indicator, summary.replace("{text}", cut(name)), found, nextStep, List.of());
        });
    }

    /** Why the medication looks like an advanced therapy, in words for the card; empty if it does not. */
    private Optional<String> why(CodeableConcept medication, PatientFacts facts) {
        for (Coding coding : medication.getCoding()) {
            String code = coding.getCode();
            if (ATC.equals(coding.getSystem()) && code != null && !atcExcluded.contains(code)
                    && atcPrefixes.stream().anyMatch(code::startsWith)) {
                return Optional.of("ATC " + code + " is in an advanced-therapy class");
            }
        }
        if (facts.codes().matchesMedication(unsupportedSet, medication)) {
            return Optional.of("it is on the list of advanced therapies the catalogue does not cover");
        }
        List<String> texts = new ArrayList<>();
        if (medication.hasText()) {
            texts.add(medication.getText());
        }
        medication.getCoding().stream().filter(Coding::hasDisplay).forEach(c -> texts.add(c.getDisplay()));
        for (String text : texts) {
            String normalized = Names.normalize(text);
            for (String form : List.of(normalized, Names.fold(normalized))) {
                for (String word : form.strip().split(" ")) {
                    for (String stem : stems) {
                        if (word.contains(stem)) {
                            return Optional.of("its name \"" + word + "\" has the advanced-therapy stem -" + stem);
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    private boolean nonSystemic(MedicationRequest draft, CodeableConcept medication, PatientFacts facts) {
        if (facts.codes().matchesMedication(nonSystemicSet, medication)
                || facts.medicationForm(draft).map(f -> facts.codes().matchesMedication(nonSystemicSet, f)).orElse(false)) {
            return true;
        }
        for (Dosage dosage : draft.getDosageInstruction()) {
            if (dosage.hasRoute() && facts.codes().matchesMedication(nonSystemicSet, dosage.getRoute())) {
                return true;
            }
            if (dosage.hasText() && facts.codes().matchesText(nonSystemicSet, dosage.getText())) {
                return true;
            }
        }
        return false;
    }

    private static String codes(CodeableConcept medication) {
        List<String> codes = medication.getCoding().stream().filter(Coding::hasCode)
                .map(c -> systemName(c.getSystem()) + " " + c.getCode()).toList();
        return codes.isEmpty() ? " (text only, no code)" : " (" + String.join(", ", codes) + ")";
    }

    private static String systemName(String system) {
        if (ATC.equals(system)) {
            return "ATC";
        }
        return "http://www.nlm.nih.gov/research/umls/rxnorm".equals(system) ? "RxNorm" : "code";
    }

    /** Section 1.5: {medication} cut at {@code text-max-length} characters with "…". */
    private String cut(String name) {
        return name.length() <= textMaxLength ? name : name.substring(0, textMaxLength - 1).stripTrailing() + "…";
    }
}
