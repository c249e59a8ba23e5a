package org.biologicscds.cli;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import java.util.concurrent.Callable;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.KnowledgeException;
import org.biologicscds.knowledge.KnowledgeLoader;
import org.biologicscds.knowledge.KnowledgeValidator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "check-knowledge", mixinStandardHelpOptions = true,
        description = "Load the knowledge folder and validate every resource with HAPI's FHIR R4 validator.")
final class CheckKnowledgeCommand implements Callable<Integer> {

    @Mixin
    Folders folders;

    @Override
    public Integer call() {
        FhirContext fhir = FhirContext.forR4Cached();
        Knowledge knowledge;
        try {
            knowledge = new KnowledgeLoader(fhir).load(folders.knowledge());
        } catch (KnowledgeException e) {
            System.err.println("broken: " + e.getMessage());
            return 2;
        }
        List<KnowledgeValidator.Problem> problems = new KnowledgeValidator(fhir).validate(knowledge.files());
        problems.forEach(p -> System.err.println("invalid: " + p));
        System.out.println(knowledge.files().size() + " resources, " + knowledge.rules().size() + " rules, "
                + knowledge.drugs().all().size() + " biologics; " + problems.size() + " validation errors");
        return problems.isEmpty() ? 0 : 1;
    }
}
