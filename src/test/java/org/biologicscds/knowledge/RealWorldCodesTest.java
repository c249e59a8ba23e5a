package org.biologicscds.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.biologicscds.testing.TestKnowledge;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The knowledge's condition and laboratory value sets against codes as real records carry them
 * (clinical-v2.md section 6, issue 15 point 5): billable ICD-10-CM subcodes several levels under the
 * listed prefix, WHO ICD-10 codes of RU and EU records, codes with and without dots, the codes each
 * value set must not hold (exclusions, neighbours, look-alikes), and SNOMED CT descendants and
 * display names as the second net. Every case names the value set, the code and the answer, so a
 * failure says which clinical fact a value set gets wrong.
 */
class RealWorldCodesTest {

    private static final String CM = "http://hl7.org/fhir/sid/icd-10-cm";
    private static final String WHO = "http://hl7.org/fhir/sid/icd-10";
    private static final String SCT = "http://snomed.info/sct";
    private static final String LOINC = "http://loinc.org";
    private static final ValueSets VALUE_SETS = TestKnowledge.get().valueSets();

    static Stream<Arguments> icd10cm() {
        return Stream.<Stream<Arguments>>of(
                // IBD: K51.00 was the v1 miss (only K51.90 was listed)
                in("inflammatory-bowel-disease", "K51.00", "K51.011", "K51.90", "K50.112", "K50.90", "K52.3", "K51.518"),
                out("inflammatory-bowel-disease", "K52.9", "K58.9", "K52.831", "K5"),
                in("inflammatory-bowel-disease", "K50", "K51"),
                in("crohns-disease", "K50.112", "K50.00", "K50.918"),
                out("crohns-disease", "K51.00", "K52.3"),
                // active TB, extrapulmonary A17-A18 included (scenario 17: A18.01 TB of spine)
                in("tb-active", "A18.01", "A17.0", "A17.81", "A18.2", "A18.31", "A15.0", "A15.9", "A19.9", "A19.1"),
                out("tb-active", "A16.2", "Z22.7", "R76.11", "Z86.11", "A31.0", "A30.9"),
                in("tb-latent", "Z22.7", "R76.11", "R76.12"),
                out("tb-latent", "A15.0", "Z86.11", "R76.8"),
                in("tb-history", "Z86.11"),
                out("tb-history", "Z86.19", "Z22.7"),
                in("heart-failure", "I50.22", "I50.9", "I50.1", "I50.810", "I50.43", "I11.0", "I13.0", "I13.2", "I09.81"),
                out("heart-failure", "I11.9", "I13.10", "I13.11", "I42.0", "I09.89", "I51.7"),
                // MS: G35 and its FY2026 subcodes; G37 without G37.2 (myelinolysis) and G37.3 (transverse myelitis)
                in("demyelinating-cns", "G35", "G35.A", "G35.B0", "G35.C1", "G35.D", "G36.0", "G36.9", "G37.9", "G37.81",
                        "G37.5"),
                out("demyelinating-cns", "G37.2", "G37.3", "H46.9", "G61.0", "G61.81", "G3"),
                in("demyelinating-other", "G37.3", "H46.9", "H46.01", "H46.13", "G61.0", "G61.81"),
                out("demyelinating-other", "G61.82", "G61.9", "G37.2", "G35", "G37.9"),
                in("demyelinating-disease", "G35.A", "G37.3", "H46.11", "G61.81", "G36.0"),
                out("demyelinating-disease", "G37.2", "G61.89"),
                // pregnancy: ongoing pregnancy yes; abortive outcome, delivery, puerperium, pregnancy tests no
                in("pregnancy", "O24.419", "O24.410", "O26.891", "O09.90", "O09.A1", "O48.0", "O20.0", "Z33.1", "Z34.82",
                        "Z34.00", "Z3A.20", "Z3A.08", "O36.5930"),
                out("pregnancy", "O80", "O82", "O03.9", "O00.101", "O04.5", "O99.43", "O92.5", "O86.4", "Z33.2", "Z32.00",
                        "Z32.02", "Z39.2", "Z35.5"),
                in("breastfeeding", "Z39.1"),
                out("breastfeeding", "Z39.2", "O92.5"),
                in("hepatitis-b", "B18.1", "B18.0", "B16.9", "B19.10", "Z22.51"),
                out("hepatitis-b", "B18.2", "Z22.50", "Z86.19", "B17.10"),
                in("hepatitis-c", "B18.2", "B17.10", "B17.11", "B19.20", "B19.21"),
                out("hepatitis-c", "B18.1", "Z86.19"),
                in("hiv-infection", "B20", "Z21", "O98.711", "O98.73"),
                out("hiv-infection", "R75", "Z11.4", "Z20.6", "B24"),
                // indications
                in("plaque-psoriasis", "L40.0", "L40.1", "L40.3", "L40.4", "L40.8", "L40.9"),
                out("plaque-psoriasis", "L40.50", "L40.51", "L40.59", "L41.0"),
                in("psoriatic-arthritis", "L40.51", "L40.50", "L40.52", "L40.59"),
                out("psoriatic-arthritis", "L40.0", "L40.4"),
                in("rheumatoid-arthritis", "M05.79", "M05.00", "M05.10", "M06.9", "M06.09", "M06.4"),
                out("rheumatoid-arthritis", "M08.00", "M07.60", "M35.3"),
                in("juvenile-idiopathic-arthritis", "M08.00", "M08.40", "M08.3"),
                out("juvenile-idiopathic-arthritis", "M06.9"),
                in("axial-spondyloarthritis", "M45.9", "M45.0", "M45.A0", "M45.AB", "M46.80"),
                out("axial-spondyloarthritis", "M46.1", "M47.816", "M48.06"),
                in("hidradenitis-suppurativa", "L73.2"),
                out("hidradenitis-suppurativa", "L73.1", "L73.9"),
                // CRMO is M86.3 and in no infection set
                in("crmo", "M86.30", "M86.39", "M86.371"),
                out("crmo", "M86.10", "M86.60", "M86.9"),
                out("infection-critical", "M86.30", "M86.39", "M86.60", "M86.40", "M86.9", "B02.22", "B02.29", "B02.9"),
                out("infection-warning", "M86.30", "B02.22", "B02.7", "J47.9"),
                out("infection-chronic", "M86.30", "M86.10", "J18.9"),
                out("serious-infection", "M86.30", "M86.60", "J47.9", "J32.9", "B02.22"),
                in("myositis", "M33.10", "M33.12", "M33.20", "M33.00", "M33.90", "M36.0"),
                out("myositis", "M60.9", "M36.1"),
                // infections by tier
                in("infection-critical", "A41.9", "A41.51", "A40.3", "R65.21", "R78.81", "B02.7", "B02.0", "B02.1",
                        "B02.30", "B02.31", "M00.9", "M00.061", "M86.10", "M86.171", "B59", "B44.1", "B39.4", "B37.7",
                        "B37.81", "A31.0", "A32.7", "K61.1", "K63.0", "K75.0", "J85.2", "G06.0", "A81.2"),
                out("infection-critical", "J18.9", "L03.115", "A42.9", "B37.0", "B37.3"),
                in("infection-warning", "J18.9", "J10.1", "J11.1", "J09.X2", "J15.212", "L03.115", "L02.416", "N10",
                        "B02.9", "B02.8", "A04.72", "U07.1"),
                out("infection-warning", "A41.9", "J20.9", "N30.00", "J44.1"),
                in("infection-chronic", "J47.9", "J47.1", "J32.0", "J32.9", "M86.60", "M86.40", "M86.572"),
                in("serious-infection", "A41.9", "J18.9", "B02.7", "B02.9"),
                // cancer
                in("lymphoma", "C81.90", "C83.30", "C86.1", "C88.0", "C84.A0", "Z85.71", "Z85.72"),
                out("lymphoma", "C90.00", "C91.10", "Z85.79", "C80.1"),
                in("malignancy", "C43.9", "C50.911", "C44.91", "C18.7", "C90.00", "D05.10", "D09.9", "Z85.3", "Z85.828"),
                out("malignancy", "D12.6", "D48.5", "Z80.0", "Z12.11", "D10.0")).flatMap(cases -> cases);
    }

