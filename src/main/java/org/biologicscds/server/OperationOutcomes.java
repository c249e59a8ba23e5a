package org.biologicscds.server;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.OperationOutcome;

/** Error bodies: a FHIR OperationOutcome saying what is wrong, never a stack trace. */
public final class OperationOutcomes {

    private final FhirContext fhir;

    public OperationOutcomes(FhirContext fhir) {
        this.fhir = fhir;
    }

    public byte[] error(String issueType, String diagnostics) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.fromCode(issueType))
                .setDiagnostics(diagnostics);
        return fhir.newJsonParser().encodeResourceToString(outcome).getBytes(StandardCharsets.UTF_8);
    }
}
