package org.biologicscds.guidance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;

/**
 * {@code chronic-recurrent-infection} (clinical-v2.md section 4): at a new start or restart, at least
 * {@code minimum-count} (2) infections of the active-infection tiers ({@code infection-value-set}) dated
 * within {@code window} (365 days: day 365 counts, day 366 does not), whatever their status now; or an
 * active chronic infection ({@code chronic-value-set}: bronchiectasis, chronic sinusitis, chronic
 * osteomyelitis, and M86.3 from age 30 at diagnosis, {@link CrmoDiagnosis}). Info, once per course;
 * none for the classes of {@code not-for} (IL-4R/IL-13 inhibitors are not immunosuppressive, 5.2).
 * The same infection recorded twice (same code, same day: a problem-list entry and an encounter
 * diagnosis) is one episode. An infection still active is also {@code active-infection}'s fact, which
 * suppresses this card when it names every record this one does (1.1).
 */
final class ChronicInfectionRule implements Rule {

    static final String ID = "chronic-recurrent-infection";

    private final String infections;
    private final List<String> excluded;
    private final String chronic;
    private final CrmoDiagnosis crmo;
    private final int minimumCount;
    private final int windowDays;
    private final List<String> notFor;
    private final RuleParameters parameters;

    ChronicInfectionRule(Knowledge knowledge) {
        this.parameters = knowledge.parameters(ID);
        this.notFor = parameters.strings("not-for");
        this.infections = knowledge.valueSet(ID, "infection-value-set");
        this.excluded = knowledge.valueSets(ID, "exclude-value-set");
        this.chronic = knowledge.valueSet(ID, "chronic-value-set");
        this.crmo = new CrmoDiagnosis(knowledge, ID);
        this.minimumCount = parameters.integer("minimum-count");
        this.windowDays = parameters.days("window");
        for (String name : List.of("summary-count", "summary-chronic", "advice")) {
            parameters.string(name);
        }
    }

    @Override
    public String name() {
        return ID;
    }

    @Override
    public List<Finding> evaluate(BiologicOrder order, PatientFacts facts) {
        if (!notFor.isEmpty() && order.isOneOf(notFor) || !facts.course(order).startsCourse()) {
            return List.of(); // info once per course (1.2)
        }
        List<Condition> recent = episodes(facts);
        List<Condition> chronicNow = new ArrayList<>(facts.activeConditions(chronic));
        chronicNow.addAll(crmo.osteomyelitisFromAgeLimit(facts));
        boolean recurrent = recent.size() >= minimumCount;
        if (!recurrent && chronicNow.isEmpty()) {
            return List.of();
        }
        String drug = order.drug().name();
        String summary = recurrent
                ? parameters.string("summary-count").replace("{n}", String.valueOf(recent.size()))
                : parameters.string("summary-chronic").replace("{condition}", Describe.shortened(Describe.concept(chronicNow.get(0).getCode())));
        List<String> shown = new ArrayList<>();
        recent.forEach(c -> shown.add("Infection within " + windowDays + " days: " + Describe.condition(c)));
        chronicNow.forEach(c -> shown.add("Chronic infection: " + Describe.condition(c)));
        List<Condition> named = new ArrayList<>(recurrent ? recent : List.of());
        named.addAll(chronicNow);
        return List.of(new Finding(ID, Indicator.INFO, Describe.capitalized(summary.replace("{drug}", drug)), shown,
                parameters.string("advice").replace("{drug}", drug), List.of(),
                named.stream().map(HeartFailureRule::reference).toList()));
    }

    /** Infections dated within the window, one per code and day, newest first. */
    private List<Condition> episodes(PatientFacts facts) {
        LocalDate from = facts.today().minusDays(windowDays);
        Map<String, Condition> byEpisode = new LinkedHashMap<>();
        for (Condition condition : facts.conditions(infections)) {
            Optional<LocalDate> date = PatientFacts.conditionDate(condition);
            if (date.isEmpty() || date.get().isBefore(from) || date.get().isAfter(facts.today())
                    || excluded.stream().anyMatch(vs -> facts.codes().matches(vs, condition.getCode()))) {
                continue;
            }
            byEpisode.putIfAbsent(key(condition) + "@" + date.get(), condition);
        }
        return List.copyOf(byEpisode.values());
    }

    private static String key(Condition condition) {
        for (Coding coding : condition.getCode().getCoding()) {
            if (coding.hasCode()) {
                return coding.getSystem() + "|" + coding.getCode().replace(".", "").toUpperCase(java.util.Locale.ROOT);
            }
        }
        return Describe.concept(condition.getCode()).toLowerCase(java.util.Locale.ROOT);
    }
}
