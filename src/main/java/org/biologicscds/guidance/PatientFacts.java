package org.biologicscds.guidance;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.biologicscds.knowledge.ConceptMatcher;
import org.biologicscds.knowledge.Drug;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.record.PatientRecord;
import org.biologicscds.record.RecordReads;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;

/**
 * The questions rules ask of a patient's record, answered the way EHR data needs: statuses that
 * mean "not real" ({@code entered-in-error}, {@code refuted}, {@code cancelled}) are ignored,
 * co-medications count only while active by status and period, codes and text both match.
 * One instance per request, not shared between threads: it remembers, for this request only, what
 * each concept matched ({@link ConceptMatcher}), what each medication element names, and the
 * medication list of each order, because every rule asks again.
 */
public final class PatientFacts {

    private static final Set<String> ACTIVE_CLINICAL = Set.of("active", "recurrence", "relapse");
    private static final Set<String> NOT_REAL_VERIFICATION = Set.of("refuted", "entered-in-error");
    private static final Set<String> USABLE_OBSERVATION = Set.of("final", "amended", "corrected");
    private static final Set<String> ACTIVE_REQUEST = Set.of("active", "on-hold");
    private static final Set<String> ACTIVE_STATEMENT = Set.of("active", "intended", "on-hold");
    private static final Set<String> NOT_REAL_MEDICATION = Set.of("entered-in-error", "cancelled");
    /** Exposure evidence (clinical-v2.md 1.3), by kind of record. */
    private static final Set<String> EXPOSURE_REQUEST = Set.of("active", "on-hold", "completed", "stopped");
    private static final Set<String> EXPOSURE_INTENT = Set.of("order", "original-order", "instance-order");
    private static final Set<String> EXPOSURE_STATEMENT = Set.of("active", "completed", "stopped", "intended");
    private static final Set<String> EXPOSURE_ADMINISTRATION = Set.of("completed", "in-progress");
    /** The resource types a medication list is read from (besides the request's drafts). */
    private static final List<String> MEDICATION_TYPES = List.of("MedicationRequest", "MedicationStatement",
            "MedicationAdministration");

    /** The record as read by the selectors below, which tell {@link #reads} what they select. */
    private final PatientRecord record;
    /** The record as {@link #record()} hands it to rules: every {@code all(type)} is told to {@link #reads}. */
    private final PatientRecord observed;
    private final RecordReads reads;
    private final List<MedicationRequest> drafts;
    private final ConceptMatcher codes;
    private final LocalDate today;
    private final Map<Type, CodeableConcept> conceptOfMedication = new IdentityHashMap<>();
    /** Each order's medication list; under the null key, the list with no order left out. */
    private final Map<BiologicOrder, List<MedicationUse>> medicationsExcept = new IdentityHashMap<>();
    private final Map<BiologicOrder, CourseState> courses = new IdentityHashMap<>();
    /** The resource each medication use was read from (its dosage is asked by the dosing rules). */
    private final Map<MedicationUse, Resource> sourceOfUse = new IdentityHashMap<>();
    private final Knowledge knowledge;
    private CourseReader courseReader;

    /**
     * @param drafts every draft MedicationRequest of the request: the others than the order under
     *               review count as co-medication
     */
    public PatientFacts(PatientRecord record, List<MedicationRequest> drafts, Knowledge knowledge, LocalDate today) {
        this(record, drafts, knowledge, today, RecordReads.NONE);
    }

    /**
     * As {@link #PatientFacts(PatientRecord, List, Knowledge, LocalDate)}, telling {@code reads} what
     * each question reads of the record (tests of the rules' declared data needs).
     */
    public PatientFacts(PatientRecord record, List<MedicationRequest> drafts, Knowledge knowledge, LocalDate today,
                        RecordReads reads) {
        this.record = record;
        this.observed = record.observedBy(reads);
        this.reads = reads;
        this.drafts = List.copyOf(drafts);
        this.codes = new ConceptMatcher(knowledge);
        this.knowledge = knowledge;
        this.today = today;
    }

    public LocalDate today() {
        return today;
    }

    /** The record; a rule that reads {@code all(type)} of it reads every resource of that type. */
    public PatientRecord record() {
        return observed;
    }

    /** The reads that follow are made for these ids (a rule's, or the shared reader's): see {@link RecordReads}. */
    void reading(List<String> readerIds) {
        reads.reader(readerIds);
    }

    /** Reads of {@code valueSetId} by the selectors, for a code a caller matches against it. */
    void readCoded(String resourceType, String valueSetId) {
        reads.read(resourceType, valueSetId);
    }

