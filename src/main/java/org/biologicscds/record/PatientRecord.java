package org.biologicscds.record;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * The patient's facts as the service could assemble them for one request: the Patient and every
 * resource of the record, grouped by type. Resources that name another patient are left out when
 * assembled, so one patient's data can never answer for another. Immutable.
 */
public final class PatientRecord {

    private final String patientId;
    private final Patient patient;
    private final Map<Class<?>, List<Resource>> byType;
    /** Told of each {@link #all} (tests of what rules read); {@link RecordReads#NONE} in the service. */
    private final RecordReads reads;

    public PatientRecord(String patientId, Patient patient, List<? extends Resource> resources) {
        this.patientId = patientId;
        this.patient = patient;
        Map<Class<?>, List<Resource>> grouped = new LinkedHashMap<>();
        for (Resource resource : resources) {
            grouped.computeIfAbsent(resource.getClass(), k -> new ArrayList<>()).add(resource);
        }
        grouped.replaceAll((k, v) -> List.copyOf(v));
        this.byType = Map.copyOf(grouped);
        this.reads = RecordReads.NONE;
    }

    private PatientRecord(PatientRecord base, RecordReads reads) {
        this.patientId = base.patientId;
        this.patient = base.patient;
        this.byType = base.byType;
        this.reads = reads;
    }

    /**
     * The same record, telling {@code reads} of every {@link #all} as a read of every resource of
     * the type (the record itself when {@code reads} is {@link RecordReads#NONE}).
     */
    public PatientRecord observedBy(RecordReads reads) {
        return reads == RecordReads.NONE && this.reads == RecordReads.NONE ? this : new PatientRecord(this, reads);
    }

    /**
     * The record of {@code patientId} from resources as fetched: the Patient with that id (or
     * without one), and every other resource that does not name a different patient.
     */
    public static PatientRecord of(String patientId, List<? extends Resource> resources) {
        Patient patient = null;
        List<Resource> own = new ArrayList<>();
        for (Resource resource : resources) {
            if (resource instanceof Patient p) {
                String id = p.getIdElement().getIdPart();
                if (id == null || id.equals(patientId)) {
                    patient = p;
                }
            } else if (PatientReferences.belongsTo(resource, patientId)) {
                own.add(resource);
            }
        }
        return new PatientRecord(patientId, patient, own);
    }

    /** This record with more resources (e.g. the Medications a draft bundle carries). */
    public PatientRecord plus(List<? extends Resource> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<Resource> all = new ArrayList<>();
        byType.values().forEach(all::addAll);
        all.addAll(more);
        return new PatientRecord(patientId, patient, all);
    }

    public String patientId() {
        return patientId;
    }

    /** The Patient resource, when the record holds one. */
    public Optional<Patient> patient() {
        if (reads != RecordReads.NONE) {
            reads.read("Patient", null);
        }
        return Optional.ofNullable(patient);
    }

    /** Every resource of the type, in the order received; empty if none. */
    @SuppressWarnings("unchecked")
    public <T extends Resource> List<T> all(Class<T> type) {
        if (reads != RecordReads.NONE) {
            reads.read(type.getSimpleName(), null);
        }
        return (List<T>) byType.getOrDefault(type, List.of());
    }
}
