package org.biologicscds.guidance;

import java.time.LocalDate;
import java.util.List;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;
import org.hl7.fhir.r4.model.Immunization;

/**
 * {@code live-vaccine-recent}: a live vaccine (CVX) given within the window (28 days) before the
 * order. Non-live look-alikes (Shingrix, inactivated influenza) are not in the value set.
 */
final class LiveVaccineRule implements Rule {

    static final String ID = "live-vaccine-recent";

    private final String valueSet;
    private final int windowDays;

    LiveVaccineRule(Knowledge knowledge) {
        this.valueSet = knowledge.valueSet(ID, "value-set");
        this.windowDays = knowledge.parameters(ID).days("window");
    }

    @Override
    public List<Finding> evaluate(BiologicOrder order, PatientFacts facts) {
        if (order.ongoing()) {
            return duringTherapy(order, facts);
        }
        LocalDate from = facts.today().minusDays(windowDays);
        List<Immunization> recent = facts.immunizations(valueSet).stream()
                .filter(i -> FhirDates.start(i.getOccurrence()).map(d -> !d.isBefore(from) && !d.isAfter(facts.today()))
                        .orElse(false))
                .toList();
        if (recent.isEmpty()) {
            return List.of();
        }
        LocalDate given = FhirDates.start(recent.get(0).getOccurrence()).orElseThrow();
        String drug = order.drug().name();
        return List.of(new Finding(ID, Indicator.WARNING,
                "Live vaccine " + given + ": wait " + windowDays + " days before starting " + drug,
                recent.stream().map(i -> "Live vaccine: " + Describe.concept(i.getVaccineCode()) + " on "
                        + FhirDates.start(i.getOccurrence()).orElseThrow()).toList(),
                "Start " + drug + " from " + given.plusDays(windowDays) + "; give no live vaccines during therapy.",
                List.of()));
    }

    /** Monitoring: a live vaccine recorded since the therapy started. */
    private List<Finding> duringTherapy(BiologicOrder order, PatientFacts facts) {
        LocalDate start = order.therapyStart().orElseThrow();
        List<Immunization> during = facts.immunizations(valueSet).stream()
                .filter(i -> FhirDates.start(i.getOccurrence()).map(d -> !d.isBefore(start)).orElse(false))
                .toList();
        if (during.isEmpty()) {
            return List.of();
        }
        String drug = order.drug().name();
        List<String> shown = new java.util.ArrayList<>(during.stream().map(i -> "Live vaccine: "
                + Describe.concept(i.getVaccineCode()) + " on " + FhirDates.start(i.getOccurrence()).orElseThrow()).toList());
        shown.add(drug + " since " + start);
        return List.of(new Finding(ID, Indicator.WARNING, "Live vaccine given during " + drug + " therapy: watch for vaccine infection",
                shown, "Assess for disseminated vaccine-strain infection; give no further live vaccines while on " + drug + ".",
                List.of()));
    }
}
