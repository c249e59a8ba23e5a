package org.biologicscds.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin token: Bearer only, exact match, no token opens nothing, short tokens refused. */
class AdminTokenTest {

    private static final String SECRET = "s3cret-admin-token-42";

    @Test
    void token_admitsOnlyItselfAsABearerCredential() {
        AdminToken token = AdminToken.of(SECRET);

        assertThat(token.admits("Bearer " + SECRET)).isTrue();
        assertThat(token.admits("bearer  " + SECRET + " ")).isTrue();
        assertThat(token.admits("Bearer " + SECRET.substring(1))).isFalse();
        assertThat(token.admits(SECRET)).isFalse();
        assertThat(token.admits(null)).isFalse();
        assertThat(token.toString()).doesNotContain(SECRET);
    }

    @Test
    void noToken_admitsNobody() {
        assertThat(AdminToken.none().admits("Bearer ")).isFalse();
        assertThat(AdminToken.none().admits("Bearer " + SECRET)).isFalse();
        assertThat(AdminToken.none().isSet()).isFalse();
    }

    @Test
    void shortToken_isRefused() {
        assertThatThrownBy(() -> AdminToken.of("short")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the admin token must have at least 16 characters");
    }

    @Test
    void tokenFile_isReadWithoutItsFinalNewline(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("admin-token");
        Files.writeString(file, SECRET + "\n");

        assertThat(AdminToken.fromFile(file).admits("Bearer " + SECRET)).isTrue();
    }
}
