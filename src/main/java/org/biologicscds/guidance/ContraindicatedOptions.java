package org.biologicscds.guidance;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;

/**
 * Amendment 16: advice never names a drug another rule contraindicates for this patient. The
 * options of the indication table ({@code Library/indication-alternatives}) left out for a patient:
 * <ul>
 *   <li>{@code exclude-at-nyha-iv} (rituximab): current NYHA class IV, read as {@code heart-failure}
 *       reads it (EU label, non-oncology use);</li>
 *   <li>{@code exclude-after-cardiovascular-event} (ozanimod/etrasimod): what {@code heart-failure}
 *       calls the S1P cardiac contraindication, a {@code recent-event-value-set} condition or NYHA
 *       III/IV within its {@code recent-event-window};</li>
 *   <li>{@code exclude-with-jak-risk-factors} (the JAK options): the factors of amendment 7 as the
 *       {@code jak-risk-factors} rule's parameters name them (any-age value sets, a smoker status,
 *       age alone, age with a factor); while that rule is not in the knowledge, this check does not
 *       run and says so ({@link #jakCheckRuns}).</li>
 * </ul>
 * Immutable and thread-safe.
 */
final class ContraindicatedOptions {

    static final String JAK_RULE = "jak-risk-factors";

    private final List<String> atNyhaIv;
    private final List<String> afterEvent;
    private final List<String> withJakRisk;
    private final String eventSet;
    private final int eventWindowDays;
    private final int nyhaWindowDays;
    /** The amendment 7 factors are the jak-risk-factors rule's own reading of them. */
    private final Optional<JakRiskFactorsRule> jakRisk;

    ContraindicatedOptions(Knowledge knowledge, RuleParameters table) {
        this.atNyhaIv = table.strings("exclude-at-nyha-iv");
        this.afterEvent = table.strings("exclude-after-cardiovascular-event");
        this.withJakRisk = table.strings("exclude-with-jak-risk-factors");
        RuleParameters heartFailure = knowledge.parameters(HeartFailureRule.ID);
        this.eventSet = knowledge.valueSet(HeartFailureRule.ID, "recent-event-value-set");
        this.eventWindowDays = heartFailure.days("recent-event-window");
        this.nyhaWindowDays = heartFailure.days("nyha-window");
        this.jakRisk = knowledge.rules().find(JAK_RULE).isPresent() ? Optional.of(new JakRiskFactorsRule(knowledge)) : Optional.empty();
    }

    /** True if the JAK options can be checked against amendment 7 (the jak-risk-factors rule is loaded). */
    boolean jakCheckRuns() {
        return jakRisk.isPresent();
    }

    /** The option codes to leave out for this patient. */
    Set<String> of(PatientFacts facts) {
        Set<String> out = new LinkedHashSet<>();
        Optional<HeartFailureRule.NyhaClass> nyha = HeartFailureRule.newestNyhaClass(facts);
        LocalDate nyhaFrom = facts.today().minusDays(nyhaWindowDays);
        boolean classIv = nyha.filter(n -> n.coded() || n.date().map(d -> !d.isBefore(nyhaFrom)).orElse(false))
                .map(n -> n.severe() && HeartFailureRule.roman(n.text(), true).equals("IV")).orElse(false);
        if (classIv) {
            out.addAll(atNyhaIv);
        }
        LocalDate eventFrom = facts.today().minusDays(eventWindowDays);
        boolean recentEvent = facts.conditions(eventSet).stream()
                .anyMatch(c -> PatientFacts.conditionDate(c).map(d -> !d.isBefore(eventFrom)).orElse(false))
                || nyha.filter(HeartFailureRule.NyhaClass::severe)
                        .map(n -> n.date().map(d -> !d.isBefore(eventFrom)).orElse(n.coded())).orElse(false);
        if (recentEvent) {
            out.addAll(afterEvent);
        }
        if (jakRisk.map(rule -> rule.atRisk(facts)).orElse(false)) {
            out.addAll(withJakRisk);
        }
        return out;
    }
}
