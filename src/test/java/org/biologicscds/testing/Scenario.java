package org.biologicscds.testing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.biologicscds.cards.CardRenderer;
import org.biologicscds.guidance.BiologicOrder;
import org.biologicscds.guidance.CourseState;
import org.biologicscds.guidance.PatientFacts;
import org.biologicscds.guidance.Finding;
import org.biologicscds.guidance.Guidance;
import org.biologicscds.guidance.OrderFindings;
import org.biologicscds.hooks.CdsJson;
import org.biologicscds.hooks.CdsResponse;
import org.biologicscds.record.DraftOrders;
import org.biologicscds.record.FhirReader;
import org.biologicscds.record.PatientRecord;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * A patient, a record and a draft biologic order, written as FHIR R4 JSON the way EHRs send it,
 * evaluated by the real guidance on a fixed day. Builds no HTTP; for that see the server tests.
 *
 * <pre>{@code
 * List<Finding> findings = Scenario.on("2026-11-23")
 *         .record("""{"resourceType":"Observation", ...}""")
 *         .order(Scenario.rxNormOrder("1790546", "infliximab-dyyb 100 MG Injection [Inflectra]"))
 *         .findings();
 * }</pre>
 */
public final class Scenario {

    public static final String PATIENT_ID = "pt-1";
    private static final FhirReader READER = new FhirReader(TestKnowledge.FHIR);
    private static final Guidance GUIDANCE = new Guidance(TestKnowledge.get());
    private static final CdsJson JSON = new CdsJson();
    private static final CardRenderer RENDERER = new CardRenderer(TestKnowledge.get().rules(), TestKnowledge.FHIR, JSON);

    private final LocalDate today;
    private Patient patient;
    private final List<Resource> record = new ArrayList<>();
    private final List<MedicationRequest> drafts = new ArrayList<>();
    private final List<org.hl7.fhir.r4.model.ServiceRequest> services = new ArrayList<>();

    private Scenario(LocalDate today) {
        this.today = today;
    }

    /** A scenario evaluated on {@code isoDate} (yyyy-MM-dd). */
    public static Scenario on(String isoDate) {
        return new Scenario(LocalDate.parse(isoDate));
    }

    /** The Patient resource (JSON); its id should be {@link #PATIENT_ID}. */
    public Scenario patient(String json) {
        this.patient = (Patient) READER.read(json);
        return this;
    }

    /** Resources of the record (JSON each): conditions, observations, medications, allergies... */
    public Scenario record(String... json) {
        for (String resource : json) {
            record.add(READER.read(resource));
        }
        return this;
    }

    /** A draft MedicationRequest to check (JSON). The first one added is the order under review. */
    public Scenario order(String json) {
        drafts.add((MedicationRequest) READER.read(json));
        return this;
    }

    /** A draft ServiceRequest of the request (JSON), e.g. a vaccine ordered by CVX code (clinical-v2.md 1.4 R). */
    public Scenario serviceOrder(String json) {
        services.add((org.hl7.fhir.r4.model.ServiceRequest) READER.read(json));
        return this;
    }

    /** Every draft's findings (biologic orders, then reverse-trigger drafts, then not-recognised drafts), as cards are rendered from them. */
    public List<OrderFindings> results() {
        return evaluate();
    }

    /** The review of the drafts: which are biologic orders, reverse triggers, not recognised ({@link Guidance#review}). */
    public org.biologicscds.guidance.DraftReview review() {
        PatientRecord patientRecord = new PatientRecord(PATIENT_ID, patient, record);
        return GUIDANCE.review(draftOrders(), patientRecord, today);
    }

