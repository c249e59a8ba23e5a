package org.biologicscds.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The secret that opens the admin endpoints ({@code Authorization: Bearer <token>}). Compared in
 * constant time (over SHA-256 digests, so neither content nor length leaks through timing).
 * {@link #none()} opens nothing: every admin request is then a 401. Immutable; never logged.
 */
public final class AdminToken {

    /** Shorter tokens are refused at start: guessable secrets are worse than none. */
    public static final int MIN_LENGTH = 16;
    public static final String VARIABLE = "BIOLOGICS_CDS_ADMIN_TOKEN";

    private final byte[] digest;

    private AdminToken(byte[] digest) {
        this.digest = digest;
    }

    /** No token: the admin endpoints answer 401 to everyone. */
    public static AdminToken none() {
        return new AdminToken(null);
    }

    /** A token; surrounding whitespace (a file's final newline) is not part of it. */
    public static AdminToken of(String token) {
        String secret = token.strip();
        if (secret.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("the admin token must have at least " + MIN_LENGTH + " characters");
        }
        return new AdminToken(sha256(secret));
    }

    /** The token in a file (its first line). */
    public static AdminToken fromFile(Path file) throws IOException {
        return of(Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse(""));
    }

    /** Whether an {@code Authorization} header value carries this token as a Bearer credential. */
    public boolean admits(String authorization) {
        if (digest == null || authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(authorization.substring(7).strip()));
    }

    /**
     * Answers 401 {@code BCDS-1401} (with the Bearer challenge) and returns true when the request does
     * not carry this token; returns false, answering nothing, when it does. The one gate of every
     * endpoint behind the admin token.
     */
    boolean turnsAway(Request request, Response response, Callback callback, Replies replies) {
        if (admits(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
            return false;
        }
        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"biologics-cds-admin\"");
        replies.error(response, callback, HttpStatus.UNAUTHORIZED_401, "login",
                "BCDS-1401: this endpoint needs the admin token (Authorization: Bearer ...)");
        return true;
    }

    public boolean isSet() {
        return digest != null;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return digest == null ? "AdminToken[none]" : "AdminToken[set]";
    }
}
