package org.biologicscds.plugin;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.biologicscds.cards.CardRenderer;
import org.biologicscds.guidance.DraftReview;
import org.biologicscds.guidance.Guidance;
import org.biologicscds.hooks.CdsJson;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.record.DraftOrders;
import org.biologicscds.record.FetchResult;
import org.biologicscds.record.FhirEndpoint;
import org.biologicscds.record.FhirFetcher;
import org.biologicscds.record.PatientRecord;
import org.biologicscds.record.PrefetchTokens;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Runs the biologic guidance on one MedicationRequest against a FHIR server's data: the patient's
 * record is read from the server with the CDS services' prefetch templates (the same queries, the
 * same fetcher as the CDS path), then {@link Guidance} finds and {@link CardRenderer} words the
 * findings exactly as the CDS services do. Thread-safe.
 */
final class OrderChecker {

    private final Knowledge knowledge;
    private final Guidance guidance;
    private final CardRenderer renderer;
    private final Map<String, String> templates;
    private final FhirFetcher fetcher;
    private final Clock clock;

    OrderChecker(Knowledge knowledge, FhirContext fhir, Map<String, String> templates, FhirFetcher fetcher, Clock clock) {
        this.knowledge = knowledge;
        this.guidance = new Guidance(knowledge);
        this.renderer = new CardRenderer(knowledge.rules(), fhir, new CdsJson());
        this.templates = Map.copyOf(templates);
        this.fetcher = fetcher;
        this.clock = clock;
    }

    /**
     * @param order       the MedicationRequest being written
     * @param serverBase  the base URL of the server it is written to
     * @param bearerToken the writer's own token, to read the record with the writer's rights
     */
    OrderCheck check(MedicationRequest order, String serverBase, Optional<String> bearerToken) {
        LocalDate today = LocalDate.now(clock);
        DraftOrders drafts = new DraftOrders(List.of(order), List.of(order));
        String reference = order.getSubject().getReference();
        boolean medicationElsewhere = order.getMedication() instanceof Reference medication && medication.hasReference()
                && !medication.getReference().startsWith("#");
        PatientRecord noRecord = PatientRecord.of(null, List.of());
        DraftReview fromOrder = guidance.review(drafts, noRecord, today);
        if (!medicationElsewhere && fromOrder.orders().isEmpty()) {
            // No catalogue biologic is ordered: the record is not needed to say so, nor to say that an
            // advanced therapy outside the catalogue was not checked (drug-not-recognised).
            return OrderCheck.ran(renderer.render(guidance.evaluate(fromOrder, drafts, noRecord, today), null));
        }
        if (reference == null || !reference.matches("(.*/)?Patient/[A-Za-z0-9\\-.]{1,64}")) {
            return OrderCheck.notRun("the MedicationRequest names no Patient as its subject");
        }
        String patientId = reference.substring(reference.lastIndexOf('/') + 1);
        Map<String, FetchResult> fetched = fetcher.fetchTemplates(new FhirEndpoint(serverBase, bearerToken), templates,
                PrefetchTokens.forPatient(patientId));
        List<FetchResult> failed = fetched.values().stream().filter(r -> !r.ok()).toList();
        if (!failed.isEmpty()) {
            return OrderCheck.notRun("the patient's record could not be read: "
                    + failed.stream().map(FetchResult::describe).collect(Collectors.joining("; ")));
        }
        List<Resource> resources = new ArrayList<>();
        fetched.values().forEach(r -> resources.addAll(r.resources()));
        PatientRecord record = PatientRecord.of(patientId, resources);
        DraftReview review = guidance.review(drafts, record, today);
        return OrderCheck.ran(renderer.render(guidance.evaluate(review, drafts, record, today), patientId));
    }

    Knowledge knowledge() {
        return knowledge;
    }
}
