package org.biologicscds.cli;

import org.biologicscds.feedback.DatabaseSettings;
import picocli.CommandLine.Option;

/** {@code --db URL}: the feedback database; user and password come from the environment. */
final class DatabaseOption {

    @Option(names = "--db", paramLabel = "URL",
            description = "Feedback database: jdbc:h2:file:PATH or jdbc:postgresql://HOST:PORT/DB (user and password from "
                    + DatabaseSettings.USER_VARIABLE + " and " + DatabaseSettings.PASSWORD_VARIABLE + "). Default: "
                    + DatabaseSettings.DEFAULT_URL)
    String url;

    /** The settings; throws IllegalArgumentException for a URL of another database. */
    DatabaseSettings settings() {
        return DatabaseSettings.fromEnvironment(url, System.getenv());
    }
}
