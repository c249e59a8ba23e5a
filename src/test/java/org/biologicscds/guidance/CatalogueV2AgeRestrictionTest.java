package org.biologicscds.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.biologicscds.guidance.Ehr.ICD10;
import static org.biologicscds.guidance.Ehr.TODAY_DATE;
import static org.biologicscds.guidance.Ehr.condition;
import static org.biologicscds.guidance.Ehr.scenario;
import static org.biologicscds.guidance.SwitchingAndDosingRulesTest.patient;

import java.time.LocalDate;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.testing.Scenario;
import org.junit.jupiter.api.Test;

/**
 * {@code age-restriction} for the drugs of catalogue v2: the minimum ages of clinical-v2.md table 5.3
 * with amendment 13 (one row per drug; tralokinumab and lebrikizumab 12 y, upadacitinib atopic
 * dermatitis 12 y, spesolimab 12 y), at the birthdays that matter: the day before (card) and the
 * birthday itself (no card). The site default region is US (FDA).
 */
class CatalogueV2AgeRestrictionTest {

    private static final String AGE = "age-restriction";

    private static String ad() {
        return condition("ad-1", ICD10, "L20.9", "Atopic dermatitis, unspecified", "active", "2025-01-01");
    }

    private static String pjia() {
        return condition("jia-1", ICD10, "M08.00", "Unspecified juvenile rheumatoid arthritis of unspecified site", "active",
                "2025-01-01");
    }

    private static String sjia() {
        return condition("sjia-1", ICD10, "M08.20", "Juvenile rheumatoid arthritis with systemic onset, unspecified site",
                "active", "2025-01-01");
    }

    private static String gpa() {
        return condition("gpa-1", ICD10, "M31.31", "Wegener's granulomatosis with renal involvement", "active", "2026-06-01");
    }

    /** Born so that the birthday {@code years} years + {@code months} months back falls {@code shift} days from today. */
    private static String bornBefore(int years, int months, int shift) {
        LocalDate birthday = TODAY_DATE.minusYears(years).minusMonths(months).plusDays(shift);
        return patient(birthday.toString());
    }

    private static Scenario order(String patient, String condition, String order) {
        return scenario().patient(patient).record(condition).order(Scenario.textOrder(order));
    }

    @Test
    void tralokinumab_atopicDermatitis_from12Years() {
        Scenario dayBefore = order(bornBefore(12, 0, 1), ad(), "Adbry 150 mg/mL pre-filled syringe");
        Scenario birthday = order(bornBefore(12, 0, 0), ad(), "Adbry 150 mg/mL pre-filled syringe");

        Finding f = dayBefore.finding(AGE).orElseThrow();
        assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
        assertThat(f.summary()).isEqualTo("Age 11: tralokinumab is not licensed for atopic dermatitis under 12 years (FDA)");
        assertThat(birthday.finding(AGE)).isEmpty();
    }

    @Test
    void lebrikizumab_from12Years() {
        assertThat(order(bornBefore(12, 0, 1), ad(), "Ebglyss 250 mg pen").finding(AGE)).isPresent();
        assertThat(order(bornBefore(12, 0, 0), ad(), "Ebglyss 250 mg pen").finding(AGE)).isEmpty();
    }

    @Test
    void upadacitinib_atopicDermatitis_12Years_butPolyarticularJia_2Years() {
        assertThat(order(bornBefore(12, 0, 1), ad(), "Rinvoq 15 mg").finding(AGE).orElseThrow().summary())
                .isEqualTo("Age 11: upadacitinib is not licensed for atopic dermatitis under 12 years (FDA)");
        assertThat(order(bornBefore(12, 0, 0), ad(), "Rinvoq 15 mg").finding(AGE)).isEmpty();
        assertThat(order(bornBefore(2, 0, 1), pjia(), "Rinvoq LQ 1 mg/mL").finding(AGE)).isPresent();
        assertThat(order(bornBefore(2, 0, 0), pjia(), "Rinvoq LQ 1 mg/mL").finding(AGE)).isEmpty();
    }

    @Test
    void dupilumab_atopicDermatitis_from6Months() {
        Scenario dayBefore = order(bornBefore(0, 6, 1), ad(), "Dupixent 200 mg pre-filled syringe");

        assertThat(dayBefore.finding(AGE).orElseThrow().summary())
                .isEqualTo("Age 0: dupilumab is not licensed for atopic dermatitis under 6 months (FDA)");
        assertThat(order(bornBefore(0, 6, 0), ad(), "Dupixent 200 mg pre-filled syringe").finding(AGE)).isEmpty();
    }

    @Test
    void tocilizumab_systemicJia_from2Years_otherwiseAdults() {
        assertThat(order(bornBefore(2, 0, 1), sjia(), "Actemra 20 mg/mL vial").finding(AGE)).isPresent();
        assertThat(order(bornBefore(2, 0, 0), sjia(), "Actemra 20 mg/mL vial").finding(AGE)).isEmpty();
        // RA is not a row of the age table: like no indication, the youngest licensed age (2 y) counts
        String ra = condition("ra-1", ICD10, "M06.9", "Rheumatoid arthritis, unspecified", "active", "2025-01-01");
        assertThat(order(bornBefore(17, 0, 0), ra, "Actemra ACTPen 162 mg").finding(AGE)).isEmpty();
        assertThat(order(bornBefore(2, 0, 1), ra, "Actemra ACTPen 162 mg").finding(AGE).orElseThrow().summary())
                .isEqualTo("Age 1: tocilizumab is not licensed for any indication under 2 years (FDA)");
    }