    public ConceptMatcher codes() {
        return codes;
    }

    /** The biologic of the catalogue that a medication concept names, if any ({@link org.biologicscds.knowledge.DrugCatalog#identify}). */
    public Optional<Drug> drug(CodeableConcept medication) {
        return codes.drug(medication);
    }

    // ---- conditions

    /** Conditions in the value set that are not refuted or entered in error, newest first. */
    public List<Condition> conditions(String valueSetId) {
        reads.read("Condition", valueSetId);
        return record.all(Condition.class).stream()
                .filter(c -> !hasCode(c.getVerificationStatus(), NOT_REAL_VERIFICATION))
                .filter(c -> codes.matches(valueSetId, c.getCode()))
                .sorted(Comparator.comparing((Condition c) -> conditionDate(c).orElse(LocalDate.MIN)).reversed())
                .toList();
    }

    /** As {@link #conditions}, and clinically active (active, recurrence, relapse; or no status and no abatement). */
    public List<Condition> activeConditions(String valueSetId) {
        return conditions(valueSetId).stream().filter(PatientFacts::isActive).toList();
    }

    static boolean isActive(Condition condition) {
        if (condition.hasClinicalStatus()) {
            return hasCode(condition.getClinicalStatus(), ACTIVE_CLINICAL);
        }
        return !condition.hasAbatement();
    }

    /** When the condition began, else when it was recorded. */
    public static Optional<LocalDate> conditionDate(Condition condition) {
        Optional<LocalDate> onset = FhirDates.start(condition.getOnset());
        return onset.isPresent() ? onset : FhirDates.day(condition.getRecordedDateElement());
    }

    // ---- observations

    /** Final (or amended, corrected, or status-less) observations whose code is in the value set, newest first. */
    public List<Observation> observations(String valueSetId) {
        return observationsWithStatus(valueSetId, true);
    }

    /** Observations in the value set that are ordered or under way but have no final result yet. */
    public List<Observation> pendingObservations(String valueSetId) {
        return observationsWithStatus(valueSetId, false);
    }

    private List<Observation> observationsWithStatus(String valueSetId, boolean usable) {
        reads.read("Observation", valueSetId);
        return record.all(Observation.class).stream()
                .filter(o -> usable == isUsable(o) && (usable || isPending(o)))
                .filter(o -> codes.matches(valueSetId, o.getCode()))
                .sorted(Comparator.comparing((Observation o) -> observationDate(o).orElse(LocalDate.MIN)).reversed())
                .toList();
    }

    private static boolean isUsable(Observation observation) {
        return !observation.hasStatus() || USABLE_OBSERVATION.contains(status(observation.getStatusElement()));
    }

    private static boolean isPending(Observation observation) {
        return Set.of("registered", "preliminary").contains(status(observation.getStatusElement()));
    }

    /** When the observation was made, else when it was issued. */
    public static Optional<LocalDate> observationDate(Observation observation) {
        Optional<LocalDate> effective = FhirDates.start(observation.getEffective());
        return effective.isPresent() ? effective : FhirDates.day(observation.getIssuedElement());
    }

    /** True if the observation's coded or text value is in the value set. */
    public boolean valueIn(Observation observation, String valueSetId) {
        Type value = observation.getValue();
        if (value instanceof CodeableConcept concept) {
            return codes.matches(valueSetId, concept);
        }
        if (value instanceof org.hl7.fhir.r4.model.StringType text) {
            return codes.matchesText(valueSetId, text.getValue());
        }
        return false;
    }

    /** True if one of the observation's interpretation codes is in the value set. */
    public boolean interpretationIn(Observation observation, String valueSetId) {
        return observation.getInterpretation().stream().anyMatch(c -> codes.matches(valueSetId, c));
    }

    /**
     * Every Observation of any status, for a caller that keeps only those whose code, or one of
     * whose components' code, is in {@code valueSetId} ({@link LabReading}): a read of that value set.
     */
    List<Observation> observationsToMatch(String valueSetId) {
        reads.read("Observation", valueSetId);
        return record.all(Observation.class);
    }

    /**
     * The codes of the Conditions an order's {@code reasonReference}s name, for a caller that matches
     * them against {@code valueSetIds} only (its indications): a read of those value sets.
     */
    List<CodeableConcept> reasonConditionCodes(MedicationRequest draft, Collection<String> valueSetIds) {
        List<CodeableConcept> codes = new ArrayList<>();
        if (draft == null || !draft.hasReasonReference()) {
            return codes;
        }
        valueSetIds.forEach(valueSetId -> reads.read("Condition", valueSetId));
        for (Reference reference : draft.getReasonReference()) {
            String id = reference.getReferenceElement().getIdPart();
            record.all(Condition.class).stream()
                    .filter(c -> id != null && id.equals(c.getIdElement().getIdPart()))
                    .forEach(c -> codes.add(c.getCode()));
        }
        return codes;
    }

