package org.biologicscds.guidance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.record.PatientRecord;
import org.biologicscds.record.RecordReads;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;

/**
 * The monitoring that is due for a patient already on a biologic (the {@code patient-view}
 * service): yearly TB re-screening, hepatitis B follow-up, the response check, the CRMO week-52 taper
 * review (clinical-v2.md section 4, {@code crmo-continuation} T = F,P), a live vaccine given
 * during therapy, and a contraindication that appeared after the start (heart failure NYHA III/IV,
 * demyelinating disease, serious infection, pregnancy). Patients on no biologic get nothing.
 * Immutable and thread-safe.
 */
public final class Monitoring {

    /**
     * Findings worth a card on chart open; the others belong to ordering time. The screening rules
     * (clinical-v2.md 3.1, 3.2: T = F,P) read the therapy as maintenance and show only in their
     * reminder windows, worded "while on" (1.3).
     */
    private static final Set<String> MONITORED = Set.of(TuberculosisRule.ACTIVE, TuberculosisRule.POSITIVE_UNTREATED,
            TuberculosisRule.MISSING, TuberculosisRule.EXPIRED, TuberculosisRule.INDETERMINATE, HepatitisBRule.ACTIVE,
            HepatitisBRule.RESOLVED, HepatitisBRule.MISSING, "hcv-screening-missing", "hiv-screening-missing",
            TreatmentCourseRule.RESPONSE, LiveVaccineRule.ID, CrmoContinuationRule.ID);

    private final Knowledge knowledge;
    private final List<Rule> followUp;
    private final List<Rule> newContraindications;
    private final FactOwnership ownership;

    public Monitoring(Knowledge knowledge) {
        this.knowledge = knowledge;
        this.ownership = new FactOwnership(knowledge.oneCardPerFact());
        this.followUp = List.of(new TuberculosisRule(knowledge), new HepatitisBRule(knowledge),
                new ScreeningRule(knowledge, "hcv-screening-missing"), new ScreeningRule(knowledge, "hiv-screening-missing"),
                new TreatmentCourseRule(knowledge), new LiveVaccineRule(knowledge), new CrmoContinuationRule(knowledge));
        this.newContraindications = List.of(new HeartFailureRule(knowledge),
                new DemyelinatingRule(knowledge), new ActiveInfectionRule(knowledge),
                new CurrentStateRule(knowledge, "pregnancy"));
    }

    /** The monitoring findings for every biologic the patient is on, one card per rule per therapy. */
    public List<OrderFindings> evaluate(PatientRecord record, LocalDate today) {
        return evaluate(record, today, RecordReads.NONE);
    }

    /** As {@link #evaluate(PatientRecord, LocalDate)}, telling {@code reads} what each rule reads of the record. */
    public List<OrderFindings> evaluate(PatientRecord record, LocalDate today, RecordReads reads) {
        PatientFacts facts = new PatientFacts(record, List.of(), knowledge, today, reads);
        facts.reading(Guidance.SHARED);
        List<OrderFindings> results = new ArrayList<>();
        for (BiologicOrder therapy : therapies(facts)) {
            Map<String, Finding> byRule = new LinkedHashMap<>();
            for (Rule rule : followUp) {
                facts.reading(rule.ruleIds());
                CheckNotRun.run(rule, therapy, facts).stream()
                        .filter(f -> MONITORED.contains(f.ruleId()) || CheckNotRun.failedRule(f).isPresent())
                        .forEach(f -> byRule.putIfAbsent(f.ruleId(), f));
            }
            // A contraindication counts here only if its evidence is dated on or after the start.
            PatientFacts since = new PatientFacts(sinceStart(record, therapy.therapyStart().orElseThrow()), List.of(),
                    knowledge, today, reads);
            for (Rule rule : newContraindications) {
                since.reading(rule.ruleIds());
                CheckNotRun.run(rule, therapy, since).stream()
                        .filter(f -> !f.ruleId().equals(HeartFailureRule.ID) || f.indicator() == Indicator.CRITICAL)
                        .forEach(f -> byRule.putIfAbsent(f.ruleId(), f));
            }
            facts.reading(Guidance.SHARED);
            results.add(ownership.apply(therapy, new ArrayList<>(byRule.values())));
        }
        return results;
    }

    /** Active biologic therapies, one per drug, each dated from the first recorded use of that drug. */
    private List<BiologicOrder> therapies(PatientFacts facts) {
        List<DrugHistory.Use> uses = DrugHistory.biologics(facts);
        Map<String, BiologicOrder> therapies = new LinkedHashMap<>();
        for (DrugHistory.Use use : uses) {
            if (!use.use().active() || therapies.containsKey(use.drug().id())) {
                continue;
            }
            LocalDate start = DrugHistory.firstUse(uses, use.drug()).orElse(facts.today());
            MedicationRequest request = facts.record().all(MedicationRequest.class).stream()
                    .filter(r -> facts.drug(facts.medicationConcept(r)).map(d -> d.id().equals(use.drug().id()))
                            .orElse(false))
                    .findFirst().orElse(new MedicationRequest());
            String reference = "MedicationRequest/" + Optional.ofNullable(request.getIdElement().getIdPart()).orElse(use.drug().id());
            therapies.put(use.drug().id(), new BiologicOrder(request, reference, use.drug(), facts.today(), Optional.of(start)));
        }
        return List.copyOf(therapies.values());
    }

    /** The record with conditions and observations dated before {@code start} (or undated) left out. */
    private static PatientRecord sinceStart(PatientRecord record, LocalDate start) {
        List<Resource> kept = new ArrayList<>();
        for (Class<? extends Resource> type : List.of(Condition.class, Observation.class)) {
            for (Resource resource : record.all(type)) {
                Optional<LocalDate> date = resource instanceof Condition c ? PatientFacts.conditionDate(c)
                        : PatientFacts.observationDate((Observation) resource);
                if (date.map(d -> !d.isBefore(start)).orElse(false)) {
                    kept.add(resource);
                }
            }
        }
        return new PatientRecord(record.patientId(), record.patient().orElse(null), kept);
    }
}
