package org.biologicscds.guidance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Observation;

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
    private final Optional<JakRisk> jakRisk;

    /** The amendment 7 factors as the jak-risk-factors rule's knowledge names them. */
    private record JakRisk(Map<String, String> anyAge, Map<String, String> withAge, int ageAlone, int ageWithFactor,
                           Optional<String> smokingStatusSet, Optional<String> smokerSet) {
    }

    ContraindicatedOptions(Knowledge knowledge, RuleParameters table) {
        this.atNyhaIv = table.strings("exclude-at-nyha-iv");
        this.afterEvent = table.strings("exclude-after-cardiovascular-event");
        this.withJakRisk = table.strings("exclude-with-jak-risk-factors");
        RuleParameters heartFailure = knowledge.parameters(HeartFailureRule.ID);
        this.eventSet = knowledge.valueSet(HeartFailureRule.ID, "recent-event-value-set");
        this.eventWindowDays = heartFailure.days("recent-event-window");
        this.nyhaWindowDays = heartFailure.days("nyha-window");
        this.jakRisk = knowledge.rules().find(JAK_RULE).isPresent() ? Optional.of(jakRisk(knowledge)) : Optional.empty();
    }

    private static JakRisk jakRisk(Knowledge knowledge) {
        RuleParameters p = knowledge.parameters(JAK_RULE);
        return new JakRisk(p.textsByDrug("any-age-value-set"), p.textsByDrug("with-age-value-set"),
                p.days("age-alone") / 365, p.days("age-with-factor") / 365,
                p.has("smoking-status-value-set") ? Optional.of(p.string("smoking-status-value-set")) : Optional.empty(),
                p.has("smoker-value-set") ? Optional.of(p.string("smoker-value-set")) : Optional.empty());
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
        if (jakRisk.map(r -> atRisk(r, facts)).orElse(false)) {
            out.addAll(withJakRisk);
        }
        return out;
    }

    private static boolean atRisk(JakRisk risk, PatientFacts facts) {
        Optional<Integer> age = facts.ageInYears();
        if (age.map(a -> a >= risk.ageAlone()).orElse(false)) {
            return true;
        }
        List<String> anyAge = new ArrayList<>(risk.anyAge().values());
        if (anyAge.stream().anyMatch(vs -> !facts.conditions(vs).isEmpty()) || smoker(risk, facts)) {
            return true;
        }
        return age.map(a -> a >= risk.ageWithFactor()).orElse(false)
                && risk.withAge().values().stream().anyMatch(vs -> !facts.conditions(vs).isEmpty());
    }

    private static boolean smoker(JakRisk risk, PatientFacts facts) {
        if (risk.smokingStatusSet().isEmpty() || risk.smokerSet().isEmpty()) {
            return false;
        }
        return facts.observations(risk.smokingStatusSet().get()).stream().findFirst()
                .map(Observation::getValue)
                .filter(v -> v instanceof CodeableConcept)
                .map(v -> facts.codes().matches(risk.smokerSet().get(), (CodeableConcept) v))
                .orElse(false);
    }
}
