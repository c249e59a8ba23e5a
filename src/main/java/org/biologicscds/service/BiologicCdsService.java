package org.biologicscds.service;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.biologicscds.guidance.BiologicOrder;
import org.biologicscds.guidance.CheckNotRun;
import org.biologicscds.guidance.DraftReview;
import org.biologicscds.guidance.Finding;
import org.biologicscds.guidance.Guidance;
import org.biologicscds.guidance.OrderFindings;
import org.biologicscds.hooks.CdsJson;
import org.biologicscds.hooks.CdsResponse;
import org.biologicscds.hooks.HookRequest;
import org.biologicscds.hooks.HookRequestException;
import org.biologicscds.hooks.RequestParser;
import org.biologicscds.hooks.ServiceCatalog;
import org.biologicscds.hooks.ServiceDefinition;
import org.biologicscds.knowledge.DataNeeds;
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

    /** The services as hooks/*.json declares them; each knowledge derives its templates from them. */
    private final ServiceCatalog catalog;
    private final FhirContext fhir;
    private final FhirReader reader;
    private final RequestParser parser = new RequestParser();
    /** Unscreened; each knowledge in use holds it with the screen of what its rules read. */
    /** Reads every prefetched entry; each knowledge in use screens with its own copy ({@link KnowledgeInUse#assembler}). */
    private final PrefetchAssembler unscreened;
    /** Swapped whole by {@link #reloadKnowledge()}; a call reads it once and finishes on what it read. */
    private final AtomicReference<KnowledgeInUse> inUse;
    private volatile Optional<KnowledgeSource> source = Optional.empty();
    private final CdsJson json;
    private final Clock clock;
    private final ComputeTurns turns;
    private final FetchWatch fetches;
    private final RunAhead runAhead;

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
        this(catalog, knowledge, policy, fhir, json, clock, fetch, turns, new Guidance(knowledge));
    }

    /**
     * As above, running {@code guidance} on the orders (built from the same knowledge), with the
     * default run-ahead ({@link RunAheadSettings#defaults()}).
     */
    public BiologicCdsService(ServiceCatalog catalog, Knowledge knowledge, SitePolicy policy, FhirContext fhir,
                              CdsJson json, Clock clock, FetchSettings fetch, ComputeTurns turns, Guidance guidance) {
        this(catalog, knowledge, policy, fhir, json, clock, fetch, turns, guidance, RunAhead.of(RunAheadSettings.defaults()));
    }

    /** As above, keeping assembled records in {@code runAhead} ({@link RunAhead#off()} for none). */
    public BiologicCdsService(ServiceCatalog catalog, Knowledge knowledge, SitePolicy policy, FhirContext fhir,
                              CdsJson json, Clock clock, FetchSettings fetch, ComputeTurns turns, Guidance guidance,
                              RunAhead runAhead) {
        this.catalog = catalog;
        this.fhir = fhir;
        this.reader = new FhirReader(fhir);
        this.turns = turns;
        this.fetches = new FetchWatch(turns::outside);
        this.runAhead = runAhead;
        this.unscreened = new PrefetchAssembler(reader, new FhirFetcher(fetch), fetches);
        this.inUse = new AtomicReference<>(KnowledgeInUse.of(knowledge, policy, guidance, fhir, json, catalog, unscreened));
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
        return load(knowledgeFolder, hooksFolder, policyFile, fhir, clock, fetch, RunAhead.of(RunAheadSettings.defaults()));
    }

    /** As above, keeping assembled records in {@code runAhead}. */
    public static BiologicCdsService load(Path knowledgeFolder, Path hooksFolder, Path policyFile, FhirContext fhir,
                                          Clock clock, FetchSettings fetch, RunAhead runAhead) {
        CdsJson json = new CdsJson();
        Knowledge knowledge = new KnowledgeLoader(fhir).load(knowledgeFolder);
        SitePolicy policy = policyFile == null ? SitePolicy.none() : SitePolicy.load(policyFile, fhir, knowledge.rules());
        return new BiologicCdsService(ServiceCatalog.load(hooksFolder, json), knowledge, policy, fhir, json, clock, fetch,
                ComputeTurns.perProcessor(), new Guidance(knowledge), runAhead);
    }

    /** This service, reloading its knowledge from {@code source} on {@link #reloadKnowledge()}; returns itself. */
    public BiologicCdsService reloadingFrom(KnowledgeSource source) {
        this.source = Optional.of(source);
        return this;
    }

    /**
     * Loads the knowledge folder and the site policy again, validates them as at start and builds
     * the rules from them, on the caller's thread (an admin call, never a hook call), then swaps
     * them in whole. Calls in flight finish on the knowledge they started with; the next calls use
     * the new one. A broken folder or policy leaves the knowledge in use serving and says why.
     * One reload at a time.
     */
    public synchronized KnowledgeReload reloadKnowledge() {
        if (source.isEmpty()) {
            return new KnowledgeReload(KnowledgeReload.Outcome.NO_FOLDER, knowledge().files().size(),
                    "serve was started with the knowledge bundled in the jar: start it with --knowledge DIR to reload");
        }
        KnowledgeSource from = source.get();
        KnowledgeInUse next;
        try {
            Knowledge knowledge = new KnowledgeLoader(fhir).load(from.folder());
            SitePolicy policy = from.policyFile() == null ? SitePolicy.none()
                    : SitePolicy.load(from.policyFile(), fhir, knowledge.rules());
            next = KnowledgeInUse.of(knowledge, policy, new Guidance(knowledge), fhir, json, catalog, unscreened);
        } catch (RuntimeException e) {
            // KnowledgeException names the file and the reason; a rule missing its parameters throws too.
            return new KnowledgeReload(KnowledgeReload.Outcome.BROKEN, knowledge().files().size(),
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        inUse.set(next);
        // Records assembled under the old knowledge can no longer be answered (their keys name it);
        // let them go now rather than hold the old knowledge until they expire.
        runAhead.clear();
        return new KnowledgeReload(KnowledgeReload.Outcome.RELOADED, next.knowledge().files().size(), "");
    }

    /**
     * For tests: the knowledge in use reading as {@code needs} say instead of as its rules declare
     * (templates and prefetch screen), until the next reload. Returns itself.
     */
    synchronized BiologicCdsService readingOnly(DataNeeds needs) {
        inUse.set(inUse.get().readingOnly(needs, catalog, unscreened));
        return this;
    }

    /** The services, with the prefetch templates of what the knowledge in use reads. */
    public ServiceCatalog catalog() {
        return inUse.get().catalog();
    }

    /** The knowledge in use now (a reload may replace it). */
    public Knowledge knowledge() {
        return inUse.get().knowledge();
    }

    public CdsJson json() {
        return json;
    }

    /** The records it keeps for calls that repeat (order-select, then order-sign). */
    public RunAhead runAhead() {
        return runAhead;
    }

    /** The compute turns its calls take. */
    public ComputeTurns turns() {
        return turns;
    }

    /** The service definition for {@code serviceId}, or a 404. */
    public ServiceDefinition service(String serviceId) {
        return service(inUse.get(), serviceId);
    }

    private static ServiceDefinition service(KnowledgeInUse k, String serviceId) {
        return k.catalog().find(serviceId).orElseThrow(() -> new HookRequestException(
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
        KnowledgeInUse k = inUse.get(); // this call finishes on this knowledge, whatever a reload does meanwhile
        ServiceDefinition service = service(k, serviceId);
        // Parses only what these rules read (k's screen).
        PrefetchAssembler assembler = k.assembler();
        Guidance guidance = k.guidance();
        JsonNode root = json.readTree(body);
        HookRequest request = parser.parse(root, service);
        assembler.checkFhirServer(request);
        LocalDate today = LocalDate.now(clock);
        if (service.hook().equals("patient-view")) {
            PatientRecord record = record(request, service, k, body.length);
            return answer(request, k.monitoring().evaluate(record, today), k);
        }
        DraftOrders drafts = DraftOrders.read(request.context(), reader);
        // A draft may reference a Medication carried in the same bundle; only the record can resolve others.
        PatientRecord requestOnly = new PatientRecord(request.context().patientId(), null, drafts.medications());
        DraftReview fromRequest = guidance.review(drafts, requestOnly, today);
        if (!fromRequest.needsRecord()) {
            // No catalogue biologic is being ordered: no patient data is needed to say so, nor to say
            // that an advanced therapy outside the catalogue was not checked (drug-not-recognised).
            return answer(request, guidance.evaluate(fromRequest, drafts, requestOnly, today), k);
        }
        // Tests drafted in the same request count as ordered (amendment 22: no screening card for them).
        PatientRecord record = record(request, service, k, body.length)
                .plus(drafts.medications()).plus(drafts.serviceRequests());
        DraftReview review = guidance.review(drafts, record, today);
        if (!review.unresolved().isEmpty()) {
            // An order whose drug cannot be known could be a biologic: never answer it with "no cards".
            throw new HookRequestException(HookRequestException.Outcome.PRECONDITION_FAILED, "BCDS-2004",
                    "the medication of a draft order could not be resolved " + review.unresolved()
                            + ": send the Medication in context.draftOrders or contained in the draft");
        }
        return answer(request, guidance.evaluate(review, drafts, record, today), k);
    }

    /**
     * The patient's record for the request, assembled, or kept from an earlier call (an order-select)
     * with the same patient, prefetch, templates, fhirServer and knowledge ({@link RunAhead}). The one
     * place a call assembles a record.
     */
    private PatientRecord record(HookRequest request, ServiceDefinition service, KnowledgeInUse k, int requestBytes) {
        PrefetchAssembler assembler = k.assembler(); // screened with the knowledge the key names
        if (!runAhead.on()) {
            return assembler.assemble(request, service);
        }
        if (!request.prefetch().keySet().containsAll(service.prefetch().keySet())) {
            // A key is missing: the assembler fetches it (or answers 412), and a fetched record is not kept.
            PatientRecord record = assembler.assemble(request, service);
            runAhead.countFetched();
            return record;
        }
        return runAhead.record(RunAheadKey.of(request, service, k), requestBytes, RunAhead.Use.of(service.hook()),
                () -> fetches.watch(() -> assembler.assemble(request, service)));
    }

    private CdsCall answer(HookRequest request, List<OrderFindings> results, KnowledgeInUse k) {
        List<OrderFindings> findings = results.stream().map(f -> f.under(k.policy())).toList();
        List<String> ruleIds = findings.stream().flatMap(f -> f.findings().stream()).map(Finding::ruleId).toList();
        List<String> notRun = findings.stream().flatMap(f -> f.findings().stream())
                .flatMap(f -> CheckNotRun.failedRule(f).stream()).toList();
        return new CdsCall(new CdsResponse(k.renderer().render(findings, request.context().patientId())),
                request.hookInstance(), ruleIds, request.context().patientId(), notRun);
    }
}
