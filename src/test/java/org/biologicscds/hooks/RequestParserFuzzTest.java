package org.biologicscds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.biologicscds.testing.FuzzSeeds;
import org.junit.jupiter.api.AfterAll;
import org.biologicscds.testing.NeedsSharedFixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the request parser (JSON codec + CDS Hooks validation) for both services, seeded with
 * every request in the shared fixtures. Invariant: any byte sequence is either a request for that
 * service or a {@link HookRequestException} with a 4xx status and a stable code; never any other
 * exception. {@code mvn verify} fuzzes it for a bounded time (see pom.xml); without
 * {@code JAZZER_FUZZ} it replays the seeds and the findings under {@code RequestParserFuzzTestInputs}.
 */
class RequestParserFuzzTest {

    private static final CdsJson JSON = new CdsJson();
    private static final ServiceCatalog CATALOG = ServiceCatalog.load(Path.of("hooks"), JSON);
    private static final List<ServiceDefinition> SERVICES = List.of(
            CATALOG.find("biologic-order-sign").orElseThrow(), CATALOG.find("biologic-order-select").orElseThrow());
    private static final RequestParser PARSER = new RequestParser();
    private static final AtomicLong EXECUTIONS = new AtomicLong();

    @AfterAll
    static void report() {
        // How much was tried, for the CI log (target/surefire-reports/*-output.txt).
        System.out.println("RequestParserFuzzTest: " + EXECUTIONS.get() + " bodies parsed");
    }

    static Stream<byte[]> fixtureRequests() {
        return FuzzSeeds.requestBodies().stream();
    }

    static Stream<byte[]> sharedFixtureRequests() {
        return FuzzSeeds.sharedFixtureBodies().stream();
    }

    /** The documents other systems wrote (../shared/fixtures), replayed through the same invariant. */
    @ParameterizedTest
    @MethodSource("sharedFixtureRequests")
    @NeedsSharedFixtures
    void sharedFixtureBody_isARequestOrA4xxWithAStableCode(byte[] body) {
        anyBody_isARequestOrA4xxWithAStableCode(body);
    }

    @MethodSource("fixtureRequests")
    @FuzzTest(maxDuration = "40s")
    void anyBody_isARequestOrA4xxWithAStableCode(byte[] body) {
        EXECUTIONS.incrementAndGet();
        for (ServiceDefinition service : SERVICES) {
            try {
                JsonNode root = JSON.readTree(body);
                HookRequest request = PARSER.parse(root, service);
                assertThat(request.hook()).isEqualTo(service.hook());
                assertThat(request.hookInstance()).isNotBlank();
                assertThat(request.context().patientId()).isNotBlank();
            } catch (HookRequestException e) {
                assertThat(e.outcome().status()).isBetween(400, 499);
                assertThat(e.diagnostics()).matches("(?s)BCDS-\\d{4}: .+");
            }
        }
    }
}