    /**
     * Every finding for the first draft, or an empty list if it is not a recognised biologic. The
     * findings are also rendered as cards and checked against the CDS Hooks card rules, so every
     * rule test checks the cards its rule produces.
     */
    public List<Finding> findings() {
        List<OrderFindings> results = evaluate();
        CdsResponse response = new CdsResponse(RENDERER.render(results, PATIENT_ID));
        List<String> problems = ResponseChecker.violations(JSON.mapper().valueToTree(response));
        if (!problems.isEmpty()) {
            throw new AssertionError("cards break the CDS Hooks card rules: " + problems);
        }
        return results.stream().findFirst().map(OrderFindings::findings).orElse(List.of());
    }

    /** The finding of one rule for the first draft, if it fired. */
    public Optional<Finding> finding(String ruleId) {
        return findings().stream().filter(f -> f.ruleId().equals(ruleId)).findFirst();
    }

    /** The rule ids that fired for the first draft. */
    public List<String> ruleIds() {
        return findings().stream().map(Finding::ruleId).toList();
    }

    /** The biologic orders recognised among the drafts. */
    public List<BiologicOrder> orders() {
        PatientRecord patientRecord = new PatientRecord(PATIENT_ID, patient, record);
        DraftOrders draftOrders = new DraftOrders(drafts, drafts);
        return GUIDANCE.biologicOrders(draftOrders, patientRecord, today);
    }

    /** The course state of the first draft (clinical-v2.md 1.3), as every rule reads it. */
    public CourseState course() {
        PatientRecord patientRecord = new PatientRecord(PATIENT_ID, patient, record);
        BiologicOrder order = orders().get(0);
        return new PatientFacts(patientRecord, drafts, TestKnowledge.get(), today).course(order);
    }

    private List<OrderFindings> evaluate() {
        PatientRecord patientRecord = new PatientRecord(PATIENT_ID, patient, record);
        DraftOrders draftOrders = draftOrders();
        return GUIDANCE.evaluate(GUIDANCE.review(draftOrders, patientRecord, today), draftOrders, patientRecord, today);
    }

    /** The first MedicationRequest draft is checked, the others are co-medication; every ServiceRequest draft is checked. */
    private DraftOrders draftOrders() {
        return new DraftOrders(drafts.subList(0, Math.min(1, drafts.size())), drafts, List.of(), services);
    }

    /** A draft MedicationRequest coded with one RxNorm code, as Epic and Cerner send them. */
    public static String rxNormOrder(String rxcui, String display) {
        return """
                {"resourceType":"MedicationRequest","id":"draft-1","status":"draft","intent":"order",
                 "subject":{"reference":"Patient/pt-1"},
                 "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm",
                   "code":"%s","display":"%s"}],"text":"%s"}}
                """.formatted(rxcui, display, display);
    }

    /** A draft MedicationRequest with only text, as systems without RxNorm send it (e.g. netakimab). */
    public static String textOrder(String text) {
        return """
                {"resourceType":"MedicationRequest","id":"draft-1","status":"draft","intent":"order",
                 "subject":{"reference":"Patient/pt-1"},"medicationCodeableConcept":{"text":"%s"}}
                """.formatted(text);
    }

    /** An infliximab order (Inflectra, infliximab-dyyb SBD). */
    public static String infliximabOrder() {
        return rxNormOrder("1790546", "infliximab-dyyb 100 MG Injection [Inflectra]");
    }

    /** A final, negative QuantiFERON result on {@code date}: the screening all-clear. */
    public static String negativeIgra(String date) {
        return """
                {"resourceType":"Observation","id":"igra-neg-%s","status":"final",
                 "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"laboratory"}]}],
                 "code":{"coding":[{"system":"http://loinc.org","code":"71773-6",
                   "display":"M. tuberculosis stimulated gamma interferon [Interpretation] in Blood Qualitative"}],
                   "text":"QuantiFERON-TB Gold Plus"},
                 "subject":{"reference":"Patient/pt-1"},"effectiveDateTime":"%s",
                 "valueCodeableConcept":{"coding":[{"system":"http://loinc.org","code":"LA6577-6","display":"Negative"}]}}
                """.formatted(date, date);
    }
}
