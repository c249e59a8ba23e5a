package org.biologicscds.sandbox;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The sandbox's resources, in memory: the current version of each, by type and id, in the order
 * first stored, with an index of each patient's compartment (the resources whose {@code subject} or
 * {@code patient} names them). Stores and hands out copies, so nobody outside changes what is
 * stored. Thread-safe.
 */
public final class ResourceStore {

    private final Map<String, Map<String, Resource>> byType = new LinkedHashMap<>();
    private final Map<String, Set<String>> compartments = new LinkedHashMap<>();

    /**
     * Stores a copy of the resource, which must have a type and an id, as a new version
     * ({@code meta.versionId} counts up, {@code meta.lastUpdated} is now).
     *
     * @return the version stored
     */
    public synchronized long put(Resource resource) {
        String type = resource.fhirType();
        String id = resource.getIdElement().getIdPart();
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a " + type + " without an id cannot be stored");
        }
        Map<String, Resource> resources = byType.computeIfAbsent(type, t -> new LinkedHashMap<>());
        Resource previous = resources.get(id);
        long version = previous == null ? 1 : Long.parseLong(previous.getMeta().getVersionId()) + 1;
        if (previous != null) {
            unindex(previous);
        }
        Resource copy = resource.copy();
        detachReferenced(copy);
        copy.setId(type + "/" + id);
        copy.getMeta().setVersionId(Long.toString(version)).setLastUpdated(new Date());
        resources.put(id, copy);
        for (String patientId : patientsOf(copy)) {
            compartments.computeIfAbsent(patientId, p -> new LinkedHashSet<>()).add(type + "/" + id);
        }
        return version;
    }

    /** A copy of the current version, if stored. */
    public synchronized Optional<Resource> get(String type, String id) {
        Resource resource = byType.getOrDefault(type, Map.of()).get(id);
        return Optional.ofNullable(resource).map(Resource::copy);
    }

    /** Copies of every resource of the type, in the order first stored. */
    public synchronized List<Resource> all(String type) {
        return byType.getOrDefault(type, Map.of()).values().stream().map(Resource::copy).toList();
    }

    /** Copies of the resources of the type in the patient's compartment (the Patient itself for type Patient). */
    public synchronized List<Resource> inCompartment(String type, String patientId) {
        List<Resource> found = new ArrayList<>();
        Map<String, Resource> resources = byType.getOrDefault(type, Map.of());
        for (String key : compartments.getOrDefault(patientId, Set.of())) {
            if (key.startsWith(type + "/")) {
                Resource resource = resources.get(key.substring(type.length() + 1));
                if (resource != null) {
                    found.add(resource.copy());
                }
            }
        }
        return found;
    }

    /** Removes every resource. */
    public synchronized void clear() {
        byType.clear();
        compartments.clear();
    }

    /** How many resources of each type are stored, types in the order first stored. */
    public synchronized Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        byType.forEach((type, resources) -> counts.put(type, resources.size()));
        return counts;
    }

    /**
     * Drops the resource objects a parser hangs on references between entries of one bundle: stored
     * resources refer to others by reference only, as on a server (and the server would otherwise
     * add them to every search result as includes).
     */
    private static void detachReferenced(Base element) {
        for (Property property : element.children()) {
            for (Base value : property.getValues()) {
                if (value == null) {
                    continue;
                }
                if (value instanceof Reference reference) {
                    reference.setResource(null);
                }
                if (!(value instanceof Resource) || property.getName().equals("contained")) {
                    detachReferenced(value);
                }
            }
        }
    }

    private void unindex(Resource resource) {
        String key = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
        for (String patientId : patientsOf(resource)) {
            Set<String> members = compartments.get(patientId);
            if (members != null) {
                members.remove(key);
            }
        }
    }

    /** The patients a resource is about: a Patient's own id, else whom its subject or patient names. */
    static Set<String> patientsOf(Resource resource) {
        Set<String> patients = new LinkedHashSet<>();
        if (resource instanceof Patient patient) {
            patients.add(patient.getIdElement().getIdPart());
            return patients;
        }
        for (String element : List.of("subject", "patient")) {
            Property property = resource.getNamedProperty(element);
            if (property == null) {
                continue;
            }
            for (Base value : property.getValues()) {
                if (value instanceof Reference reference && reference.hasReference()) {
                    patientId(reference.getReference()).ifPresent(patients::add);
                }
            }
        }
        return patients;
    }

    /** The id in {@code Patient/123}, {@code http://host/fhir/Patient/123} or {@code .../Patient/123/_history/2}. */
    static Optional<String> patientId(String reference) {
        int at = reference.startsWith("Patient/") ? 0 : reference.lastIndexOf("/Patient/") + 1;
        if (at < 0 || (at == 0 && !reference.startsWith("Patient/"))) {
            return Optional.empty();
        }
        String id = reference.substring(at + "Patient/".length());
        int slash = id.indexOf('/');
        return Optional.of(slash >= 0 ? id.substring(0, slash) : id).filter(s -> !s.isBlank());
    }
}
