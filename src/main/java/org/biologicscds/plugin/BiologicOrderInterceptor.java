package org.biologicscds.plugin;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.biologicscds.hooks.CdsJson;
import org.biologicscds.hooks.ServiceCatalog;
import org.biologicscds.hooks.ServiceDefinition;
import org.biologicscds.knowledge.BundledFolder;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.KnowledgeLoader;
import org.biologicscds.record.FhirFetcher;
import org.biologicscds.record.PrefetchTemplates;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * The biologic guidance as a HAPI FHIR server plugin: registered on a {@code RestfulServer} (plain
 * or JPA), it checks every MedicationRequest that is created or updated, single or inside a
 * transaction or batch bundle, against that server's own data, as the CDS services check an order.
 *
 * <ul>
 *   <li>Drop-in: {@link #BiologicOrderInterceptor()} reads its settings from properties
 *       ({@link PluginProperties}) and uses the knowledge bundled in the jar, so a host can
 *       register it by class name ({@code hapi.fhir.custom-interceptor-classes}).</li>
 *   <li>Inside a HAPI JPA server the record is read through the server's DAOs with synchronous
 *       searches ({@link DaoRecordSource}), and the check runs at the storage pointcuts
 *       {@code STORAGE_PRECOMMIT_RESOURCE_CREATED/UPDATED}, which fire for each entry of a bundle
 *       too, inside its database transaction: a refusal there rolls the whole transaction back. In a
 *       plain RestfulServer (no storage pointcuts) the check runs at
 *       {@code SERVER_INCOMING_REQUEST_PRE_HANDLED}, after parsing and before any provider stores
 *       anything, and a bundle is refused whole if one of its orders is; the record is read back
 *       over REST ({@link HttpRecordSource}).</li>
 *   <li>Findings: as OperationOutcome issues ({@link FindingIssues}) in the header
 *       {@value FindingsHeader#NAME} of every response to a write that carried a checked order, and
 *       in the body when the client asks for {@code Prefer: return=OperationOutcome}.</li>
 *   <li>Never silent: with {@link PluginSettings#rejectCritical()}, a write with a critical finding
 *       (BCDS-4221) or one that could not be checked (BCDS-4223: record unreadable, drug unresolved)
 *       is refused with 422, and nothing is stored, unless the MedicationRequest carries the override
 *       extension {@value #OVERRIDE_EXTENSION} with a reason of
 *       {@code http://biologics-cds.org/fhir/CodeSystem/override-reason}. In reporting mode such a
 *       write is stored and its findings say "Not checked".</li>
 * </ul>
 *
 * <p>Writes by the server itself ({@link SystemRequestDetails}: package loads, internal jobs) are
 * not orders and are not checked. A write that stops or cancels an order is not checked. Thread-safe.
 */
@Interceptor
public final class BiologicOrderInterceptor {

    /** The extension on a MedicationRequest that lets a refused write through. */
    public static final String OVERRIDE_EXTENSION = Knowledge.CANONICAL_BASE + "/StructureDefinition/critical-finding-override";
    /** The response header with the findings as OperationOutcome JSON. */
    public static final String FINDINGS_HEADER = FindingsHeader.NAME;

    /** The one issue of a write whose orders were checked and gave no finding. */
    public static final String NO_FINDINGS = "No biologic order findings";

    private static final String CHECKS = BiologicOrderInterceptor.class.getName() + ".checks";
    /** Statuses of an order being made; a write that stops or cancels one is not checked. */
    private static final Set<String> ORDERING = Set.of("draft", "active", "on-hold", "unknown");

    private final OrderChecker checker;
    private final PluginSettings settings;
    private final RecordSources sources;
    private final FhirContext fhir = FhirContext.forR4Cached();

    /**
     * The drop-in: settings from system properties and environment variables
     * ({@link PluginProperties}), the bundled knowledge unless a folder is configured.
     *
     * @throws ca.uhn.fhir.context.ConfigurationException if a configured read-back URL does not answer
     * @throws org.biologicscds.knowledge.KnowledgeException if a configured knowledge folder is not valid
     */
    public BiologicOrderInterceptor() {
        this(PluginProperties.fromSystem());
    }

    /** As the drop-in, with the properties given (e.g. from a Spring environment). */
    public BiologicOrderInterceptor(PluginProperties properties) {
        this(knowledge(properties), orderSign(properties), properties.settings(), Clock.systemUTC(),
                RecordSources.discovered(FhirContext.forR4Cached(), readBack(properties)));
    }

    /**
     * A plugin that reads the record back over REST from the server each write comes to.
     *
     * @param knowledge the loaded knowledge ({@code fhir-profiles/})
     * @param service   the CDS service whose prefetch templates say what the record is
     *                  ({@code biologic-order-sign})
     */
    public BiologicOrderInterceptor(Knowledge knowledge, ServiceDefinition service, PluginSettings settings, Clock clock) {
        this(knowledge, service, settings, clock, RecordSources.fixed(
                new HttpRecordSource(new FhirFetcher(settings.fetch()), Optional.empty())));
    }

    BiologicOrderInterceptor(Knowledge knowledge, ServiceDefinition service, PluginSettings settings, Clock clock,
                             RecordSources sources) {
        this.settings = settings;
        this.sources = sources;
        // The templates of what the rules read (as declared until the rules say what they read).
        this.checker = new OrderChecker(knowledge, FhirContext.forR4Cached(),
                PrefetchTemplates.derive(service, knowledge).prefetch(), clock);
    }

    /** Loads the knowledge and the order-sign service's templates from their folders. */
    public static BiologicOrderInterceptor load(Path knowledgeFolder, Path hooksFolder, PluginSettings settings) {
        return new BiologicOrderInterceptor(new KnowledgeLoader(FhirContext.forR4Cached()).load(knowledgeFolder),
                orderSign(hooksFolder), settings, Clock.systemUTC());
    }

    /** The settings in force. */
    public PluginSettings settings() {
        return settings;
    }

    /**
     * Plain RestfulServer: checks a MedicationRequest create or update, or the MedicationRequests a
     * transaction or batch creates or updates, before anything is stored; may refuse (422). Inside a
     * JPA server it leaves the check to the storage pointcuts.
     */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void checkRestWrite(RequestDetails request, RestOperationTypeEnum operation) {
        RecordSource source = sources.forRequest(request);
        if (source.readsThroughServer()) {
            return;
        }
        List<MedicationRequest> orders = new ArrayList<>();
        if ((operation == RestOperationTypeEnum.CREATE || operation == RestOperationTypeEnum.UPDATE)
                && request.getResource() instanceof MedicationRequest order) {
            orders.add(order);
        } else if ((operation == RestOperationTypeEnum.TRANSACTION || operation == RestOperationTypeEnum.BATCH)
                && request.getResource() instanceof Bundle bundle) {
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                Bundle.HTTPVerb verb = entry.getRequest().getMethod();
                if (entry.getResource() instanceof MedicationRequest order
                        && (verb == Bundle.HTTPVerb.POST || verb == Bundle.HTTPVerb.PUT)) {
                    orders.add(order);
                }
            }
        }
        List<MedicationRequest> toCheck = orders.stream().filter(BiologicOrderInterceptor::isOrdering).toList();
        List<OrderCheck> checks = toCheck.stream().map(o -> checker.check(o, source, request)).toList();
        for (int i = 0; i < toCheck.size(); i++) {
            judge(toCheck.get(i), checks.get(i), request);
        }
    }

    /**
     * JPA server: checks a MedicationRequest created, single or as a bundle entry, before its
     * database transaction commits. In a transaction HAPI defers this pointcut until every entry is
     * written and every {@code urn:uuid:} reference is resolved, so the order's patient and the
     * record written with it are there to read; throwing rolls the whole transaction back.
     */
    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void checkStoredCreate(IBaseResource resource, RequestDetails request) {
        checkStored(resource, request);
    }

    /** JPA server: checks a MedicationRequest updated, as {@link #checkStoredCreate} a created one. */
    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void checkStoredUpdate(IBaseResource previous, IBaseResource resource, RequestDetails request) {
        checkStored(resource, request);
    }

    private void checkStored(IBaseResource resource, RequestDetails request) {
        if (!(resource instanceof MedicationRequest order) || !isOrdering(order)
                || request == null || request instanceof SystemRequestDetails) {
            return;
        }
        RecordSource source = sources.forRequest(request);
        if (source.readsThroughServer()) {
            judge(order, checker.check(order, source, request), request);
        }
    }

    /** Puts the findings in the response header, and in the OperationOutcome when asked for. */
    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public void addFindings(RequestDetails request, ResponseDetails response) {
        if (!(request.getUserData().get(CHECKS) instanceof List<?> list) || list.isEmpty()) {
            return;
        }
        OperationOutcome findings = new OperationOutcome();
        list.forEach(check -> FindingIssues.add((OrderCheck) check, findings));
        if (!findings.hasIssue()) {
            findings.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                    .setCode(OperationOutcome.IssueType.INFORMATIONAL)
                    .setDetails(new CodeableConcept().setText(NO_FINDINGS));
        }
        request.getResponse().addHeader(FindingsHeader.NAME, FindingsHeader.value(findings, fhir));
        if (response.getResponseResource() instanceof OperationOutcome outcome) {
            outcome.getIssue().addAll(findings.getIssue());
        } else if (response.getResponseResource() == null && wantsOutcome(request)) {
            response.setResponseResource(findings);
        }
    }

    /** Records the check for the response; refuses the write if it must be. */
    private void judge(MedicationRequest order, OrderCheck check, RequestDetails request) {
        @SuppressWarnings("unchecked")
        List<OrderCheck> checks = (List<OrderCheck>) request.getUserData()
                .computeIfAbsent(CHECKS, k -> Collections.synchronizedList(new ArrayList<OrderCheck>()));
        checks.add(check);
        if (!settings.rejectCritical() || (!check.hasCritical() && check.couldNotRun().isEmpty())) {
            return;
        }
        Optional<String> refusal = refusal(order, check);
        if (refusal.isEmpty()) {
            return;
        }
        OperationOutcome outcome = new OperationOutcome();
        FindingIssues.add(check, outcome);
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.BUSINESSRULE).setDiagnostics(refusal.get());
        // HAPI logs the exception's message: a code, not the findings (they name patient data).
        UnprocessableEntityException refused = new UnprocessableEntityException(
                refusal.get().substring(0, "BCDS-422x".length()) + ": a MedicationRequest write refused by the"
                        + " biologic order checks", outcome);
        refused.addResponseHeader(FindingsHeader.NAME, FindingsHeader.value(outcome, fhir));
        throw refused;
    }

    /** Empty if the override extension lets the write through; else why the write is refused. */
    private Optional<String> refusal(MedicationRequest order, OrderCheck check) {
        String how = "; to write it anyway, add the extension " + OVERRIDE_EXTENSION
                + " with a valueCoding from CodeSystem/override-reason";
        String refused = check.hasCritical()
                ? "BCDS-4221: a critical finding refuses this MedicationRequest" + how
                : "BCDS-4223: this MedicationRequest could not be checked ("
                        + check.couldNotRun().map(OrderCheck.NotChecked::code).orElse("") + ") and is refused" + how;
        Extension extension = order.getExtensionByUrl(OVERRIDE_EXTENSION);
        if (extension == null) {
            return Optional.of(refused);
        }
        if (extension.getValue() instanceof Coding reason && checker.knowledge().rules().overrideReasons().stream()
                .anyMatch(r -> r.system().equals(reason.getSystem()) && r.code().equals(reason.getCode()))) {
            return Optional.empty();
        }
        return Optional.of("BCDS-4222: the override extension does not name a reason of CodeSystem/override-reason;"
                + " the write is refused");
    }

    private static boolean isOrdering(MedicationRequest order) {
        return !order.hasStatus() || ORDERING.contains(order.getStatus().toCode());
    }

    private static boolean wantsOutcome(RequestDetails request) {
        String prefer = request.getHeader(Constants.HEADER_PREFER);
        return prefer != null && prefer.toLowerCase(Locale.ROOT).replace(" ", "").contains("return=operationoutcome");
    }

    private static Knowledge knowledge(PluginProperties properties) {
        return new KnowledgeLoader(FhirContext.forR4Cached())
                .load(properties.knowledgeFolder().orElseGet(() -> BundledFolder.path("fhir-profiles")));
    }

    private static ServiceDefinition orderSign(PluginProperties properties) {
        return orderSign(properties.hooksFolder().orElseGet(() -> BundledFolder.path("hooks")));
    }

    private static ServiceDefinition orderSign(Path hooksFolder) {
        return ServiceCatalog.load(hooksFolder, new CdsJson()).find("biologic-order-sign")
                .orElseThrow(() -> new IllegalStateException("no biologic-order-sign service in " + hooksFolder));
    }

    private static RecordSource readBack(PluginProperties properties) {
        properties.readBackUrl().ifPresent(ReadBackCheck::requireReachable);
        return new HttpRecordSource(new FhirFetcher(properties.settings().fetch()), properties.readBackUrl());
    }
}
