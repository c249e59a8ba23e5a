package org.biologicscds.guidance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.biologicscds.testing.TestKnowledge;
import org.junit.jupiter.api.Test;

/** Library/indication-alternatives read as clinical-v2.md 1.7 says: common options, else one line each; never-named classes left out. */
class AlternativesTest {

    private final Alternatives alternatives = new Alternatives(TestKnowledge.get());

    /** A patient with nothing on record: no option is contraindicated for them (amendment 16). */
    private static final PatientFacts NO_RECORD = new PatientFacts(
            new org.biologicscds.record.PatientRecord("pt-1", null, List.of()), List.of(), TestKnowledge.get(),
            java.time.LocalDate.parse(Ehr.TODAY));

    private Alternatives.Indication indication(String valueSet) {
        return alternatives.byValueSet(valueSet).orElseThrow();
    }

    @Test
    void rheumatoidArthritis_namesAbataceptRituximabIl6r_neverIl17OrIl23() {
        String advice = alternatives.advice(List.of(indication("rheumatoid-arthritis")), Set.of("tnf-inhibitor"), NO_RECORD).orElseThrow();

        assertThat(advice).isEqualTo("Options for rheumatoid arthritis: abatacept, rituximab, an IL-6 receptor inhibitor "
                + "(tocilizumab, sarilumab), a JAK inhibitor only after weighing its boxed warnings.");
    }

    @Test
    void crohnsDisease_neverNamesIl17() {
        assertThat(alternatives.advice(List.of(indication("crohns-disease")), Set.of(), NO_RECORD).orElseThrow())
                .contains("vedolizumab").doesNotContain("IL-17").doesNotContain("brodalumab");
    }

    @Test
    void axialSpondyloarthritis_neverNamesIl23OrUstekinumab() {
        assertThat(alternatives.advice(List.of(indication("axial-spondyloarthritis")), Set.of(), NO_RECORD).orElseThrow())
                .contains("IL-17").doesNotContain("IL-23").doesNotContain("ustekinumab");
    }

    @Test
    void rheumatoidArthritisAndPsoriasis_noCommonOption_oneLineEach_psoriasisLineWithoutWhatRaNeverNames() {
        String advice = alternatives.advice(List.of(indication("plaque-psoriasis"), indication("rheumatoid-arthritis")),
                Set.of(), NO_RECORD).orElseThrow();

        assertThat(advice).isEqualTo("For plaque psoriasis: deucravacitinib. For rheumatoid arthritis: abatacept, rituximab, "
                + "an IL-6 receptor inhibitor (tocilizumab, sarilumab), a JAK inhibitor only after weighing its boxed warnings.");
    }

    @Test
    void ulcerativeColitisWithHeartFailureExclusions_leavesOutS1p() {
        assertThat(alternatives.advice(List.of(indication("ulcerative-colitis")), Set.of("s1p"), NO_RECORD).orElseThrow())
                .doesNotContain("ozanimod").contains("vedolizumab");
    }

    @Test
    void noIndication_noAdvice() {
        assertThat(alternatives.advice(List.of(), Set.of(), NO_RECORD)).isEmpty();
    }
}
