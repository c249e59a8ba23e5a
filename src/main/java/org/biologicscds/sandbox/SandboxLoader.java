package org.biologicscds.sandbox;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.util.FhirTerser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Loads FHIR R4 JSON into the {@link ResourceStore}: single resources, and bundles of any type as a
 * server would take them. A transaction or batch bundle is applied as such: {@code POST} entries
 * keep their resource's id (or get a new one), {@code PUT} entries take the id of their URL,
 * {@code DELETE} entries are ignored, and every reference to an entry's {@code fullUrl}
 * ({@code urn:uuid:...} as Synthea writes them) is rewritten to {@code Type/id}. A file that is not
 * FHIR stops the load with a {@link SandboxLoadException} naming it.
 */
final class SandboxLoader {

    private final FhirContext fhir;
    private final ResourceStore store;

    SandboxLoader(FhirContext fhir, ResourceStore store) {
        this.fhir = fhir;
        this.store = store;
    }

    /**
     * Loads a {@code .json} file, or every {@code .json} file under a folder (recursively, in name order).
     *
     * @return how many resources were stored
     */
    int load(Path fileOrFolder) {
        if (Files.isDirectory(fileOrFolder)) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(fileOrFolder)) {
                files = walk.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
            } catch (IOException e) {
                throw new SandboxLoadException(fileOrFolder.toString(), "cannot list the folder: " + e.getMessage());
            }
            int count = 0;
            for (Path file : files) {
                count += load(file);
            }
            return count;
        }
        try {
            return load(Files.readString(fileOrFolder, StandardCharsets.UTF_8), fileOrFolder.toString());
        } catch (IOException e) {
            throw new SandboxLoadException(fileOrFolder.toString(), "cannot read it: " + e.getMessage());
        }
    }

    /** Loads one resource or bundle given as JSON; {@code name} says where it came from, for errors. */
    int load(String json, String name) {
        IBaseResource parsed;
        try {
            parsed = fhir.newJsonParser()
                    .setParserErrorHandler(new LenientErrorHandler(false).setErrorOnInvalidValue(false))
                    .setOverrideResourceIdWithBundleEntryFullUrl(false)
                    .parseResource(json);
        } catch (DataFormatException | IllegalArgumentException e) {
            throw new SandboxLoadException(name, "not a FHIR R4 resource or bundle");
        }
        if (!(parsed instanceof Resource resource)) {
            throw new SandboxLoadException(name, "not a FHIR R4 resource");
        }
        List<Resource> resources = resource instanceof Bundle bundle ? fromBundle(bundle) : List.of(withId(resource));
        resources.forEach(store::put);
        return resources.size();
    }

    /** The bundle's resources with their ids settled and their references to other entries rewritten. */
    private List<Resource> fromBundle(Bundle bundle) {
        Map<String, String> referenceOf = new HashMap<>();
        List<Resource> resources = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Resource resource = entry.getResource();
            if (resource == null || entry.getRequest().getMethod() == Bundle.HTTPVerb.DELETE) {
                continue;
            }
            String url = entry.getRequest().getUrl();
            if (entry.getRequest().getMethod() == Bundle.HTTPVerb.PUT && url != null && url.contains("/")
                    && !url.contains("?")) {
                resource.setId(url.substring(url.indexOf('/') + 1));
            }
            if (!resource.getIdElement().hasIdPart() && entry.getFullUrl() != null
                    && entry.getFullUrl().startsWith("urn:uuid:")) {
                resource.setId(entry.getFullUrl().substring("urn:uuid:".length()));
            }
            withId(resource);
            String reference = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
            if (entry.hasFullUrl()) {
                referenceOf.put(entry.getFullUrl(), reference);
            }
            resources.add(resource);
        }
        FhirTerser terser = fhir.newTerser();
        for (Resource resource : resources) {
            for (Reference reference : terser.getAllPopulatedChildElementsOfType(resource, Reference.class)) {
                String target = referenceOf.get(reference.getReference());
                if (target != null) {
                    reference.setReference(target);
                }
            }
        }
        return resources;
    }

    private static Resource withId(Resource resource) {
        String id = resource.getIdElement().getIdPart();
        resource.setId(id == null || id.isBlank() ? UUID.randomUUID().toString() : id);
        return resource;
    }
}
