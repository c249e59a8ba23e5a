package org.biologicscds.guidance;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Timing;

/**
 * The patient's latent TB treatment, read as one course (clinical-v2.md 3.1): the LTBI drugs of the
 * record (orders, statements, administrations; not this request's drafts), from the earliest start
 * to the latest end, its regimen told by the drugs used and their schedule.
 *
 * @param uses      the records of the course, newest first
 * @param regimen   the regimen the drugs and schedule match; empty when they match none
 * @param drugs     the value sets of the regimen drugs that were used
 * @param start     the first day of treatment
 * @param end       the last day of treatment known (today while it is under way)
 * @param doses     distinct days with a recorded administration
 * @param ongoing   an order or statement is still active
 */
record LtbiCourse(List<MedicationUse> uses, Optional<LtbiRegimen> regimen, Set<String> drugs, Optional<LocalDate> start,
                  Optional<LocalDate> end, int doses, boolean ongoing) {

    LtbiCourse {
        uses = List.copyOf(uses);
        drugs = Set.copyOf(drugs);
    }

    /** The course of {@code ltbi-treatment} drugs of the record, if there is any. */
    static Optional<LtbiCourse> read(PatientFacts facts, BiologicOrder order, List<LtbiRegimen> regimens) {
        List<MedicationUse> uses = facts.medications("ltbi-treatment", order).stream()
                .filter(m -> m.kind() != MedicationUse.Kind.DRAFT).toList();
        if (uses.isEmpty()) {
            return Optional.empty();
        }
        Set<String> drugs = new LinkedHashSet<>();
        for (LtbiRegimen regimen : regimens) {
            for (String drug : regimen.drugs()) {
                if (uses.stream().anyMatch(m -> facts.codes().matchesMedication(drug, m.concept()))) {
                    drugs.add(drug);
                }
            }
        }
        boolean ongoing = uses.stream().anyMatch(MedicationUse::active);
        Optional<LocalDate> start = uses.stream().map(MedicationUse::start).flatMap(Optional::stream).min(LocalDate::compareTo);
        Optional<LocalDate> end = ongoing ? Optional.of(facts.today())
                : uses.stream().map(m -> m.end().or(m::start)).flatMap(Optional::stream).max(LocalDate::compareTo);
        int doses = (int) uses.stream().filter(m -> m.kind() == MedicationUse.Kind.ADMINISTRATION)
                .map(MedicationUse::start).flatMap(Optional::stream).distinct().count();
        LtbiRegimen.Schedule schedule = schedule(facts);
        Optional<LtbiRegimen> regimen = regimens.stream().filter(r -> r.matches(drugs, schedule)).findFirst();
        return Optional.of(new LtbiCourse(uses, regimen, drugs, start, end, doses, ongoing));
    }

    /** "LTBI course 1HP (isoniazid, rifapentine): 2026-01-02 to 2026-01-30, 28 days". */
    String describe() {
        boolean endKnown = ongoing || uses.stream()
                .anyMatch(m -> m.end().isPresent() || m.kind() == MedicationUse.Kind.ADMINISTRATION);
        return "LTBI course " + regimenName() + ": " + start.map(LocalDate::toString).orElse("start unknown")
                + (ongoing ? ", under way" : endKnown ? " to " + end.map(LocalDate::toString).orElse("end unknown")
                        + ", " + days() + " days" : ", end not recorded")
                + (doses > 0 ? ", " + doses + " doses recorded" : "")
                + " (" + String.join("; ", uses.stream().map(MedicationUse::describe).toList()) + ")";
    }

    /** Conditions, procedures or observations that document a completed LTBI course. */
    static List<String> completionRecords(PatientFacts facts) {
        List<String> records = new ArrayList<>();
        facts.conditions("ltbi-treatment-completed").forEach(c -> records.add(Describe.condition(c)));
        for (Procedure p : facts.procedures("ltbi-treatment-completed")) {
            records.add(Describe.concept(p.getCode()) + FhirDates.start(p.getPerformed()).map(d -> " on " + d).orElse(""));
        }
        for (Observation o : facts.observations("ltbi-treatment-completed")) {
            records.add(Describe.concept(o.getCode()) + PatientFacts.observationDate(o).map(d -> " on " + d).orElse(""));
        }
        return records;
    }

    static Optional<String> completionDate(PatientFacts facts) {
        List<LocalDate> dates = new ArrayList<>();
        facts.conditions("ltbi-treatment-completed").forEach(c -> PatientFacts.conditionDate(c).ifPresent(dates::add));
        facts.procedures("ltbi-treatment-completed").forEach(p -> FhirDates.start(p.getPerformed()).ifPresent(dates::add));
        facts.observations("ltbi-treatment-completed").forEach(o -> PatientFacts.observationDate(o).ifPresent(dates::add));
        return dates.stream().max(LocalDate::compareTo).map(LocalDate::toString);
    }

    /** Whole days from the first to the last day of treatment; 0 when either is unknown. */
    long days() {
        return start.flatMap(s -> end.map(e -> ChronoUnit.DAYS.between(s, e))).orElse(0L);
    }

    /** Complete by duration or doses of its regimen; a course of drugs that match no regimen must last as long as the longest one. */
    boolean completeBy(List<LtbiRegimen> regimens) {
        if (regimen.isPresent()) {
            return regimen.get().completedBy(days(), doses);
        }
        int longest = regimens.stream().mapToInt(LtbiRegimen::minimumDays).max().orElse(Integer.MAX_VALUE);
        return days() >= longest;
    }

    /** "1HP", or "isoniazid and rifampin, regimen not recognised". */
    String regimenName() {
        return regimen.map(LtbiRegimen::name).orElse("regimen not recognised");
    }

    /**
     * Daily or weekly as the LTBI orders and statements state it (timing repeat, or the sig text);
     * {@link LtbiRegimen.Schedule#ANY} when they do not say or disagree.
     */
    private static LtbiRegimen.Schedule schedule(PatientFacts facts) {
        List<Dosage> dosages = new ArrayList<>();
        facts.record().all(MedicationRequest.class).stream()
                .filter(r -> facts.codes().matchesMedication("ltbi-treatment", facts.medicationConcept(r)))
                .forEach(r -> dosages.addAll(r.getDosageInstruction()));
        facts.record().all(MedicationStatement.class).stream()
                .filter(s -> s.getMedication() instanceof org.hl7.fhir.r4.model.CodeableConcept c
                        && facts.codes().matchesMedication("ltbi-treatment", c))
                .forEach(s -> dosages.addAll(s.getDosage()));
        Set<LtbiRegimen.Schedule> seen = new LinkedHashSet<>();
        for (Dosage dosage : dosages) {
            scheduleOf(dosage).ifPresent(seen::add);
        }
        return seen.size() == 1 ? seen.iterator().next() : LtbiRegimen.Schedule.ANY;
    }

    private static Optional<LtbiRegimen.Schedule> scheduleOf(Dosage dosage) {
        Timing.TimingRepeatComponent repeat = dosage.getTiming().getRepeat();
        if (repeat.hasPeriodUnit() && repeat.hasPeriod()) {
            String unit = repeat.getPeriodUnit().toCode();
            double period = repeat.getPeriod().doubleValue();
            if ("d".equals(unit) && period == 1) {
                return Optional.of(LtbiRegimen.Schedule.DAILY);
            }
            if ("wk".equals(unit) && period == 1) {
                return Optional.of(LtbiRegimen.Schedule.WEEKLY);
            }
        }
        String text = dosage.hasText() ? dosage.getText().toLowerCase(Locale.ROOT) : "";
        if (text.contains("weekly") || text.contains("once a week") || text.contains("every week")) {
            return Optional.of(LtbiRegimen.Schedule.WEEKLY);
        }
        if (text.contains("daily") || text.contains("once a day") || text.contains("every day")) {
            return Optional.of(LtbiRegimen.Schedule.DAILY);
        }
        return Optional.empty();
    }
}
