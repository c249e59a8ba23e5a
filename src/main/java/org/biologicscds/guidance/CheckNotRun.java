package org.biologicscds.guidance;

import java.util.List;
import java.util.Optional;
import org.biologicscds.hooks.Indicator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a rule runs isolated from the others: a rule that throws (on a record shape nobody
 * foresaw) gives one finding saying that its check could not run, and every other rule still
 * answers. Style habit 2: "could not check" must never look like an all-clear, and one rule's
 * failure must not turn the whole answer into an error the EHR shows as nothing. The finding names
 * the rule, never the record; the error is logged with the rule's name and the exception's class
 * and stack, without its message (messages can quote the record). Stateless and thread-safe.
 */
public final class CheckNotRun {

    /** The topic code of the card, and the prefix of the finding's rule id ({@code check-not-run:<rule>}). */
    public static final String RULE_ID = "check-not-run";
    private static final String PREFIX = RULE_ID + ":";
    private static final Logger LOG = LoggerFactory.getLogger(CheckNotRun.class);

    private CheckNotRun() {
    }

    /** {@code rule}'s findings for the order, or, if it throws, the one finding that says it could not run. */
    public static List<Finding> run(Rule rule, BiologicOrder order, PatientFacts facts) {
        try {
            return rule.evaluate(order, facts);
        } catch (RuntimeException | StackOverflowError e) {
            LOG.error("rule={} could not run: {}", rule.name(), e.getClass().getName(), withoutMessage(e));
            return List.of(finding(rule.name()));
        }
    }

    /** As {@link #run(Rule, BiologicOrder, PatientFacts)} for a rule in the reverse direction (clinical-v2.md 1.4 R). */
    public static List<Finding> run(ReverseRule rule, CoMedicationDraft draft, List<Therapy> therapies, PatientFacts facts) {
        try {
            return rule.evaluateReverse(draft, therapies, facts);
        } catch (RuntimeException | StackOverflowError e) {
            LOG.error("rule={} could not run: {}", rule.name(), e.getClass().getName(), withoutMessage(e));
            return List.of(finding(rule.name()));
        }
    }

    /** The rule whose check could not run, if {@code finding} says so. */
    public static Optional<String> failedRule(Finding finding) {
        return finding.ruleId().startsWith(PREFIX) ? Optional.of(finding.ruleId().substring(PREFIX.length()))
                : Optional.empty();
    }

    static Finding finding(String rule) {
        // One rule id per failed rule, so two failed checks of one order give two findings.
        return new Finding(PREFIX + rule, Indicator.WARNING,
                "A check could not run (" + rule + "): review this point yourself",
                List.of("The check " + rule + " stopped with an error on this record and gave no result."),
                "Check this point by hand before going on: its result is unknown, not clear. The other checks ran "
                        + "and their cards are shown. The error is logged for the service's operators.",
                List.of());
    }

    private static Throwable withoutMessage(Throwable e) {
        RuntimeException copy = new RuntimeException(e.getClass().getName() + " (message withheld: it may quote the record)");
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }
}
