package org.biologicscds.server;

import ca.uhn.fhir.context.FhirContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
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

    /** Answers {@code status} with an OperationOutcome of one error issue, as JSON. */
    public void respond(Response response, Callback callback, int status, String issueType, String diagnostics) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(error(issueType, diagnostics)), callback);
    }
}
