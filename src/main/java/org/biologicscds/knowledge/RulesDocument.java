package org.biologicscds.knowledge;

import java.util.ArrayList;
import java.util.Comparator;
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
                .append("or change its indicator; the rule may also set the indicator from the facts (e.g. NYHA class, drug).\n")
                .append("Sources are ids of the source catalogue (`Library/source-catalogue`, listed below); `labels` stands for\n")
                .append("the labels of the drug the card is about. A card shows the first linked source and lists them all.\n\n")
                .append("| id | when it fires | indicator | sources | parameters |\n")
                .append("|---|---|---|---|---|\n");
        for (String id : ruleIds) {
            RuleInfo rule = knowledge.rules().get(id);
            md.append("| `").append(id).append("` | ").append(cell(rule.whenItFires())).append(" | ")
                    .append(rule.defaultIndicator().code()).append(" | ")
                    .append(String.join(", ", rule.sourceIds().stream().map(s -> "`" + s + "`").toList())).append(" | ")
                    .append(cell(String.join("; ", knowledge.parameters(id).describe().stream()
                            .filter(p -> !p.startsWith("indicator = ")).toList())))
                    .append(" |\n");
        }
        md.append("\n## Source catalogue\n\n")
                .append("Clinical specification v2, section 2. \"open\" = a (verify) item not confirmed yet (amendment 3);\n")
                .append("\"confirmed\" = a (verify) item confirmed, with where.\n\n")
                .append("| id | source | label of | verification |\n")
                .append("|---|---|---|---|\n");
        List<CitedSource> sources = new ArrayList<>(knowledge.rules().sourceCatalog().all());
        sources.sort(Comparator.comparing(CitedSource::id));
        for (CitedSource source : sources) {
            String title = cell(source.citation());
            md.append("| `").append(source.id()).append("` | ")
                    .append(source.url().map(url -> "[" + title + "](" + url + ")").orElse(title)).append(" | ")
                    .append(source.labelOf().orElse("")).append(" | ")
                    .append(switch (source.verification()) {
                        case STATED -> "";
                        case CONFIRMED -> "confirmed: " + cell(source.verificationNote());
                        case OPEN -> "**open**: " + cell(source.verificationNote());
                    })
                    .append(" |\n");
        }
        return md.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