    static Stream<Arguments> whoIcd10() {
        return Stream.<Stream<Arguments>>of(
                in("inflammatory-bowel-disease", "K51.0", "K50.1", "K52.3"),
                in("tb-active", "A16.2", "A15.0", "A18.0", "A17.0", "A19.9"),
                in("tb-latent", "Z22.7", "R76.1"),
                in("heart-failure", "I50.0", "I50.1", "I11.0", "I13.2"),
                in("demyelinating-cns", "G35", "G36.0", "G37.9"),
                out("demyelinating-cns", "G37.2", "G37.3"),
                in("demyelinating-other", "G37.3", "H46", "G61.0"),
                in("pregnancy", "Z33", "Z34.0", "Z35.5", "O24.4", "O48", "O09.3"),
                out("pregnancy", "O80.0", "O03.9", "Z32.0", "Z39.2"),
                in("hepatitis-b", "B18.1", "B16.9"),
                in("hiv-infection", "B20.0", "B22.7", "B24", "Z21"),
                out("hiv-infection", "R75"),
                in("psoriatic-arthritis", "L40.5"),
                in("rheumatoid-arthritis", "M05.8", "M06.0"),
                in("crmo", "M86.3"),
                out("infection-critical", "M86.3", "R65.2", "B02.2"),
                in("infection-critical", "A41.9", "B02.7", "M86.1"),
                in("infection-warning", "J18.9", "U07.1", "B02.9"),
                in("lymphoma", "C83.3"),
                in("malignancy", "C50.9", "D05.1")).flatMap(cases -> cases);
    }

