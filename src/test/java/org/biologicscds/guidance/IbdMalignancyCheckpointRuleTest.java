package org.biologicscds.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.biologicscds.guidance.Ehr.ICD10;
import static org.biologicscds.guidance.Ehr.SNOMED;
import static org.biologicscds.guidance.Ehr.adalimumabOrder;
import static org.biologicscds.guidance.Ehr.condition;
import static org.biologicscds.guidance.Ehr.daysAgo;
import static org.biologicscds.guidance.Ehr.infliximabOrder;
import static org.biologicscds.guidance.Ehr.medicationRequest;
import static org.biologicscds.guidance.Ehr.scenario;

import org.biologicscds.hooks.Indicator;
import org.biologicscds.testing.Scenario;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** ibd-il17, malignancy-history and checkpoint-inhibitor as clinical-v2.md 3.4 tiers them; advice by indication (1.7). */
class IbdMalignancyCheckpointRuleTest {

    private static final String IBD = "ibd-il17";
    private static final String MALIGNANCY = "malignancy-history";
    private static final String CHECKPOINT = "checkpoint-inhibitor";

    static String psoriasis() {
        return condition("pso-1", SNOMED, "200965009", "Chronic plaque psoriasis", "active", "2010-01-01");
    }

    static String ulcerativeColitis() {
        return condition("uc-1", ICD10, "K51.90", "Ulcerative colitis, unspecified, without complications", "active",
                "2019-01-01");
    }

    static String crohns() {
        return condition("cd-1", SNOMED, "34000006", "Crohn's disease", "active", "2018-01-01");
    }

    @Nested
    class IbdIl17 {

        @Test
        void secukinumabInPsoriasisWithUlcerativeColitis_isWarning_adviceCommonToBoth_neverIl17() {
            Finding f = scenario().record(psoriasis(), ulcerativeColitis()).order(Ehr.secukinumabOrder())
                    .finding(IBD).orElseThrow();

            assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(f.summary()).endsWith("on record: IL-17 inhibitors such as secukinumab can worsen IBD")
                    .hasSizeLessThan(140);
            assertThat(f.nextStep()).contains("Options for plaque psoriasis and ulcerative colitis: "
                    + "an IL-23 inhibitor (guselkumab, risankizumab), ustekinumab.").doesNotContain("IL-17 inhibitor (");
            assertThat(f.evidence()).containsExactly("Condition/uc-1");
        }

        @Test
        void brodalumabWithCrohns_isCritical() {
            Finding f = scenario().record(psoriasis(), crohns()).order(Ehr.order("1872251", "brodalumab"))
                    .finding(IBD).orElseThrow();

            assertThat(f.indicator()).isEqualTo(Indicator.CRITICAL);
            assertThat(f.summary()).isEqualTo("Crohn's disease on record: brodalumab is contraindicated");
        }

        @Test
        void brodalumabWithUlcerativeColitis_isWarning() {
            assertThat(scenario().record(psoriasis(), ulcerativeColitis()).order(Ehr.order("1872251", "brodalumab"))
                    .finding(IBD).orElseThrow().indicator()).isEqualTo(Indicator.WARNING);
        }

        @Test
        void etanerceptWithCrohns_isInfoOnTheStart_noneInMaintenance() {
            Finding f = scenario().record(crohns()).order(Ehr.order("214555", "etanercept")).finding(IBD).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.INFO);
            assertThat(f.summary()).isEqualTo("Crohn's disease on record: etanercept does not treat IBD");

            Scenario maintenance = scenario().record(crohns(),
                    medicationRequest("etn-1", "214555", "etanercept", "active", daysAgo(10)))
                    .order(Ehr.order("214555", "etanercept"));
            assertThat(maintenance.ruleIds()).doesNotContain(IBD);
        }

        @Test
        void axialSpondyloarthritisWithCrohns_adviceNamesATnfAntibody() {
            Finding f = scenario().record(condition("as-1", ICD10, "M45.9", "Ankylosing spondylitis of unspecified sites in spine",
                    "active", "2014-01-01"), crohns()).order(Ehr.ixekizumabOrder()).finding(IBD).orElseThrow();

            assertThat(f.nextStep()).contains("TNF monoclonal antibody").contains("upadacitinib")
                    .doesNotContain("IL-23").doesNotContain("ustekinumab");
        }

