package org.biologicscds.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The {@code context} of an order or patient hook. {@code draftOrders} stays JSON here: FHIR
 * parsing belongs to the record package, which reads it leniently.
 *
 * @param userId       who is acting, e.g. {@code Practitioner/123}
 * @param patientId    the FHIR id of the patient (a {@code Patient/} prefix is removed)
 * @param encounterId  may be null
 * @param selections   references into draftOrders ({@code order-select} only); empty otherwise
 * @param draftOrders  the draft orders Bundle as sent; null for {@code patient-view}
 */
public record HookContext(String userId, String patientId, String encounterId, List<String> selections,
                          JsonNode draftOrders) {

    public HookContext {
        selections = List.copyOf(selections);
    }
}
