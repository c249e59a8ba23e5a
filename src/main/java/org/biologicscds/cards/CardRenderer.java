package org.biologicscds.cards;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.List;
import org.biologicscds.guidance.CheckNotRun;
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
import org.biologicscds.knowledge.CitedSource;
import org.biologicscds.knowledge.RuleCatalog;
import org.biologicscds.knowledge.RuleInfo;
import org.biologicscds.knowledge.SourceCatalog;
import org.hl7.fhir.r4.model.Reference;

/**
 * Turns findings into CDS Hooks cards a clinician reads in five seconds: the summary says what and
 * what to do; the Markdown detail lists the facts that fired it, why it matters, the next step and
 * every source of the rule, from the source catalogue. Record text is escaped, so data can never
 * inject markup. Thread-safe.
 */
public final class CardRenderer {

    private final RuleCatalog rules;
    private final FhirContext fhir;
    private final CdsJson json;
    private final CardIds ids = new CardIds();
    private final TestOrderTemplates testOrders;

    public CardRenderer(RuleCatalog rules, FhirContext fhir, CdsJson json) {
        this.rules = rules;
        this.fhir = fhir;
        this.json = json;
        this.testOrders = new TestOrderTemplates(fhir, json);
    }

    public List<Card> render(List<OrderFindings> results, String patientId) {
        List<Card> cards = new ArrayList<>();
        for (OrderFindings result : results) {
            for (Finding finding : result.findings()) {
                // a draft outside the catalogue has no drug whose labels a rule's "labels" could stand for
                cards.add(render(finding, result.order().map(o -> o.drug().id()).orElse(""), patientId));
            }
        }
        return cards;
    }

    /**
     * A card for a finding about {@code drugId}: {@code source} is the rule's headline source for
     * that drug (a label of the ordered drug rather than another's), and the detail lists every
     * source of the rule with its link (clinical-v2.md 1.5: "all source links").
     */
    Card render(Finding finding, String drugId, String patientId) {
        if (CheckNotRun.failedRule(finding).isPresent()) {
            return checkNotRun(finding);
        }
        RuleInfo rule = rules.get(finding.ruleId());
        List<CitedSource> cited = rules.sources(rule.id(), drugId);
        // The loader guarantees every rule a linked source for every drug of the catalogue.
        CitedSource headline = SourceCatalog.headline(cited, drugId).orElseThrow(() -> new IllegalStateException(
                "rule '" + rule.id() + "' has no linked source for " + drugId));
        Source source = new Source(headline.display(), headline.url().orElseThrow(), null,
                new Coding(rules.system(), rule.id(), rule.display()));
        // The first suggestion is the recommended one; with at-most-one, only one may be (CDS Hooks 2.0).
        List<Suggestion> suggestions = new ArrayList<>();
        for (SuggestedAction action : finding.suggestions()) {
            suggestions.add(suggestion(action, patientId, suggestions.isEmpty()));
        }
        List<Coding> overrideReasons = finding.indicator() == Indicator.INFO ? List.of() : rules.overrideReasons();
        return new Card(ids.next(), summary(finding.summary()), detail(finding, rule, cited),
                finding.indicator(), source, suggestions,
                suggestions.isEmpty() ? null : SelectionBehavior.AT_MOST_ONE, overrideReasons, List.of());
    }

    /**
     * The card saying a rule's check could not run: it cites no guideline (it reports the service, not
     * the patient), its topic is {@code check-not-run}, and it offers the override reasons like any warning.
     */
    private Card checkNotRun(Finding finding) {
        StringBuilder md = new StringBuilder("**Found:**\n\n");
        finding.facts().forEach(fact -> md.append("- ").append(Markdown.escape(fact)).append('\n'));
        md.append("\n**Next step:** ").append(Markdown.escape(finding.nextStep()));
        Source source = new Source("biologics-cds: a check could not run", null, null,
                new Coding(rules.system(), CheckNotRun.RULE_ID, "A check could not run"));
        return new Card(ids.next(), summary(finding.summary()), md.toString(), finding.indicator(), source, List.of(),
                null, rules.overrideReasons(), List.of());
    }

    private static String summary(String text) {
        return text.length() < Card.MAX_SUMMARY_LENGTH ? text
                : text.substring(0, Card.MAX_SUMMARY_LENGTH - 2).stripTrailing() + "…";
    }

    private static String detail(Finding finding, RuleInfo rule, List<CitedSource> sources) {
        StringBuilder md = new StringBuilder();
        md.append("**Found:**\n\n");
        for (String fact : finding.facts()) {
            md.append("- ").append(Markdown.escape(fact)).append('\n');
        }
        md.append("\n**Why it matters:** ").append(Markdown.escape(rule.rationale())).append("\n\n");
        if (!finding.nextStep().isBlank()) {
            md.append("**Next step:** ").append(Markdown.escape(finding.nextStep())).append("\n\n");
        }
        md.append(sources.size() == 1 ? "**Source:**\n\n" : "**Sources:**\n\n");
        for (CitedSource source : sources) {
            md.append("- ").append(sourceLine(source)).append('\n');
        }
        md.append("\nRule `").append(rule.id()).append('`');
        return md.toString();
    }

    /** A source as a Markdown list item: linked title, or the title alone; open (verify) items say so. */
    private static String sourceLine(CitedSource source) {
        String title = Markdown.escape(source.display());
        String line = source.url().map(url -> "[" + title + "](" + url + ")").orElse(title);
        return source.unverified() ? line + " (citation details not yet verified)" : line;
    }

    private Suggestion suggestion(SuggestedAction action, String patientId, boolean recommended) {
        // A sealed interface: these five are all there is (Java 17 has no pattern switch yet).
        if (action instanceof SuggestedAction.OrderTests tests) {
            List<Action> actions = new ArrayList<>();
            for (org.hl7.fhir.r4.model.Coding test : tests.tests()) {
                actions.add(Action.create("Order " + test.getDisplay(), testOrders.draftFor(test, patientId)));
            }
            return new Suggestion("Order " + tests.label(), ids.next(), recommended, actions);
        }
        if (action instanceof SuggestedAction.OrderMedication medication) {
            org.hl7.fhir.r4.model.MedicationRequest request = new org.hl7.fhir.r4.model.MedicationRequest();
            request.setStatus(org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus.DRAFT);
            request.setIntent(org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestIntent.ORDER);
            request.setMedication(medication.medication().copy());
            request.setSubject(new Reference("Patient/" + patientId));
            request.addDosageInstruction().setText(medication.dosage());
            String resource = fhir.newJsonParser().encodeResourceToString(request);
            return new Suggestion(medication.label(), ids.next(), recommended,
                    List.of(Action.create(medication.label(), json.readTree(resource))));
        }
        if (action instanceof SuggestedAction.Discontinue discontinue) {
            String resource = fhir.newJsonParser().encodeResourceToString(discontinue.stopped());
            return new Suggestion(discontinue.label(), ids.next(), recommended,
                    List.of(Action.update(discontinue.label(), json.readTree(resource))));
        }
        if (action instanceof SuggestedAction.ReviseDraft revise) {
            String resource = fhir.newJsonParser().encodeResourceToString(revise.revised());
            return new Suggestion(revise.label(), ids.next(), recommended,
                    List.of(Action.update(revise.label(), json.readTree(resource))));
        }
        SuggestedAction.RemoveDraft remove = (SuggestedAction.RemoveDraft) action;
        return new Suggestion(remove.label(), ids.next(), recommended,
                List.of(Action.delete(remove.label(), remove.draftReference())));
    }
}
