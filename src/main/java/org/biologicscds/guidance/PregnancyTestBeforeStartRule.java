package org.biologicscds.guidance;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;

/**
 * {@code pregnancy-test-before-start} (clinical-v2.md section 4, amendment 6): a new start or restart
 * of a drug contraindicated in pregnancy ({@code applies-to}: netakimab, JAK inhibitors (EU), S1P
 * modulators) for a female aged {@code min-age}-{@code max-age} (12-50 y, both included) with no
 * negative hCG test and no "not pregnant" status within {@code window} (30 days). A quantitative
 * beta-hCG below {@code hcg-negative-below} (mIU/mL = IU/L) counts as negative. Documented pregnancy
 * is the {@code pregnancy} rule's fact (1.1: it suppresses this card). Suggests ordering an hCG test.
 */
final class PregnancyTestBeforeStartRule implements Rule {

    static final String ID = "pregnancy-test-before-start";

    private final List<String> appliesTo;
    private final int minAge;
    private final int maxAge;
    private final int windowDays;
    private final String tests;
    private final String status;
    private final String notPregnant;
    private final BigDecimal hcgNegativeBelow;
    private final List<org.hl7.fhir.r4.model.Coding> orderTest;
    private final String orderLabel;
    private final String summary;
    private final Map<String, String> advice;
    private final Indicator indicator;

    @Override
    public String name() {
        return ID;
    }

    PregnancyTestBeforeStartRule(Knowledge knowledge) {
        RuleParameters p = knowledge.parameters(ID);
        this.appliesTo = p.strings("applies-to");
        this.minAge = p.days("min-age") / 365;
        this.maxAge = p.days("max-age") / 365;
        this.windowDays = p.days("window");
        this.tests = knowledge.valueSet(ID, "test-value-set");
        this.status = knowledge.valueSet(ID, "status-value-set");
        this.notPregnant = knowledge.valueSet(ID, "no-value-set");
        this.hcgNegativeBelow = p.decimal("hcg-negative-below");
        this.orderTest = p.codings("order-test");
        this.orderLabel = p.string("order-test-label");
        this.summary = p.string("summary");
        this.advice = p.textsByDrug("advice");
        if (!advice.containsKey("default")) {
            throw p.invalid("advice", "needs a value for drug 'default'");
        }
        this.indicator = p.indicator();
    }

    @Override
    public List<Finding> evaluate(BiologicOrder order, PatientFacts facts) {
        if (order.ongoing() || !order.isOneOf(appliesTo)) {
            return List.of();
        }
        CourseState course = facts.course(order);
        if (!course.startsCourse()) {
            return List.of();
        }
        boolean female = facts.record().patient().map(p -> p.getGender() == Enumerations.AdministrativeGender.FEMALE)
                .orElse(false);
        Optional<Integer> age = facts.ageInYears();
        if (!female || age.isEmpty() || age.get() < minAge || age.get() > maxAge) {
            return List.of();
        }
        LocalDate from = facts.today().minusDays(windowDays);
        List<String> older = new ArrayList<>();
        for (Observation test : facts.observations(tests)) {
            Optional<LocalDate> date = PatientFacts.observationDate(test);
            if (date.isEmpty() || date.get().isAfter(facts.today())) {
                continue;
            }
            if (negative(facts, test)) {
                if (!date.get().isBefore(from)) {
                    return List.of();
                }
                older.add("Last negative pregnancy test: " + Results.describe(facts, test) + ", older than " + windowDays + " days");
                break;
            }
        }
        for (Observation o : facts.observations(status)) {
            Optional<LocalDate> date = PatientFacts.observationDate(o);
            if (date.isPresent() && !date.get().isBefore(from) && !date.get().isAfter(facts.today())
                    && facts.valueIn(o, notPregnant)) {
                return List.of();
            }
        }
        String drug = order.drug().name();
        List<String> shown = new ArrayList<>();
        shown.add("No negative hCG test or \"not pregnant\" status in the last " + windowDays + " days");
        shown.addAll(older);
        shown.add("Female, age " + age.get());
        return List.of(new Finding(ID, indicator,
                Wording.fill(summary, Map.of("drug", drug, "days", String.valueOf(windowDays), "moment", course.moment())),
                shown, Wording.fill(PerDrug.pick(advice, order, advice.get("default")), Map.of("drug", drug)),
                List.of(new SuggestedAction.OrderTests(orderTest, orderLabel))));
    }

    /** A negative result: the laboratory's reading, or a quantitative beta-hCG below the cut-off. */
    private boolean negative(PatientFacts facts, Observation test) {
        if (test.getValue() instanceof Quantity q && q.hasValue()) {
            boolean lessThan = q.hasComparator() && (q.getComparator() == Quantity.QuantityComparator.LESS_THAN
                    || q.getComparator() == Quantity.QuantityComparator.LESS_OR_EQUAL);
            int against = q.getValue().compareTo(hcgNegativeBelow);
            return against < 0 || lessThan && against <= 0; // "< 5 mIU/mL" is negative too
        }
        return Results.reading(facts, test) == Results.Reading.NEGATIVE;
    }
}
