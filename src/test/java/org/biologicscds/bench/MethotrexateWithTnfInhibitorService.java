package org.biologicscds.bench;

import ca.uhn.fhir.rest.api.server.cdshooks.CdsServiceRequestJson;
import ca.uhn.hapi.fhir.cdshooks.api.CdsService;
import ca.uhn.hapi.fhir.cdshooks.api.CdsServicePrefetch;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceIndicatorEnum;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceResponseCardJson;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceResponseCardSourceJson;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceResponseJson;
import java.util.Locale;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MedicationRequest;

/**
 * The HAPI peer's one rule, written as a HAPI CDS Hooks module user writes a service: a method
 * annotated {@link CdsService} that takes the module's {@link CdsServiceRequestJson}, whose draft
 * orders and prefetch the module has already parsed into HAPI resources. A draft order for a TNF
 * inhibitor while the record holds an active methotrexate prescription answers one warning card;
 * anything else answers no card.
 *
 * <p>The code lists are a benchmark's stand-in for a user's rule, not knowledge of the service (which
 * lives in fhir-profiles/): RxNorm ingredient and product codes plus the names, matched in the coding
 * display and the concept text as EHRs often send only text.
 */
public class MethotrexateWithTnfInhibitorService {

    /** The service id: the same path as ours, so the benchmark sends the same request to the same URL. */
    public static final String ID = "biologic-order-sign";
    public static final String SUMMARY = "Methotrexate with a TNF inhibitor: check the combination";

    private static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    private static final Set<String> TNF_INHIBITOR_CODES = Set.of(
            "191831", "327361", "214555", "709271", "819300",   // infliximab, adalimumab, etanercept, certolizumab pegol, golimumab
            "1790546");                                         // infliximab-dyyb 100 MG Injection [Inflectra]
    private static final Set<String> TNF_INHIBITOR_NAMES = Set.of(
            "infliximab", "inflectra", "remicade", "renflexis", "adalimumab", "humira", "etanercept", "enbrel",
            "certolizumab", "cimzia", "golimumab", "simponi");
    private static final Set<String> METHOTREXATE_CODES = Set.of("6851", "105586");   // methotrexate, its 10 MG oral tablet
    private static final Set<String> METHOTREXATE_NAMES = Set.of("methotrexate");

    @CdsService(value = ID,
            hook = "order-sign",
            title = "TNF inhibitor with methotrexate (HAPI peer, one rule)",
            description = "Warns when a TNF inhibitor is ordered for a patient with an active methotrexate prescription.",
            prefetch = {
                @CdsServicePrefetch(value = "medicationRequests",
                        query = "MedicationRequest?patient={{context.patientId}}&_include=MedicationRequest:medication")
            })
    public CdsServiceResponseJson orderSign(CdsServiceRequestJson request) {
        CdsServiceResponseJson response = new CdsServiceResponseJson();
        if (ordersTnfInhibitor(request.getContext().getResource("draftOrders"))
                && hasActiveMethotrexate(request.getPrefetch("medicationRequests"))) {
            CdsServiceResponseCardJson card = new CdsServiceResponseCardJson()
                    .setSummary(SUMMARY)
                    .setIndicator(CdsServiceIndicatorEnum.WARNING)
                    .setDetail("The patient has an active methotrexate prescription.")
                    .setSource(new CdsServiceResponseCardSourceJson().setLabel("HAPI peer"));
            response.addCard(card);
        }
        return response;
    }

    private static boolean ordersTnfInhibitor(IBaseResource draftOrders) {
        if (!(draftOrders instanceof Bundle bundle)) {
            return false;
        }
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .anyMatch(r -> r instanceof MedicationRequest order && order.hasMedicationCodeableConcept()
                        && names(order.getMedicationCodeableConcept(), TNF_INHIBITOR_CODES, TNF_INHIBITOR_NAMES));
    }

    private static boolean hasActiveMethotrexate(IBaseResource prefetch) {
        if (!(prefetch instanceof Bundle bundle)) {
            return false;
        }
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .anyMatch(r -> r instanceof MedicationRequest prescription
                        && prescription.getStatus() == MedicationRequest.MedicationRequestStatus.ACTIVE
                        && prescription.hasMedicationCodeableConcept()
                        && names(prescription.getMedicationCodeableConcept(), METHOTREXATE_CODES, METHOTREXATE_NAMES));
    }

    private static boolean names(CodeableConcept concept, Set<String> codes, Set<String> words) {
        for (Coding coding : concept.getCoding()) {
            if (RXNORM.equals(coding.getSystem()) && codes.contains(coding.getCode())) {
                return true;
            }
            if (containsAny(coding.getDisplay(), words)) {
                return true;
            }
        }
        return containsAny(concept.getText(), words);
    }

    private static boolean containsAny(String text, Set<String> words) {
        if (text == null) {
            return false;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        return words.stream().anyMatch(lower::contains);
    }
}