        @Test
        void psoriasisAndCrohns_optionsCommonToBoth_inTheFirstIndicationsOrder() {
            Finding f = scenario().record(psoriasis(), crohns()).order(Ehr.secukinumabOrder()).finding(IBD).orElseThrow();

            assertThat(f.nextStep()).contains("Options for plaque psoriasis and Crohn's disease: "
                    + "an IL-23 inhibitor (guselkumab, risankizumab), ustekinumab.");
        }
    }

    @Nested
    class Malignancy {

        @Test
        void lymphomaHistoryWithAdalimumab_isWarning_evenInMaintenance() {
            String lymphoma = condition("ly-1", SNOMED, "118601006", "Non-Hodgkin's lymphoma", "remission", "2015-01-01");
            Finding f = scenario().record(lymphoma, medicationRequest("ada-1", "1726846", "adalimumab", "active", daysAgo(10)))
                    .order(adalimumabOrder()).finding(MALIGNANCY).orElseThrow();

            assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(f.summary()).isEqualTo("Lymphoma history (Non-Hodgkin's lymphoma): adalimumab carries a lymphoma warning");
        }

        @Test
        void cancerWithin5Years_isInfoOnTheStart_withRituximabPreferredInRa() {
            Finding f = scenario().record(
                            condition("ra-1", ICD10, "M06.9", "Rheumatoid arthritis, unspecified", "active", "2010-01-01"),
                            condition("bc-1", SNOMED, "363346000", "Malignant neoplastic disease", "resolved", "2023-06-01"))
                    .order(adalimumabOrder()).finding(MALIGNANCY).orElseThrow();

            assertThat(f.indicator()).isEqualTo(Indicator.INFO);
            assertThat(f.summary()).isEqualTo("Cancer history (Malignant neoplastic disease, 2023-06-01): discuss adalimumab with oncology");
            assertThat(f.nextStep()).contains("rituximab is preferred");
        }

        @Test
        void resolvedCancerOlderThan5Years_noCard() {
            assertThat(scenario().record(condition("bc-1", SNOMED, "363346000", "Malignant neoplastic disease", "resolved",
                    "2019-06-01")).order(adalimumabOrder()).ruleIds()).doesNotContain(MALIGNANCY);
        }

        @Test
        void cancerWithin5YearsInMaintenance_noCard_oncePerCourse() {
            assertThat(scenario().record(condition("bc-1", SNOMED, "363346000", "Malignant neoplastic disease", "resolved",
                            "2024-06-01"), medicationRequest("ada-1", "1726846", "adalimumab", "active", daysAgo(10)))
                    .order(adalimumabOrder()).ruleIds()).doesNotContain(MALIGNANCY);
        }
    }

    @Nested
    class Checkpoint {

        static String pembrolizumabGiven(String id, String date) {
            return """
                    {"resourceType":"MedicationAdministration","id":"%s","status":"completed",
                     "subject":{"reference":"Patient/pt-1"},"effectiveDateTime":"%s",
                     "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm",
                       "code":"1547545","display":"pembrolizumab"}],"text":"pembrolizumab (KEYTRUDA) 200 mg IV"}}
                    """.formatted(id, date);
        }

        @Test
        void pembrolizumabThreeWeeksAgo_isInfo_ownsTheCancer_namesTheDateAndTheIrae() {
            Scenario s = scenario().record(
                    condition("mel-1", SNOMED, "363346000", "Malignant melanoma", "active", "2026-01-01"),
                    condition("irae-1", SNOMED, "9014002", "Psoriasis", "active", daysAgo(10)),
                    pembrolizumabGiven("pem-1", daysAgo(21))).order(infliximabOrder());

            Finding f = s.finding(CHECKPOINT).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.INFO);
            assertThat(f.summary()).isEqualTo("Pembrolizumab (KEYTRUDA) 200 mg… given " + daysAgo(21)
                    + ": coordinate infliximab for immune-related plaque psoriasis with oncology").hasSizeLessThan(140);
            assertThat(f.nextStep()).contains("PASI 90").contains("colitis");
            assertThat(s.ruleIds()).doesNotContain(MALIGNANCY);
        }

        @Test
        void pembrolizumab180DaysAgo_counts_181DaysAgo_doesNot() {
            assertThat(scenario().record(pembrolizumabGiven("pem-1", daysAgo(180))).order(infliximabOrder()).ruleIds())
                    .contains(CHECKPOINT);
            assertThat(scenario().record(pembrolizumabGiven("pem-1", daysAgo(181))).order(infliximabOrder()).ruleIds())
                    .doesNotContain(CHECKPOINT);
        }
    }
}
