package org.biologicscds.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * What the fuzz tests found, kept as named regression tests (the raw inputs also sit in
 * {@code src/test/resources/.../RequestParserFuzzTestInputs}, which Jazzer replays).
 */
class FuzzFindingsTest {

    private static final CdsJson JSON = new CdsJson();
    private static final ServiceDefinition ORDER_SIGN =
            ServiceCatalog.load(Path.of("hooks"), JSON).find("biologic-order-sign").orElseThrow();

    @Test
    void patientIdThatIsOnlyTheTypePrefix_is400NotAnEmptyPatient() {
        String body = """
                {"hook": "order-sign", "hookInstance": "ae14ae82-6d03-4d43-a93d-8c0ff576b6e3",
                 "context": {"userId": "Practitioner/1", "patientId": "Patient/",
                   "draftOrders": {"resourceType": "Bundle", "entry": []}}}""";

        HookRequestException e = catchThrowableOfType(HookRequestException.class,
                () -> new RequestParser().parse(JSON.readTree(body), ORDER_SIGN));

        assertThat(e.diagnostics()).isEqualTo("BCDS-1009: context.patientId must name a patient, e.g. '123' or 'Patient/123'");
    }
}
