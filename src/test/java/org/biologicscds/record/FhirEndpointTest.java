package org.biologicscds.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FhirEndpointTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/fhir", "http://127.3.2.1/fhir", "http://localhost:8080/fhir",
            "https://LOCALHOST/fhir/", "http://[::1]:8080/fhir", "http://[::ffff:127.0.0.1]/fhir"})
    void aServerOnThisMachineIsOnLoopback(String base) {
        assertThat(new FhirEndpoint(base, Optional.empty()).onLoopback()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://ehr.example.org/fhir", "http://10.0.0.7/fhir", "http://128.0.0.1/fhir",
            "http://[2001:db8::1]/fhir", "http://127.example.org/fhir", "http://localhost.example.org/fhir",
            "http://999.0.0.1/fhir", "not a url", "fhir/relative"})
    void anyOtherServerIsNot(String base) {
        assertThat(new FhirEndpoint(base, Optional.empty()).onLoopback()).isFalse();
    }
}
