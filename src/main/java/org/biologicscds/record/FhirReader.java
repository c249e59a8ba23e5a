package org.biologicscds.record;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IJsonLikeParser;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.parser.json.jackson.JacksonStructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    /**
     * Parses a resource from the JSON tree the request was read into, without writing it back to
     * text: HAPI's JSON parser reads the same Jackson tree it would have built from that text.
     * Throws {@link NotFhirException} if the JSON is not an R4 resource.
     */
    public Resource read(JsonNode json) {
        if (!(json instanceof ObjectNode object)) {
            throw new NotFhirException("not a FHIR R4 resource");
        }
        JacksonStructure structure = new JacksonStructure();
        structure.setNativeObject(object);
        return parse(parser -> ((IJsonLikeParser) parser).parseResource(structure));
    }

    public Resource read(String json) {
        return parse(parser -> parser.parseResource(json));
    }

    private Resource parse(java.util.function.Function<IParser, IBaseResource> parse) {
        // Logging off: HAPI's lenient handler would log the offending values, which can be patient data.
        IParser parser = fhir.newJsonParser()
                .setParserErrorHandler(new LenientErrorHandler(false).setErrorOnInvalidValue(false));
        IBaseResource resource;
        try {
            resource = parse.apply(parser);
        } catch (DataFormatException | IllegalArgumentException e) {
            throw new NotFhirException("not a FHIR R4 resource");
        } catch (RuntimeException e) {
            // HAPI's parser fails in other ways on JSON of the wrong type where it expects an object:
            // a Bundle entry whose resource is a number, a boolean or a string is a NullPointerException.
            // Mapped here, the one place request data reaches the parser, so every caller answers as for
            // any unreadable resource (a 400 naming the context member, a prefetch key treated as failed).
            throw new NotFhirException("not a FHIR R4 resource (" + e.getClass().getSimpleName() + " in the parser)");
        }
        if (resource instanceof Resource r) {
            return r;
        }
        throw new NotFhirException("not an R4 resource");
    }

    /** JSON that could not be read as a FHIR resource. The message names no value from the input. */
    public static final class NotFhirException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotFhirException(String message) {
            super(message);
        }
    }
}
