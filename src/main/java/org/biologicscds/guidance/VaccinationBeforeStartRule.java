package org.biologicscds.guidance;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;

/**
 * {@code vaccination-before-start} (clinical-v2.md section 4, amendment 15): an adult starting (or
 * restarting) an immunosuppressive advanced therapy gets one info card per course listing the
 * vaccines still to consider, each with why:
 * <ul>
 *   <li>recombinant zoster vaccine (RZV, CVX 187) from {@code rzv-min-age} (19 y: acip-rzv-2022,
 *       adults who are or will be immunosuppressed), complete with {@code rzv-doses} (2) doses;</li>
 *   <li>pneumococcal, complete with PCV20 or PCV21, or PCV15/PCV13 followed by PPSV23;</li>
 *   <li>influenza since the season start ({@code influenza-season-start}, 1 Aug), only in the
 *       months of {@code influenza-month} (Sep-Mar);</li>
 *   <li>hepatitis B when HBsAg and anti-HBc are negative (newest), anti-HBs is below
 *       {@code anti-hbs-protective} (10 IU/L) or absent, and no complete series is on record;</li>
 *   <li>varicella (live) when the newest VZV IgG is negative and no varicella vaccine is on record:
 *       at least {@code live-lead-time} (4 weeks) before the start.</li>
 * </ul>
 */
final class VaccinationBeforeStartRule implements Rule {

    static final String ID = "vaccination-before-start";

    private final List<String> appliesTo;
    private final int minAge;
    private final int rzvMinAge;
    private final int rzvDoses;
    private final String rzv;
    private final String pcvComplete;
    private final String pcvFollowedByPpsv;
    private final String ppsv;
    private final String influenza;
    /** Read once: parsing it per call showed in the request profile (docs/performance.md). */
    private final MonthDay seasonStart;
    private final List<Integer> influenzaMonths;
    private final String hepbVaccine;
    private final String hepbTwoDose;
    private final int hepbDoses;
    private final String hbsag;
    private final String antiHbc;
    private final String antiHbs;
    private final BigDecimal antiHbsProtective;
    private final String vzvIgg;
    private final String varicellaVaccine;
    private final int liveLeadDays;
    private final Map<String, String> itemNames;
    private final String summary;
    private final String advice;
    private final Indicator indicator;

