package org.biologicscds.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.biologicscds.testing.FeedbackSample;
import org.biologicscds.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Override analytics per rule, counted by hand in {@link FeedbackSample}, on both databases. */
class FeedbackAnalyticsTest {

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void sampleMonth_givesTheHandCountedReport(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase test = TestDatabase.create(kind, folder); FeedbackDatabase db = FeedbackDatabase.open(test.settings())) {
            FeedbackSample.write(db);
            FeedbackAnalytics analytics = new FeedbackAnalytics(db.dataSource());

            assertThat(analytics.report(LocalDate.parse("2026-11-01"))).isEqualTo(FeedbackSample.SINCE_NOVEMBER);
            assertThat(analytics.report(null)).isEqualTo(FeedbackSample.ALL_TIME);
        }
    }

    @Test
    void emptyStore_reportsNoRulesAndNoUnmatchedFeedback() throws Exception {
        try (TestDatabase test = TestDatabase.create(TestDatabase.Kind.H2, folder);
             FeedbackDatabase db = FeedbackDatabase.open(test.settings())) {
            assertThat(new FeedbackAnalytics(db.dataSource()).report(null))
                    .isEqualTo(new FeedbackReport(null, List.of(), new FeedbackReport.Unmatched(0, 0)));
        }
    }

    @Test
    void table_showsEveryRuleWithRateAndReasons() {
        assertThat(ReportTable.render(FeedbackSample.SINCE_NOVEMBER)).isEqualTo("""
                Feedback by rule since 2026-11-01 (override rate = overridden / (accepted + overridden))
                rule                      issued  accepted  overridden  override rate  top override reasons
                methotrexate-combination       2         1           1          50.0%  (comment only) (1)
                tb-screening-missing           4         1           3          75.0%  done-elsewhere (2), not-on-our-list (1)
                Feedback on cards not in the issued-card log: 1 accepted, 1 overridden
                """);
    }

    @Test
    void table_ruleWithoutFeedbackShowsNoRate() {
        FeedbackReport report = new FeedbackReport(null, List.of(new FeedbackReport.RuleStats("heart-failure", 3, 0, 0, null,
                List.of())), new FeedbackReport.Unmatched(0, 0));

        assertThat(ReportTable.render(report)).isEqualTo("""
                Feedback by rule (override rate = overridden / (accepted + overridden))
                rule           issued  accepted  overridden  override rate  top override reasons
                heart-failure       3         0           0              -  -
                Feedback on cards not in the issued-card log: 0 accepted, 0 overridden
                """);
    }
}
