package org.biologicscds.plugin;

import org.biologicscds.hooks.Card;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Cards as OperationOutcome issues: severity from the indicator (critical = error, warning =
 * warning, info = information), the card's summary as {@code details.text}, the rule id as
 * {@code details.coding} (system: the rule CodeSystem), the card's Markdown detail as
 * {@code diagnostics}. A check that could not run is a warning with code {@code incomplete}, "Not
 * checked", and the code of why (BCDS-2002 record unreadable, BCDS-2004 drug unresolved).
 */
final class FindingIssues {

    /** How an issue says the order was stored (or refused) without its checks. */
    static final String NOT_CHECKED = "Not checked: the biologic order checks could not run";

    private FindingIssues() {
    }

    static void add(OrderCheck check, OperationOutcome outcome) {
        for (Card card : check.cards()) {
            OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue();
            switch (card.indicator()) {
                case CRITICAL -> issue.setSeverity(IssueSeverity.ERROR).setCode(IssueType.BUSINESSRULE);
                case WARNING -> issue.setSeverity(IssueSeverity.WARNING).setCode(IssueType.BUSINESSRULE);
                case INFO -> issue.setSeverity(IssueSeverity.INFORMATION).setCode(IssueType.INFORMATIONAL);
            }
            CodeableConcept details = new CodeableConcept().setText(card.summary());
            details.addCoding().setSystem(card.source().topic().system()).setCode(card.source().topic().code())
                    .setDisplay(card.source().topic().display());
            issue.setDetails(details).setDiagnostics(card.detail());
        }
        check.couldNotRun().ifPresent(notRun -> outcome.addIssue().setSeverity(IssueSeverity.WARNING)
                .setCode(IssueType.INCOMPLETE)
                .setDetails(new CodeableConcept().setText(NOT_CHECKED + ": " + notRun.reason())
                        .addCoding(new org.hl7.fhir.r4.model.Coding().setCode(notRun.code())))
                .setDiagnostics(notRun.code() + ": " + NOT_CHECKED + ": " + notRun.reason()));
    }
}
