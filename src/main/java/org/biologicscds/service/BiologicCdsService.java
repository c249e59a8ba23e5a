package org.biologicscds.service;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.biologicscds.cards.CardRenderer;
import org.biologicscds.guidance.BiologicOrder;
import org.biologicscds.guidance.Finding;
import org.biologicscds.guidance.Guidance;
import org.biologicscds.guidance.Monitoring;
import org.biologicscds.guidance.OrderFindings;
import org.biologicscds.hooks.CdsJson;
import org.biologicscds.hooks.CdsResponse;
import org.biologicscds.hooks.HookRequest;
import org.biologicscds.hooks.HookRequestException;
import org.biologicscds.hooks.RequestParser;
import org.biologicscds.hooks.ServiceCatalog;
import org.biologicscds.hooks.ServiceDefinition;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.KnowledgeLoader;
import org.biologicscds.knowledge.SitePolicy;
import org.biologicscds.record.DraftOrders;
import org.biologicscds.record.FetchSettings;
import org.biologicscds.record.FhirFetcher;
import org.biologicscds.record.FhirReader;
import org.biologicscds.record.PatientRecord;
import org.biologicscds.record.PrefetchAssembler;

/**
 * The CDS services end to end, without HTTP: a request for a service id goes through
 * {@code hooks} (validate) → {@code record} (assemble) → {@code guidance} (findings for the draft
 * orders, or the monitoring due for {@code patient-view}) → the site policy → {@code cards}. Used by
 * the HTTP server and by the {@code evaluate} command alike. At most one call per processor computes at
 * a time ({@link ComputeTurns}); a call waiting for the EHR's FHIR server does not count. Thread-safe;
 * nothing in it changes after construction but who holds a turn.
 */
public final class BiologicCdsService {

    private final ServiceCatalog catalog;
    private final Knowledge knowledge;
    private final FhirReader reader;
    private final RequestParser parser = new RequestParser();
    private final PrefetchAssembler assembler;
    private final Guidance guidance;
    private final Monitoring monitoring;
    private final SitePolicy policy;
    private final CardRenderer renderer;
    private final CdsJson json;
    private final Clock clock;
    private final ComputeTurns turns;

    public BiologicCdsService(ServiceCatalog catalog, Knowledge knowledge, FhirContext fhir, CdsJson json, Clock clock) {
        this(catalog, knowledge, SitePolicy.none(), fhir, json, clock, FetchSettings.defaults());
    }

    /**
     * The service with a site policy, fetching what the prefetch lacks from the request's fhirServer
     * as {@code fetch} says.
     */
    public BiologicCdsService(ServiceCatalog catalog, Knowledge knowledge, SitePolicy policy, FhirContext fhir,
                              CdsJson json, Clock clock, FetchSettings fetch) {
        this(catalog, knowledge, policy, fhir, json, clock, fetch, ComputeTurns.perProcessor());
    }

    /** As above, with the compute turns its calls take (one per processor by default). */
    public BiologicCdsService(ServiceCatalog catalog, Knowledge knowledge, SitePolicy policy, FhirContext fhir,
                              CdsJson json, Clock clock, FetchSettings fetch, ComputeTurns turns) {
        this.catalog = catalog;
        this.knowledge = knowledge;
        this.reader = new FhirReader(fhir);
        this.turns = turns;
        this.assembler = new PrefetchAssembler(reader, new FhirFetcher(fetch), turns::outside);
        this.guidance = new Guidance(knowledge);
        this.monitoring = new Monitoring(knowledge);
        this.policy = policy;
        this.renderer = new CardRenderer(knowledge.rules(), fhir, json);
        this.json = json;
        this.clock = clock;
    }

    /** Loads the knowledge and service definitions from their folders and builds the service. */
    public static BiologicCdsService load(Path knowledgeFolder, Path hooksFolder, FhirContext fhir, Clock clock) {
        return load(knowledgeFolder, hooksFolder, null, fhir, clock, FetchSettings.defaults());
    }

