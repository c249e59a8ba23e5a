package org.biologicscds.hooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON codec for CDS Hooks documents. Output never contains {@code null}, {@code ""},
 * {@code []} or {@code {}} (the spec forbids them), with the one exception of {@code "cards": []}.
 * Thread-safe; create one and share it.
 */
public final class CdsJson {

    /** Deeper than any real request nests; keeps a hostile body from exhausting the stack. */
    private static final int MAX_NESTING_DEPTH = 200;

    private final ObjectMapper mapper;

    public CdsJson() {
        this.mapper = JsonMapper.builder()
                .serializationInclusion(JsonInclude.Include.NON_EMPTY)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        mapper.getFactory().setStreamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build());
    }

    /** Parses a document into a tree; a body that is not JSON is a 400. */
    public JsonNode readTree(byte[] body) {
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw HookRequestException.badRequest("BCDS-1001", "the request body is empty");
            }
            return node;
        } catch (StreamConstraintsException e) {
            throw HookRequestException.badRequest("BCDS-1002",
                    "the request body nests deeper than " + MAX_NESTING_DEPTH + " levels");
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw HookRequestException.badRequest("BCDS-1002", "the request body is not valid JSON" + where);
        } catch (java.io.IOException e) {
            throw HookRequestException.badRequest("BCDS-1002", "the request body could not be read as JSON");
        }
    }

    public JsonNode readTree(String json) {
        return readTree(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Encodes a response or discovery document. Empty members are left out. */
    public byte[] write(Object document) {
        try {
            return mapper.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + document.getClass().getSimpleName(), e);
        }
    }

    public String writePretty(Object document) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + document.getClass().getSimpleName(), e);
        }
    }

    /** The underlying mapper, for callers that bind JSON to records (service definitions). */
    public ObjectMapper mapper() {
        return mapper;
    }
}
