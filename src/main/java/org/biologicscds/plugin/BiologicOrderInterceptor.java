package org.biologicscds.plugin;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.biologicscds.hooks.CdsJson;
import org.biologicscds.hooks.ServiceCatalog;
import org.biologicscds.hooks.ServiceDefinition;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.KnowledgeLoader;
import org.biologicscds.record.FhirFetcher;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * The biologic guidance as a HAPI FHIR server plugin: register it on any {@code RestfulServer}
 * (plain or JPA) and every MedicationRequest create or update is checked against that server's own
 * data, as the CDS services check an order.
 *
 * <ul>
 *   <li>The findings come back as OperationOutcome issues (see {@link FindingIssues}) in the
 *       response of a write made with {@code Prefer: return=OperationOutcome}.</li>
 *   <li>With {@link PluginSettings#rejectCritical()}, a write with a critical finding is refused
 *       with 422 and those issues, and nothing is stored, unless the MedicationRequest carries the
 *       override extension {@value #OVERRIDE_EXTENSION} whose {@code valueCoding} is a reason of
 *       {@code http://biologics-cds.org/fhir/CodeSystem/override-reason}.</li>
 *   <li>If the checks cannot run (no patient, the record cannot be read back), the write goes
 *       through and the response says so in a warning issue ({@code incomplete}, BCDS-2002).</li>
 * </ul>
 *
 * <p>Why {@link Pointcut#SERVER_INCOMING_REQUEST_PRE_HANDLED}: it is a server pointcut, so every
 * {@code RestfulServer} fires it (the storage pointcuts such as {@code STORAGE_PRESTORAGE_RESOURCE_CREATED}
 * fire only in the JPA server), it fires after HAPI has parsed the body (the resource is in
 * {@link RequestDetails#getResource()}) and before the provider stores anything, so a rejection
 * leaves nothing behind. HAPI's own AuthorizationInterceptor checks writes at the same point.
 * Transactions and batches are not looked into. Thread-safe.
 */
@Interceptor
public final class BiologicOrderInterceptor {

    /** The extension on a MedicationRequest that lets a write with a critical finding through. */
    public static final String OVERRIDE_EXTENSION = Knowledge.CANONICAL_BASE + "/StructureDefinition/critical-finding-override";

    private static final String CHECK = BiologicOrderInterceptor.class.getName() + ".check";
    /** Statuses of an order being made; a write that stops or cancels one is not checked. */
    private static final Set<String> ORDERING = Set.of("draft", "active", "on-hold", "unknown");

    private final OrderChecker checker;
    private final PluginSettings settings;

    /**
     * @param knowledge the loaded knowledge ({@code fhir-profiles/})
     * @param service   the CDS service whose prefetch templates say what the record is
     *                  ({@code biologic-order-sign})
     */
    public BiologicOrderInterceptor(Knowledge knowledge, ServiceDefinition service, PluginSettings settings, Clock clock) {
        this.settings = settings;
        this.checker = new OrderChecker(knowledge, FhirContext.forR4Cached(), service.prefetch(),
                new FhirFetcher(settings.fetch()), clock);
    }

    /** Loads the knowledge and the order-sign service's templates from their folders. */
    public static BiologicOrderInterceptor load(Path knowledgeFolder, Path hooksFolder, PluginSettings settings) {
        Knowledge knowledge = new KnowledgeLoader(FhirContext.forR4Cached()).load(knowledgeFolder);
        ServiceDefinition service = ServiceCatalog.load(hooksFolder, new CdsJson()).find("biologic-order-sign")
                .orElseThrow(() -> new IllegalStateException("no biologic-order-sign service in " + hooksFolder));
        return new BiologicOrderInterceptor(knowledge, service, settings, Clock.systemUTC());
    }

    /** Checks a MedicationRequest create or update before it is stored; may refuse it (422). */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void checkOrder(RequestDetails request, RestOperationTypeEnum operation) {
        if ((operation != RestOperationTypeEnum.CREATE && operation != RestOperationTypeEnum.UPDATE)
                || !(request.getResource() instanceof MedicationRequest order)
                || (order.hasStatus() && !ORDERING.contains(order.getStatus().toCode()))) {
            return;
        }
        OrderCheck check = checker.check(order, request.getFhirServerBase(), bearerToken(request));
        request.getUserData().put(CHECK, check);
        if (settings.rejectCritical() && check.hasCritical()) {
            Optional<String> refusal = override(order);
            if (refusal.isPresent()) {
                OperationOutcome outcome = new OperationOutcome();
                FindingIssues.add(check, outcome);
                outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                        .setCode(OperationOutcome.IssueType.BUSINESSRULE).setDiagnostics(refusal.get());
                // HAPI logs the exception's message: a code, not the findings (they name patient data).
                throw new UnprocessableEntityException(refusal.get().substring(0, "BCDS-422x".length())
                        + ": a MedicationRequest write refused by a critical biologic order finding", outcome);
            }
        }
    }

    /** Adds the findings to the OperationOutcome of the response (Prefer: return=OperationOutcome). */
    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public void addFindings(RequestDetails request, ResponseDetails response) {
        if (!(request.getUserData().get(CHECK) instanceof OrderCheck check)) {
            return;
        }
        if (response.getResponseResource() instanceof OperationOutcome outcome) {
            FindingIssues.add(check, outcome);
        } else if (response.getResponseResource() == null && wantsOutcome(request)) {
            OperationOutcome outcome = new OperationOutcome();
            FindingIssues.add(check, outcome);
            if (!outcome.hasIssue()) {
                outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                        .setCode(OperationOutcome.IssueType.INFORMATIONAL).setDiagnostics("No biologic order findings");
            }
            response.setResponseResource(outcome);
        }
    }

    /** Empty if the override extension lets the write through; else why the write is refused. */
    private Optional<String> override(MedicationRequest order) {
        Extension extension = order.getExtensionByUrl(OVERRIDE_EXTENSION);
        String refused = "BCDS-4221: a critical finding refuses this MedicationRequest; to write it anyway, add the"
                + " extension " + OVERRIDE_EXTENSION + " with a valueCoding from CodeSystem/override-reason";
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

    private static boolean wantsOutcome(RequestDetails request) {
        String prefer = request.getHeader(Constants.HEADER_PREFER);
        return prefer != null && prefer.toLowerCase(Locale.ROOT).replace(" ", "").contains("return=operationoutcome");
    }

    private static Optional<String> bearerToken(RequestDetails request) {
        String authorization = request.getHeader(Constants.HEADER_AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(authorization.substring(7).trim());
        }
        return Optional.empty();
    }
}