    /** As {@link #load(Path, Path, FhirContext, Clock)}, with a site policy file (null for none) and fetch settings. */
    public static BiologicCdsService load(Path knowledgeFolder, Path hooksFolder, Path policyFile, FhirContext fhir,
                                          Clock clock, FetchSettings fetch) {
        CdsJson json = new CdsJson();
        Knowledge knowledge = new KnowledgeLoader(fhir).load(knowledgeFolder);
        SitePolicy policy = policyFile == null ? SitePolicy.none() : SitePolicy.load(policyFile, fhir, knowledge.rules());
        return new BiologicCdsService(ServiceCatalog.load(hooksFolder, json), knowledge, policy, fhir, json, clock, fetch);
    }

    public ServiceCatalog catalog() {
        return catalog;
    }

    public Knowledge knowledge() {
        return knowledge;
    }

    public CdsJson json() {
        return json;
    }

    /** The compute turns its calls take. */
    public ComputeTurns turns() {
        return turns;
    }

    /** The service definition for {@code serviceId}, or a 404. */
    public ServiceDefinition service(String serviceId) {
        return catalog.find(serviceId).orElseThrow(() -> new HookRequestException(
                HookRequestException.Outcome.NOT_FOUND, "BCDS-1404", "no CDS service with id '" + serviceId + "'"));
    }

    /**
     * Answers a request body sent to {@code serviceId}; every client error is a {@link HookRequestException}.
     * The call computes in one of the service's {@link ComputeTurns}, and waits for a fetch outside it.
     */
    public CdsCall call(String serviceId, byte[] body) {
        return turns.compute(() -> callInTurn(serviceId, body));
    }

    private CdsCall callInTurn(String serviceId, byte[] body) {
        ServiceDefinition service = service(serviceId);
        JsonNode root = json.readTree(body);
        HookRequest request = parser.parse(root, service);
        assembler.checkFhirServer(request);
        LocalDate today = LocalDate.now(clock);
        if (service.hook().equals("patient-view")) {
            PatientRecord record = assembler.assemble(request, service);
            return answer(request, monitoring.evaluate(record, today));
        }
        DraftOrders drafts = DraftOrders.read(request.context(), reader);
        // A draft may reference a Medication carried in the same bundle; only the record can resolve others.
        PatientRecord requestOnly = new PatientRecord(request.context().patientId(), null, drafts.medications());
        boolean needsRecordToIdentify = !guidance.unresolvedMedications(drafts, requestOnly, today).isEmpty();
        if (guidance.biologicOrders(drafts, requestOnly, today).isEmpty() && !needsRecordToIdentify) {
            // Nothing this service checks is being ordered: no patient data is needed to say so.
            return new CdsCall(CdsResponse.noCards(), request.hookInstance(), List.of(), request.context().patientId());
        }
        // Tests drafted in the same request count as ordered (amendment 22: no screening card for them).
        PatientRecord record = assembler.assemble(request, service).plus(drafts.medications()).plus(drafts.serviceRequests());
        List<String> unresolved = guidance.unresolvedMedications(drafts, record, today);
        if (!unresolved.isEmpty()) {
            // An order whose drug cannot be known could be a biologic: never answer it with "no cards".
            throw new HookRequestException(HookRequestException.Outcome.PRECONDITION_FAILED, "BCDS-2004",
                    "the medication of a draft order could not be resolved " + unresolved
                            + ": send the Medication in context.draftOrders or contained in the draft");
        }
        List<BiologicOrder> orders = guidance.biologicOrders(drafts, record, today);
        return answer(request, guidance.evaluate(orders, drafts, record, today));
    }

    private CdsCall answer(HookRequest request, List<OrderFindings> results) {
        List<OrderFindings> findings = results.stream().map(f -> f.under(policy)).toList();
        List<String> ruleIds = findings.stream().flatMap(f -> f.findings().stream()).map(Finding::ruleId).toList();
        return new CdsCall(new CdsResponse(renderer.render(findings, request.context().patientId())),
                request.hookInstance(), ruleIds, request.context().patientId());
    }
}