    @ParameterizedTest(name = "ICD-10-CM {1} in {0}: {2}")
    @MethodSource("icd10cm")
    void icd10cmCode(String valueSet, String code, boolean member) {
        assertThat(VALUE_SETS.matches(valueSet, coded(CM, code, null))).as("ICD-10-CM %s in %s", code, valueSet).isEqualTo(member);
        String undotted = code.replace(".", "");
        assertThat(VALUE_SETS.matches(valueSet, coded(CM, undotted, null))).as("ICD-10-CM %s (no dot) in %s", undotted, valueSet)
                .isEqualTo(member);
        assertThat(VALUE_SETS.matches(valueSet, coded(CM, " " + code.toLowerCase(java.util.Locale.ROOT) + " ", null)))
                .as("ICD-10-CM %s (lower case, spaces) in %s", code, valueSet).isEqualTo(member);
    }

    @ParameterizedTest(name = "WHO ICD-10 {1} in {0}: {2}")
    @MethodSource("whoIcd10")
    void whoIcd10Code(String valueSet, String code, boolean member) {
        assertThat(VALUE_SETS.matches(valueSet, coded(WHO, code, null))).as("ICD-10 %s in %s", code, valueSet).isEqualTo(member);
        assertThat(VALUE_SETS.matches(valueSet, coded(WHO, code.replace(".", ""), null))).as("ICD-10 %s (no dot) in %s", code, valueSet)
                .isEqualTo(member);
    }

