package org.biologicscds.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.KnowledgeException;
import org.biologicscds.knowledge.OneCardPerFact;
import org.biologicscds.knowledge.SitePolicy;
import org.biologicscds.testing.TestKnowledge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One card per clinical fact (clinical-v2.md 1.1): the owner/suppressed table of the knowledge,
 * applied by {@link FactOwnership}, row by row.
 */
class FactOwnershipTest {

    private static final OneCardPerFact TABLE = TestKnowledge.get().oneCardPerFact();
    private static final FactOwnership OWNERSHIP = new FactOwnership(TABLE);
    private static final BiologicOrder ORDER = new BiologicOrder(new org.hl7.fhir.r4.model.MedicationRequest(),
            "MedicationRequest/draft-1", TestKnowledge.get().drugs().all().get(0), java.time.LocalDate.parse("2026-11-23"));

    private static Finding finding(String rule, Indicator indicator, String... evidence) {
        return new Finding(rule, indicator, rule + " fired", List.of("a fact"), "next", List.of(), List.of(evidence));
    }

    static List<OneCardPerFact.Row> rows() {
        return TABLE.rows();
    }

    @Test
    void theTableHoldsEveryRowOfSection11ForTheRulesThatExist() {
        assertThat(TABLE.rows()).extracting(r -> r.owner() + ">" + r.suppressed()).contains(
                "hstcl-thiopurine>immunosuppressant-combination",
                "conventional-systemic-overlap>immunosuppressant-combination",
                "checkpoint-inhibitor>malignancy-history",
                "heart-failure>dose-out-of-range",
                "duplicate-biologic>switch-washout",
                "tb-active>active-infection", "tb-active>tb-screening-missing", "tb-active>tb-screening-expired",
                "tb-active>tb-screening-indeterminate",
                "hbv-active>hbv-resolved", "hbv-active>hbv-screening-missing",
                "weight-missing>dose-out-of-range",
                "active-infection>opportunistic-infection-history", "active-infection>chronic-recurrent-infection",
                "response-check>myositis-infliximab-regimen", "crmo-continuation>response-check");
        assertThat(TABLE.rows()).allSatisfy(r -> assertThat(r.fact()).isNotBlank());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void whenTheOwnerFiresAboutTheSameRecords_theSuppressedRuleIsWithheld(OneCardPerFact.Row row) {
        Finding owner = finding(row.owner(), Indicator.WARNING, "Condition/c1", "MedicationRequest/m1");
        Finding suppressed = finding(row.suppressed(), Indicator.CRITICAL, "Condition/c1");
        Finding other = finding("hiv-screening-missing", Indicator.INFO);

        OrderFindings result = OWNERSHIP.apply(ORDER, List.of(suppressed, owner, other));

        assertThat(result.findings()).extracting(Finding::ruleId).containsExactly(row.owner(), "hiv-screening-missing");
        assertThat(result.withheld()).singleElement()
                .satisfies(w -> assertThat(w.finding().ruleId()).isEqualTo(row.suppressed()))
                .satisfies(w -> assertThat(w.owner()).isEqualTo(row.owner()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void withoutTheOwner_theSuppressedRuleSpeaks(OneCardPerFact.Row row) {
        Finding suppressed = finding(row.suppressed(), Indicator.WARNING, "Condition/c1");

        OrderFindings result = OWNERSHIP.apply(ORDER, List.of(suppressed));

        assertThat(result.findings()).containsExactly(suppressed);
        assertThat(result.withheld()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void aboutOtherRecords_onlyTheSameFactRowsWithhold(OneCardPerFact.Row row) {
        Finding owner = finding(row.owner(), Indicator.WARNING, "MedicationRequest/thiopurine");
        Finding suppressed = finding(row.suppressed(), Indicator.WARNING, "MedicationRequest/cyclosporine");

        OrderFindings result = OWNERSHIP.apply(ORDER, List.of(owner, suppressed));

        if (row.wholeCard()) {
            assertThat(result.findings()).extracting(Finding::ruleId).containsExactly(row.owner());
        } else {
            // shared evidence only: the suppressed rule still speaks for the record the owner does not name
            assertThat(result.findings()).extracting(Finding::ruleId).containsExactlyInAnyOrder(row.owner(), row.suppressed());
        }
    }

    @Test
    void aSiteThatSwitchesTheOwnerOff_getsTheWithheldCardBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("policy.json");
        Files.writeString(file, """
                {"resourceType":"Parameters","parameter":[
                  {"name":"hstcl-thiopurine","part":[{"name":"enabled","valueBoolean":false}]}]}""");
        SitePolicy policy = SitePolicy.load(file, TestKnowledge.FHIR, TestKnowledge.get().rules());
        Finding owner = finding("hstcl-thiopurine", Indicator.WARNING, "MedicationRequest/aza");
        Finding suppressed = finding("immunosuppressant-combination", Indicator.WARNING, "MedicationRequest/aza");

        OrderFindings raw = OWNERSHIP.apply(ORDER, List.of(owner, suppressed));

        assertThat(raw.findings()).extracting(Finding::ruleId).containsExactly("hstcl-thiopurine");
        assertThat(raw.under(policy).findings()).extracting(Finding::ruleId).containsExactly("immunosuppressant-combination");
        assertThat(raw.under(SitePolicy.none()).findings()).extracting(Finding::ruleId).containsExactly("hstcl-thiopurine");
    }

    @Test
    void aSitePolicyCannotRaiseARuleToCritical(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("policy.json");
        Files.writeString(file, """
                {"resourceType":"Parameters","parameter":[
                  {"name":"hcv-screening-missing","part":[{"name":"indicator","valueCode":"critical"}]}]}""");

        assertThatThrownBy(() -> SitePolicy.load(file, TestKnowledge.FHIR, TestKnowledge.get().rules()))
                .isInstanceOf(KnowledgeException.class).hasMessageContaining("never set critical");
    }
}