    // ---- procedures

    /** Procedures in the value set that were not entered in error. */
    public List<Procedure> procedures(String valueSetId) {
        reads.read("Procedure", valueSetId);
        return record.all(Procedure.class).stream()
                .filter(p -> !"entered-in-error".equals(status(p.getStatusElement())))
                .filter(p -> codes.matches(valueSetId, p.getCode()))
                .toList();
    }

    // ---- medications

    /** Every medication in the value set, current or past, newest start first, excluding the order itself. */
    public List<MedicationUse> medications(String valueSetId, BiologicOrder order) {
        for (String type : MEDICATION_TYPES) {
            reads.read(type, valueSetId);
        }
        return medicationsOf(order).stream().filter(m -> codes.matchesMedication(valueSetId, m.concept())).toList();
    }

    /** Current medications in the value set, excluding the order under review. */
    public List<MedicationUse> activeMedications(String valueSetId, BiologicOrder order) {
        return medications(valueSetId, order).stream().filter(MedicationUse::active).toList();
    }

    /** Every medication of the record and of the request's drafts. */
    public List<MedicationUse> medications() {
        return medications((BiologicOrder) null);
    }

    /**
     * Every medication of the record and the request's other drafts, excluding the order under
     * review (a new order is not its own co-medication; a therapy under monitoring is kept).
     */
    public List<MedicationUse> medications(BiologicOrder order) {
        for (String type : MEDICATION_TYPES) {
            reads.read(type, null);
        }
        return medicationsOf(order);
    }

    private List<MedicationUse> medicationsOf(BiologicOrder order) {
        return medicationsExcept.computeIfAbsent(order, o -> List.copyOf(readMedications(o)));
    }

    private List<MedicationUse> readMedications(BiologicOrder order) {
        List<MedicationUse> uses = new ArrayList<>();
        for (MedicationRequest draft : drafts) {
            if (order == null || draft != order.draft()) {
                uses.add(from(draft, new MedicationUse(MedicationUse.Kind.DRAFT, medicationConcept(draft), "draft order in this request",
                        "draft", FhirDates.day(draft.getAuthoredOnElement()), Optional.empty(), true, false)));
            }
        }
        for (MedicationRequest request : record.all(MedicationRequest.class)) {
            String status = status(request.getStatusElement());
            if (NOT_REAL_MEDICATION.contains(status) || isSameResource(request, order)) {
                continue;
            }
            Optional<LocalDate> start = FhirDates.day(request.getAuthoredOnElement());
            Optional<LocalDate> end = supplyEnd(request, start);
            boolean active = ACTIVE_REQUEST.contains(status) && end.map(e -> !e.isBefore(today)).orElse(true);
            String intent = request.getIntentElement().getValue() == null ? "unknown" : request.getIntentElement().getValueAsString();
            boolean exposure = EXPOSURE_REQUEST.contains(status) && EXPOSURE_INTENT.contains(intent);
            uses.add(from(request, new MedicationUse(MedicationUse.Kind.REQUEST, medicationConcept(request), status + " MedicationRequest", status,
                    start, end, active, exposure)));
        }
        for (MedicationStatement statement : record.all(MedicationStatement.class)) {
            String status = status(statement.getStatusElement());
            if (NOT_REAL_MEDICATION.contains(status)) {
                continue;
            }
            Optional<LocalDate> start = FhirDates.start(statement.getEffective());
            Optional<LocalDate> end = statement.getEffective() instanceof org.hl7.fhir.r4.model.Period
                    ? FhirDates.end(statement.getEffective()) : Optional.empty();
            boolean active = ACTIVE_STATEMENT.contains(status) && end.map(e -> !e.isBefore(today)).orElse(true);
            uses.add(from(statement, new MedicationUse(MedicationUse.Kind.STATEMENT,
                    medicationConcept(statement.getMedication(), statement.getContained()),
                    status + " MedicationStatement", status, start, end, active, EXPOSURE_STATEMENT.contains(status))));
        }
        for (MedicationAdministration given : record.all(MedicationAdministration.class)) {
            String status = status(given.getStatusElement());
            if (NOT_REAL_MEDICATION.contains(status) || "not-done".equals(status)) {
                continue;
            }
            Optional<LocalDate> on = FhirDates.start(given.getEffective());
            uses.add(new MedicationUse(MedicationUse.Kind.ADMINISTRATION,
                    medicationConcept(given.getMedication(), given.getContained()),
                    "administered (" + status + ")", status, on, on, false, EXPOSURE_ADMINISTRATION.contains(status)));
        }
        uses.sort(Comparator.comparing((MedicationUse m) -> m.start().orElse(LocalDate.MIN)).reversed());
        return uses;
    }

