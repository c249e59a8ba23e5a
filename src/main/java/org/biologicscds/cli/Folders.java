package org.biologicscds.cli;

import java.nio.file.Path;
import org.biologicscds.knowledge.BundledFolder;
import picocli.CommandLine.Option;

/** The knowledge and service-definition folders: bundled in the jar unless given. */
final class Folders {

    @Option(names = "--knowledge", paramLabel = "DIR",
            description = "Knowledge folder (FHIR R4 JSON). Default: the fhir-profiles bundled in the jar.")
    Path knowledge;

    @Option(names = "--hooks", paramLabel = "DIR",
            description = "Service definitions folder (hooks/*.json). Default: the ones bundled in the jar.")
    Path hooks;

    @Option(names = "--policy", paramLabel = "FILE",
            description = "Site policy (FHIR Parameters JSON): switch rules off or change their indicator.")
    Path policy;

    Path knowledge() {
        return knowledge != null ? knowledge : BundledFolder.path("fhir-profiles");
    }

    Path hooks() {
        return hooks != null ? hooks : BundledFolder.path("hooks");
    }
}
