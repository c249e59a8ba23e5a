package org.biologicscds.plugin;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Map;
import java.util.Optional;
import org.biologicscds.record.FetchResult;
import org.hl7.fhir.r4.model.Medication;

/**
 * Where the plugin reads a patient's record and a referenced Medication from: through a HAPI JPA
 * server's own DAOs ({@link DaoRecordSource}), or over FHIR REST from a base URL
 * ({@link HttpRecordSource}). Implementations are thread-safe.
 */
interface RecordSource {

    /**
     * Reads each prefetch template for one patient, with the rights (and, in a JPA server, the
     * partition) of {@code request}, the write being checked.
     *
     * @return per template key, what was found or why it could not be read; never a failure passed
     *         off as "nothing found"
     */
    Map<String, FetchResult> read(Map<String, String> templates, String patientId, RequestDetails request);

    /** The Medication that {@code reference} ({@code Medication/id}) names, if the server has it and the writer may read it. */
    Optional<Medication> medication(String reference, RequestDetails request);

    /**
     * True when this reads through the server's storage (a JPA server): its storage pointcuts then
     * fire for every write, bundle entries included, and the plugin checks there.
     */
    boolean readsThroughServer();
}
