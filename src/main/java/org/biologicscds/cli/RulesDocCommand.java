package org.biologicscds.cli;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.KnowledgeLoader;
import org.biologicscds.knowledge.RulesDocument;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "rules-doc", mixinStandardHelpOptions = true,
        description = "Print docs/rules.md (one row per card rule) generated from the knowledge folder.")
final class RulesDocCommand implements Callable<Integer> {

    @Mixin
    Folders folders;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @Override
    public Integer call() throws Exception {
        Knowledge knowledge = new KnowledgeLoader(FhirContext.forR4Cached()).load(folders.knowledge());
        String markdown = RulesDocument.markdown(knowledge, knowledge.rules().ids());
        if (output == null) {
            System.out.print(markdown);
        } else {
            Files.writeString(output, markdown, StandardCharsets.UTF_8);
        }
        return 0;
    }
}
