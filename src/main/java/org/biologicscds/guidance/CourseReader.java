package org.biologicscds.guidance;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.biologicscds.knowledge.Drug;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;

/**
 * Reads an order's {@link CourseState} from the record (clinical-v2.md 1.3, amendments 4 and 19).
 * Parameters from {@code Library/course-state}: {@code restart-after} (180 d; a drug's own threshold
 * is at least twice its maintenance interval, so rituximab every 6 months is maintenance),
 * {@code switch-window} (180 d), {@code reminder-window} (28 d), {@code reminder-recur} (90 d).
 */
final class CourseReader {

    private final int restartAfterDays;
    private final int switchWindowDays;
    private final Reminders reminders;

    CourseReader(Knowledge knowledge) {
        RuleParameters course = knowledge.course();
        this.restartAfterDays = course.days("restart-after");
        this.switchWindowDays = course.days("switch-window");
        this.reminders = new Reminders(course.days("reminder-window"), course.days("reminder-recur"));
    }

    CourseState read(BiologicOrder order, PatientFacts facts) {
        LocalDate today = facts.today();
        Drug drug = order.drug();
        List<DrugHistory.Use> uses = DrugHistory.biologics(facts, order);
        List<DrugHistory.Use> ofDrug = uses.stream()
                .filter(u -> u.drug().id().equals(drug.id()) && !u.lastDose().equals(LocalDate.MIN)).toList();
        int restartAfter = restartAfter(drug);
        Optional<LocalDate> lastDose = ofDrug.stream().map(DrugHistory.Use::lastDose).max(Comparator.naturalOrder());
        Optional<LocalDate> courseStart = courseStart(ofDrug, restartAfter, today);
        CourseState.Phase phase;
        if (order.ongoing()) {
            // patient-view: a therapy the patient is on is always maintenance, and never "start"
            phase = CourseState.Phase.MAINTENANCE;
            courseStart = courseStart.or(order::therapyStart);
        } else if (lastDose.isEmpty()) {
            phase = CourseState.Phase.NEW_START;
        } else if (ChronoUnit.DAYS.between(lastDose.get(), today) > restartAfter) {
            phase = CourseState.Phase.RESTART;
            courseStart = Optional.empty();
        } else {
            phase = CourseState.Phase.MAINTENANCE;
        }
        List<DrugHistory.Use> switchingFrom = uses.stream()
                .filter(u -> !u.drug().id().equals(drug.id()) && !u.lastDose().equals(LocalDate.MIN))
                .filter(u -> ChronoUnit.DAYS.between(u.lastDose(), today) <= switchWindowDays)
                .toList();
        return new CourseState(phase, drug, lastDose, phase == CourseState.Phase.MAINTENANCE ? courseStart : Optional.empty(),
                switchingFrom, reminders, today);
    }

    /** max(restart-after, 2 x the drug's maintenance interval) (amendment 19). */
    private int restartAfter(Drug drug) {
        return Math.max(restartAfterDays, drug.maintenanceIntervalDays().map(i -> 2 * i).orElse(0));
    }

    /**
     * The first exposure after the last gap longer than the threshold: walking the uses from the
     * oldest, each gap between the end of what came before and the next start that is longer than
     * the threshold starts a new course.
     */
    private static Optional<LocalDate> courseStart(List<DrugHistory.Use> uses, int restartAfter, LocalDate today) {
        record Span(LocalDate from, LocalDate to) {
        }
        List<Span> spans = uses.stream()
                .map(u -> new Span(u.use().start().filter(s -> !s.isAfter(u.lastDose())).orElse(u.lastDose()), u.lastDose()))
                .sorted(Comparator.comparing(Span::from))
                .toList();
        if (spans.isEmpty()) {
            return Optional.empty();
        }
        LocalDate start = spans.get(0).from();
        LocalDate reach = spans.get(0).to();
        for (Span span : spans.subList(1, spans.size())) {
            if (ChronoUnit.DAYS.between(reach, span.from()) > restartAfter) {
                start = span.from();
            }
            if (span.to().isAfter(reach)) {
                reach = span.to();
            }
        }
        return ChronoUnit.DAYS.between(reach, today) > restartAfter ? Optional.empty() : Optional.of(start);
    }
}
