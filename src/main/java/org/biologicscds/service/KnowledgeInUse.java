package org.biologicscds.service;

import ca.uhn.fhir.context.FhirContext;
import org.biologicscds.cards.CardRenderer;
import org.biologicscds.guidance.Guidance;
import org.biologicscds.guidance.Monitoring;
import org.biologicscds.hooks.CdsJson;
import org.biologicscds.hooks.ServiceCatalog;
import org.biologicscds.knowledge.DataNeeds;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.SitePolicy;
import org.biologicscds.record.PrefetchAssembler;
import org.biologicscds.record.PrefetchScreen;
import org.biologicscds.record.PrefetchTemplates;

/**
 * Everything a call computes with that comes from the knowledge: the knowledge, the site policy,
 * the guidance and monitoring built from them, the card renderer, the services with the prefetch
 * templates of what these rules read, and the assembler that parses only what they read. Immutable;
 * a call takes one at its start and finishes on it, and a reload swaps in a new one whole, so a
 * record is never screened by one knowledge's needs and read by another's rules.
 */
record KnowledgeInUse(Knowledge knowledge, SitePolicy policy, Guidance guidance, Monitoring monitoring,
                      CardRenderer renderer, ServiceCatalog catalog, PrefetchAssembler assembler) {

    /**
     * Builds the rules from {@code knowledge}, the services' templates from {@code declared} and the
     * screened assembler from {@code assembler}; throws (as at start) if a rule's parameters are missing.
     */
    static KnowledgeInUse of(Knowledge knowledge, SitePolicy policy, Guidance guidance, FhirContext fhir, CdsJson json,
                             ServiceCatalog declared, PrefetchAssembler assembler) {
        return new KnowledgeInUse(knowledge, policy, guidance, new Monitoring(knowledge),
                new CardRenderer(knowledge.rules(), fhir, json), PrefetchTemplates.derive(declared, knowledge),
                assembler.screening(PrefetchScreen.of(knowledge)));
    }

    /** This knowledge with templates and screen derived from {@code needs} instead of its own declarations (tests). */
    KnowledgeInUse readingOnly(DataNeeds needs, ServiceCatalog declared, PrefetchAssembler base) {
        return new KnowledgeInUse(knowledge, policy, guidance, monitoring, renderer,
                PrefetchTemplates.derive(declared, needs, knowledge.valueSets()),
                base.screening(PrefetchScreen.of(needs, knowledge)));
    }
}
