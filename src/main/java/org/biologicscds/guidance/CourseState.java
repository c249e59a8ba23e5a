package org.biologicscds.guidance;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.biologicscds.knowledge.Drug;

/**
 * Where an order stands in the patient's course of its drug (clinical-v2.md section 1.3), computed
 * once per order by {@link PatientFacts#course} and read by every rule instead of re-deriving dates.
 * The drug is taken at ingredient level: every biosimilar and both infliximab routes are one drug.
 *
 * @param phase         new start, restart or maintenance
 * @param drug          the drug ordered (or, for patient-view, the therapy under monitoring)
 * @param lastDose      L(D): the last day the drug was (or may have been) given, before this order
 * @param courseStart   the first exposure after the last gap longer than the restart threshold;
 *                      empty for a new start (the course starts with this order)
 * @param switchingFrom other advanced therapies given within the switch window, newest last dose
 *                      first; read only for a new start or restart (a switch)
 * @param reminders     when periodic maintenance items show
 * @param today         the day of the evaluation
 */
public record CourseState(Phase phase, Drug drug, Optional<LocalDate> lastDose, Optional<LocalDate> courseStart,
                          List<DrugHistory.Use> switchingFrom, Reminders reminders, LocalDate today) {

    /** The three course states of section 1.3; a switch is a new start or restart with {@link #switchingFrom}. */
    public enum Phase { NEW_START, RESTART, MAINTENANCE }

    public CourseState {
        switchingFrom = List.copyOf(switchingFrom);
    }

    /** A new start or a restart: the screening tier is warning and the wording "before (re)starting". */
    public boolean startsCourse() {
        return phase != Phase.MAINTENANCE;
    }

    public boolean maintenance() {
        return phase == Phase.MAINTENANCE;
    }

    /** A new start or restart while another advanced therapy was given within the switch window. */
    public boolean isSwitch() {
        return startsCourse() && !switchingFrom.isEmpty();
    }

    /** Whole weeks since the course started; 0 for a course that starts with this order. */
    public long courseWeek() {
        return courseStart.filter(s -> maintenance()).map(s -> ChronoUnit.WEEKS.between(s, today)).orElse(0L);
    }

    /**
     * The words for "this moment of the course": "before starting infliximab" (new start), "before
     * restarting infliximab" (restart), "while on infliximab" (maintenance, and always on patient-view,
     * which never says "start").
     */
    public String moment() {
        return switch (phase) {
            case NEW_START -> "before starting " + drug.name();
            case RESTART -> "before restarting " + drug.name();
            case MAINTENANCE -> "while on " + drug.name();
        };
    }

    /** The verb for the order itself: "starting", "restarting", "continuing". */
    public String verb() {
        return switch (phase) {
            case NEW_START -> "starting";
            case RESTART -> "restarting";
            case MAINTENANCE -> "continuing";
        };
    }

    /** True if a periodic item due on {@code due} shows today (stateless reminder window, amendment 1). */
    public boolean reminderOpen(LocalDate due) {
        return reminders.open(due, today);
    }
}
