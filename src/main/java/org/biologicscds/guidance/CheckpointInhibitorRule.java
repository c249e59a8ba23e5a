package org.biologicscds.guidance;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;

/**
 * {@code checkpoint-inhibitor} (clinical-v2.md 3.4): a PD-1, PD-L1, CTLA-4 or LAG-3 inhibitor with an
 * active order, or given (administration, statement or order as exposure evidence) within
 * {@code recent-dose} (180 days): info naming the last dose and the immune-related event the order
 * treats. It owns the cancer fact against {@code malignancy-history} (1.1).
 */
final class CheckpointInhibitorRule implements Rule {

    static final String ID = "checkpoint-inhibitor";

    private final String valueSet;
    private final int recentDays;
    private final String summary;
    private final String advice;
    private final String noIndication;
    private final Alternatives alternatives;

    CheckpointInhibitorRule(Knowledge knowledge) {
        RuleParameters parameters = knowledge.parameters(ID);
        this.valueSet = knowledge.valueSet(ID, "value-set");
        this.recentDays = parameters.days("recent-dose");
        this.summary = parameters.string("summary");
        this.advice = parameters.string("advice");
        this.noIndication = parameters.string("irae-unknown");
        this.alternatives = new Alternatives(knowledge);
    }

    @Override
    public List<Finding> evaluate(BiologicOrder order, PatientFacts facts) {
        LocalDate from = facts.today().minusDays(recentDays);
        List<MedicationUse> uses = facts.medications(valueSet, order).stream()
                .filter(m -> m.kind() != MedicationUse.Kind.DRAFT)
                .filter(m -> m.active() || m.exposure() && CoMedications.lastDay(m).map(d -> !d.isBefore(from)).orElse(false))
                .toList();
        if (uses.isEmpty()) {
            return List.of();
        }
        Optional<LocalDate> last = uses.stream().map(CoMedications::lastDay).flatMap(Optional::stream)
                .filter(d -> !d.isAfter(facts.today())).max(Comparator.naturalOrder());
        String irae = alternatives.of(order, facts).stream().map(Alternatives.Indication::label).findFirst().orElse(noIndication);
        String drug = order.drug().name();
        String text = summary.replace("{medication}", Describe.shortened(Describe.concept(uses.get(0).concept()), 32))
                .replace("{date}", last.map(LocalDate::toString).orElse("recently")).replace("{drug}", drug)
                .replace("{irae}", Describe.shortened(irae, 24));
        return List.of(new Finding(ID, Indicator.INFO, Describe.capitalized(text),
                uses.stream().map(m -> "Checkpoint inhibitor: " + m.describe()).toList(), advice.replace("{drug}", drug),
                List.of(), CoMedications.evidence(uses)));
    }
}
