package org.biologicscds.guidance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;

/**
 * The hepatitis B family, one finding per order: {@code hbv-active} (HBsAg positive or chronic
 * hepatitis B, and no antiviral), else {@code hbv-resolved} (anti-HBc positive, HBsAg negative),
 * else {@code hbv-screening-missing} (HBsAg or anti-HBc not tested in the window).
 */
final class HepatitisBRule implements Rule {

    static final String ACTIVE = "hbv-active";
    static final String RESOLVED = "hbv-resolved";
    static final String MISSING = "hbv-screening-missing";

    private final int windowDays;
    private final List<org.hl7.fhir.r4.model.Coding> orderTests;
    private final String orderLabel;

    HepatitisBRule(Knowledge knowledge) {
        RuleParameters parameters = knowledge.parameters(MISSING);
        this.windowDays = parameters.days("window");
        this.orderTests = parameters.codings("order-test");
        this.orderLabel = parameters.string("order-test-label");
    }

    @Override
    public List<Finding> evaluate(BiologicOrder order, PatientFacts facts) {
        String drug = order.drug().name();
        Optional<Observation> hbsag = facts.observations("hbsag").stream().findFirst();
        Optional<Observation> antiHbc = facts.observations("anti-hbc").stream().findFirst();
        List<Condition> chronic = facts.activeConditions("hepatitis-b");
        boolean hbsagPositive = hbsag.map(o -> Results.reading(facts, o) == Results.Reading.POSITIVE).orElse(false);
        if (hbsagPositive || !chronic.isEmpty()) {
            List<MedicationUse> antivirals = facts.activeMedications("hbv-antivirals", order);
            if (!antivirals.isEmpty()) {
                return List.of();
            }
            List<String> shown = new ArrayList<>();
            hbsag.filter(o -> hbsagPositive).ifPresent(o -> shown.add("HBsAg positive: " + Results.describe(facts, o)));
            chronic.forEach(c -> shown.add("On the problem list: " + Describe.condition(c)));
            shown.add("No active hepatitis B antiviral (entecavir, tenofovir) in the record");
            return List.of(new Finding(ACTIVE, Indicator.CRITICAL,
                    "Hepatitis B surface antigen positive, no antiviral: do not start " + drug + " yet",
                    shown, "Refer to hepatology: start antiviral therapy and check HBV DNA before " + drug + ".", List.of()));
        }
        boolean hbsagNegative = hbsag.map(o -> Results.reading(facts, o) == Results.Reading.NEGATIVE).orElse(false);
        boolean antiHbcPositive = antiHbc.map(o -> Results.reading(facts, o) == Results.Reading.POSITIVE).orElse(false);
        if (antiHbcPositive && hbsagNegative) {
            return List.of(new Finding(RESOLVED, Indicator.WARNING,
                    "Past hepatitis B (anti-HBc positive): risk of reactivation on " + drug,
                    List.of("Anti-HBc positive: " + Results.describe(facts, antiHbc.get()),
                            "HBsAg negative: " + Results.describe(facts, hbsag.get())),
                    "Check HBV DNA before starting and monitor HBV DNA and ALT every 3 months, or give prophylaxis.",
                    List.of()));
        }
        LocalDate from = facts.today().minusDays(windowDays);
        boolean hbsagRecent = hbsag.flatMap(PatientFacts::observationDate).map(d -> !d.isBefore(from)).orElse(false);
        boolean antiHbcRecent = antiHbc.flatMap(PatientFacts::observationDate).map(d -> !d.isBefore(from)).orElse(false);
        if (hbsagRecent && antiHbcRecent) {
            return List.of();
        }
        List<String> shown = new ArrayList<>();
        shown.add(hbsag.map(o -> "Newest HBsAg: " + Results.describe(facts, o)).orElse("No HBsAg result in the record"));
        shown.add(antiHbc.map(o -> "Newest anti-HBc: " + Results.describe(facts, o)).orElse("No anti-HBc result in the record"));
        shown.add("Screening counts for " + windowDays + " days");
        return List.of(new Finding(MISSING, Indicator.WARNING,
                "No recent hepatitis B screening (HBsAg, anti-HBc) before starting " + drug, shown,
                "Order HBsAg and anti-HBc; start " + drug + " once the results are known.",
                List.of(new SuggestedAction.OrderTests(orderTests, orderLabel))));
    }
}
