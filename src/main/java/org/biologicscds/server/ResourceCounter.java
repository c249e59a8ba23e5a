package org.biologicscds.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;

/**
 * Counts the FHIR resources in a request body (JSON objects with a {@code resourceType} string:
 * drafts, prefetched resources, bundle entries, contained resources) in one streaming pass,
 * without building a tree. A body that is not JSON counts the resources before the error; the
 * service reports the error itself.
 */
final class ResourceCounter {

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build())
            .build();

    private ResourceCounter() {
    }

    /**
     * The fewest bytes one counted resource takes: {@code "resourceType":""} and a separator. A
     * body shorter than {@code (limit + 1)} times this cannot hold more than {@code limit}.
     */
    static final int MIN_BYTES_PER_RESOURCE = "\"resourceType\":\"\",".length();

    /** True if {@code body[0..length)} holds more than {@code limit} resources. */
    static boolean exceeds(byte[] body, int length, int limit) {
        if (length < (long) MIN_BYTES_PER_RESOURCE * (limit + 1)) {
            return false; // too short to hold that many: a typical prefetch is spared a second pass over its JSON
        }
        return count(body, length, limit) > limit;
    }

    /** The number of resources in {@code body[0..length)}, counting no further than {@code limit + 1}. */
    static int count(byte[] body, int length, int limit) {
        int count = 0;
        try (JsonParser parser = JSON.createParser(body, 0, length)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null && count <= limit) {
                if (token == JsonToken.FIELD_NAME && "resourceType".equals(parser.currentName())
                        && parser.nextToken() == JsonToken.VALUE_STRING) {
                    count++;
                }
            }
        } catch (IOException e) {
            // Not JSON (or too deep): what was counted stands; the service answers the 400.
        }
        return count;
    }
}
