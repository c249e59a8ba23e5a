package org.biologicscds.testing;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Path;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.KnowledgeLoader;

/** The project's knowledge folder, loaded once per test JVM (loading parses ~70 resources). */
public final class TestKnowledge {

    public static final FhirContext FHIR = FhirContext.forR4Cached();
    public static final Path FOLDER = Path.of("fhir-profiles");
    public static final Path HOOKS = Path.of("hooks");

    private static final Knowledge KNOWLEDGE = new KnowledgeLoader(FHIR).load(FOLDER);

    private TestKnowledge() {
    }

    public static Knowledge get() {
        return KNOWLEDGE;
    }
}
