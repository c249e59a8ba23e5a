package org.biologicscds.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.biologicscds.hooks.HookContext;
import org.junit.jupiter.api.Test;

/** CDS Hooks 2.0 prefetch tokens: {{context.x}} for first-level primitives, and the four user tokens. */
class PrefetchTokensTest {

    private static HookContext context(String userId, String patientId, String encounterId) {
        return new HookContext(userId, patientId, encounterId, List.of(), null);
    }

    @Test
    void contextTokens_areReplacedByTheContextsValues() {
        PrefetchTokens tokens = PrefetchTokens.of(context("Practitioner/dr-1", "pt-1", "enc-9"));

        assertThat(tokens.resolve("Observation?patient={{context.patientId}}&encounter={{context.encounterId}}"))
                .contains("Observation?patient=pt-1&encounter=enc-9");
        assertThat(tokens.resolve("Patient/{{ context.patientId }}")).contains("Patient/pt-1");
    }

    @Test
    void userTokens_takeTheIdOfUserIdWhenItNamesThatType() {
        PrefetchTokens practitioner = PrefetchTokens.of(context("Practitioner/dr-1", "pt-1", null));
        PrefetchTokens role = PrefetchTokens.of(context("PractitionerRole/role-7", "pt-1", null));

        assertThat(practitioner.resolve("Practitioner/{{userPractitionerId}}")).contains("Practitioner/dr-1");
        assertThat(practitioner.resolve("PractitionerRole/{{userPractitionerRoleId}}")).isEmpty();
        assertThat(role.resolve("PractitionerRole?_id={{userPractitionerRoleId}}")).contains("PractitionerRole?_id=role-7");
        assertThat(role.unresolved("Practitioner/{{userPractitionerId}}")).isEqualTo(Set.of("userPractitionerId"));
    }

    @Test
    void aTokenWithoutAValue_leavesTheTemplateUnresolved() {
        PrefetchTokens tokens = PrefetchTokens.of(context("Practitioner/dr-1", "pt-1", null));

        assertThat(tokens.resolve("Encounter/{{context.encounterId}}")).isEqualTo(Optional.empty());
        assertThat(tokens.unresolved("Encounter/{{context.encounterId}}?x={{today}}"))
                .containsExactly("context.encounterId", "today");
    }

    @Test
    void valuesAreEncoded_soTheyCannotAddOrChangeSearchParameters() {
        PrefetchTokens tokens = PrefetchTokens.forPatient("123&code=x|y,z#");

        assertThat(tokens.resolve("Condition?patient={{context.patientId}}"))
                .contains("Condition?patient=123%26code%3Dx%7Cy%2Cz%23");
    }
}
