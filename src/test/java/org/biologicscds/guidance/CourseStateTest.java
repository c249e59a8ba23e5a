package org.biologicscds.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.biologicscds.guidance.Ehr.TODAY_DATE;
import static org.biologicscds.guidance.Ehr.adalimumabOrder;
import static org.biologicscds.guidance.Ehr.daysAgo;
import static org.biologicscds.guidance.Ehr.infliximabOrder;
import static org.biologicscds.guidance.Ehr.medicationRequest;
import static org.biologicscds.guidance.Ehr.medicationStatement;
import static org.biologicscds.guidance.Ehr.scenario;

import java.time.LocalDate;
import org.biologicscds.testing.Scenario;
import org.junit.jupiter.api.Test;

/**
 * The course state of clinical-v2.md section 1.3 (new start, restart, maintenance, switch, course
 * start and week), read from records shaped the way EHRs write them.
 */
class CourseStateTest {

    private static final String ADALIMUMAB = "327361";
    private static final String INFLIXIMAB = "191831";

    private static String administration(String id, String rxcui, String display, String status, String date) {
        return """
                {"resourceType":"MedicationAdministration","id":"%s","status":"%s",
                 "subject":{"reference":"Patient/pt-1"},
                 "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm",
                   "code":"%s","display":"%s"}],"text":"%s"},
                 "effectiveDateTime":"%sT09:30:00-05:00"}
                """.formatted(id, status, rxcui, display, display, date);
    }

    @Test
    void noExposureEvidence_isANewStart_sayingBeforeStarting() {
        CourseState course = scenario().order(adalimumabOrder()).course();

        assertThat(course.phase()).isEqualTo(CourseState.Phase.NEW_START);
        assertThat(course.startsCourse()).isTrue();
        assertThat(course.lastDose()).isEmpty();
        assertThat(course.courseWeek()).isZero();
        assertThat(course.moment()).isEqualTo("before starting adalimumab");
    }

    @Test
    void draftCancelledAndEnteredInErrorRecords_areNoExposure() {
        CourseState course = scenario()
                .record(medicationRequest("a-draft", ADALIMUMAB, "adalimumab", "draft", daysAgo(20)),
                        medicationRequest("a-cancelled", ADALIMUMAB, "adalimumab", "cancelled", daysAgo(40)),
                        medicationStatement("a-eie", ADALIMUMAB, "adalimumab", "entered-in-error", daysAgo(300), null),
                        administration("a-not-done", ADALIMUMAB, "adalimumab", "not-done", daysAgo(14)))
                .order(adalimumabOrder()).course();

        assertThat(course.phase()).isEqualTo(CourseState.Phase.NEW_START);
    }

    @Test
    void aProposalIsNoExposure_butAnOrderIs() {
        String proposal = medicationRequest("a-prop", ADALIMUMAB, "adalimumab", "active", daysAgo(20))
                .replace("\"intent\":\"order\"", "\"intent\":\"proposal\"");

        assertThat(scenario().record(proposal).order(adalimumabOrder()).course().phase())
                .isEqualTo(CourseState.Phase.NEW_START);
        assertThat(scenario().record(medicationRequest("a-1", ADALIMUMAB, "adalimumab", "active", daysAgo(20)))
                .order(adalimumabOrder()).course().phase()).isEqualTo(CourseState.Phase.MAINTENANCE);
    }

    @Test
    void lastDoseWithin180Days_isMaintenance_withCourseWeeksFromTheFirstDose() {
        CourseState course = scenario()
                .record(administration("ifx-0", INFLIXIMAB, "infliximab", "completed", daysAgo(98)),
                        administration("ifx-2", INFLIXIMAB, "infliximab", "completed", daysAgo(84)),
                        administration("ifx-6", INFLIXIMAB, "infliximab", "completed", daysAgo(56)))
                .order(infliximabOrder()).course();

        assertThat(course.phase()).isEqualTo(CourseState.Phase.MAINTENANCE);
        assertThat(course.lastDose()).contains(TODAY_DATE.minusDays(56));
        assertThat(course.courseStart()).contains(TODAY_DATE.minusDays(98));
        assertThat(course.courseWeek()).isEqualTo(14);
        assertThat(course.moment()).isEqualTo("while on infliximab");
    }

