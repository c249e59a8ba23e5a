package org.biologicscds.cli;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.biologicscds.hooks.HookRequestException;
import org.biologicscds.hooks.ServiceDefinition;
import org.biologicscds.record.FetchSettings;
import org.biologicscds.server.OperationOutcomes;
import org.biologicscds.service.BiologicCdsService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Answer a CDS Hooks request file as the service would and print the response JSON.")
final class EvaluateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "REQUEST", description = "A CDS Hooks request (JSON file).")
    Path requestFile;

    @Option(names = "--service", paramLabel = "ID",
            description = "The service id to call. Default: the service whose hook the request names.")
    String serviceId;

    @Mixin
    Folders folders;

    @Override
    public Integer call() throws Exception {
        FhirContext fhir = FhirContext.forR4Cached();
        BiologicCdsService service = BiologicCdsService.load(folders.knowledge(), folders.hooks(), folders.policy, fhir,
                Clock.systemUTC(),
                FetchSettings.defaults());
        byte[] body = Files.readAllBytes(requestFile);
        try {
            String id = serviceId != null ? serviceId : serviceFor(service, body);
            var call = service.call(id, body);
            System.out.println(service.json().writePretty(call.response()));
            return 0;
        } catch (HookRequestException e) {
            System.out.println(new String(new OperationOutcomes(fhir).error(e.outcome().issueType(), e.diagnostics()),
                    StandardCharsets.UTF_8));
            System.err.println("HTTP " + e.outcome().status() + " " + e.diagnostics());
            return 1;
        }
    }

    private static String serviceFor(BiologicCdsService service, byte[] body) {
        String hook = service.json().readTree(body).path("hook").asText();
        return service.catalog().discovery().services().stream()
                .filter(s -> s.hook().equals(hook)).map(ServiceDefinition::id).findFirst()
                .orElseThrow(() -> HookRequestException.badRequest("BCDS-1004",
                        "no service of this server answers hook '" + hook + "'"));
    }
}
