package org.biologicscds.guidance;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;

/**
 * The course of the same drug (clinical-v2.md 3.6), read from {@link CourseState}:
 * <ul>
 *   <li>{@code treatment-gap}: infliximab (either route) resumed more than {@code gap} (16 weeks)
 *   after its last dose: infusion reactions and anti-drug antibodies; CRMO adds relapse context.</li>
 *   <li>{@code response-check}: a maintenance order in the course week window [decision week,
 *   decision week + the drug's maintenance interval) of the indication ({@code decision-week} rows:
 *   PsO 10, PsA 14, CD/UC 14, DM/PM 16 and 40), so once per decision week; never for CRMO
 *   ({@code excluded-indication}: crmo-continuation plans that course).</li>
 * </ul>
 */
final class TreatmentCourseRule implements Rule {

    static final String GAP = "treatment-gap";
    static final String RESPONSE = "response-check";

    /** One decision week of an indication: "plaque-psoriasis 10". */
    private record DecisionWeek(String indication, int week) {
    }

    private final List<String> gapAppliesTo;
    private final int gapDays;
    private final String gapCrmoContext;
    private final List<String> responseAppliesTo;
    private final IndicationTable indications;
    private final List<DecisionWeek> decisionWeeks = new ArrayList<>();
    private final List<String> excluded;
    private final Map<String, String> targets;

    TreatmentCourseRule(Knowledge knowledge) {
        RuleParameters gap = knowledge.parameters(GAP);
        this.gapAppliesTo = gap.strings("applies-to");
        this.gapDays = gap.days("gap");
        this.gapCrmoContext = gap.string("crmo-context");
        RuleParameters response = knowledge.parameters(RESPONSE);
        this.responseAppliesTo = response.strings("applies-to");
        this.indications = new IndicationTable(knowledge, RESPONSE);
        for (String row : response.strings("decision-week")) {
            String[] parts = row.strip().split("\\s+");
            if (parts.length != 2 || !parts[1].matches("\\d+")) {
                throw response.invalid("decision-week", "must read '<indication> <week>', not '" + row + "'");
            }
            indications.require(response, "decision-week", parts[0]);
            decisionWeeks.add(new DecisionWeek(parts[0], Integer.parseInt(parts[1])));
        }
        this.excluded = response.strings("excluded-indication");
        excluded.forEach(id -> indications.require(response, "excluded-indication", id));
        this.targets = new java.util.LinkedHashMap<>();
        for (String row : response.strings("response-target")) {
            int colon = row.indexOf(':');
            if (colon <= 0) {
                throw response.invalid("response-target", "must read '<indication>: <target>', not '" + row + "'");
            }
            targets.put(row.substring(0, colon).strip(), row.substring(colon + 1).strip());
        }
    }

    @Override
    public List<String> ruleIds() {
        return List.of(GAP, RESPONSE);
    }

    @Override
    public List<Finding> evaluate(BiologicOrder order, PatientFacts facts) {
        CourseState course = facts.course(order);
        List<String> found = OrderIndication.of(order, facts, indications.valueSets());
        Optional<Finding> gap = gap(order, facts, course, found);
        if (gap.isPresent()) {
            return List.of(gap.get());
        }
        return responseCheck(order, facts, course, found);
    }

    private Optional<Finding> gap(BiologicOrder order, PatientFacts facts, CourseState course, List<String> found) {
        if (order.ongoing() || !order.isOneOf(gapAppliesTo) || course.lastDose().isEmpty()) {
            return Optional.empty();
        }
        LocalDate last = course.lastDose().get();
        long days = ChronoUnit.DAYS.between(last, facts.today());
        if (days <= gapDays) {
            return Optional.empty();
        }
        String drug = order.drug().name();
        long weeks = days / 7;
        List<String> shown = new ArrayList<>();
        shown.add("Last " + drug + " dose on or about " + last);
        shown.add("Gap of " + weeks + " weeks (over " + gapDays / 7 + ")");
        if (found.stream().anyMatch(excluded::contains)) {
            shown.add(gapCrmoContext);
        }
        return Optional.of(new Finding(GAP, Indicator.INFO,
                Describe.capitalized(drug) + " restarted after " + weeks + " weeks without a dose: infusion reaction risk", shown,
                "Consider premedication (antihistamine, paracetamol, steroid), a slower infusion and checking for"
                        + " anti-drug antibodies.", List.of()).about(DrugRecords.references(facts, order.drug())));
    }

    private List<Finding> responseCheck(BiologicOrder order, PatientFacts facts, CourseState course, List<String> found) {
        if (!order.isOneOf(responseAppliesTo) || !course.maintenance() || course.courseStart().isEmpty()
                || found.stream().anyMatch(excluded::contains)) {
            return List.of();
        }
        long week = course.courseWeek();
        long intervalWeeks = order.drug().maintenanceIntervalDays().map(d -> d / 7L).orElse(8L);
        // With several indications (psoriasis with psoriatic arthritis), the one judged latest decides:
        // the drug is not called a failure before the slowest indication's decision week.
        Optional<String> decisive = found.stream()
                .filter(i -> decisionWeeks.stream().anyMatch(d -> d.indication().equals(i)))
                .max(java.util.Comparator.comparingInt(i -> firstDecisionWeek(i)));
        for (DecisionWeek decision : decisionWeeks) {
            if (decisive.map(decision.indication()::equals).orElse(false)
                    && week >= decision.week() && week < decision.week() + intervalWeeks) {
                return List.of(finding(order, course, decision, week));
            }
        }
        return List.of();
    }

    private int firstDecisionWeek(String indication) {
        return decisionWeeks.stream().filter(d -> d.indication().equals(indication)).mapToInt(DecisionWeek::week).min()
                .orElse(Integer.MAX_VALUE);
    }

    private Finding finding(BiologicOrder order, CourseState course, DecisionWeek decision, long week) {
        String drug = order.drug().name();
        String indication = indications.name(decision.indication());
        List<String> shown = List.of(
                drug + " course since " + course.courseStart().orElseThrow() + " (week " + week + ")",
                "Response is judged at week " + decision.week() + " for " + indication);
        String target = targets.getOrDefault(decision.indication(), "the response");
        return new Finding(RESPONSE, Indicator.INFO,
                "Week " + week + " of " + drug + " (" + Describe.shortened(indication) + "): record the response before continuing",
                shown, "Record " + target + "; stop " + drug + " or change treatment if it is not met.", List.of());
    }
}
