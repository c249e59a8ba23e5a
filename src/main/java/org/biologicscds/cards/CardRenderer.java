package org.biologicscds.cards;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.List;
import org.biologicscds.guidance.Finding;
import org.biologicscds.guidance.OrderFindings;
import org.biologicscds.guidance.SuggestedAction;
import org.biologicscds.hooks.Action;
import org.biologicscds.hooks.Card;
import org.biologicscds.hooks.CdsJson;
import org.biologicscds.hooks.Coding;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.hooks.SelectionBehavior;
import org.biologicscds.hooks.Source;
import org.biologicscds.hooks.Suggestion;
import org.biologicscds.knowledge.RuleCatalog;
import org.biologicscds.knowledge.RuleInfo;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * Turns findings into CDS Hooks cards a clinician reads in five seconds: the summary says what and
 * what to do; the Markdown detail lists the facts that fired it, why it matters, the next step and
 * the source. Record text is escaped, so data can never inject markup. Thread-safe.
 */
public final class CardRenderer {

    private final RuleCatalog rules;
    private final FhirContext fhir;
    private final CdsJson json;
    private final CardIds ids = new CardIds();

    public CardRenderer(RuleCatalog rules, FhirContext fhir, CdsJson json) {
        this.rules = rules;
        this.fhir = fhir;
        this.json = json;
    }

    public List<Card> render(List<OrderFindings> results, String patientId) {
        List<Card> cards = new ArrayList<>();
        for (OrderFindings result : results) {
            for (Finding finding : result.findings()) {
                cards.add(render(finding, patientId));
            }
        }
        return cards;
    }

    Card render(Finding finding, String patientId) {
        RuleInfo rule = rules.get(finding.ruleId());
        Source source = new Source(rule.sourceLabel(), rule.sourceUrl(), null,
                new Coding(rules.system(), rule.id(), rule.display()));
        // The first suggestion is the recommended one; with at-most-one, only one may be (CDS Hooks 2.0).
        List<Suggestion> suggestions = new ArrayList<>();
        for (SuggestedAction action : finding.suggestions()) {
            suggestions.add(suggestion(action, patientId, suggestions.isEmpty()));
        }
        List<Coding> overrideReasons = finding.indicator() == Indicator.INFO ? List.of() : rules.overrideReasons();
        return new Card(ids.next(), summary(finding.summary()), detail(finding, rule),
                finding.indicator(), source, suggestions,
                suggestions.isEmpty() ? null : SelectionBehavior.AT_MOST_ONE, overrideReasons, List.of());
    }

    private static String summary(String text) {
        return text.length() < Card.MAX_SUMMARY_LENGTH ? text
                : text.substring(0, Card.MAX_SUMMARY_LENGTH - 2).stripTrailing() + "…";
    }

    private static String detail(Finding finding, RuleInfo rule) {
        StringBuilder md = new StringBuilder();
        md.append("**Found:**\n\n");
        for (String fact : finding.facts()) {
            md.append("- ").append(Markdown.escape(fact)).append('\n');
        }
        md.append("\n**Why it matters:** ").append(Markdown.escape(rule.rationale())).append("\n\n");
        if (!finding.nextStep().isBlank()) {
            md.append("**Next step:** ").append(Markdown.escape(finding.nextStep())).append("\n\n");
        }
        md.append("Source: [").append(Markdown.escape(rule.sourceLabel())).append("](").append(rule.sourceUrl())
                .append(") · rule `").append(rule.id()).append('`');
        return md.toString();
    }

    private Suggestion suggestion(SuggestedAction action, String patientId, boolean recommended) {
        // A sealed interface: these three are all there is (Java 17 has no pattern switch yet).
        if (action instanceof SuggestedAction.OrderTests tests) {
            List<Action> actions = new ArrayList<>();
            for (org.hl7.fhir.r4.model.Coding test : tests.tests()) {
                ServiceRequest request = new ServiceRequest();
                request.setStatus(ServiceRequest.ServiceRequestStatus.DRAFT);
                request.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
                request.setCode(new CodeableConcept(test.copy()).setText(test.getDisplay()));
                request.setSubject(new Reference("Patient/" + patientId));
                String resource = fhir.newJsonParser().encodeResourceToString(request);
                actions.add(Action.create("Order " + test.getDisplay(), json.readTree(resource)));
            }
            return new Suggestion("Order " + tests.label(), ids.next(), recommended, actions);
        }
        if (action instanceof SuggestedAction.Discontinue discontinue) {
            String resource = fhir.newJsonParser().encodeResourceToString(discontinue.stopped());
            return new Suggestion(discontinue.label(), ids.next(), recommended,
                    List.of(Action.update(discontinue.label(), json.readTree(resource))));
        }
        SuggestedAction.RemoveDraft remove = (SuggestedAction.RemoveDraft) action;
        return new Suggestion(remove.label(), ids.next(), recommended,
                List.of(Action.delete(remove.label(), remove.draftReference())));
    }
}