    @Test
    void aGapOfMoreThan180Days_startsANewCourse_andTheOldOneDoesNotCount() {
        CourseState course = scenario()
                .record(administration("ifx-old", INFLIXIMAB, "infliximab", "completed", daysAgo(700)),
                        administration("ifx-old2", INFLIXIMAB, "infliximab", "completed", daysAgo(644)),
                        administration("ifx-new", INFLIXIMAB, "infliximab", "completed", daysAgo(28)),
                        administration("ifx-new2", INFLIXIMAB, "infliximab", "completed", daysAgo(14)))
                .order(infliximabOrder()).course();

        assertThat(course.phase()).isEqualTo(CourseState.Phase.MAINTENANCE);
        assertThat(course.courseStart()).contains(TODAY_DATE.minusDays(28));
        assertThat(course.courseWeek()).isEqualTo(4);
    }

    @Test
    void lastDoseOver180DaysAgo_isARestart_sayingBeforeRestarting() {
        CourseState course = scenario()
                .record(administration("ifx-1", INFLIXIMAB, "infliximab", "completed", daysAgo(181 + 56)),
                        administration("ifx-2", INFLIXIMAB, "infliximab", "completed", daysAgo(181)))
                .order(infliximabOrder()).course();

        assertThat(course.phase()).isEqualTo(CourseState.Phase.RESTART);
        assertThat(course.startsCourse()).isTrue();
        assertThat(course.courseStart()).isEmpty();
        assertThat(course.moment()).isEqualTo("before restarting infliximab");
    }

    @Test
    void exactly180Days_isStillMaintenance() {
        CourseState course = scenario()
                .record(administration("ifx-2", INFLIXIMAB, "infliximab", "completed", daysAgo(180)))
                .order(infliximabOrder()).course();

        assertThat(course.phase()).isEqualTo(CourseState.Phase.MAINTENANCE);
    }

    // ---- amendment 19: restart after a gap of more than max(180 d, 2 x the drug's interval)

    private static final String RITUXIMAB = "121191";

    private static String rituximabOrder() {
        return Scenario.textOrder("rituximab 1000 mg IV (Truxima)");
    }

    @Test
    void rituximabEverySixMonths_isMaintenance_notARestartEachCourse() {
        // two 1000 mg infusions two weeks apart, every 6 months (interval 24 wk = 168 d: threshold 336 d)
        CourseState course = scenario()
                .record(administration("rtx-1", RITUXIMAB, "rituximab", "completed", daysAgo(378)),
                        administration("rtx-2", RITUXIMAB, "rituximab", "completed", daysAgo(364)),
                        administration("rtx-3", RITUXIMAB, "rituximab", "completed", daysAgo(196)),
                        administration("rtx-4", RITUXIMAB, "rituximab", "completed", daysAgo(182)))
                .order(rituximabOrder()).course();

        assertThat(course.phase()).isEqualTo(CourseState.Phase.MAINTENANCE);
        assertThat(course.lastDose()).contains(TODAY_DATE.minusDays(182));
        assertThat(course.courseStart()).as("the 6-month gaps do not start new courses").contains(TODAY_DATE.minusDays(378));
        assertThat(course.moment()).isEqualTo("while on rituximab");
    }

    @Test
    void rituximab_336DaysIsMaintenance_337DaysIsARestart() {
        CourseState at336 = scenario().record(administration("rtx", RITUXIMAB, "rituximab", "completed", daysAgo(336)))
                .order(rituximabOrder()).course();
        CourseState at337 = scenario().record(administration("rtx", RITUXIMAB, "rituximab", "completed", daysAgo(337)))
                .order(rituximabOrder()).course();

        assertThat(at336.phase()).isEqualTo(CourseState.Phase.MAINTENANCE);
        assertThat(at337.phase()).isEqualTo(CourseState.Phase.RESTART);
        assertThat(at337.moment()).isEqualTo("before restarting rituximab");
    }

