package org.biologicscds.guidance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.CodeableConcept;

/**
 * {@code hypersensitivity} (clinical-v2.md 3.4): an active allergy or intolerance to the ordered
 * ingredient, recorded under any of its codes (ingredient, biosimilar, product) or names, in the
 * allergy's code or a reaction's substance. Critical when its criticality is high, a reaction was
 * severe, or a manifestation is in {@code severe-value-set} (anaphylaxis, angioedema, bronchospasm,
 * hypotension, serum sickness, SJS/TEN); otherwise (low or unable-to-assess criticality, an
 * intolerance, an infusion or injection-site reaction) a warning advising premedication.
 */
final class HypersensitivityRule implements Rule {

    static final String ID = "hypersensitivity";

    private final String severeSet;
    private final String summaryCritical;
    private final String summaryWarning;
    private final String adviceCritical;
    private final Map<String, String> adviceWarning;
    /** Per drug: a value set of other substances an allergy to which counts (infliximab: murine protein). */
    private final Map<String, String> relatedSubstances;

    HypersensitivityRule(Knowledge knowledge) {
        RuleParameters parameters = knowledge.parameters(ID);
        this.severeSet = knowledge.valueSet(ID, "severe-value-set");
        this.summaryCritical = parameters.string("summary-critical");
        this.summaryWarning = parameters.string("summary-warning");
        this.adviceCritical = parameters.string("advice-critical");
        this.adviceWarning = parameters.textsByDrug("advice-warning");
        if (!adviceWarning.containsKey("default")) {
            throw parameters.invalid("advice-warning", "needs a value for drug 'default'");
        }
        this.relatedSubstances = parameters.textsByDrug("related-substance-value-set");
        for (String valueSet : relatedSubstances.values()) {
            if (!knowledge.valueSets().has(valueSet)) {
                throw parameters.invalid("related-substance-value-set", "names value set '" + valueSet + "', which is not loaded");
            }
        }
    }

    @Override
    public List<Finding> evaluate(BiologicOrder order, PatientFacts facts) {
        List<String> shown = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        boolean severe = false;
        String substance = null;
        String manifestation = null;
        for (AllergyIntolerance allergy : facts.allergies()) {
            List<CodeableConcept> substances = new ArrayList<>();
            substances.add(allergy.getCode());
            allergy.getReaction().forEach(r -> substances.add(r.getSubstance()));
            String related = PerDrug.pick(relatedSubstances, order, null);
            boolean same = substances.stream()
                    .anyMatch(s -> facts.drug(s).map(d -> d.id().equals(order.drug().id())).orElse(false)
                            || related != null && facts.codes().matches(related, s));
            if (!same) {
                continue;
            }
            boolean thisSevere = allergy.getCriticality() == AllergyIntolerance.AllergyIntoleranceCriticality.HIGH;
            String thisManifestation = null;
            for (AllergyIntolerance.AllergyIntoleranceReactionComponent reaction : allergy.getReaction()) {
                thisSevere |= reaction.getSeverity() == AllergyIntolerance.AllergyIntoleranceSeverity.SEVERE;
                thisSevere |= reaction.hasDescription() && facts.codes().matchesText(severeSet, reaction.getDescription());
                for (CodeableConcept m : reaction.getManifestation()) {
                    boolean severeManifestation = facts.codes().matches(severeSet, m);
                    thisSevere |= severeManifestation;
                    if (thisManifestation == null || severeManifestation) {
                        thisManifestation = Describe.concept(m);
                    }
                }
            }
            StringBuilder fact = new StringBuilder("Allergy: ").append(Describe.concept(allergy.getCode()));
            if (allergy.getCriticality() != null) {
                fact.append(", criticality ").append(allergy.getCriticality().toCode());
            }
            if (thisManifestation != null) {
                fact.append(", reaction: ").append(thisManifestation);
            }
            FhirDates.day(allergy.getRecordedDateElement()).ifPresent(d -> fact.append(", recorded ").append(d));
            shown.add(fact.toString());
            evidence.add(HeartFailureRule.reference(allergy));
            if (substance == null || (thisSevere && !severe)) {
                substance = Describe.concept(allergy.getCode());
                manifestation = thisManifestation;
            }
            severe |= thisSevere;
        }
        if (shown.isEmpty()) {
            return List.of();
        }
        String drug = order.drug().name();
        String text = (severe ? summaryCritical : summaryWarning)
                .replace("{substance}", Describe.shortened(substance, 30))
                .replace("{manifestation}", manifestation == null ? "reaction not described" : Describe.shortened(manifestation, 30))
                .replace("{drug}", drug);
        String next = (severe ? adviceCritical : PerDrug.pick(adviceWarning, order, null)).replace("{drug}", drug);
        List<SuggestedAction> actions = severe
                ? List.of(new SuggestedAction.RemoveDraft(order.reference(), "Remove the " + drug + " order"))
                : List.of();
        return List.of(new Finding(ID, severe ? Indicator.CRITICAL : Indicator.WARNING, Describe.capitalized(text),
                shown, next, actions, evidence));
    }
}