    @Test
    void systemsAreNotMixed_aWhoOnlyCodeUnderIcd10cmIsNoMember_andALocalSystemNeverMatchesByPrefix() {
        assertThat(VALUE_SETS.matches("tb-active", coded(CM, "A16.2", null))).isFalse();
        assertThat(VALUE_SETS.matches("tb-active", coded(WHO, "A16.2", null))).isTrue();
        assertThat(VALUE_SETS.matches("hiv-infection", coded(CM, "B24", null))).isFalse();
        assertThat(VALUE_SETS.matches("hiv-infection", coded(WHO, "B24", null))).isTrue();
        assertThat(VALUE_SETS.matches("pregnancy", coded(CM, "Z35.5", null))).isFalse();
        assertThat(VALUE_SETS.matches("pregnancy", coded(WHO, "Z35.5", null))).isTrue();
        assertThat(VALUE_SETS.matches("inflammatory-bowel-disease", coded("urn:oid:1.2.3.local", "K51.00", null))).isFalse();
        assertThat(VALUE_SETS.matches("inflammatory-bowel-disease", coded("http://snomed.info/sct", "K51.00", null))).isFalse();
    }

    @Test
    void anExcludedCode_isNoMemberByItsDisplayEither() {
        // G37.3's own display names CNS demyelination; the code says transverse myelitis (warning tier)
        CodeableConcept transverseMyelitis = coded(CM, "G37.3",
                "Acute transverse myelitis in demyelinating disease of central nervous system");
        assertThat(VALUE_SETS.matches("demyelinating-cns", transverseMyelitis)).isFalse();
        assertThat(VALUE_SETS.matches("demyelinating-other", transverseMyelitis)).isTrue();
        assertThat(VALUE_SETS.matches("demyelinating-disease", transverseMyelitis)).isTrue();
        // the same display as text only still names CNS demyelination (no code to say otherwise)
        assertThat(VALUE_SETS.matchesText("demyelinating-cns",
                "Acute transverse myelitis in demyelinating disease of central nervous system")).isTrue();

        assertThat(VALUE_SETS.matches("pregnancy", coded(CM, "O00.101", "Right tubal pregnancy without intrauterine pregnancy")))
                .isFalse();
        assertThat(VALUE_SETS.matches("pregnancy", coded(CM, "Z32.02", "Encounter for pregnancy test, result negative"))).isFalse();
        assertThat(VALUE_SETS.matches("pregnancy", coded(CM, "Z33.2", "Encounter for elective termination of pregnancy"))).isFalse();
        assertThat(VALUE_SETS.matches("pregnancy", coded(CM, "O80", "Encounter for full-term uncomplicated delivery"))).isFalse();
        // a positive test is neither listed nor excluded: its name decides
        assertThat(VALUE_SETS.matches("pregnancy", coded(CM, "Z32.01", "Encounter for pregnancy test, result positive"))).isTrue();
        assertThat(VALUE_SETS.matches("pregnancy", coded(WHO, "Z32.1", "Pregnancy confirmed"))).isTrue();
        assertThat(VALUE_SETS.matches("pregnancy", coded(WHO, "Z32.0", "Pregnancy, not (yet) confirmed"))).isFalse();

        CodeableConcept crmo = coded(CM, "M86.30", "Chronic multifocal osteomyelitis, unspecified site");
        for (String infection : List.of("infection-critical", "infection-warning", "infection-chronic", "serious-infection")) {
            assertThat(VALUE_SETS.matches(infection, crmo)).as("CRMO M86.30 in %s", infection).isFalse();
        }
        assertThat(VALUE_SETS.matches("crmo", crmo)).isTrue();
        assertThat(VALUE_SETS.matches("serious-infection", coded(CM, "B02.22", "Postherpetic trigeminal neuralgia after herpes zoster")))
                .isFalse();
        assertThat(VALUE_SETS.matches("hiv-infection",
                coded(CM, "R75", "Inconclusive laboratory evidence of human immunodeficiency virus [HIV] infection"))).isFalse();
    }

    @Test
    void aCodedMemberWinsOverAnotherCodingThatIsExcluded() {
        CodeableConcept both = coded(CM, "G37.3", null).addCoding(new Coding(SCT, "24700007", "Multiple sclerosis"));
        assertThat(VALUE_SETS.matches("demyelinating-cns", both)).isTrue();
    }

