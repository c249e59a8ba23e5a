package org.biologicscds.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The defaults the documentation promises, and credentials that never reach a message. */
class DatabaseSettingsTest {

    @Test
    void noUrl_isTheH2FileUnderData_withCredentialsFromTheEnvironment() {
        DatabaseSettings settings = DatabaseSettings.fromEnvironment(null,
                Map.of("BIOLOGICS_CDS_DB_USER", "cds", "BIOLOGICS_CDS_DB_PASSWORD", "s3cret", "OTHER", "x"));

        assertThat(settings).isEqualTo(new DatabaseSettings("jdbc:h2:file:./data/feedback", "cds", "s3cret"));
        assertThat(settings.isH2()).isTrue();
        assertThat(settings.toString()).isEqualTo("DatabaseSettings[jdbc:h2:file:./data/feedback, user cds]");
    }

    @Test
    void postgresUrl_isRedactedBeforeItsParameters() {
        DatabaseSettings settings = DatabaseSettings.fromEnvironment(
                "jdbc:postgresql://db.example:5432/cds?user=cds&password=s3cret", Map.of());

        assertThat(settings.isH2()).isFalse();
        assertThat(settings.redactedUrl()).isEqualTo("jdbc:postgresql://db.example:5432/cds");
        assertThat(settings.toString()).doesNotContain("s3cret");
        assertThat(new DatabaseSettings("jdbc:h2:file:./x;PASSWORD=s3cret", null, null).redactedUrl()).isEqualTo("jdbc:h2:file:./x");
    }

    @Test
    void otherDatabases_areRefusedWithoutEchoingTheirParameters() {
        assertThatThrownBy(() -> new DatabaseSettings("jdbc:mysql://db/cds?password=s3cret", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the feedback database URL must start with jdbc:h2: or jdbc:postgresql:, not jdbc:mysql://db/cds");
    }

    @Test
    void issuedCardLogDefaults_areTheDocumentedOnes() {
        assertThat(IssuedCardLog.Settings.DEFAULT).isEqualTo(new IssuedCardLog.Settings(10_000, 500, 3, Duration.ofSeconds(1), Duration.ofMillis(50)));
    }
}
