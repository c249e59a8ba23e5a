package org.biologicscds.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import org.biologicscds.feedback.FeedbackAnalytics;
import org.biologicscds.feedback.FeedbackDatabase;
import org.biologicscds.feedback.FeedbackReport;
import org.biologicscds.feedback.FeedbackStoreException;
import org.biologicscds.feedback.ReportTable;
import org.biologicscds.hooks.CdsJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "feedback-report", mixinStandardHelpOptions = true,
        description = "Per rule: cards issued, accepted, overridden, override rate and the top override reasons.")
final class FeedbackReportCommand implements Callable<Integer> {

    @Mixin
    DatabaseOption database;

    @Option(names = "--since", paramLabel = "DATE", description = "Count from this day on (UTC), e.g. 2026-01-31.")
    String since;

    @Option(names = "--json", description = "Print JSON (the same document as GET /admin/feedback-report).")
    boolean json;

    @Override
    public Integer call() {
        LocalDate from;
        try {
            from = since == null ? null : LocalDate.parse(since);
        } catch (DateTimeParseException e) {
            System.err.println("biologics-cds: --since must be a date such as 2026-01-31, not '" + since + "'");
            return 2;
        }
        FeedbackReport report;
        try (FeedbackDatabase db = FeedbackDatabase.open(database.settings())) {
            report = new FeedbackAnalytics(db.dataSource()).report(from);
        } catch (IllegalArgumentException e) {
            System.err.println("biologics-cds: " + e.getMessage());
            return 2;
        } catch (FeedbackStoreException e) {
            System.err.println("biologics-cds: " + e.getMessage());
            if (e.getMessage().contains("file is locked") || e.getMessage().contains("already in use")) {
                System.err.println("An H2 file database is open in one process at a time: while the server runs, ask it"
                        + " (GET /admin/feedback-report with the admin token), or use PostgreSQL.");
            }
            return 2;
        }
        System.out.print(json ? new CdsJson().writePretty(report) + System.lineSeparator() : ReportTable.render(report));
        return 0;
    }
}
