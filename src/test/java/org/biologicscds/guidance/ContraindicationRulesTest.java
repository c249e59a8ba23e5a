package org.biologicscds.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.biologicscds.guidance.Ehr.ICD10;
import static org.biologicscds.guidance.Ehr.SNOMED;
import static org.biologicscds.guidance.Ehr.adalimumabOrder;
import static org.biologicscds.guidance.Ehr.condition;
import static org.biologicscds.guidance.Ehr.daysAgo;
import static org.biologicscds.guidance.Ehr.infliximabOrder;
import static org.biologicscds.guidance.Ehr.medicationRequest;
import static org.biologicscds.guidance.Ehr.medicationStatement;
import static org.biologicscds.guidance.Ehr.scenario;

import org.biologicscds.hooks.Indicator;
import org.biologicscds.testing.Scenario;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** demyelinating-disease, active-infection, hypersensitivity and duplicate-biologic. */
class ContraindicationRulesTest {

    private static final String DEMYELINATING = "demyelinating-disease";
    private static final String INFECTION = "active-infection";
    private static final String ALLERGY = "hypersensitivity";
    private static final String DUPLICATE = "duplicate-biologic";

    @Nested
    class DemyelinatingDisease {

        static String multipleSclerosis(String clinicalStatus) {
            return condition("ms-1", SNOMED, "24700007", "Multiple sclerosis", clinicalStatus, "2012-05-20");
        }

        @Test
        void resolvedMultipleSclerosisWithAdalimumab_isCritical_anyHistoryCounts() {
            Scenario s = scenario().record(multipleSclerosis("resolved")).order(adalimumabOrder());

            Finding f = s.finding(DEMYELINATING).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.CRITICAL);
            assertThat(f.summary())
                    .isEqualTo("Multiple sclerosis on record: TNF inhibitors such as adalimumab are contraindicated")
                    .hasSizeLessThan(140);
            assertThat(f.facts()).containsExactly("On the problem list: Multiple sclerosis (since 2012-05-20, resolved)");
            assertThat(f.nextStep()).contains("non-TNF biologic");
        }

        @Test
        void multipleSclerosisWithUstekinumab_noFinding() {
            Scenario s = scenario().record(multipleSclerosis("active")).order(Ehr.ustekinumabOrder());

            assertThat(s.ruleIds()).doesNotContain(DEMYELINATING);
        }

        @Test
        void multipleSclerosisWithSecukinumab_noFinding() {
            Scenario s = scenario().record(multipleSclerosis("active")).order(Ehr.secukinumabOrder());

            assertThat(s.ruleIds()).doesNotContain(DEMYELINATING);
        }

        @Test
        void multipleSclerosisIcd10G35WithInfliximab_isCritical() {
            Scenario s = scenario()
                    .record(condition("ms-1", ICD10, "G35", "Multiple sclerosis", null, null))
                    .order(infliximabOrder());

            assertThat(s.finding(DEMYELINATING).orElseThrow().indicator()).isEqualTo(Indicator.CRITICAL);
        }

        @Test
        void opticNeuritisTextOnlyWithEtanercept_isCritical() {
            String textOnly = """
                    {"resourceType":"Condition","id":"on-1","subject":{"reference":"Patient/pt-1"},
                     "code":{"text":"Optic neuritis, left eye"},"onsetDateTime":"2021-03-03"}
                    """;
            Scenario s = scenario().record(textOnly).order(Ehr.order("214555", "etanercept"));

            Finding f = s.finding(DEMYELINATING).orElseThrow();
            assertThat(f.summary()).startsWith("Optic neuritis, left eye on record").contains("etanercept");
        }

