package org.biologicscds.knowledge;

import org.hl7.fhir.r4.model.Resource;

/** A resource of the knowledge folder and the file it came from. */
public record KnowledgeFile(String fileName, Resource resource) {
}
