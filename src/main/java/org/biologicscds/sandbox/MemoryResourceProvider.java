package org.biologicscds.sandbox;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.RawParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The REST interactions of one resource type over the {@link ResourceStore}: read, search (every
 * token, reference, date, string and uri parameter R4 defines for the type, {@code _id},
 * {@code _lastUpdated}, {@code _include}; paging and {@code _count} by the server), create and update.
 */
final class MemoryResourceProvider implements IResourceProvider {

    private final Class<? extends IBaseResource> type;
    private final String typeName;
    private final ResourceStore store;
    private final SearchCriteria criteria;
    private final SearchMatcher matcher;
    private final FhirContext fhir;

    MemoryResourceProvider(FhirContext fhir, String typeName, ResourceStore store, SearchCriteria criteria,
                           SearchMatcher matcher) {
        this.fhir = fhir;
        this.type = fhir.getResourceDefinition(typeName).getImplementingClass();
        this.typeName = typeName;
        this.store = store;
        this.criteria = criteria;
        this.matcher = matcher;
    }

    @Override
    public Class<? extends IBaseResource> getResourceType() {
        return type;
    }

    @Read
    public IBaseResource read(@IdParam IdType id) {
        return store.get(typeName, id.getIdPart())
                .orElseThrow(() -> new ResourceNotFoundException(typeName + "/" + id.getIdPart() + " is not here"));
    }

    @Search(allowUnknownParams = true)
    public List<IBaseResource> search(@RawParam Map<String, List<String>> parameters,
                                      @IncludeParam Set<Include> includes, @Sort SortSpec sort) {
        if (sort != null) {
            throw new InvalidRequestException("_sort is not supported by the sandbox");
        }
        List<Criterion> wanted = criteria.parse(typeName, parameters == null ? Map.of() : parameters);
        List<IBaseResource> found = new ArrayList<>();
        for (Resource resource : candidates(wanted)) {
            if (matcher.matchesAll(resource, wanted)) {
                attachIncludes(resource, includes == null ? Set.of() : includes);
                found.add(resource);
            }
        }
        return found;
    }

    /** The patient's compartment when the search names exactly one patient; else every resource of the type. */
    private List<Resource> candidates(List<Criterion> wanted) {
        for (Criterion c : wanted) {
            if ((c.name().equals("patient") || c.name().equals("subject")) && c.modifier().isEmpty()
                    && c.values().size() == 1) {
                String value = c.values().get(0);
                // A bare id names a Patient only for "patient"; for "subject" it could be a Group.
                String id = value.contains("/") ? ResourceStore.patientId(value).orElse(null)
                        : c.name().equals("patient") ? value : null;
                if (id != null) {
                    return store.inCompartment(typeName, id);
                }
            }
        }
        return store.all(typeName);
    }

    /** Puts the included resources on the references (the server adds them to the bundle as {@code include}). */
    private void attachIncludes(Resource resource, Set<Include> includes) {
        for (Include include : includes) {
            String[] parts = include.getValue().split(":");
            if (include.getValue().equals("*")) {
                fhir.newTerser().getAllPopulatedChildElementsOfType(resource, Reference.class).forEach(this::resolve);
                continue;
            }
            if (parts.length < 2 || !parts[0].equals(typeName)) {
                continue;
            }
            RuntimeSearchParam param = fhir.getResourceDefinition(typeName).getSearchParam(parts[1]);
            if (param == null) {
                throw new InvalidRequestException("_include=" + include.getValue() + " names no search parameter of "
                        + typeName);
            }
            Criterion criterion = criteria.parse(typeName, Map.of(parts[1], List.of(""))).get(0);
            matcher.values(resource, criterion).stream().filter(Reference.class::isInstance)
                    .map(Reference.class::cast).forEach(this::resolve);
        }
    }

    private void resolve(Reference reference) {
        if (!reference.hasReference() || reference.getResource() != null) {
            return;
        }
        IdType id = new IdType(reference.getReference());
        if (id.hasResourceType() && id.hasIdPart()) {
            store.get(id.getResourceType(), id.getIdPart()).ifPresent(reference::setResource);
        }
    }

    @Create
    public MethodOutcome create(@ResourceParam IBaseResource resource) {
        Resource stored = (Resource) resource;
        stored.setId(UUID.randomUUID().toString());
        return written(stored, true);
    }

    @Update
    public MethodOutcome update(@IdParam IdType id, @ResourceParam IBaseResource resource) {
        Resource stored = (Resource) resource;
        boolean created = store.get(typeName, id.getIdPart()).isEmpty();
        stored.setId(id.getIdPart());
        return written(stored, created);
    }

    private MethodOutcome written(Resource resource, boolean created) {
        long version = store.put(resource);
        String id = resource.getIdElement().getIdPart();
        Resource current = store.get(typeName, id).orElseThrow();
        return new MethodOutcome(new IdType(typeName, id, Long.toString(version)), created).setResource(current);
    }
}
