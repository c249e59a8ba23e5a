package org.biologicscds.guidance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * {@code perioperative}: surgery planned within the window (4 weeks): a Procedure in preparation
 * or a surgical ServiceRequest still to be done. A planned surgery with no date counts, since it
 * cannot be shown to be later.
 */
final class PerioperativeRule implements Rule {

    static final String ID = "perioperative";

    private final int windowDays;
    private final String surgery;

    PerioperativeRule(Knowledge knowledge) {
        this.windowDays = knowledge.parameters(ID).days("window");
        this.surgery = knowledge.valueSet(ID, "surgery-value-set");
    }

    @Override
    public List<Finding> evaluate(BiologicOrder order, PatientFacts facts) {
        LocalDate until = facts.today().plusDays(windowDays);
        List<String> shown = new ArrayList<>();
        for (Procedure procedure : facts.plannedProcedures(surgery)) {
            Optional<LocalDate> date = FhirDates.start(procedure.getPerformed());
            if (date.map(d -> !d.isAfter(until) && !d.isBefore(facts.today())).orElse(true)) {
                shown.add("Planned: " + Describe.concept(procedure.getCode()) + date.map(d -> " on " + d).orElse(" (no date)"));
            }
        }
        for (ServiceRequest request : facts.openServiceRequests(surgery)) {
            Optional<LocalDate> date = FhirDates.start(request.getOccurrence());
            if (date.map(d -> !d.isAfter(until) && !d.isBefore(facts.today())).orElse(true)) {
                shown.add("Ordered: " + Describe.concept(request.getCode()) + date.map(d -> " on " + d).orElse(" (no date)"));
            }
        }
        if (shown.isEmpty()) {
            return List.of();
        }
        String drug = order.drug().name();
        return List.of(new Finding(ID, Indicator.WARNING,
                "Surgery planned within " + windowDays / 7 + " weeks: time " + drug + " around it",
                shown,
                "Agree the timing with the surgeon: usually the dose is given after wound healing, and the operation is"
                        + " planned at the end of a dosing interval.", List.of()));
    }
}
