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
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;

/**
 * The biologic guidance: recognises the biologic orders among the drafts ({@link #review}) and runs
 * every rule on each. Built once at start from the knowledge (a rule whose parameters are missing fails the
 * start); immutable and thread-safe.
 */
public final class Guidance {

    private final Knowledge knowledge;
    private final List<Rule> rules;
    private final FactOwnership ownership;
    private final RouteReader routes;
    private final DrugNotRecognisedCheck notRecognisedCheck;

    public Guidance(Knowledge knowledge) {
        this.knowledge = knowledge;
        this.ownership = new FactOwnership(knowledge.oneCardPerFact());
        this.routes = new RouteReader(knowledge);
        this.notRecognisedCheck = new DrugNotRecognisedCheck(knowledge);
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
                new TreatmentCourseRule(knowledge),
                new BaselineLabsRule(knowledge),
                new VaccinationBeforeStartRule(knowledge),
                new JakRiskFactorsRule(knowledge),
                new PregnancyTestBeforeStartRule(knowledge));
    }

    private Guidance(Knowledge knowledge, List<Rule> rules) {
        this.knowledge = knowledge;
        this.ownership = new FactOwnership(knowledge.oneCardPerFact());
        this.routes = new RouteReader(knowledge);
        this.notRecognisedCheck = new DrugNotRecognisedCheck(knowledge);
        this.rules = List.copyOf(rules);
    }

    /** This guidance with one more rule run after the others (tests: a rule made to throw). */
    public Guidance withRule(Rule extra) {
        List<Rule> more = new ArrayList<>(rules);
        more.add(extra);
        return new Guidance(knowledge, more);
    }

    /**
     * What the drafts to check order, in one pass (section 1.6): the biologics of the catalogue,
     * with their route; the drafts no catalogue drug matches that look like an advanced therapy,
     * each with its {@code drug-not-recognised} finding; and the drafts whose medication is a
     * reference that neither the request nor the record resolves (no Medication, no display): they
     * cannot be told apart from a biologic, so they must not pass as "nothing to check". Drafts
     * without a medication are skipped.
     */
    public DraftReview review(DraftOrders drafts, PatientRecord record, LocalDate today) {
        PatientFacts facts = new PatientFacts(record, drafts.all(), knowledge, today);
        List<BiologicOrder> orders = new ArrayList<>();
        List<OrderFindings> notRecognised = new ArrayList<>();
        List<String> unresolved = new ArrayList<>();
        for (MedicationRequest draft : drafts.toCheck()) {
            if (!draft.hasMedication()) {
                continue;
            }
            CodeableConcept medication = facts.medicationConcept(draft);
            if (draft.getMedication() instanceof Reference reference && medication.isEmpty()) {
                unresolved.add(reference.hasReference() ? reference.getReference() : "(empty reference)");
                continue;
            }
            String reference = "MedicationRequest/" + draft.getIdElement().getIdPart();
            Optional<Drug> drug = facts.drug(medication);
            if (drug.isPresent()) {
                orders.add(new BiologicOrder(draft, reference, drug.get(), today, Optional.empty(),
                        routes.route(draft, facts)));
            } else {
                notRecognisedCheck.check(draft, facts)
                        .ifPresent(f -> notRecognised.add(OrderFindings.notInCatalogue(reference, List.of(f))));
            }
        }
        return new DraftReview(orders, notRecognised, unresolved);
    }

    /** The drafts to check that order a biologic of the catalogue ({@link #review}). */
    public List<BiologicOrder> biologicOrders(DraftOrders drafts, PatientRecord record, LocalDate today) {
        return review(drafts, record, today).orders();
    }

    /** The drafts to check whose medication reference nothing resolves ({@link #review}). */
    public List<String> unresolvedMedications(DraftOrders drafts, PatientRecord record, LocalDate today) {
        return review(drafts, record, today).unresolved();
    }

    /** The findings of a review: every rule on each biologic order, then each not-recognised draft's finding. */
    public List<OrderFindings> evaluate(DraftReview review, DraftOrders drafts, PatientRecord record, LocalDate today) {
        List<OrderFindings> results = new ArrayList<>(evaluate(review.orders(), drafts, record, today));
        results.addAll(review.notRecognised());
        return results;
    }

    /**
     * Runs every rule on each order. One finding per rule per order, and one card per clinical fact
     * ({@link FactOwnership}); critical first. A rule that throws gives one finding saying its check
     * could not run ({@link CheckNotRun}); the others stand.
     */
    public List<OrderFindings> evaluate(List<BiologicOrder> orders, DraftOrders drafts, PatientRecord record,
                                        LocalDate today) {
        PatientFacts facts = new PatientFacts(record, drafts.all(), knowledge, today);
        List<OrderFindings> results = new ArrayList<>();
        for (BiologicOrder order : orders) {
            Map<String, Finding> byRule = new LinkedHashMap<>();
            for (Rule rule : rules) {
                for (Finding finding : CheckNotRun.run(rule, order, facts)) { // a rule that throws: one card, the rest stand
                    byRule.putIfAbsent(finding.ruleId(), finding);
                }
            }
            results.add(ownership.apply(order, new ArrayList<>(byRule.values())));
        }
        return results;
    }
}
