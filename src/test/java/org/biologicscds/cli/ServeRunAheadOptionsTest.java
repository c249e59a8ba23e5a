package org.biologicscds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.biologicscds.service.RunAheadSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** serve's run-ahead options: their defaults are RunAheadSettings', 0 turns it off, a negative count stops serve. */
class ServeRunAheadOptionsTest {

    private static RunAheadSettings settings(String... args) {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs(args);
        return new RunAheadSettings(serve.runAheadRecords, serve.runAheadBytes, serve.runAheadTtl);
    }

    @Test
    void defaults_areRunAheadSettingsDefaults() {
        assertThat(settings()).isEqualTo(RunAheadSettings.defaults())
                .isEqualTo(new RunAheadSettings(256, 2L * 1024 * 1024, Duration.ofMinutes(5)));
        assertThat(settings().on()).isTrue();
    }

    @Test
    void zeroRecords_turnsItOff_andTheOthersAreRead() {
        assertThat(settings("--run-ahead-records", "0").on()).isFalse();
        assertThat(settings("--run-ahead-records", "10", "--run-ahead-bytes", "1000", "--run-ahead-ttl", "90s"))
                .isEqualTo(new RunAheadSettings(10, 1000, Duration.ofSeconds(90)));
    }

    @Test
    void aNegativeCount_stopsServe_sayingWhy() {
        PrintStream err = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            assertThat(Main.run("serve", "--port", "0", "--run-ahead-records", "-1", "--knowledge", "fhir-profiles",
                    "--hooks", "hooks")).isEqualTo(2);
        } finally {
            System.setErr(err);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("the run-ahead record count cannot be negative: -1");
    }

    @Test
    void theHelp_namesTheOptions() {
        String help = new CommandLine(new ServeCommand()).getUsageMessage();
        assertThat(help).contains("--run-ahead-records", "--run-ahead-bytes", "--run-ahead-ttl");
    }
}
