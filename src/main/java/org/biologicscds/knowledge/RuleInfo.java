package org.biologicscds.knowledge;

import java.util.List;
import org.biologicscds.hooks.Indicator;

/**
 * What the knowledge says about one card rule: its concept in {@code CodeSystem/biologic-rule} and
 * its {@code PlanDefinition}.
 *
 * @param whenItFires the concept's definition: the condition, in words
 * @param rationale   the PlanDefinition's description: why the finding matters, in a sentence or two
 * @param defaultIndicator the PlanDefinition's {@code indicator} parameter
 * @param sourceIds   the rule's sources, in order: ids of {@code Library/source-catalogue} (the
 *                    PlanDefinition's {@code relatedArtifact.label}s), {@value SourceCatalog#DRUG_LABELS}
 *                    standing for the labels of the card's drug; resolve them with {@link RuleCatalog#sources}
 */
public record RuleInfo(String id, String display, String whenItFires, String rationale, Indicator defaultIndicator,
                       List<String> sourceIds) {

    public RuleInfo {
        sourceIds = List.copyOf(sourceIds);
    }
}
