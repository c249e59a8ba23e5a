package org.biologicscds.guidance;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;

/**
 * The course of the same biologic: {@code treatment-gap} (resumed more than {@code gap} weeks after
 * the last dose: immunogenicity, infusion reactions) and {@code response-check} (continued past
 * week 10 for plaque psoriasis or 14 for psoriatic arthritis, until {@code until-week}: document a
 * response). A first course gets neither.
 */
final class TreatmentCourseRule implements Rule {

    static final String GAP = "treatment-gap";
    static final String RESPONSE = "response-check";

    private final List<String> gapAppliesTo;
    private final int gapDays;
    private final List<String> responseAppliesTo;
    private final String psoriasis;
    private final String psoriaticArthritis;
    private final int psoriasisWeek;
    private final int psoriaticArthritisWeek;
    private final int untilWeek;

    TreatmentCourseRule(Knowledge knowledge) {
        RuleParameters gap = knowledge.parameters(GAP);
        this.gapAppliesTo = gap.strings("applies-to");
        this.gapDays = gap.days("gap");
        RuleParameters response = knowledge.parameters(RESPONSE);
        this.responseAppliesTo = response.strings("applies-to");
        this.psoriasis = knowledge.valueSet(RESPONSE, "psoriasis-value-set");
        this.psoriaticArthritis = knowledge.valueSet(RESPONSE, "psoriatic-arthritis-value-set");
        this.psoriasisWeek = response.integer("psoriasis-week");
        this.psoriaticArthritisWeek = response.integer("psoriatic-arthritis-week");
        this.untilWeek = response.integer("until-week");
    }

    @Override
    public List<Finding> evaluate(BiologicOrder order, PatientFacts facts) {
        List<DrugHistory.Use> uses = DrugHistory.biologics(facts, order).stream()
                .filter(u -> u.drug().id().equals(order.drug().id())).toList();
        if (uses.isEmpty()) {
            return List.of();
        }
        String drug = order.drug().name();
        LocalDate lastDose = uses.get(0).lastDose();
        if (order.isOneOf(gapAppliesTo) && !lastDose.equals(LocalDate.MIN)
                && ChronoUnit.DAYS.between(lastDose, facts.today()) > gapDays) {
            long weeks = ChronoUnit.WEEKS.between(lastDose, facts.today());
            return List.of(new Finding(GAP, Indicator.INFO,
                    drug + " restarted after " + weeks + " weeks without a dose: infusion reaction risk",
                    List.of("Last " + drug + ": " + uses.get(0).use().describe() + ", last dose on or about " + lastDose,
                            "Gap of " + weeks + " weeks (over " + gapDays / 7 + ")"),
                    "Consider premedication (antihistamine, paracetamol, steroid), a slower infusion and checking for"
                            + " anti-drug antibodies.", List.of()));
        }
        Optional<LocalDate> first = DrugHistory.firstUse(uses, order.drug());
        if (!order.isOneOf(responseAppliesTo) || first.isEmpty()) {
            return List.of();
        }
        boolean arthritis = !facts.conditions(psoriaticArthritis).isEmpty();
        boolean plaque = !facts.conditions(psoriasis).isEmpty();
        if (!arthritis && !plaque) {
            return List.of();
        }
        int threshold = arthritis ? psoriaticArthritisWeek : psoriasisWeek;
        long weeks = ChronoUnit.WEEKS.between(first.get(), facts.today());
        if (weeks < threshold || weeks > untilWeek) {
            return List.of();
        }
        String target = arthritis ? "ACR20 (psoriatic arthritis)" : "PASI 75 (plaque psoriasis)";
        return List.of(new Finding(RESPONSE, Indicator.INFO,
                "Week " + weeks + " of " + drug + ": document the response before continuing",
                List.of(drug + " since " + first.get() + " (" + weeks + " weeks)",
                        "Response is judged at week " + threshold + " for " + (arthritis ? "psoriatic arthritis" : "plaque psoriasis")),
                "Record " + target + "; stop " + drug + " if the target is not met.", List.of()));
    }
}
