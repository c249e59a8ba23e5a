package org.biologicscds.record;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.PerformanceOptionsEnum;
import ca.uhn.fhir.parser.LenientErrorHandler;
import java.util.List;

/**
 * The FHIR R4 context for FHIR that comes from elsewhere over HTTP: what the EHR's server answers
 * (HAPI's client) and what the sandbox server receives (HAPI's server). Both parse with the
 * context's own error handler, so this one is lenient (real servers send not-quite-valid R4) and
 * silent: HAPI's default handler logs offending values, which can be patient data.
 *
 * <p>One per JVM, built on first use and configured once (never changed after), like
 * {@link FhirContext#forR4Cached()}; the model of the resource types a record holds is scanned up
 * front, so the first request does not spend its fetch deadline on it. Thread-safe.
 */
public final class QuietFhir {

    /** The types a patient record and its searches are made of. */
    private static final List<String> RECORD_TYPES = List.of("Bundle", "OperationOutcome", "Patient", "Condition",
            "Observation", "MedicationRequest", "MedicationStatement", "Medication", "AllergyIntolerance", "Procedure",
            "Immunization", "Encounter");

    private QuietFhir() {
    }

    private static final class Holder {
        private static final FhirContext CONTEXT = build();
    }

    public static FhirContext context() {
        return Holder.CONTEXT;
    }

    private static FhirContext build() {
        FhirContext fhir = FhirContext.forR4();
        fhir.setPerformanceOptions(PerformanceOptionsEnum.DEFERRED_MODEL_SCANNING);
        fhir.setParserErrorHandler(new LenientErrorHandler(false).setErrorOnInvalidValue(false));
        RECORD_TYPES.forEach(fhir::getResourceDefinition);
        return fhir;
    }
}