    @Test
    void snomedDescendantsAndDisplayNames_areTheSecondNet() {
        assertThat(VALUE_SETS.matches("tb-active", coded(SCT, "35984006", null))).as("TB of vertebral column").isTrue();
        assertThat(VALUE_SETS.matches("tb-active", coded(SCT, "423092005", null))).as("MDR TB").isTrue();
        assertThat(VALUE_SETS.matches("tb-active", coded(SCT, "11999007", "Inactive tuberculosis"))).isFalse();
        assertThat(VALUE_SETS.matches("heart-failure", coded(SCT, "441481004", null))).as("chronic systolic HF").isTrue();
        assertThat(VALUE_SETS.matches("heart-failure", coded(SCT, "703272007", null))).as("HFrEF").isTrue();
        assertThat(VALUE_SETS.matches("demyelinating-cns", coded(SCT, "426373005", null))).as("RRMS").isTrue();
        assertThat(VALUE_SETS.matches("demyelinating-cns", coded(SCT, "25044007", null))).as("NMO").isTrue();
        assertThat(VALUE_SETS.matches("demyelinating-other", coded(SCT, "66760008", null))).as("optic neuritis").isTrue();
        assertThat(VALUE_SETS.matches("demyelinating-cns", coded(SCT, "66760008", null))).isFalse();
        assertThat(VALUE_SETS.matches("pregnancy", coded(SCT, "59466002", null))).as("second trimester").isTrue();
        assertThat(VALUE_SETS.matches("crohns-disease", coded(SCT, "196977009", null))).as("terminal ileum").isTrue();
        assertThat(VALUE_SETS.matches("inflammatory-bowel-disease", coded(SCT, "445243001", null))).as("left-sided UC").isTrue();

        CodeableConcept localCode = coded("urn:oid:2.16.840.1.113883.3.9999", "HF-7", "Chronic systolic heart failure");
        assertThat(VALUE_SETS.matches("heart-failure", localCode)).isTrue();
        assertThat(VALUE_SETS.matchesText("tb-active", "Tuberculosis of spine (Pott's disease)")).isTrue();
        assertThat(VALUE_SETS.matchesText("tb-active", "Latent tuberculosis infection")).isFalse();
        assertThat(VALUE_SETS.matchesText("demyelinating-cns", "Relapsing remitting multiple sclerosis")).isTrue();
        assertThat(VALUE_SETS.matchesText("demyelinating-cns", "Neuromyelitis optica spectrum disorder")).isTrue();
        assertThat(VALUE_SETS.matchesText("demyelinating-other", "Neuromyelitis optica")).isFalse();
        assertThat(VALUE_SETS.matchesText("demyelinating-other", "Chronic inflammatory demyelinating polyneuropathy")).isTrue();
        assertThat(VALUE_SETS.matchesText("pregnancy", "Twin pregnancy, second trimester")).isTrue();
        assertThat(VALUE_SETS.matchesText("crmo", "Chronic recurrent multifocal osteomyelitis")).isTrue();
        assertThat(VALUE_SETS.matchesText("infection-critical", "Chronic osteomyelitis of femur")).isFalse();
        assertThat(VALUE_SETS.matchesText("infection-critical", "Acute osteomyelitis of tibia")).isTrue();
    }