    @Test
    void infliximabAfter182Days_isStillARestart_itsIntervalIsShort() {
        // the same 182-day gap that is maintenance for rituximab: infliximab 8 wk x 2 = 112 d < 180 d
        CourseState course = scenario().record(administration("ifx", INFLIXIMAB, "infliximab", "completed", daysAgo(182)))
                .order(infliximabOrder()).course();

        assertThat(course.phase()).isEqualTo(CourseState.Phase.RESTART);
    }

    @Test
    void aCompleted90DayPrescription_lastsUntilItsSupplyEnds_notItsAuthoredOn() {
        // amendment 4: never a bare authoredOn of a 90-day prescription
        String completed = medicationRequest("ada-90", ADALIMUMAB, "adalimumab", "completed", daysAgo(260))
                .replace("\"intent\":\"order\"", "\"intent\":\"order\",\"dispenseRequest\":{\"expectedSupplyDuration\":"
                        + "{\"value\":90,\"unit\":\"days\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"d\"}}");

        CourseState course = scenario().record(completed).order(adalimumabOrder()).course();

        assertThat(course.lastDose()).contains(TODAY_DATE.minusDays(170));
        assertThat(course.phase()).isEqualTo(CourseState.Phase.MAINTENANCE);
    }

    @Test
    void biosimilarsAreTheSameDrug() {
        CourseState course = scenario()
                .record(administration("inflectra", "1790546", "infliximab-dyyb 100 MG Injection [Inflectra]", "completed",
                        daysAgo(50)))
                .order(infliximabOrder()).course();

        assertThat(course.phase()).isEqualTo(CourseState.Phase.MAINTENANCE);
    }

    @Test
    void aNewStartWhileAnotherTherapyWasGivenWithin180Days_isASwitch() {
        CourseState course = scenario()
                .record(medicationStatement("ada-1", ADALIMUMAB, "adalimumab", "stopped", daysAgo(400), daysAgo(30)))
                .order(Ehr.secukinumabOrder()).course();

        assertThat(course.phase()).isEqualTo(CourseState.Phase.NEW_START);
        assertThat(course.isSwitch()).isTrue();
        assertThat(course.switchingFrom()).singleElement()
                .satisfies(u -> assertThat(u.drug().id()).isEqualTo("adalimumab"))
                .satisfies(u -> assertThat(u.lastDose()).isEqualTo(TODAY_DATE.minusDays(30)));
    }

    @Test
    void aTherapyStoppedOver180DaysAgo_isNoSwitch() {
        CourseState course = scenario()
                .record(medicationStatement("ada-1", ADALIMUMAB, "adalimumab", "stopped", daysAgo(600), daysAgo(200)))
                .order(Ehr.secukinumabOrder()).course();

        assertThat(course.isSwitch()).isFalse();
    }

    @Test
    void reminderWindow_opensOnTheDueDateFor28Days_andRecursEvery90DaysWhileNotDone() {
        Reminders reminders = new Reminders(28, 90);
        LocalDate due = LocalDate.parse("2026-01-10");

        assertThat(reminders.open(due, due.minusDays(1))).isFalse();
        assertThat(reminders.open(due, due)).isTrue();
        assertThat(reminders.open(due, due.plusDays(5))).isTrue();   // scenario 42: 12 months + 5 days
        assertThat(reminders.open(due, due.plusDays(27))).isTrue();
        assertThat(reminders.open(due, due.plusDays(28))).isFalse();
        assertThat(reminders.open(due, due.plusDays(60))).isFalse();  // scenario 42: 14 months
        assertThat(reminders.open(due, due.plusDays(90))).isTrue();   // amendment 1: 15 months
        assertThat(reminders.open(due, due.plusDays(117))).isTrue();
        assertThat(reminders.open(due, due.plusDays(118))).isFalse();
        assertThat(reminders.open(due, due.plusDays(180))).isTrue();
    }
}
