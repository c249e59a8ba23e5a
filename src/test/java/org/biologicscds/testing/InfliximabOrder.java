package org.biologicscds.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The infliximab order-sign of {@code hooks/examples} (patient {@code pt-psoriasis-1}, no TB
 * screening), for tests that need a call that fetches its record: sent without prefetch, and the
 * patient as the EHR's FHIR server would return it.
 */
public final class InfliximabOrder {

    public static final Path EXAMPLE = Path.of("hooks/examples/order-sign-infliximab-no-tb-screening.json");
    /** The example's patient, as {@code GET Patient/pt-psoriasis-1} returns it. */
    public static final String PATIENT = """
            {"resourceType":"Patient","id":"pt-psoriasis-1","gender":"female","birthDate":"1979-04-12"}""";

    private InfliximabOrder() {
    }

    /** The example as it is, with its full prefetch. */
    public static String withPrefetch() {
        try {
            return Files.readString(EXAMPLE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The example with no prefetch at all and {@code fhirServer} to fetch the record from. */
    public static String withoutPrefetch(String fhirServer) {
        return Json.edit(withPrefetch(), root -> {
            root.put("fhirServer", fhirServer);
            root.remove("prefetch");
        });
    }
}
