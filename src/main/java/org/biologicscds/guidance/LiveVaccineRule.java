package org.biologicscds.guidance;

import java.time.LocalDate;
import java.util.List;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;
import org.hl7.fhir.r4.model.Immunization;

/**
 * {@code live-vaccine-recent} (clinical-v2.md 3.6): a live vaccine (CVX, value set) given within the
 * window (28 days) before the order. A new start or restart waits until 4 weeks after the vaccine;
 * a maintenance dose may be delayed to then. The indicator is per drug ({@code indicator} rows:
 * IL-4R/IL-13 info). Non-live look-alikes (Shingrix, inactivated influenza) are not in the value set.
 * On patient-view, a live vaccine recorded since the therapy started is reported instead.
 */
final class LiveVaccineRule implements Rule {

    static final String ID = "live-vaccine-recent";

    private final String valueSet;
    private final int windowDays;
    private final Indicator defaultIndicator;
    private final java.util.Map<String, Indicator> indicators;

    /** The rule id, as checks that could not run are named and counted ({@link CheckNotRun}). */
    @Override
    public String name() {
        return ID;
    }

    LiveVaccineRule(Knowledge knowledge) {
        this.valueSet = knowledge.valueSet(ID, "value-set");
        this.windowDays = knowledge.parameters(ID).days("window");
        this.defaultIndicator = knowledge.parameters(ID).indicator();
        this.indicators = knowledge.parameters(ID).indicatorsByDrug();
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
        Immunization newest = recent.get(0);
        LocalDate given = FhirDates.start(newest.getOccurrence()).orElseThrow();
        LocalDate due = given.plusDays(windowDays);
        String drug = order.drug().name();
        // Cut at 30 characters: the maintenance summary must stay under 140 with the longest drug name (1.5).
        String name = Describe.concept(newest.getVaccineCode());
        String vaccine = name.length() <= 30 ? name : name.substring(0, 29).stripTrailing() + "…";
        CourseState course = facts.course(order);
        boolean starts = course.startsCourse();
        String verb = course.phase() == CourseState.Phase.RESTART ? "restart " : "start ";
        String summary = starts
                ? "Live vaccine (" + vaccine + ") on " + given + ": " + verb + drug + " from " + due + ", 4 weeks later"
                : "Live vaccine (" + vaccine + ") given " + given + " while on " + drug + ": consider delaying this dose to " + due;
        return List.of(new Finding(ID, PerDrug.pick(indicators, order, defaultIndicator), summary,
                recent.stream().map(i -> "Live vaccine: " + Describe.concept(i.getVaccineCode()) + " on "
                        + FhirDates.start(i.getOccurrence()).orElseThrow()).toList(),
                starts ? "Start " + drug + " from " + due + "; give no live vaccines during therapy."
                        : "Consider giving this dose from " + due + "; watch for vaccine-strain infection and give no further live"
                        + " vaccines while on " + drug + ".",
                List.of()).about(recent.stream().map(DrugRecords::reference).toList()));
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