    private MedicationUse from(Resource resource, MedicationUse use) {
        sourceOfUse.put(use, resource);
        return use;
    }

    /**
     * The MedicationRequest or MedicationStatement a medication use of {@link #medications} was read
     * from, for its dosage (methotrexate-dosing, glucocorticoid-co-medication); empty for administrations.
     */
    public Optional<Resource> source(MedicationUse use) {
        return Optional.ofNullable(sourceOfUse.get(use));
    }

    /**
     * When an order's supply runs out (amendment 4): the later of its validity end and its
     * {@code authoredOn} plus the expected supply duration; empty when it says neither, so that a
     * bare {@code authoredOn} is never taken for the last dose of a 90-day prescription.
     */
    private static Optional<LocalDate> supplyEnd(MedicationRequest request, Optional<LocalDate> authored) {
        MedicationRequest.MedicationRequestDispenseRequestComponent dispense = request.getDispenseRequest();
        Optional<LocalDate> validity = dispense.hasValidityPeriod() ? FhirDates.end(dispense.getValidityPeriod())
                : Optional.empty();
        Optional<LocalDate> supplied = Optional.empty();
        if (authored.isPresent() && dispense.hasExpectedSupplyDuration() && dispense.getExpectedSupplyDuration().hasValue()) {
            long days = FhirDates.days(dispense.getExpectedSupplyDuration()).orElse(0L);
            if (days > 0) {
                supplied = Optional.of(authored.get().plusDays(days));
            }
        }
        if (validity.isPresent() && supplied.isPresent()) {
            return Optional.of(validity.get().isAfter(supplied.get()) ? validity.get() : supplied.get());
        }
        return validity.isPresent() ? validity : supplied;
    }

    /** The course state of an order (clinical-v2.md 1.3), computed once per order of this request. */
    public CourseState course(BiologicOrder order) {
        return courses.computeIfAbsent(order, o -> courseReader().read(o, this));
    }

    private CourseReader courseReader() {
        if (courseReader == null) {
            courseReader = new CourseReader(knowledge);
        }
        return courseReader;
    }

    private static boolean isSameResource(MedicationRequest request, BiologicOrder order) {
        if (order == null || order.ongoing()) {
            return false;
        }
        String id = request.getIdElement().getIdPart();
        return id != null && order.reference().equals("MedicationRequest/" + id);
    }

    /** What a MedicationRequest orders: its code, or the code and ingredients of the Medication it references. */
    public CodeableConcept medicationConcept(MedicationRequest request) {
        return medicationConcept(request.getMedication(), request.getContained());
    }

    /** What a medication element names (statements, administrations): as {@link #medicationConcept(MedicationRequest)}. */
    CodeableConcept medicationConcept(Type medication, List<Resource> contained) {
        if (medication instanceof Reference) {
            // The same reference resolves to the same merged concept every time it is asked, so that
            // what was matched for it is remembered.
            return conceptOfMedication.computeIfAbsent(medication, m -> readMedicationConcept(m, contained));
        }
        return readMedicationConcept(medication, contained);
    }

    private CodeableConcept readMedicationConcept(Type medication, List<Resource> contained) {
        if (medication instanceof CodeableConcept concept) {
            return concept;
        }
        if (medication instanceof Reference reference) {
            Medication resolved = resolve(reference, contained);
            CodeableConcept merged = new CodeableConcept();
            if (resolved != null) {
                merged.setText(resolved.getCode().getText());
                resolved.getCode().getCoding().forEach(merged::addCoding);
                for (Medication.MedicationIngredientComponent ingredient : resolved.getIngredient()) {
                    if (ingredient.getItem() instanceof CodeableConcept item) {
                        item.getCoding().forEach(merged::addCoding);
                        if (!merged.hasText() && item.hasText()) {
                            merged.setText(item.getText());
                        } else if (item.hasText()) {
                            // Every name of the Medication is read (section 1.6): the ingredient's text as a display.
                            merged.addCoding().setDisplay(item.getText());
                        }
                    }
                }
            }
            if (!merged.hasText() && reference.hasDisplay()) {
                merged.setText(reference.getDisplay());
            }
            return merged;
        }
        return new CodeableConcept();
    }

