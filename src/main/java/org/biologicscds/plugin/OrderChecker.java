package org.biologicscds.plugin;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.biologicscds.cards.CardRenderer;
import org.biologicscds.guidance.DraftReview;
import org.biologicscds.guidance.Guidance;
import org.biologicscds.hooks.CdsJson;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.record.DraftOrders;
import org.biologicscds.record.FetchResult;
import org.biologicscds.record.PatientRecord;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Runs the biologic guidance on one MedicationRequest against a FHIR server's data: the patient's
 * record is read from a {@link RecordSource} with the CDS services' prefetch templates (the same
 * queries as the CDS path), then {@link Guidance} finds and {@link CardRenderer} words the findings
 * exactly as the CDS services do. As on the CDS path, an order whose drug cannot be resolved is
 * never taken for "no biologic" (BCDS-2004): a {@code medicationReference} is resolved by reading
 * the Medication it names. Thread-safe.
 */
final class OrderChecker {

    private final Knowledge knowledge;
    private final Guidance guidance;
    private final CardRenderer renderer;
    private final Map<String, String> templates;
    private final Clock clock;

    OrderChecker(Knowledge knowledge, FhirContext fhir, Map<String, String> templates, Clock clock) {
        this.knowledge = knowledge;
        this.guidance = new Guidance(knowledge);
        this.renderer = new CardRenderer(knowledge.rules(), fhir, new CdsJson());
        this.templates = Map.copyOf(templates);
        this.clock = clock;
    }

    /**
     * @param order   the MedicationRequest being written
     * @param source  where the patient's record and a referenced Medication are read
     * @param request the write, whose rights (and partition) the reads use
     */
    OrderCheck check(MedicationRequest order, RecordSource source, RequestDetails request) {
        LocalDate today = LocalDate.now(clock);
        List<Medication> medications = new ArrayList<>();
        if (order.getMedication() instanceof Reference medication && medication.hasReference()
                && !medication.getReference().startsWith("#")) {
            source.medication(medication.getReference(), request).ifPresent(medications::add);
        }
        DraftOrders drafts = new DraftOrders(List.of(order), List.of(order), medications);
        PatientRecord orderOnly = new PatientRecord(null, null, medications);
        DraftReview fromOrder = guidance.review(drafts, orderOnly, today);
        if (!fromOrder.needsRecord()) {
            // No catalogue biologic and no reverse trigger (a co-medication or live vaccine, clinical-v2.md
            // 1.4 R) is ordered: the record is not needed to say so, nor to say that an advanced therapy
            // outside the catalogue was not checked (drug-not-recognised).
            return OrderCheck.ran(renderer.render(guidance.evaluate(fromOrder, drafts, orderOnly, today), null));
        }
        String reference = order.getSubject().getReference();
        if (reference == null || !reference.matches("(.*/)?Patient/[A-Za-z0-9\\-.]{1,64}")) {
            return OrderCheck.recordUnreadable("the MedicationRequest names no Patient as its subject");
        }
        String patientId = reference.substring(reference.lastIndexOf('/') + 1);
        Map<String, FetchResult> fetched = source.read(templates, patientId, request);
        List<FetchResult> failed = fetched.values().stream().filter(r -> !r.ok()).toList();
        if (!failed.isEmpty()) {
            return OrderCheck.recordUnreadable("the patient's record could not be read: "
                    + failed.stream().map(FetchResult::describe).collect(Collectors.joining("; ")));
        }
        List<Resource> resources = new ArrayList<>();
        fetched.values().forEach(r -> resources.addAll(r.resources()));
        PatientRecord record = PatientRecord.of(patientId, resources).plus(medications);
        DraftReview review = guidance.review(drafts, record, today);
        if (!review.unresolved().isEmpty()) {
            return OrderCheck.drugUnresolved("the medication of the order could not be resolved " + review.unresolved()
                    + ": reference a Medication this server has, or code the drug in medicationCodeableConcept");
        }
        return OrderCheck.ran(renderer.render(guidance.evaluate(review, drafts, record, today), patientId));
    }

    Knowledge knowledge() {
        return knowledge;
    }
}
