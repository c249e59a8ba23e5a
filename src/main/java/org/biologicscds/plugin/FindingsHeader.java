package org.biologicscds.plugin;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * The findings of a write as a response header, as HAPI's own RequestValidatingInterceptor puts
 * its validation results in {@code X-FHIR-Request-Validation}: the OperationOutcome as one line of
 * JSON, so a client sees them without asking for {@code Prefer: return=OperationOutcome}. The
 * header carries each issue's severity, code and details (rule id and card summary) but not the
 * Markdown detail of the card (the body has it): a header must stay within the few kilobytes
 * servers and proxies accept. Characters outside ASCII are JSON-escaped, since header values are
 * Latin-1 on the wire.
 */
final class FindingsHeader {

    /** The response header with the findings. */
    static final String NAME = "X-Biologics-CDS-Findings";
    /** Beyond this many characters the issues after the first ones are left out, and the header says so. */
    static final int MAX_LENGTH = 6000;

    private FindingsHeader() {
    }

    static String value(OperationOutcome outcome, FhirContext fhir) {
        OperationOutcome compact = outcome.copy();
        compact.getIssue().forEach(issue -> issue.setDiagnostics(null));
        String json = asciiJson(compact, fhir);
        while (json.length() > MAX_LENGTH && compact.getIssue().size() > 1) {
            compact.getIssue().remove(compact.getIssue().size() - 1);
            json = asciiJson(compact, fhir);
        }
        if (compact.getIssue().size() < outcome.getIssue().size()) {
            compact.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                    .setCode(OperationOutcome.IssueType.TOOLONG)
                    .setDiagnostics((outcome.getIssue().size() - compact.getIssue().size() + 1)
                            + " more findings: ask with Prefer: return=OperationOutcome");
            json = asciiJson(compact, fhir);
        }
        return json;
    }

    private static String asciiJson(OperationOutcome outcome, FhirContext fhir) {
        String json = fhir.newJsonParser().setPrettyPrint(false).encodeResourceToString(outcome);
        StringBuilder out = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
