package org.biologicscds.guidance;

import java.util.ArrayList;
import java.util.List;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;
import org.hl7.fhir.r4.model.Condition;

/**
 * {@code crmo-continuation} (clinical-v2.md section 4, amendment 21): a TNF inhibitor for CRMO
 * ({@link CrmoDiagnosis}: M86.3 only under 30 at diagnosis). A new start or restart gets the course
 * plan (at least 12 months, continuous, taper only after 6-12 months of remission); a maintenance
 * order, or the therapy on patient-view, in course weeks [{@code review-week}, + {@code review-window})
 * gets the taper review with the relapse rate after stopping. Both info; both say the evidence is of
 * low certainty. The rule owns CRMO course planning ({@code response-check} is suppressed, 1.1).
 */
final class CrmoContinuationRule implements Rule {

    static final String ID = "crmo-continuation";

    private final List<String> appliesTo;
    private final CrmoDiagnosis crmo;
    private final int reviewWeek;
    private final int reviewWindowDays;
    private final RuleParameters parameters;

    CrmoContinuationRule(Knowledge knowledge) {
        this.parameters = knowledge.parameters(ID);
        this.appliesTo = parameters.strings("applies-to");
        this.crmo = new CrmoDiagnosis(knowledge, ID);
        this.reviewWeek = parameters.integer("review-week");
        this.reviewWindowDays = parameters.days("review-window");
        for (String name : List.of("summary-start", "summary-review", "relapse", "certainty", "advice-start", "advice-review")) {
            parameters.string(name);
        }
    }

    @Override
    public String name() {
        return ID;
    }

    @Override
    public List<Finding> evaluate(BiologicOrder order, PatientFacts facts) {
        if (!order.isOneOf(appliesTo)) {
            return List.of();
        }
        List<Condition> conditions = crmo.crmo(facts);
        if (conditions.isEmpty()) {
            return List.of();
        }
        CourseState course = facts.course(order);
        String drug = order.drug().name();
        List<String> shown = new ArrayList<>();
        conditions.forEach(c -> shown.add("On the problem list: " + Describe.condition(c) + ageNote(c, facts)));
        String summary;
        String advice;
        if (course.startsCourse()) {
            summary = parameters.string("summary-start");
            advice = parameters.string("advice-start");
        } else {
            long days = course.courseStart().map(s -> java.time.temporal.ChronoUnit.DAYS.between(s, facts.today())).orElse(-1L);
            long from = reviewWeek * 7L;
            if (days < from || days >= from + reviewWindowDays) {
                return List.of(); // info in its window only (1.2, amendment 21)
            }
            summary = parameters.string("summary-review");
            advice = parameters.string("advice-review");
            shown.add(drug + " course since " + course.courseStart().orElseThrow() + " (week " + course.courseWeek() + ")");
            shown.add(parameters.string("relapse"));
        }
        shown.add(parameters.string("certainty"));
        return List.of(new Finding(ID, Indicator.INFO, Describe.capitalized(summary.replace("{drug}", drug)), shown,
                advice.replace("{drug}", drug), List.of(), conditions.stream().map(HeartFailureRule::reference).toList()));
    }

    private String ageNote(Condition condition, PatientFacts facts) {
        if (crmo.ageUnknown(condition, facts)) {
            return "; no birth date: read as CRMO, which M86.3 is only under " + crmo.ageLimitYears();
        }
        return crmo.ageAt(condition, facts).filter(age -> crmo.ageLimited(condition))
                .map(age -> "; age " + age + " at diagnosis: M86.3 is read as CRMO under " + crmo.ageLimitYears()).orElse("");
    }
}
