package org.biologicscds.service;

import java.nio.file.Path;

/**
 * Where the service's knowledge is loaded from, so it can be loaded again without a restart.
 *
 * @param folder      the knowledge folder (FHIR R4 JSON, as {@code fhir-profiles/})
 * @param policyFile  the site policy file, or null for none
 */
public record KnowledgeSource(Path folder, Path policyFile) {
}