    @Test
    void abatacept_polyarticularJia_2YearsSc_6YearsIv() {
        // table 5.3: abatacept pJIA 2 y SC, 6 y IV (FDA, EMA): the route of the order decides
        Scenario ivAt5 = order(bornBefore(6, 0, 1), pjia(), "Orencia 250 mg lyophilized powder for infusion");
        Scenario ivAt6 = order(bornBefore(6, 0, 0), pjia(), "Orencia 250 mg lyophilized powder for infusion");
        Scenario scAt5 = order(bornBefore(6, 0, 1), pjia(), "Orencia ClickJect 125 mg/mL");
        Scenario scAt1 = order(bornBefore(2, 0, 1), pjia(), "abatacept 50 mg/0.4 mL pre-filled syringe");
        Scenario scAt2 = order(bornBefore(2, 0, 0), pjia(), "abatacept 50 mg/0.4 mL pre-filled syringe");
        Scenario noRouteAt5 = order(bornBefore(6, 0, 1), pjia(), "abatacept 10 mg/kg");

        assertThat(ivAt5.orders().get(0).route()).isEqualTo(AdministrationRoute.INTRAVENOUS);
        assertThat(ivAt5.finding(AGE).orElseThrow().summary())
                .isEqualTo("Age 5: abatacept is not licensed for polyarticular JIA under 6 years (FDA)");
        assertThat(ivAt6.finding(AGE)).isEmpty();
        assertThat(scAt5.finding(AGE)).isEmpty();
        assertThat(scAt1.finding(AGE).orElseThrow().summary())
                .isEqualTo("Age 1: abatacept is not licensed for polyarticular JIA under 2 years (FDA)");
        assertThat(scAt2.finding(AGE)).isEmpty();
        assertThat(noRouteAt5.finding(AGE)).as("route not stated: the lowest minimum (2 y SC) counts").isEmpty();
    }

    @Test
    void subcutaneousInfliximab_isAdultsOnly_evenInCrohns() {
        String cd = condition("cd-1", ICD10, "K50.90", "Crohn's disease, unspecified", "active", "2025-01-01");

        assertThat(order(bornBefore(10, 0, 0), cd, "infliximab 100 mg vial IV").finding(AGE)).isEmpty();
        assertThat(order(bornBefore(10, 0, 0), cd, "Zymfentra 120 mg/mL pen").finding(AGE).orElseThrow().summary())
                .isEqualTo("Age 10: infliximab is not licensed for Crohn's disease under 18 years (FDA)");
    }

    @Test
    void rituximab_gpaMpa_from2YearsFda_otherwiseAdults() {
        assertThat(order(bornBefore(2, 0, 1), gpa(), "Rituxan 100 mg/10 mL IV").finding(AGE).orElseThrow().summary())
                .isEqualTo("Age 1: rituximab is not licensed for granulomatosis with polyangiitis or microscopic polyangiitis"
                        + " under 2 years (FDA)");
        assertThat(order(bornBefore(2, 0, 0), gpa(), "Rituxan 100 mg/10 mL IV").finding(AGE)).isEmpty();
        assertThat(order(bornBefore(18, 0, 1), pjia(), "Truxima 500 mg").finding(AGE)).isPresent();
    }

    @Test
    void adultsOnlyDrugs_at17And18() {
        String uc = condition("uc-1", ICD10, "K51.90", "Ulcerative colitis, unspecified, without complications", "active",
                "2025-01-01");
        for (String drug : new String[] {"Entyvio 300 mg IV", "Zeposia 0.92 mg", "Velsipity 2 mg", "Jyseleca 200 mg"}) {
            assertThat(order(bornBefore(18, 0, 1), uc, drug).finding(AGE)).as(drug).isPresent();
            assertThat(order(bornBefore(18, 0, 0), uc, drug).finding(AGE)).as(drug).isEmpty();
        }
        String pso = condition("pso-1", ICD10, "L40.0", "Psoriasis vulgaris", "active", "2025-01-01");
        assertThat(order(bornBefore(18, 0, 1), pso, "Sotyktu 6 mg").finding(AGE)).isPresent();
        assertThat(order(bornBefore(18, 0, 1), ad(), "Cibinqo 100 mg").finding(AGE)).isPresent();
    }

    @Test
    void spesolimab_from12YearsFda() {
        String gpp = condition("gpp-1", ICD10, "L40.1", "Generalized pustular psoriasis", "active", "2026-01-01");

        assertThat(order(bornBefore(12, 0, 1), gpp, "Spevigo 450 mg/7.5 mL vial").finding(AGE)).isPresent();
        assertThat(order(bornBefore(12, 0, 0), gpp, "Spevigo 450 mg/7.5 mL vial").finding(AGE)).isEmpty();
    }

    @Test
    void sarilumab_adultsOnly_markedToVerify() {
        Finding f = order(bornBefore(18, 0, 1), pjia(), "Kevzara 200 mg pen").finding(AGE).orElseThrow();

        assertThat(f.facts()).anySatisfy(fact -> assertThat(fact).contains("minimum age to verify"));
    }
}
