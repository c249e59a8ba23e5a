package org.biologicscds.sandbox;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.api.BundleInclusionRule;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.FifoMemoryPagingProvider;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import jakarta.servlet.DispatcherType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.KnowledgeFile;
import org.biologicscds.record.QuietFhir;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.hl7.fhir.r4.model.Parameters;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * The embedded sandbox FHIR R4 server: HAPI's {@link RestfulServer} over the in-memory
 * {@link ResourceStore}, one provider per R4 resource type (read, search, create, update), paging
 * through {@code next} links. Mounted at {@value #CONTEXT_PATH} of the service's own port, so a
 * CDS request can name it as its {@code fhirServer}; for demos and tests, not for real patients.
 *
 * <p>It parses with {@link QuietFhir}: leniently and silently (a logging parser would log record data).
 */
public final class SandboxFhirServer {

    /** Where the server is mounted. */
    public static final String CONTEXT_PATH = "/fhir";
    /** Entries per page unless the client asks for another {@code _count} (up to {@link #MAX_PAGE_SIZE}). */
    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 500;

    /**
     * Types served from the start: what the prefetch templates, the rules and the demo patients
     * use, the knowledge, and the usual neighbours of a record. Types loaded later get a provider
     * when loaded; scanning all 146 R4 types up front would cost seconds for nothing.
     */
    private static final List<String> BASE_TYPES = List.of("AllergyIntolerance", "CarePlan", "CareTeam", "Claim",
            "CodeSystem", "Condition", "Coverage", "Device", "DiagnosticReport", "DocumentReference", "Encounter",
            "ExplanationOfBenefit", "FamilyMemberHistory", "Goal", "ImagingStudy", "Immunization", "Location",
            "Medication", "MedicationAdministration", "MedicationDispense", "MedicationKnowledge", "MedicationRequest",
            "MedicationStatement", "Observation", "Organization", "Patient", "Practitioner", "PractitionerRole",
            "Procedure", "Provenance", "RelatedPerson", "ServiceRequest", "StructureDefinition", "ValueSet");

    private final FhirContext fhir;
    private final ResourceStore store;
    private final RestfulServer restful;
    private final SearchCriteria criteria;
    private final SearchMatcher matcher;
    private final Set<String> served = new HashSet<>();

    /** A sandbox over {@code store} with the default page size. */
    public SandboxFhirServer(ResourceStore store) {
        this(store, DEFAULT_PAGE_SIZE);
    }

    public SandboxFhirServer(ResourceStore store, int pageSize) {
        this.fhir = QuietFhir.context();
        this.store = store;
        this.criteria = new SearchCriteria(fhir);
        this.matcher = new SearchMatcher();
        this.restful = new RestfulServer(fhir);
        restful.setServerName("biologics-cds sandbox FHIR server (demo data)");
        serveTypes(BASE_TYPES);
        FifoMemoryPagingProvider paging = new FifoMemoryPagingProvider(1000);
        paging.setDefaultPageSize(pageSize);
        paging.setMaximumPageSize(Math.max(pageSize, MAX_PAGE_SIZE));
        restful.setPagingProvider(paging);
        restful.setDefaultResponseEncoding(EncodingEnum.JSON);
        // Included resources travel on the references the provider resolved for _include.
        restful.setBundleInclusionRule(BundleInclusionRule.BASED_ON_RESOURCE_PRESENCE);
        restful.registerInterceptor(new QuietNotModified());
    }

    public ResourceStore store() {
        return store;
    }

    /**
     * Loads a {@code .json} resource or bundle, or a folder of them, into the store (see
     * {@link SandboxLoader}) and serves every type loaded.
     *
     * @return how many resources were stored
     */
    public int load(Path fileOrFolder) {
        int count = new SandboxLoader(fhir, store).load(fileOrFolder);
        serveTypes(store.counts().keySet());
        return count;
    }

    /** As {@link #load(Path)}, for one JSON document; {@code name} names it in errors. */
    public int load(String json, String name) {
        int count = new SandboxLoader(fhir, store).load(json, name);
        serveTypes(store.counts().keySet());
        return count;
    }

    /**
     * Stores the knowledge's resources (CodeSystems, ValueSets, MedicationKnowledge), readable and
     * searchable at /fhir; {@code Parameters}, which FHIR gives no REST endpoint, is left out.
     */
    public int addKnowledge(Knowledge knowledge) {
        int count = 0;
        for (KnowledgeFile file : knowledge.files()) {
            if (!(file.resource() instanceof Parameters)) {
                store.put(file.resource());
                count++;
            }
        }
        serveTypes(store.counts().keySet());
        return count;
    }

    private synchronized void serveTypes(Collection<String> types) {
        List<IResourceProvider> added = new ArrayList<>();
        for (String type : new TreeSet<>(types)) {
            if (served.add(type)) {
                added.add(new MemoryResourceProvider(fhir, type, store, criteria, matcher));
            }
        }
        if (!added.isEmpty()) {
            restful.registerProviders(added);
        }
    }

    /** The HAPI server, e.g. to register an interceptor on it. */
    public RestfulServer restfulServer() {
        return restful;
    }

    /** {@link #handler(boolean)}, writable: for tests and a service on loopback. */
    public ServletContextHandler handler() {
        return handler(true);
    }

    /**
     * A Jetty handler serving the sandbox at {@value #CONTEXT_PATH}; mount it next to the CDS
     * handler, once (it hosts this sandbox's one servlet).
     *
     * @param writable whether clients may write (create, update, delete); if not, every write is a
     *                 405 ({@link ReadOnlyFilter}) and reads and searches work as before
     */
    public ServletContextHandler handler(boolean writable) {
        ServletContextHandler context = new ServletContextHandler(CONTEXT_PATH);
        // HAPI's next links are "/fhir?_getpages=...": serve them, do not redirect them to "/fhir/".
        context.setAllowNullPathInContext(true);
        context.addServlet(new ServletHolder("sandbox-fhir", restful), "/*");
        context.addFilter(new FilterHolder(new SandboxAnswerFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
        if (!writable) {
            context.addFilter(new FilterHolder(new ReadOnlyFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
        }
        return context;
    }
}
