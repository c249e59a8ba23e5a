package org.biologicscds.knowledge;

import java.util.List;

/**
 * {@code docs/rules.md}: the card rules as the knowledge defines them, one row per rule (id, when it
 * fires, default indicator, source, parameters). Generated, so the document cannot drift from the
 * data; a test compares the committed file with this output.
 */
public final class RulesDocument {

    private RulesDocument() {
    }

    public static String markdown(Knowledge knowledge, List<String> ruleIds) {
        StringBuilder md = new StringBuilder();
        md.append("# Card rules\n\n")
                .append("Generated from `fhir-profiles/` by `java -jar target/biologics-cds.jar rules-doc`; do not edit by hand.\n")
                .append("Each rule is a concept of `CodeSystem/biologic-rule` (when it fires) and a `PlanDefinition` of the same id\n")
                .append("(why it matters, source, default indicator and parameters). A site policy (`--policy`) can switch a rule off\n")
                .append("or change its indicator; the rule may also set the indicator from the facts (e.g. NYHA class, drug).\n\n")
                .append("| id | when it fires | indicator | source | parameters |\n")
                .append("|---|---|---|---|---|\n");
        for (String id : ruleIds) {
            RuleInfo rule = knowledge.rules().get(id);
            md.append("| `").append(id).append("` | ").append(cell(rule.whenItFires())).append(" | ")
                    .append(rule.defaultIndicator().code()).append(" | [").append(cell(rule.sourceLabel())).append("](")
                    .append(rule.sourceUrl()).append(") | ")
                    .append(cell(String.join("; ", knowledge.parameters(id).describe().stream()
                            .filter(p -> !p.startsWith("indicator = ")).toList())))
                    .append(" |\n");
        }
        return md.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
