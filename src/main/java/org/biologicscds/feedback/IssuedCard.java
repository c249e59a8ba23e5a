package org.biologicscds.feedback;

import java.time.Instant;
import java.util.Objects;
import org.biologicscds.hooks.Indicator;

/**
 * A card the service answered, as the feedback store remembers it: enough to map feedback on the
 * card back to the rule that produced it, and no patient data beyond the opaque patient id.
 * Ids longer than their columns are clipped (no real client sends a 1 KB hookInstance), so one
 * odd request cannot make a whole batch fail.
 *
 * @param patientId  the FHIR id from {@code context.patientId}; may be null
 */
public record IssuedCard(String cardUuid, String ruleId, Indicator indicator, String serviceId, String hookInstance,
                         String patientId, Instant issuedAt) {

    public IssuedCard {
        Objects.requireNonNull(cardUuid, "cardUuid");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(indicator, "indicator");
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(hookInstance, "hookInstance");
        Objects.requireNonNull(issuedAt, "issuedAt");
        cardUuid = clip(cardUuid, 256);
        ruleId = clip(ruleId, 256);
        serviceId = clip(serviceId, 256);
        hookInstance = clip(hookInstance, 1024);
        patientId = patientId == null ? null : clip(patientId, 1024);
    }

    private static String clip(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
