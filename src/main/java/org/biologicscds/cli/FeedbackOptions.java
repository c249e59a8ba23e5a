package org.biologicscds.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.biologicscds.feedback.Feedback;
import org.biologicscds.feedback.FeedbackDatabase;
import org.biologicscds.feedback.FeedbackStoreException;
import org.biologicscds.feedback.IssuedCardLog;
import org.biologicscds.server.AdminToken;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code serve}'s feedback options: the database and the admin token. */
final class FeedbackOptions {

    /** The feedback side opened for a server: close it after the server. */
    record Opened(FeedbackDatabase database, Feedback feedback, AdminToken adminToken) implements AutoCloseable {
        /** Drains the issued-card log, then closes the database. Idempotent. */
        @Override
        public void close() {
            try {
                feedback.close();
            } finally {
                database.close();
            }
        }
    }

    /** Why the server cannot start; the message is for the operator. */
    static final class StartupException extends Exception {
        private static final long serialVersionUID = 1L;

        StartupException(String message) {
            super(message);
        }
    }

    @Mixin
    DatabaseOption database;

    @Option(names = "--admin-token-file", paramLabel = "FILE",
            description = "File holding the token for /admin/* (Authorization: Bearer TOKEN; at least "
                    + AdminToken.MIN_LENGTH + " characters). Default: the " + AdminToken.VARIABLE
                    + " environment variable; neither: /admin/* answers 401.")
    Path adminTokenFile;

    Opened open(Map<String, String> environment) throws StartupException {
        AdminToken token = adminToken(environment);
        FeedbackDatabase db;
        try {
            db = FeedbackDatabase.open(database.settings());
        } catch (IllegalArgumentException | FeedbackStoreException e) {
            throw new StartupException(e.getMessage());
        }
        return new Opened(db, new Feedback(db, Clock.systemUTC(), IssuedCardLog.Settings.DEFAULT), token);
    }

    private AdminToken adminToken(Map<String, String> environment) throws StartupException {
        try {
            if (adminTokenFile != null) {
                return AdminToken.fromFile(adminTokenFile);
            }
            String variable = environment.get(AdminToken.VARIABLE);
            return variable == null || variable.isBlank() ? AdminToken.none() : AdminToken.of(variable);
        } catch (IOException e) {
            throw new StartupException("cannot read the admin token file " + adminTokenFile + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new StartupException(e.getMessage());
        }
    }
}
