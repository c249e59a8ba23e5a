package org.biologicscds.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} refuses to start, saying why, when its feedback database or admin token is unusable. */
class ServeFeedbackOptionsTest {

    private static String failedStart(String... args) {
        PrintStream err = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            assertThat(Main.run(args)).isEqualTo(2);
        } finally {
            System.setErr(err);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void unreachableDatabase_stopsTheStartNamingItWithoutItsPassword() {
        String err = failedStart("serve", "--port", "0", "--knowledge", "fhir-profiles", "--hooks", "hooks",
                "--db", "jdbc:postgresql://127.0.0.1:1/test?password=s3cret");

        // The open-on-loopback warning comes first; the last line says why the start stopped.
        assertThat(lastLine(err)).startsWith("biologics-cds: cannot open the feedback database jdbc:postgresql://127.0.0.1:1/test: ")
                .endsWith("; not starting");
        assertThat(err).doesNotContain("s3cret");
    }

    @Test
    void shortAdminToken_stopsTheStart(@TempDir Path dir) throws Exception {
        Path token = dir.resolve("token");
        Files.writeString(token, "guessable\n");

        String err = failedStart("serve", "--port", "0", "--knowledge", "fhir-profiles", "--hooks", "hooks",
                "--db", "jdbc:h2:mem:serve-options", "--admin-token-file", token.toString());

        assertThat(lastLine(err)).isEqualTo("biologics-cds: the admin token must have at least 16 characters; not starting");
    }

    @Test
    void brokenKnowledge_stopsTheStart_andClosesTheDatabaseOpenedMeanwhile(@TempDir Path dir) throws Exception {
        String err = startWithBrokenKnowledge(dir, "{\"resourceType\": \"ValueSet\", \"status\": ",
                "jdbc:h2:mem:serve-broken-knowledge");

        assertThat(err).contains("biologics-cds: the knowledge folder is broken, not starting: ");
        // The database opens beside the knowledge; a start that stops waits for it to open, then closes
        // it. An in-memory H2 database lives while a connection is open: gone only if the pool was closed.
        assertThat(err).contains("feedback database jdbc:h2:mem:serve-broken-knowledge: schema version");
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:h2:mem:serve-broken-knowledge;IFEXISTS=TRUE").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("not found");
    }

    @Test
    void unreachableDatabase_isReportedAfterABrokenKnowledgeFolder(@TempDir Path dir) throws Exception {
        String err = startWithBrokenKnowledge(dir, "not json", "jdbc:postgresql://127.0.0.1:1/test");

        assertThat(err).contains("biologics-cds: the knowledge folder is broken, not starting: ")
                .contains("biologics-cds: also: cannot open the feedback database jdbc:postgresql://127.0.0.1:1/test");
    }

    /** A start whose knowledge folder holds one file, {@code brokenJson}, with the feedback database at {@code db}. */
    private static String startWithBrokenKnowledge(Path dir, String brokenJson, String db) throws Exception {
        Path knowledge = Files.createDirectory(dir.resolve("knowledge"));
        Files.writeString(knowledge.resolve("broken.json"), brokenJson);
        return failedStart("serve", "--port", "0", "--knowledge", knowledge.toString(), "--hooks", "hooks", "--db", db);
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\\R");
        return lines[lines.length - 1];
    }
}
