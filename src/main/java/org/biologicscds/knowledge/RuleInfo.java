package org.biologicscds.knowledge;

import org.biologicscds.hooks.Indicator;

/**
 * What the knowledge says about one card rule (a concept of {@code CodeSystem/biologic-rule}).
 *
 * @param rationale why the finding matters, in a sentence or two a clinician reads at a glance
 */
public record RuleInfo(String id, String display, String rationale, Indicator defaultIndicator,
                       String sourceLabel, String sourceUrl) {
}
