package org.biologicscds.feedback;

import java.util.Map;
import java.util.Objects;

/**
 * Where the feedback store lives: a JDBC URL, and the user and password (from the environment,
 * never from the command line, so they stay out of {@code ps} and shell history).
 *
 * @param url       {@code jdbc:h2:file:...} (embedded) or {@code jdbc:postgresql://host:port/db}
 * @param user      may be null (H2's default user; or a PostgreSQL URL that names its user)
 * @param password  may be null
 */
public record DatabaseSettings(String url, String user, String password) {

    /** The embedded default: an H2 file database under {@code ./data}, created on first use. */
    public static final String DEFAULT_URL = "jdbc:h2:file:./data/feedback";
    public static final String USER_VARIABLE = "BIOLOGICS_CDS_DB_USER";
    public static final String PASSWORD_VARIABLE = "BIOLOGICS_CDS_DB_PASSWORD";

    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("the feedback database URL must start with jdbc:h2: or jdbc:postgresql:, not "
                    + redact(url));
        }
    }

    /** The URL (or the default when null) with the user and password taken from {@code environment}. */
    public static DatabaseSettings fromEnvironment(String url, Map<String, String> environment) {
        return new DatabaseSettings(url == null ? DEFAULT_URL : url, environment.get(USER_VARIABLE),
                environment.get(PASSWORD_VARIABLE));
    }

    public boolean isH2() {
        return url.startsWith("jdbc:h2:");
    }

    /** The URL without its parameters (which may carry credentials): safe for logs and error messages. */
    public String redactedUrl() {
        return redact(url);
    }

    private static String redact(String url) {
        int cut = url.length();
        for (char c : new char[] {'?', ';'}) {
            int at = url.indexOf(c);
            if (at >= 0) {
                cut = Math.min(cut, at);
            }
        }
        return url.substring(0, cut);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[" + redactedUrl() + (user == null ? "" : ", user " + user) + "]";
    }
}
