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
                    .isEqualTo("Multiple sclerosis on record: avoid TNF inhibitors such as adalimumab")
                    .hasSizeLessThan(140);
            assertThat(f.facts()).containsExactly("On the problem list: Multiple sclerosis (since 2012-05-20, resolved)");
            assertThat(f.nextStep()).contains("non-TNF option");
            assertThat(f.evidence()).containsExactly("Condition/ms-1");
        }

        @Test
        void multipleSclerosisInRheumatoidArthritis_advisesRaOptions_neverIl17OrIl23() {
            Scenario s = scenario().record(multipleSclerosis("active"),
                    condition("ra-1", ICD10, "M06.9", "Rheumatoid arthritis, unspecified", "active", "2015-01-01"))
                    .order(adalimumabOrder());

            String advice = s.finding(DEMYELINATING).orElseThrow().nextStep();
            assertThat(advice).startsWith("Options for rheumatoid arthritis: abatacept, rituximab, an IL-6 receptor inhibitor")
                    .doesNotContain("IL-17").doesNotContain("IL-23").doesNotContain("ustekinumab");
        }

        @Test
        void multipleSclerosisInUlcerativeColitis_scenario7_advisesVedolizumabUstekinumabIl23AndS1p_neverIl17() {
            Scenario s = scenario().record(condition("ms-1", ICD10, "G35", "Multiple sclerosis", null, "2015-04-01"),
                    condition("uc-1", ICD10, "K51.90", "Ulcerative colitis, unspecified, without complications", "active",
                            "2019-08-01")).order(infliximabOrder());

            Finding f = s.finding(DEMYELINATING).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.CRITICAL);
            assertThat(f.nextStep()).startsWith("Options for ulcerative colitis: vedolizumab, ustekinumab, "
                    + "an IL-23 inhibitor (guselkumab, risankizumab), mirikizumab, ozanimod or etrasimod")
                    .doesNotContain("IL-17");
        }

        @Test
        void opticNeuritisAlone_isWarning_transverseMyelitisToo() {
            Scenario optic = scenario()
                    .record(condition("on-1", ICD10, "H46.9", "Unspecified optic neuritis", "resolved", "2019-03-01"))
                    .order(infliximabOrder());
            Finding f = optic.finding(DEMYELINATING).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(f.summary()).isEqualTo(
                    "Unspecified optic neuritis on record: TNF inhibitors such as infliximab can cause or worsen demyelination");

            Scenario myelitis = scenario().record(condition("tm-1", ICD10, "G37.3",
                    "Acute transverse myelitis in demyelinating disease of central nervous system", "active", "2020-03-01"))
                    .order(infliximabOrder());
            assertThat(myelitis.finding(DEMYELINATING).orElseThrow().indicator()).isEqualTo(Indicator.WARNING);
        }

        @Test
        void opticNeuritisAndMultipleSclerosis_isCritical() {
            Scenario s = scenario().record(multipleSclerosis("active"),
                    condition("on-1", ICD10, "H46.9", "Unspecified optic neuritis", "resolved", "2011-03-01"))
                    .order(infliximabOrder());

            assertThat(s.finding(DEMYELINATING).orElseThrow().indicator()).isEqualTo(Indicator.CRITICAL);
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
        void opticNeuritisTextOnlyWithEtanercept_isWarning() {
            String textOnly = """
                    {"resourceType":"Condition","id":"on-1","subject":{"reference":"Patient/pt-1"},
                     "code":{"text":"Optic neuritis, left eye"},"onsetDateTime":"2021-03-03"}
                    """;
            Scenario s = scenario().record(textOnly).order(Ehr.order("214555", "etanercept"));

            Finding f = s.finding(DEMYELINATING).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
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
            assertThat(f.summary()).isEqualTo("Serious infection (Sepsis, since " + daysAgo(3)
                    + "): do not give infliximab until it is controlled").hasSizeLessThan(140);
            assertThat(f.facts()).containsExactly("On the problem list: Sepsis (since " + daysAgo(3) + ", active)");
            assertThat(f.nextStep()).startsWith("Treat the infection first and start infliximab once it is controlled");
        }

        @Test
        void sepsisOnset90DaysAgo_isCritical_91DaysAgo_isLongStandingWarning() {
            Finding at90 = scenario().record(condition("sep-1", ICD10, "A41.9", "Sepsis, unspecified organism", "active",
                    daysAgo(90))).order(infliximabOrder()).finding(INFECTION).orElseThrow();
            assertThat(at90.indicator()).isEqualTo(Indicator.CRITICAL);

            Finding at91 = scenario().record(condition("sep-1", ICD10, "A41.9", "Sepsis, unspecified organism", "active",
                    daysAgo(91))).order(infliximabOrder()).finding(INFECTION).orElseThrow();
            assertThat(at91.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(at91.summary()).startsWith("Long-standing serious infection on record").endsWith("confirm its status");
        }

        @Test
        void cellulitisOnset30DaysAgo_isWarning_31DaysAgo_noFinding() {
            assertThat(scenario().record(condition("cel-1", ICD10, "L03.90", "Cellulitis, unspecified", "active",
                    daysAgo(30))).order(infliximabOrder()).finding(INFECTION).orElseThrow().indicator())
                    .isEqualTo(Indicator.WARNING);
            assertThat(scenario().record(condition("cel-1", ICD10, "L03.90", "Cellulitis, unspecified", "active",
                    daysAgo(31))).order(infliximabOrder()).ruleIds()).doesNotContain(INFECTION);
        }

        @Test
        void undatedSepsis_isOneTierLower_dateUnknown() {
            Finding f = scenario().record(condition("sep-1", SNOMED, "91302008", "Sepsis", "active", null))
                    .order(infliximabOrder()).finding(INFECTION).orElseThrow();

            assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(f.summary()).contains("date unknown");
        }

        @Test
        void undatedPneumonia_isInfo_dateUnknown() {
            Finding f = scenario().record(condition("pna-1", ICD10, "J18.9", "Pneumonia, unspecified organism", "active", null))
                    .order(infliximabOrder()).finding(INFECTION).orElseThrow();

            assertThat(f.indicator()).isEqualTo(Indicator.INFO);
            assertThat(f.summary()).contains("date unknown");
        }

        @Test
        void chronicOsteomyelitisCrmoAndPostherpeticNeuralgia_areNotActiveInfections() {
            Scenario s = scenario().record(
                    condition("om-1", ICD10, "M86.60", "Other chronic osteomyelitis, unspecified site", "active", daysAgo(10)),
                    condition("crmo-1", ICD10, "M86.30", "Chronic multifocal osteomyelitis, unspecified site", "active",
                            daysAgo(10)),
                    condition("phn-1", SNOMED, "2177002", "Postherpetic neuralgia after herpes zoster", "active", daysAgo(10)))
                    .order(infliximabOrder());

            assertThat(s.ruleIds()).doesNotContain(INFECTION);
        }

        @Test
        void sepsisOnMaintenance_saysHoldThisDose_neverStart() {
            Finding f = scenario().record(condition("sep-1", ICD10, "A41.9", "Sepsis, unspecified organism", "active",
                            daysAgo(5)),
                    medicationRequest("ada-1", "1726846", "adalimumab", "active", daysAgo(20)))
                    .order(adalimumabOrder()).finding(INFECTION).orElseThrow();

            assertThat(f.indicator()).isEqualTo(Indicator.CRITICAL);
            assertThat(f.summary() + f.nextStep()).doesNotContain("start");
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
        void localisedZosterWithSecukinumab_isWarning_appliesToEveryClass() {
            Scenario s = scenario()
                    .record(condition("hz-1", ICD10, "B02.9", "Zoster without complications", "active", daysAgo(6)))
                    .order(Ehr.secukinumabOrder());

            Finding f = s.finding(INFECTION).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(f.summary()).contains("Zoster").contains("secukinumab");
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
            assertThat(f.summary()).isEqualTo("Severe reaction to infliximab on record (Anaphylaxis): do not give infliximab")
                    .hasSizeLessThan(140);
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
        void allergyToMurineProteins_countsForInfliximab_notForAFullyHumanAntibody() {
            // clinical-v2.md 3.4: infliximab (chimeric) "also murine protein"; adalimumab is fully human
            String murine = """
                    {"resourceType":"AllergyIntolerance","id":"alg-murine","patient":{"reference":"Patient/pt-1"},
                     "clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical","code":"active"}]},
                     "criticality":"high","code":{"text":"Allergy to mouse proteins (laboratory animal worker)"}}
                    """;

            Finding f = scenario().record(murine).order(infliximabOrder()).finding(ALLERGY).orElseThrow();

            assertThat(f.indicator()).isEqualTo(Indicator.CRITICAL);
            assertThat(f.facts()).singleElement().asString().contains("mouse proteins");
            assertThat(scenario().record(murine).order(adalimumabOrder()).ruleIds()).doesNotContain(ALLERGY);
        }

        @Test
        void allergyRecordedAsTextInReactionSubstance_hypotensionByName_isCritical() {
            String allergy = """
                    {"resourceType":"AllergyIntolerance","id":"alg-2","patient":{"reference":"Patient/pt-1"},
                     "code":{"text":"Biologic infusion reaction"},
                     "reaction":[{"substance":{"text":"Remicade"},
                       "manifestation":[{"text":"Urticaria and hypotension during infusion"}]}]}
                    """;
            Scenario s = scenario().record(allergy).order(infliximabOrder());

            Finding f = s.finding(ALLERGY).orElseThrow();
            assertThat(f.indicator()).isEqualTo(Indicator.CRITICAL);
            assertThat(f.facts()).singleElement().asString()
                    .contains("Biologic infusion reaction").contains("Urticaria and hypotension");
        }

        static String mildReaction(String criticality, String manifestation, String severity) {
            return """
                    {"resourceType":"AllergyIntolerance","id":"alg-3","patient":{"reference":"Patient/pt-1"},
                     "clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical","code":"active"}]},
                     "type":"intolerance","criticality":"%s",
                     "code":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"191831","display":"infliximab"}]},
                     "reaction":[{"manifestation":[{"text":"%s"}]%s}]}
                    """.formatted(criticality, manifestation, severity == null ? "" : ",\"severity\":\"" + severity + "\"");
        }

        @Test
        void lowCriticalityInfusionReaction_isWarning_withPremedication_noRemoveSuggestion() {
            Finding f = scenario().record(mildReaction("low", "Infusion reaction: flushing and chills", null))
                    .order(infliximabOrder()).finding(ALLERGY).orElseThrow();

            assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(f.summary()).isEqualTo(
                    "Prior reaction to infliximab (Infusion reaction: flushing a…): premedicate and monitor with infliximab")
                    .hasSizeLessThan(140);
            assertThat(f.facts()).singleElement().asString().contains("Infusion reaction: flushing and chills");
            assertThat(f.nextStep()).contains("antihistamine").contains("paracetamol").contains("trough");
            assertThat(f.suggestions()).isEmpty();
        }

        @Test
        void lowCriticalityButSevereReaction_isCritical() {
            Finding f = scenario().record(mildReaction("low", "Rash", "severe"))
                    .order(infliximabOrder()).finding(ALLERGY).orElseThrow();

            assertThat(f.indicator()).isEqualTo(Indicator.CRITICAL);
        }

        @Test
        void unableToAssessWithSerumSicknessByName_isCritical() {
            Finding f = scenario().record(mildReaction("unable-to-assess", "Serum sickness-like reaction", null))
                    .order(infliximabOrder()).finding(ALLERGY).orElseThrow();

            assertThat(f.indicator()).isEqualTo(Indicator.CRITICAL);
        }

        @Test
        void injectionSiteReactionToAdalimumab_isWarning() {
            String allergy = """
                    {"resourceType":"AllergyIntolerance","id":"alg-4","patient":{"reference":"Patient/pt-1"},
                     "type":"intolerance","criticality":"low",
                     "code":{"text":"Humira"},
                     "reaction":[{"manifestation":[{"text":"Injection site reaction"}],"severity":"mild"}]}
                    """;
            Finding f = scenario().record(allergy).order(adalimumabOrder()).finding(ALLERGY).orElseThrow();

            assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(f.nextStep()).contains("injection sites");
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
