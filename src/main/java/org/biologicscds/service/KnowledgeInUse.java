package org.biologicscds.service;

import ca.uhn.fhir.context.FhirContext;
import org.biologicscds.cards.CardRenderer;
import org.biologicscds.guidance.Guidance;
import org.biologicscds.guidance.Monitoring;
import org.biologicscds.hooks.CdsJson;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.SitePolicy;

/**
 * Everything a call computes with that comes from the knowledge: the knowledge, the site policy,
 * the guidance and monitoring built from them, and the card renderer. Immutable; a call takes one
 * at its start and finishes on it, and a reload swaps in a new one whole.
 */
record KnowledgeInUse(Knowledge knowledge, SitePolicy policy, Guidance guidance, Monitoring monitoring,
                      CardRenderer renderer) {

    /** Builds the rules from {@code knowledge}; throws (as at start) if a rule's parameters are missing. */
    static KnowledgeInUse of(Knowledge knowledge, SitePolicy policy, Guidance guidance, FhirContext fhir, CdsJson json) {
        return new KnowledgeInUse(knowledge, policy, guidance, new Monitoring(knowledge),
                new CardRenderer(knowledge.rules(), fhir, json));
    }
}
