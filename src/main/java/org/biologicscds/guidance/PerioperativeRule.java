package org.biologicscds.guidance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * {@code perioperative} (clinical-v2.md 3.6, 6.6): surgery with a date within {@code window} (28
 * days): a Procedure in preparation or an open ServiceRequest. Low-risk procedures
 * ({@code low-risk-value-set}: skin surgery, dental work, endoscopy, cataract, joint injection,
 * cystoscopy) get no card; elective hip or knee arthroplasty ({@code arthroplasty-value-set}) a
 * warning with the drug's next due date, L(D) + interval (ACR/AAHKS 2022: operate at the end of the
 * dosing interval); other surgery ({@code surgery-value-set}) an info to agree the timing. A planned
 * surgery without a date is not counted: it cannot be placed in the dosing interval.
 */
final class PerioperativeRule implements Rule {

    static final String ID = "perioperative";

    /** A planned surgery and how it counts. */
    private record Planned(Resource record, CodeableConcept code, LocalDate date, Indicator tier) {
    }

    private final int windowDays;
    private final String surgery;
    private final String lowRisk;
    private final String arthroplasty;
    private final Map<String, String> advice;

    PerioperativeRule(Knowledge knowledge) {
        RuleParameters parameters = knowledge.parameters(ID);
        this.windowDays = parameters.days("window");
        this.surgery = knowledge.valueSet(ID, "surgery-value-set");
        this.lowRisk = knowledge.valueSet(ID, "low-risk-value-set");
        this.arthroplasty = knowledge.valueSet(ID, "arthroplasty-value-set");
        this.advice = parameters.textsByDrug("advice");
    }

    @Override
    public List<Finding> evaluate(BiologicOrder order, PatientFacts facts) {
        LocalDate until = facts.today().plusDays(windowDays);
        Map<Resource, Planned> planned = new IdentityHashMap<>();
        for (String set : List.of(arthroplasty, lowRisk, surgery)) {
            for (Procedure procedure : facts.plannedProcedures(set)) {
                FhirDates.start(procedure.getPerformed()).ifPresent(d -> consider(planned, procedure, procedure.getCode(), d, facts));
            }
            for (ServiceRequest request : facts.openServiceRequests(set)) {
                FhirDates.start(request.getOccurrence()).ifPresent(d -> consider(planned, request, request.getCode(), d, facts));
            }
        }
        Optional<Planned> first = planned.values().stream()
                .filter(p -> p.tier() != null && !p.date().isBefore(facts.today()) && !p.date().isAfter(until))
                .max(Comparator.comparing((Planned p) -> p.tier().ordinal()).thenComparing(Planned::date, Comparator.reverseOrder()));
        if (first.isEmpty()) {
            return List.of();
        }
        Planned surgeryPlanned = first.get();
        String drug = order.drug().name();
        String procedure = Describe.shortened(Describe.concept(surgeryPlanned.code()));
        CourseState course = facts.course(order);
        LocalDate lastDose = course.lastDose().filter(d -> !course.startsCourse()).orElse(facts.today());
        Optional<LocalDate> due = order.drug().maintenanceIntervalDays().map(lastDose::plusDays);
        List<String> shown = new ArrayList<>();
        shown.add((surgeryPlanned.record() instanceof Procedure ? "Planned: " : "Ordered: ")
                + Describe.concept(surgeryPlanned.code()) + " on " + surgeryPlanned.date());
        shown.add((course.startsCourse() ? "First " + drug + " dose with this order" : "Last " + drug + " dose on or about " + lastDose)
                + due.map(d -> "; next dose due " + d).orElse(""));
        String next = PerDrug.pick(advice, order, "").replace("{drug}", drug);
        String timing = ": schedule it at the end of the " + drug + " dosing interval (next dose due " + due.map(String::valueOf).orElse("") + ")";
        // The procedure name gives way so that the summary stays under 140 characters (1.5).
        int room = 139 - (" on " + surgeryPlanned.date() + timing).length();
        String named = procedure.length() <= room ? procedure : procedure.substring(0, Math.max(room - 1, 10)).stripTrailing() + "…";
        Finding finding = surgeryPlanned.tier() == Indicator.WARNING && due.isPresent()
                ? new Finding(ID, Indicator.WARNING, Describe.capitalized(named) + " on " + surgeryPlanned.date() + timing,
                        shown, next, List.of())
                : new Finding(ID, Indicator.INFO, Describe.capitalized(procedure) + " on " + surgeryPlanned.date() + ": agree "
                        + drug + " timing with the surgeon", shown, next, List.of());
        return List.of(finding.about(List.of(DrugRecords.reference(surgeryPlanned.record()))));
    }

    /** Classifies a planned surgery once: low-risk wins over the general surgery set. */
    private void consider(Map<Resource, Planned> planned, Resource record, CodeableConcept code, LocalDate date,
                          PatientFacts facts) {
        if (planned.containsKey(record)) {
            return;
        }
        Indicator tier;
        if (facts.codes().matches(lowRisk, code)) {
            tier = null;
        } else if (facts.codes().matches(arthroplasty, code)) {
            tier = Indicator.WARNING;
        } else {
            tier = Indicator.INFO;
        }
        planned.put(record, new Planned(record, code, date, tier));
    }
}
