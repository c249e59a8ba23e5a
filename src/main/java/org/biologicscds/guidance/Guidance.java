package org.biologicscds.guidance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.biologicscds.knowledge.DataNeeds;
import org.biologicscds.knowledge.Drug;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.record.DraftOrders;
import org.biologicscds.record.PatientRecord;
import org.biologicscds.record.RecordReads;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * The biologic guidance: recognises the biologic orders among the drafts ({@link #review}) and runs
 * every rule on each. Built once at start from the knowledge (a rule whose parameters are missing fails the
 * start); immutable and thread-safe.
 */
public final class Guidance {

    /** Whose reads the machinery's own are ({@link RecordReads#reader}). */
    static final List<String> SHARED = List.of(DataNeeds.SHARED);

    private final Knowledge knowledge;
    private final List<Rule> rules;
    private final FactOwnership ownership;
    private final RouteReader routes;
    private final DrugNotRecognisedCheck notRecognisedCheck;
    private final ReverseTriggers reverseTriggers;
    private final ReverseReview reverse;

    /**
     * The rules of the reverse direction (clinical-v2.md 1.4 R, section 4 "Reverse direction, exactly"),
     * run on every draft {@link ReverseTriggers} recognises: the one list to add a {@link ReverseRule} to
     * (and its trigger value set to {@code Library/reverse-triggers}). A rule of both directions is the
     * same instance as in {@link #forwardRules}.
     */
    private static List<ReverseRule> reverseRules(Knowledge knowledge, List<Rule> forward) {
        List<ReverseRule> reverse = new ArrayList<>();
        forward.stream().filter(r -> r instanceof ReverseRule).map(r -> (ReverseRule) r).forEach(reverse::add);
        reverse.add(new LiveVaccineOnBiologicRule(knowledge));
        reverse.add(new MethotrexatePregnancyRule(knowledge)); // amendment 17: the pregnancy fact on a methotrexate draft
        return reverse;
    }

    public Guidance(Knowledge knowledge) {
        this(knowledge, forwardRules(knowledge));
    }

    /** The rules of the forward direction (trigger F: a catalogue drug is ordered), in order. */
    private static List<Rule> forwardRules(Knowledge knowledge) {
        return List.of(
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
                new MethotrexateDosingRule(knowledge),
                new GlucocorticoidRule(knowledge),
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
                new CrmoContinuationRule(knowledge),
                new MyositisRegimenRule(knowledge),
                new OpportunisticInfectionRule(knowledge),
                new ChronicInfectionRule(knowledge),
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
        this.reverseTriggers = new ReverseTriggers(knowledge);
        this.reverse = new ReverseReview(reverseRules(knowledge, rules), new Therapies(knowledge), ownership);
    }

    private Guidance(Guidance base, ReverseReview reverse) {
        this.knowledge = base.knowledge;
        this.ownership = base.ownership;
        this.routes = base.routes;
        this.notRecognisedCheck = base.notRecognisedCheck;
        this.rules = base.rules;
        this.reverseTriggers = base.reverseTriggers;
        this.reverse = reverse;
    }

    /** This guidance with one more rule run after the others (tests: a rule made to throw). */
    public Guidance withRule(Rule extra) {
        List<Rule> more = new ArrayList<>(rules);
        more.add(extra);
        return new Guidance(knowledge, more);
    }

    /** This guidance with one more reverse-direction rule run after the others (tests: a rule made to throw). */
    public Guidance withReverseRule(ReverseRule extra) {
        return new Guidance(this, reverse.with(extra));
    }

    /**
     * What the drafts to check order, in one pass (section 1.6): the biologics of the catalogue,
     * with their route; the drafts no catalogue drug matches that look like an advanced therapy,
     * each with its {@code drug-not-recognised} finding; and the drafts whose medication is a
     * reference that neither the request nor the record resolves (no Medication, no display): they
     * cannot be told apart from a biologic, so they must not pass as "nothing to check". Drafts
     * without a medication are skipped. Also the reverse triggers (1.4 R, {@link ReverseTriggers}): a
     * co-medication or live-vaccine MedicationRequest, and a live-vaccine ServiceRequest, among the
     * drafts to check (the selected ones for order-select).
     */
    public DraftReview review(DraftOrders drafts, PatientRecord record, LocalDate today) {
        return review(drafts, record, today, RecordReads.NONE);
    }

    /** As {@link #review(DraftOrders, PatientRecord, LocalDate)}, telling {@code reads} what is read of the record, and for whom. */
    public DraftReview review(DraftOrders drafts, PatientRecord record, LocalDate today, RecordReads reads) {
        PatientFacts facts = new PatientFacts(record, drafts.all(), knowledge, today, reads);
        facts.reading(SHARED);
        List<BiologicOrder> orders = new ArrayList<>();
        List<OrderFindings> notRecognised = new ArrayList<>();
        List<String> unresolved = new ArrayList<>();
        List<CoMedicationDraft> reverseDrafts = new ArrayList<>();
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
                Optional<CoMedicationDraft> trigger = reverseTriggers.medicationDraft(draft, reference, medication, facts);
                if (trigger.isPresent()) {
                    reverseDrafts.add(trigger.get());
                } else {
                    facts.reading(List.of(DrugNotRecognisedCheck.RULE_ID));
                    notRecognisedCheck.check(draft, facts)
                            .ifPresent(f -> notRecognised.add(OrderFindings.notInCatalogue(reference, List.of(f))));
                    facts.reading(SHARED);
                }
            }
        }
        for (ServiceRequest service : drafts.serviceRequestsToCheck()) {
            reverseTriggers.serviceDraft(service, facts).ifPresent(reverseDrafts::add);
        }
        return new DraftReview(orders, notRecognised, unresolved, reverseDrafts);
    }

    /** The drafts to check that order a biologic of the catalogue ({@link #review}). */
    public List<BiologicOrder> biologicOrders(DraftOrders drafts, PatientRecord record, LocalDate today) {
        return review(drafts, record, today).orders();
    }

    /**
     * The findings of a review: every rule on each biologic order, then every reverse rule on each
     * reverse-trigger draft (against the therapies of the record), then each not-recognised draft's finding.
     */
    public List<OrderFindings> evaluate(DraftReview review, DraftOrders drafts, PatientRecord record, LocalDate today) {
        return evaluate(review, drafts, record, today, RecordReads.NONE);
    }

    /** As {@link #evaluate(DraftReview, DraftOrders, PatientRecord, LocalDate)}, telling {@code reads} what each rule reads. */
    public List<OrderFindings> evaluate(DraftReview review, DraftOrders drafts, PatientRecord record, LocalDate today,
                                        RecordReads reads) {
        List<OrderFindings> results = new ArrayList<>(evaluate(review.orders(), drafts, record, today, reads));
        if (!review.reverse().isEmpty()) {
            results.addAll(reverse.evaluate(review.reverse(), new PatientFacts(record, drafts.all(), knowledge, today, reads)));
        }
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
        return evaluate(orders, drafts, record, today, RecordReads.NONE);
    }

    private List<OrderFindings> evaluate(List<BiologicOrder> orders, DraftOrders drafts, PatientRecord record,
                                         LocalDate today, RecordReads reads) {
        PatientFacts facts = new PatientFacts(record, drafts.all(), knowledge, today, reads);
        List<OrderFindings> results = new ArrayList<>();
        for (BiologicOrder order : orders) {
            Map<String, Finding> byRule = new LinkedHashMap<>();
            for (Rule rule : rules) {
                facts.reading(rule.ruleIds());
                for (Finding finding : CheckNotRun.run(rule, order, facts)) { // a rule that throws: one card, the rest stand
                    byRule.putIfAbsent(finding.ruleId(), finding);
                }
                facts.reading(SHARED);
            }
            results.add(ownership.apply(order, new ArrayList<>(byRule.values())));
        }
        return results;
    }
}
