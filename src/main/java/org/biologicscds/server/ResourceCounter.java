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