    @Test
    void laboratoryCodes_ofSection62() {
        assertThat(VALUE_SETS.matches("anti-hbc", coded(LOINC, "16933-4", null))).isTrue();
        assertThat(VALUE_SETS.matches("anti-hbc", coded(LOINC, "24113-3", null))).as("IgM is not past infection").isFalse();
        assertThat(VALUE_SETS.matches("anti-hbc",
                coded(LOINC, "31204-1", "Hepatitis B virus core IgM Ab [Presence] in Serum, anti-HBc IgM"))).isFalse();
        assertThat(VALUE_SETS.matches("anti-hbc-igm", coded(LOINC, "31204-1", null))).isTrue();
        assertThat(VALUE_SETS.matches("anti-hbc-igm", coded(LOINC, "16933-4", null))).isFalse();
        assertThat(VALUE_SETS.matches("anti-hbs", coded(LOINC, "5193-8", null))).isTrue();
        assertThat(VALUE_SETS.matches("anti-hbs", coded(LOINC, "16935-9", null))).isTrue();
        assertThat(VALUE_SETS.matches("hbsag", coded(LOINC, "16935-9", null))).as("anti-HBs is not HBsAg").isFalse();
        assertThat(VALUE_SETS.matches("hbv-dna", coded(LOINC, "29615-2", null))).isTrue();
        assertThat(VALUE_SETS.matches("hbv-dna", coded(LOINC, "42595-9", null))).isTrue();
        assertThat(VALUE_SETS.matches("hcv-test", coded(LOINC, "11011-4", null))).isTrue();
        assertThat(VALUE_SETS.matches("hcv-test", coded(LOINC, "13955-0", null))).isTrue();
        assertThat(VALUE_SETS.matches("hcv-antibody-test", coded(LOINC, "11259-9", null))).isFalse();
        assertThat(VALUE_SETS.matches("hiv-test", coded(LOINC, "20447-9", null))).isTrue();
        assertThat(VALUE_SETS.matches("pregnancy-test", coded(LOINC, "2118-8", null))).isTrue();
        assertThat(VALUE_SETS.matches("pregnancy-test", coded(LOINC, "21198-7", null))).isTrue();
        assertThat(VALUE_SETS.matches("body-weight", coded(LOINC, "29463-7", null))).isTrue();
        assertThat(VALUE_SETS.matches("nyha-assessment", coded(LOINC, "88020-3", null))).isTrue();
        assertThat(VALUE_SETS.matches("breastfeeding-status", coded(LOINC, "63895-7", null))).isTrue();
        assertThat(VALUE_SETS.matches("pregnancy-status", coded(LOINC, "82810-3", null))).isTrue();
        assertThat(VALUE_SETS.matches("tst-induration", coded(LOINC, "1648-5", null))).isTrue();
        assertThat(VALUE_SETS.matches("igra-quantitative", coded(LOINC, "88517-8", null))).isTrue();
        assertThat(VALUE_SETS.matches("igra-qualitative", coded(LOINC, "71773-6", null))).isTrue();
    }

    @Test
    void unverifiedCodes_stayInTheKnowledgeWithTheVerifyMarker() {
        java.util.Map<String, String> marked = new java.util.TreeMap<>();
        for (KnowledgeFile file : TestKnowledge.get().files()) {
            if (file.resource() instanceof org.hl7.fhir.r4.model.ValueSet vs) {
                for (var part : vs.getCompose().getInclude()) {
                    for (var concept : part.getConcept()) {
                        var comment = concept.getExtensionByUrl("http://hl7.org/fhir/StructureDefinition/valueset-concept-comments");
                        if (comment != null) {
                            assertThat(comment.getValue().primitiveValue()).as("%s %s", vs.getIdPart(), concept.getCode())
                                    .startsWith("(verify) ");
                            marked.put(vs.getIdPart() + " " + concept.getCode(), comment.getValue().primitiveValue());
                        }
                    }
                }
            }
        }
        assertThat(marked).containsKeys("igra-qualitative 74281-7", "demyelinating-other 128209004",
                "hidradenitis-suppurativa 59393003");
    }

    /** One case per code: each is a member of the value set. */
    private static Stream<Arguments> in(String valueSet, String... codes) {
        return Stream.of(codes).map(code -> Arguments.of(valueSet, code, true));
    }

    /** One case per code: none is a member of the value set. */
    private static Stream<Arguments> out(String valueSet, String... codes) {
        return Stream.of(codes).map(code -> Arguments.of(valueSet, code, false));
    }

    private static CodeableConcept coded(String system, String code, String display) {
        return new CodeableConcept().addCoding(new Coding(system, code, display));
    }
}