    /**
     * The dose form of the Medication a request references (contained, in the request or in the
     * record), if it names one: "pre-filled pen", "ointment". A request coded with a concept has no form.
     */
    public Optional<CodeableConcept> medicationForm(MedicationRequest request) {
        if (request.getMedication() instanceof Reference reference) {
            Medication resolved = resolve(reference, request.getContained());
            if (resolved != null && resolved.hasForm()) {
                return Optional.of(resolved.getForm());
            }
        }
        return Optional.empty();
    }

    private Medication resolve(Reference reference, List<Resource> contained) {
        if (reference.getResource() instanceof Medication inline) {
            return inline;
        }
        String ref = reference.getReference();
        if (ref == null) {
            return null;
        }
        if (ref.startsWith("#")) {
            for (Resource resource : contained) {
                if (resource instanceof Medication m && ref.substring(1).equals(m.getIdElement().getIdPart())) {
                    return m;
                }
            }
            return null;
        }
        String id = ref.substring(ref.lastIndexOf('/') + 1);
        reads.read("Medication", null);
        return record.all(Medication.class).stream()
                .filter(m -> id.equals(m.getIdElement().getIdPart())).findFirst().orElse(null);
    }

    // ---- immunizations, planned procedures, demographics

    /** Immunizations in the value set that were given (not "not-done", not entered in error), newest first. */
    public List<Immunization> immunizations(String valueSetId) {
        reads.read("Immunization", valueSetId);
        return record.all(Immunization.class).stream()
                .filter(i -> !i.hasStatus() || "completed".equals(status(i.getStatusElement())))
                .filter(i -> codes.matches(valueSetId, i.getVaccineCode()))
                .sorted(Comparator.comparing((Immunization i) -> FhirDates.start(i.getOccurrence()).orElse(LocalDate.MIN))
                        .reversed())
                .toList();
    }

    /** Procedures not yet done (status preparation, or in-progress/unknown with a future date) whose code or category is in the value set. */
    public List<Procedure> plannedProcedures(String valueSetId) {
        reads.read("Procedure", valueSetId);
        return record.all(Procedure.class).stream()
                .filter(p -> "preparation".equals(status(p.getStatusElement()))
                        || FhirDates.start(p.getPerformed()).map(d -> d.isAfter(today)).orElse(false)
                            && Set.of("in-progress", "on-hold", "unknown").contains(status(p.getStatusElement())))
                .filter(p -> codes.matches(valueSetId, p.getCode()) || codes.matches(valueSetId, p.getCategory()))
                .toList();
    }

    /** Service requests that are still to be done (draft, active, on-hold) whose code or category is in the value set. */
    public List<ServiceRequest> openServiceRequests(String valueSetId) {
        reads.read("ServiceRequest", valueSetId);
        return record.all(ServiceRequest.class).stream()
                .filter(r -> Set.of("draft", "active", "on-hold").contains(status(r.getStatusElement())))
                .filter(r -> codes.matches(valueSetId, r.getCode())
                        || r.getCategory().stream().anyMatch(c -> codes.matches(valueSetId, c)))
                .toList();
    }

    /** The patient's age in whole years today, if the record has a birth date. */
    public Optional<Integer> ageInYears() {
        reads.read("Patient", null);
        return record.patient().filter(p -> p.hasBirthDateElement())
                .flatMap(p -> FhirDates.day(p.getBirthDateElement()))
                .map(birth -> (int) ChronoUnit.YEARS.between(birth, today));
    }

    // ---- allergies

    /** Allergies and intolerances that are not refuted, entered in error, inactive or resolved. */
    public List<AllergyIntolerance> allergies() {
        reads.read("AllergyIntolerance", null);
        return record.all(AllergyIntolerance.class).stream()
                .filter(a -> !hasCode(a.getVerificationStatus(), NOT_REAL_VERIFICATION))
                .filter(a -> !a.hasClinicalStatus() || hasCode(a.getClinicalStatus(), Set.of("active")))
                .toList();
    }

    /**
     * A status code as sent. An absent status, or a code outside the spec's vocabulary (kept by the
     * lenient parser without a value), reads as "unknown", which no rule counts as real or active.
     */
    static String status(org.hl7.fhir.r4.model.Enumeration<?> status) {
        return status == null || status.getValue() == null ? "unknown" : status.getValueAsString();
    }

    static boolean hasCode(CodeableConcept concept, Set<String> codes) {
        if (concept == null) {
            return false;
        }
        for (Coding coding : concept.getCoding()) {
            if (coding.hasCode() && codes.contains(coding.getCode())) {
                return true;
            }
        }
        return false;
    }
}
