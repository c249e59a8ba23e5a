package org.biologicscds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.biologicscds.feedback.FeedbackDatabase;
import org.biologicscds.hooks.CdsJson;
import org.biologicscds.testing.FeedbackSample;
import org.biologicscds.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code feedback-report [--db URL] [--since DATE] [--json]} on a store holding {@link FeedbackSample}. */
class FeedbackReportCliTest {

    @TempDir
    Path folder;

    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    /** A database holding the sample, closed again so the command opens it like an operator would. */
    private TestDatabase sample(TestDatabase.Kind kind) throws Exception {
        TestDatabase test = TestDatabase.create(kind, folder);
        try (FeedbackDatabase db = FeedbackDatabase.open(test.settings())) {
            FeedbackSample.write(db);
        }
        return test;
    }

    /** The PostgreSQL URL names its user, since the test cannot set BIOLOGICS_CDS_DB_USER for itself. */
    private static String url(TestDatabase test) {
        return test.kind() == TestDatabase.Kind.H2 ? test.settings().url()
                : test.settings().url() + "&user=" + TestDatabase.POSTGRES_USER;
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void table_perRuleWithRateAndTopReasons(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase test = sample(kind)) {
            CommandRun run = run("feedback-report", "--db", url(test), "--since", "2026-11-01");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).isEqualTo("""
                    Feedback by rule since 2026-11-01 (override rate = overridden / (accepted + overridden))
                    rule                      issued  accepted  overridden  override rate  top override reasons
                    methotrexate-combination       2         1           1          50.0%  (comment only) (1)
                    tb-screening-missing           4         1           3          75.0%  done-elsewhere (2), not-on-our-list (1)
                    Feedback on cards not in the issued-card log: 1 accepted, 1 overridden
                    """);
        }
    }

    @Test
    void json_isTheDocumentTheAdminEndpointServes() throws Exception {
        try (TestDatabase test = sample(TestDatabase.Kind.H2)) {
            CommandRun run = run("feedback-report", "--db", url(test), "--json");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).isEqualTo(new CdsJson().writePretty(FeedbackSample.ALL_TIME) + System.lineSeparator());
            assertThat(new CdsJson().readTree(run.out()).at("/rules/1/topOverrideReasons/1/display").asText())
                    .isEqualTo("(no reason given)");
        }
    }

    @Test
    void emptyStore_jsonStillListsTheRules() throws Exception {
        try (TestDatabase test = TestDatabase.create(TestDatabase.Kind.H2, folder)) {
            CommandRun run = run("feedback-report", "--db", url(test), "--json", "--since", "2026-11-01");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(new CdsJson().readTree(run.out())).isEqualTo(new CdsJson().readTree(
                    "{\"since\": \"2026-11-01\", \"rules\": [], \"unmatched\": {\"accepted\": 0, \"overridden\": 0}}"));
        }
    }

    @Test
    void badSince_exits2NamingTheOption() {
        CommandRun run = run("feedback-report", "--db", "jdbc:h2:mem:unused", "--since", "01/11/2026");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("biologics-cds: --since must be a date such as 2026-01-31, not '01/11/2026'"
                + System.lineSeparator());
    }

    @Test
    void databaseOfAnotherKind_exits2() {
        CommandRun run = run("feedback-report", "--db", "jdbc:mysql://db/feedback?password=x");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("must start with jdbc:h2: or jdbc:postgresql:").doesNotContain("password=x");
    }
}
