package org.biologicscds.record;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import com.fasterxml.jackson.databind.JsonNode;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;

/**
 * Reads FHIR R4 JSON as real clients send it: leniently. Unknown elements, a single object where
 * the spec wants an array (the CDS Hooks sandbox sends {@code category} and {@code reasonCode} that
 * way), and invalid codes are tolerated; only JSON that is not a FHIR resource at all fails.
 */
public final class FhirReader {

    private final FhirContext fhir;

    public FhirReader(FhirContext fhir) {
        this.fhir = fhir;
    }

    public FhirContext context() {
        return fhir;
    }

    /** Parses a resource; throws {@link NotFhirException} if the JSON is not an R4 resource. */
    public Resource read(JsonNode json) {
        return read(json.toString());
    }

    public Resource read(String json) {
        // Logging off: HAPI's lenient handler would log the offending values, which can be patient data.
        IParser parser = fhir.newJsonParser()
                .setParserErrorHandler(new LenientErrorHandler(false).setErrorOnInvalidValue(false));
        try {
            IBaseResource resource = parser.parseResource(json);
            if (resource instanceof Resource r) {
                return r;
            }
            throw new NotFhirException("not an R4 resource");
        } catch (DataFormatException | IllegalArgumentException e) {
            throw new NotFhirException("not a FHIR R4 resource");
        }
    }

    /** JSON that could not be read as a FHIR resource. The message names no value from the input. */
    public static final class NotFhirException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotFhirException(String message) {
            super(message);
        }
    }
}