    /** MM-DD as a month and day, or null when it is no such day. */
    private static MonthDay parseMonthDay(String monthDay) {
        try {
            return MonthDay.parse("--" + monthDay);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    @Override
    public String name() {
        return ID;
    }

    VaccinationBeforeStartRule(Knowledge knowledge) {
        RuleParameters p = knowledge.parameters(ID);
        this.appliesTo = p.strings("applies-to");
        this.minAge = p.days("min-age") / 365;
        this.rzvMinAge = p.days("rzv-min-age") / 365;
        this.rzvDoses = p.integer("rzv-doses");
        this.rzv = knowledge.valueSet(ID, "rzv-value-set");
        this.pcvComplete = knowledge.valueSet(ID, "pcv-complete-value-set");
        this.pcvFollowedByPpsv = knowledge.valueSet(ID, "pcv-followed-by-ppsv23-value-set");
        this.ppsv = knowledge.valueSet(ID, "ppsv23-value-set");
        this.influenza = knowledge.valueSet(ID, "influenza-value-set");
        String start = p.string("influenza-season-start");
        this.seasonStart = start.matches("\\d{2}-\\d{2}") ? parseMonthDay(start) : null;
        this.influenzaMonths = p.strings("influenza-month").stream().map(Integer::parseInt).toList();
        this.hepbVaccine = knowledge.valueSet(ID, "hepatitis-b-vaccine-value-set");
        this.hepbTwoDose = knowledge.valueSet(ID, "hepatitis-b-two-dose-value-set");
        this.hepbDoses = p.integer("hepatitis-b-series-doses");
        this.hbsag = knowledge.valueSet(ID, "hbsag-value-set");
        this.antiHbc = knowledge.valueSet(ID, "anti-hbc-value-set");
        this.antiHbs = knowledge.valueSet(ID, "anti-hbs-value-set");
        this.antiHbsProtective = p.decimal("anti-hbs-protective");
        this.vzvIgg = knowledge.valueSet(ID, "vzv-igg-value-set");
        this.varicellaVaccine = knowledge.valueSet(ID, "varicella-vaccine-value-set");
        this.liveLeadDays = p.days("live-lead-time");
        this.itemNames = p.textsByDrug("item-name");
        for (String item : List.of("rzv", "pneumococcal", "influenza", "hepatitis-b", "varicella")) {
            if (!itemNames.containsKey(item)) {
                throw p.invalid("item-name", "needs a value for '" + item + "'");
            }
        }
        this.summary = p.string("summary");
        this.advice = p.string("advice");
        this.indicator = p.indicator();
        if (influenzaMonths.stream().anyMatch(m -> m < 1 || m > 12) || seasonStart == null) {
            throw p.invalid("influenza-month", "months 1-12 and a season start MM-DD");
        }
    }

    @Override
    public List<Finding> evaluate(BiologicOrder order, PatientFacts facts) {
        if (order.ongoing() || !order.isOneOf(appliesTo)) {
            return List.of();
        }
        CourseState course = facts.course(order);
        if (!course.startsCourse()) {
            return List.of(); // info, once per course: on the new start or restart (1.2)
        }
        Optional<Integer> age = facts.ageInYears();
        if (age.isEmpty() || age.get() < minAge) {
            return List.of(); // adults; no birth date: age-restriction already says it could not check the age
        }
        String drug = order.drug().name();
        List<String> items = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        if (age.get() >= rzvMinAge) {
            rzv(facts).ifPresent(why -> add("rzv", why, items, shown));
        }
        pneumococcal(facts).ifPresent(why -> add("pneumococcal", why, items, shown));
        influenza(facts).ifPresent(why -> add("influenza", why, items, shown));
        hepatitisB(facts).ifPresent(why -> add("hepatitis-b", why, items, shown));
        varicella(facts, drug).ifPresent(why -> add("varicella", why, items, shown));
        if (items.isEmpty()) {
            return List.of();
        }
        String text = Wording.fill(summary, Map.of("moment", course.moment(), "drug", drug, "list", String.join(", ", items)));
        return List.of(new Finding(ID, indicator, text, shown, Wording.fill(advice, Map.of("drug", drug,
                "weeks", String.valueOf(liveLeadDays / 7))), List.of()));
    }

    private void add(String item, String why, List<String> items, List<String> shown) {
        items.add(itemNames.get(item));
        shown.add(why);
    }

    private List<LocalDate> doses(PatientFacts facts, String valueSet) {
        return facts.immunizations(valueSet).stream().map(i -> FhirDates.start(i.getOccurrence()))
                .flatMap(Optional::stream).filter(d -> !d.isAfter(facts.today())).toList();
    }

    private Optional<String> rzv(PatientFacts facts) {
        List<LocalDate> given = doses(facts, rzv);
        if (given.size() >= rzvDoses) {
            return Optional.empty();
        }
        return Optional.of(given.isEmpty() ? "No recombinant zoster vaccine (RZV) on record"
                : "Recombinant zoster vaccine: " + given.size() + " of " + rzvDoses + " doses on record (last "
                + given.get(0) + ")");
    }

    /** Complete: PCV20 or PCV21; or PCV15/PCV13 followed by PPSV23 (amendment 15). */
    private Optional<String> pneumococcal(PatientFacts facts) {
        if (!doses(facts, pcvComplete).isEmpty()) {
            return Optional.empty();
        }
        List<LocalDate> pcv = doses(facts, pcvFollowedByPpsv);
        List<LocalDate> ppsv23 = doses(facts, ppsv);
        if (!pcv.isEmpty()) {
            LocalDate firstPcv = pcv.get(pcv.size() - 1);
            if (ppsv23.stream().anyMatch(d -> d.isAfter(firstPcv))) {
                return Optional.empty();
            }
            return Optional.of("Pneumococcal: conjugate vaccine (PCV13/PCV15) on " + pcv.get(0)
                    + " and no PPSV23 after it (complete: PCV20 or PCV21, or PCV15/PCV13 followed by PPSV23)");
        }
        if (!ppsv23.isEmpty()) {
            return Optional.of("Pneumococcal: PPSV23 on " + ppsv23.get(0) + " and no conjugate vaccine (PCV20 or PCV21) on record");
        }
        return Optional.of("No pneumococcal vaccine on record (complete: PCV20 or PCV21, or PCV15/PCV13 followed by PPSV23)");
    }

    private Optional<String> influenza(PatientFacts facts) {
        LocalDate today = facts.today();
        if (!influenzaMonths.contains(today.getMonthValue())) {
            return Optional.empty();
        }
        LocalDate start = seasonStart.atYear(today.getYear());
        if (start.isAfter(today)) {
            start = start.minusYears(1);
        }
        LocalDate from = start;
        if (doses(facts, influenza).stream().anyMatch(d -> !d.isBefore(from))) {
            return Optional.empty();
        }
        return Optional.of("No influenza vaccine since " + from + " (this season)");
    }

    /** Only for a patient shown to be susceptible: HBsAg and anti-HBc negative, anti-HBs below 10 IU/L or absent. */
    private Optional<String> hepatitisB(PatientFacts facts) {
        Optional<Observation> s = facts.observations(hbsag).stream().findFirst();
        Optional<Observation> c = facts.observations(antiHbc).stream().findFirst();
        if (s.isEmpty() || c.isEmpty() || Results.reading(facts, s.get()) != Results.Reading.NEGATIVE
                || Results.reading(facts, c.get()) != Results.Reading.NEGATIVE) {
            return Optional.empty();
        }
        Optional<Observation> sAb = facts.observations(antiHbs).stream().findFirst();
        String antibody = "no anti-HBs on record";
        if (sAb.isPresent()) {
            Optional<Boolean> protective = protective(facts, sAb.get());
            if (protective.isEmpty() || protective.get()) {
                return Optional.empty(); // immune, or a value that cannot be read: not listed as needed
            }
            antibody = "anti-HBs " + Results.describe(facts, sAb.get()) + ", below " + antiHbsProtective.toPlainString() + " IU/L";
        }
        List<LocalDate> twoDose = doses(facts, hepbTwoDose);
        List<LocalDate> all = doses(facts, hepbVaccine);
        if (twoDose.size() >= 2 || all.size() >= hepbDoses) {
            return Optional.empty();
        }
        return Optional.of("Hepatitis B: HBsAg and anti-HBc negative, " + antibody + ", " + all.size()
                + " hepatitis B vaccine dose(s) on record");
    }

    /** True if anti-HBs is 10 IU/L or more (mIU/mL is the same), false below or negative; empty if unreadable. */
    private Optional<Boolean> protective(PatientFacts facts, Observation o) {
        if (o.getValue() instanceof Quantity q && q.hasValue()) {
            String unit = q.hasCode() ? q.getCode() : q.getUnit();
            String key = unit == null ? "" : LabReading.unitKey(unit);
            if (key.isEmpty() || key.equals("[iu]/l") || key.equals("iu/l") || key.equals("m[iu]/ml") || key.equals("miu/ml")
                    || key.equals("mu/ml")) {
                return Optional.of(q.getValue().compareTo(antiHbsProtective) >= 0);
            }
            return Optional.empty();
        }
        Results.Reading reading = Results.reading(facts, o);
        return reading == Results.Reading.NEGATIVE ? Optional.of(false)
                : reading == Results.Reading.POSITIVE ? Optional.of(true) : Optional.empty();
    }

    private Optional<String> varicella(PatientFacts facts, String drug) {
        Optional<Observation> igg = facts.observations(vzvIgg).stream().findFirst();
        if (igg.isEmpty() || Results.reading(facts, igg.get()) != Results.Reading.NEGATIVE
                || !doses(facts, varicellaVaccine).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("VZV IgG negative (" + Results.describe(facts, igg.get())
                + ") and no varicella vaccine on record: a live vaccine, at least " + liveLeadDays / 7
                + " weeks before starting " + drug);
    }
}
