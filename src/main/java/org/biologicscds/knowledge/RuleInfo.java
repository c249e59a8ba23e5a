package org.biologicscds.knowledge;

import org.biologicscds.hooks.Indicator;

/**
 * What the knowledge says about one card rule: its concept in {@code CodeSystem/biologic-rule} and
 * its {@code PlanDefinition}.
 *
 * @param whenItFires the concept's definition: the condition, in words
 * @param rationale   the PlanDefinition's description: why the finding matters, in a sentence or two
 * @param defaultIndicator the PlanDefinition's {@code indicator} parameter
 * @param sourceLabel the cited source (relatedArtifact display)
 * @param sourceUrl   where the source can be read (relatedArtifact url)
 */
public record RuleInfo(String id, String display, String whenItFires, String rationale, Indicator defaultIndicator,
                       String sourceLabel, String sourceUrl) {
}