        @Test
        void multipleSclerosisRefuted_noFinding() {
            String refuted = """
                    {"resourceType":"Condition","id":"ms-1","subject":{"reference":"Patient/pt-1"},
                     "verificationStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-ver-status","code":"refuted"}]},
                     "code":{"coding":[{"system":"http://snomed.info/sct","code":"24700007","display":"Multiple sclerosis"}]}}
                    """;
            Scenario s = scenario().record(refuted).order(adalimumabOrder());

            assertThat(s.ruleIds()).doesNotContain(DEMYELINATING);
        }

        @Test
        void migraineWithAdalimumab_noFinding() {
            Scenario s = scenario()
                    .record(condition("mig-1", SNOMED, "37796009", "Migraine", "active", "2018-01-01"))
                    .order(adalimumabOrder());

            assertThat(s.ruleIds()).doesNotContain(DEMYELINATING);
        }
    }

    @Nested
    class ActiveInfection {

        @Test
        void activeSepsisWithInfliximab_isCritical() {
            Scenario s = scenario()
                    .record(condition("sep-1", SNOMED, "91302008", "Sepsis", "active", daysAgo(3)))
                    .order(infliximabOrder());

            Finding f = s.finding(INFECTION).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.CRITICAL);
            assertThat(f.summary()).isEqualTo("Active serious infection (Sepsis): do not start infliximab now")
                    .hasSizeLessThan(140);
            assertThat(f.facts()).containsExactly("On the problem list: Sepsis (since " + daysAgo(3) + ", active)");
            assertThat(f.nextStep()).isEqualTo("Treat the infection first; start infliximab once it has resolved.");
        }

        @Test
        void resolvedPneumonia_noFinding() {
            Scenario s = scenario()
                    .record(condition("pna-1", SNOMED, "233604007", "Pneumonia", "resolved", daysAgo(90)))
                    .order(infliximabOrder());

            assertThat(s.ruleIds()).doesNotContain(INFECTION);
        }

        @Test
        void pneumoniaWithAbatementAndNoClinicalStatus_noFinding() {
            String abated = """
                    {"resourceType":"Condition","id":"pna-1","subject":{"reference":"Patient/pt-1"},
                     "code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"J18.9",
                       "display":"Pneumonia, unspecified organism"}]},
                     "onsetDateTime":"%s","abatementDateTime":"%s"}
                    """.formatted(daysAgo(60), daysAgo(40));
            Scenario s = scenario().record(abated).order(infliximabOrder());

            assertThat(s.ruleIds()).doesNotContain(INFECTION);
        }

        @Test
        void activeHerpesZosterWithSecukinumab_isCritical_appliesToEveryClass() {
            Scenario s = scenario()
                    .record(condition("hz-1", ICD10, "B02.9", "Zoster without complications", "active", daysAgo(6)))
                    .order(Ehr.secukinumabOrder());

            assertThat(s.finding(INFECTION).orElseThrow().summary()).contains("Zoster").contains("secukinumab");
        }

        @Test
        void longInfectionNameIsShortenedInSummary() {
            Scenario s = scenario()
                    .record(condition("cel-1", SNOMED, "128045006",
                            "Cellulitis and abscess of right lower limb with lymphangitis, severe", "active", daysAgo(4)))
                    .order(infliximabOrder());

            Finding f = s.finding(INFECTION).orElseThrow();
            assertThat(f.summary()).contains("…").hasSizeLessThan(140);
        }
    }

    @Nested
    class Hypersensitivity {

        static String allergy(String rxcui, String display, String clinicalStatus, String verificationStatus) {
            return """
                    {"resourceType":"AllergyIntolerance","id":"alg-1",
                     "clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical","code":"%s"}]},
                     "verificationStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/allergyintolerance-verification","code":"%s"}]},
                     "type":"allergy","category":["medication"],"criticality":"high",
                     "code":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"%s","display":"%s"}]},
                     "patient":{"reference":"Patient/pt-1"},"recordedDate":"2021-07-09",
                     "reaction":[{"manifestation":[{"coding":[{"system":"http://snomed.info/sct","code":"39579001",
                       "display":"Anaphylaxis"}]}]}]}
                    """.formatted(clinicalStatus, verificationStatus, rxcui, display);
        }

        @Test
        void allergyToInfliximabIngredientWhenOrderingInflectra_isCritical_withRemoveDraft() {
            Scenario s = scenario().record(allergy("191831", "infliximab", "active", "confirmed")).order(infliximabOrder());

            Finding f = s.finding(ALLERGY).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.CRITICAL);
            assertThat(f.summary()).contains("infliximab").contains("biosimilar").hasSizeLessThan(140);
            assertThat(f.facts()).containsExactly(
                    "Allergy: infliximab, criticality high, reaction: Anaphylaxis, recorded 2021-07-09");
            assertThat(f.suggestions()).singleElement().isInstanceOfSatisfying(SuggestedAction.RemoveDraft.class,
                    remove -> {
                        assertThat(remove.draftReference()).isEqualTo("MedicationRequest/draft-1");
                        assertThat(remove.label()).contains("infliximab");
                    });
        }

        @Test
        void allergyToRemicadeProductWhenOrderingBiosimilar_isCritical() {
            Scenario s = scenario()
                    .record(allergy("213361", "infliximab 100 MG Injection [Remicade]", "active", "unconfirmed"))
                    .order(Ehr.order("1927290", "infliximab-abda 100 MG Injection [Renflexis]"));

            assertThat(s.ruleIds()).contains(ALLERGY);
        }

        @Test
        void refutedInfliximabAllergy_noFinding() {
            Scenario s = scenario().record(allergy("191831", "infliximab", "active", "refuted")).order(infliximabOrder());

            assertThat(s.ruleIds()).doesNotContain(ALLERGY);
        }

        @Test
        void resolvedInfliximabAllergy_noFinding() {
            Scenario s = scenario().record(allergy("191831", "infliximab", "resolved", "confirmed")).order(infliximabOrder());

            assertThat(s.ruleIds()).doesNotContain(ALLERGY);
        }

        @Test
        void allergyToAdalimumabWhenOrderingInfliximab_noFinding() {
            Scenario s = scenario().record(allergy("327361", "adalimumab", "active", "confirmed")).order(infliximabOrder());

            assertThat(s.ruleIds()).doesNotContain(ALLERGY);
        }

        @Test
        void allergyRecordedAsTextInReactionSubstance_isCritical() {
            String allergy = """
                    {"resourceType":"AllergyIntolerance","id":"alg-2","patient":{"reference":"Patient/pt-1"},
                     "code":{"text":"Biologic infusion reaction"},
                     "reaction":[{"substance":{"text":"Remicade"},
                       "manifestation":[{"text":"Urticaria and hypotension during infusion"}]}]}
                    """;
            Scenario s = scenario().record(allergy).order(infliximabOrder());

            Finding f = s.finding(ALLERGY).orElseThrow();
            assertThat(f.facts()).singleElement().asString()
                    .contains("Biologic infusion reaction").contains("Urticaria and hypotension");
        }
    }

    @Nested
    class DuplicateBiologic {

        @Test
        void activeAdalimumabWhileOrderingInfliximab_isWarning_withDiscontinueAndRemoveDraft() {
            // v2 (clinical-v2.md 3.6): a therapy awaiting discontinuation is a warning; critical only for two drafts.
            Scenario s = scenario()
                    .record(medicationRequest("ada-1", "1726846", "0.4 ML adalimumab 100 MG/ML Prefilled Syringe [Humira]",
                            "active", daysAgo(70)))
                    .order(infliximabOrder());

            Finding f = s.finding(DUPLICATE).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(f.summary()).isEqualTo("Adalimumab is still active (since " + daysAgo(70)
                    + "): discontinue it or cancel infliximab").hasSizeLessThan(140);
            assertThat(f.facts()).singleElement().asString()
                    .contains("[Humira]").contains("active MedicationRequest since " + daysAgo(70));
            assertThat(f.suggestions()).hasSize(2);
            assertThat(f.suggestions().get(0)).isInstanceOfSatisfying(SuggestedAction.Discontinue.class,
                    stop -> assertThat(stop.stopped().getIdElement().getIdPart()).isEqualTo("ada-1"));
            assertThat(f.suggestions().get(1)).isInstanceOfSatisfying(SuggestedAction.RemoveDraft.class,
                    remove -> assertThat(remove.draftReference()).isEqualTo("MedicationRequest/draft-1"));
        }

        @Test
        void activeTofacitinibWhileOrderingInfliximab_isWarning() {
            Scenario s = scenario()
                    .record(medicationRequest("tofa-1", "1357536", "tofacitinib", "active", daysAgo(30)))
                    .order(infliximabOrder());

            Finding f = s.finding(DUPLICATE).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(f.summary()).startsWith("Tofacitinib is still active");
        }

        @Test
        void activeInfliximabRefillSameIngredient_noFinding() {
            Scenario s = scenario()
                    .record(medicationRequest("ifx-old", "213361", "infliximab 100 MG Injection [Remicade]", "active",
                            daysAgo(56)))
                    .order(infliximabOrder());

            assertThat(s.ruleIds()).doesNotContain(DUPLICATE);
        }

        @Test
        void stoppedAdalimumab_noFinding() {
            Scenario s = scenario()
                    .record(medicationRequest("ada-1", "1726846", "0.4 ML adalimumab 100 MG/ML Prefilled Syringe [Humira]",
                            "stopped", daysAgo(200)))
                    .order(infliximabOrder());

            assertThat(s.ruleIds()).doesNotContain(DUPLICATE);
        }

        @Test
        void activeUstekinumabStatementWhileOrderingNetakimab_isWarning_withoutDiscontinue() {
            // A statement is not an order the EHR can stop: only "Remove this order" is offered.
            Scenario s = scenario()
                    .record(medicationStatement("ust-1", "847083", "ustekinumab", "active", daysAgo(300), null))
                    .order(Ehr.netakimabOrder());

            Finding f = s.finding(DUPLICATE).orElseThrow();
            assertThat(f.summary()).isEqualTo("Ustekinumab is still active (since " + daysAgo(300)
                    + "): discontinue it or cancel netakimab");
            assertThat(f.suggestions()).singleElement().isInstanceOf(SuggestedAction.RemoveDraft.class);
        }

        @Test
        void activeRituximabWhileOrderingSecukinumab_isADuplicate() {
            Scenario s = scenario()
                    .record(medicationRequest("rtx-1", "1657866", "rituximab 10 MG/ML Injection [Rituxan]", "active",
                            daysAgo(40)))
                    .order(Ehr.secukinumabOrder());

            assertThat(s.ruleIds()).contains(DUPLICATE);
        }

        @Test
        void activeMethotrexate_isNotASecondAdvancedTherapy() {
            Scenario s = scenario()
                    .record(medicationRequest("mtx-1", "105586", "methotrexate 10 MG Oral Tablet", "active", daysAgo(40)))
                    .order(infliximabOrder());

            assertThat(s.ruleIds()).doesNotContain(DUPLICATE);
        }

        @Test
        void adalimumabAsAnotherDraftOfTheSameOrder_isCritical() {
            String adalimumabDraft = """
                    {"resourceType":"MedicationRequest","id":"draft-2","status":"draft","intent":"order",
                     "subject":{"reference":"Patient/pt-1"},
                     "medicationCodeableConcept":{"text":"Humira Pen 40 mg/0.4 mL"}}
                    """;
            Scenario s = scenario().order(infliximabOrder()).order(adalimumabDraft);

            assertThat(s.finding(DUPLICATE).orElseThrow().facts()).singleElement().asString()
                    .contains("draft order in this request");
        }
    }
}
