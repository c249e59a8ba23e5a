package org.biologicscds.guidance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.biologicscds.knowledge.Drug;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.record.DraftOrders;
import org.biologicscds.record.PatientRecord;
import org.hl7.fhir.r4.model.MedicationRequest;

/**
 * The biologic guidance: recognises the biologic orders among the drafts and runs every rule on
 * each. Built once at start from the knowledge (a rule whose parameters are missing fails the
 * start); immutable and thread-safe.
 */
public final class Guidance {

    private final Knowledge knowledge;
    private final List<Rule> rules;
    private final FactOwnership ownership;

    public Guidance(Knowledge knowledge) {
        this.knowledge = knowledge;
        this.ownership = new FactOwnership(knowledge.oneCardPerFact());
        this.rules = List.of(
                new TuberculosisRule(knowledge),
                new HypersensitivityRule(knowledge),
                new DuplicateBiologicRule(knowledge),
                new ActiveInfectionRule(knowledge),
                new HeartFailureRule(knowledge),
                new DemyelinatingRule(knowledge),
                new CurrentStateRule(knowledge, "pregnancy"),
                new CurrentStateRule(knowledge, "breastfeeding"),
                new ImmunosuppressantCombinationRule(knowledge),
                new MethotrexateCombinationRule(knowledge),
                new ConventionalOverlapRule(knowledge),
                new HepatitisBRule(knowledge),
                new ScreeningRule(knowledge, "hcv-screening-missing"),
                new ScreeningRule(knowledge, "hiv-screening-missing"),
                new HstclThiopurineRule(knowledge),
                new IbdIl17Rule(knowledge),
                new AgeRestrictionRule(knowledge),
                new LiveVaccineRule(knowledge),
                new SwitchWashoutRule(knowledge),
                new MalignancyRule(knowledge),
                new CheckpointInhibitorRule(knowledge),
                new WeightBasedDoseRule(knowledge),
                new PerioperativeRule(knowledge),
                new TreatmentCourseRule(knowledge));
    }

    /** The drafts to check that order a biologic of the catalogue; drafts without a medication are skipped. */
    public List<BiologicOrder> biologicOrders(DraftOrders drafts, PatientRecord record, LocalDate today) {
        PatientFacts facts = new PatientFacts(record, drafts.all(), knowledge, today);
        List<BiologicOrder> orders = new ArrayList<>();
        for (MedicationRequest draft : drafts.toCheck()) {
            if (!draft.hasMedication()) {
                continue;
            }
            Optional<Drug> drug = facts.drug(facts.medicationConcept(draft));
            drug.ifPresent(d -> orders.add(new BiologicOrder(draft,
                    "MedicationRequest/" + draft.getIdElement().getIdPart(), d, today)));
        }
        return orders;
    }

    /**
     * The drafts to check whose medication is a reference that neither the request nor the record
     * resolves (no Medication, no display): they cannot be told apart from a biologic, so they must
     * not pass as "nothing to check".
     */
    public List<String> unresolvedMedications(DraftOrders drafts, PatientRecord record, LocalDate today) {
        PatientFacts facts = new PatientFacts(record, drafts.all(), knowledge, today);
        List<String> unresolved = new ArrayList<>();
        for (MedicationRequest draft : drafts.toCheck()) {
            if (draft.getMedication() instanceof org.hl7.fhir.r4.model.Reference reference
                    && facts.medicationConcept(draft).isEmpty()) {
                unresolved.add(reference.hasReference() ? reference.getReference() : "(empty reference)");
            }
        }
        return unresolved;
    }

    /**
     * Runs every rule on each order. One finding per rule per order, and one card per clinical fact
     * ({@link FactOwnership}); critical first.
     */
    public List<OrderFindings> evaluate(List<BiologicOrder> orders, DraftOrders drafts, PatientRecord record,
                                        LocalDate today) {
        PatientFacts facts = new PatientFacts(record, drafts.all(), knowledge, today);
        List<OrderFindings> results = new ArrayList<>();
        for (BiologicOrder order : orders) {
            Map<String, Finding> byRule = new LinkedHashMap<>();
            for (Rule rule : rules) {
                for (Finding finding : rule.evaluate(order, facts)) {
                    byRule.putIfAbsent(finding.ruleId(), finding);
                }
            }
            results.add(ownership.apply(order, new ArrayList<>(byRule.values())));
        }
        return results;
    }
}
