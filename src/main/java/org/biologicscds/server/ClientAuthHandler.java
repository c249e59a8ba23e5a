package org.biologicscds.server;

import java.util.Locale;
import java.util.Optional;
import org.biologicscds.trust.ClientTokenVerifier;
import org.biologicscds.trust.TokenRejectedException;
import org.biologicscds.trust.VerifiedClient;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets through only calls that carry {@code Authorization: Bearer <JWT>} of a trusted CDS client
 * (discovery included), checked by {@link ClientTokenVerifier} against the URL called. Any other
 * call gets a bare 401: no body and no reason, only {@code WWW-Authenticate: Bearer}; the reason
 * goes to the log with the trusted issuer and {@code jti}, never the token.
 *
 * <p>The accepted client is left on the request as the attribute {@link #CLIENT_ATTRIBUTE}.
 */
final class ClientAuthHandler extends Handler.Wrapper {

    /** Request attribute holding the {@link VerifiedClient} of an accepted call. */
    static final String CLIENT_ATTRIBUTE = VerifiedClient.class.getName();

    private static final Logger LOG = LoggerFactory.getLogger(ClientAuthHandler.class);
    private static final String BEARER = "bearer ";

    private final ClientTokenVerifier verifier;
    private final Optional<String> publicBaseUrl;

    ClientAuthHandler(ClientTokenVerifier verifier, Optional<String> publicBaseUrl, Handler next) {
        super(next);
        this.verifier = verifier;
        this.publicBaseUrl = publicBaseUrl;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        VerifiedClient client;
        try {
            client = verifier.verify(bearerToken(request), audience(request));
        } catch (TokenRejectedException e) {
            LOG.info("client token rejected reason={} iss={} jti={}", e.reason().code(), e.issuer(), LogSafe.id(e.jwtId()));
            response.setStatus(HttpStatus.UNAUTHORIZED_401);
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
            response.write(true, null, callback);
            return true;
        }
        LOG.debug("client accepted iss={} kid={} jti={}", client.issuer(), LogSafe.id(client.keyId()), LogSafe.id(client.jwtId()));
        request.setAttribute(CLIENT_ATTRIBUTE, client);
        return super.handle(request, response, callback);
    }

    /**
     * The URL the client called, which its JWT's {@code aud} must name: the public base URL when one
     * is configured (a proxy in front), else scheme and authority as this server received them;
     * then the path as sent, without query.
     */
    String audience(Request request) {
        HttpURI uri = request.getHttpURI();
        String base = publicBaseUrl.orElseGet(() -> uri.getScheme() + "://" + uri.getAuthority());
        return base + uri.getPath();
    }

    private static String bearerToken(Request request) throws TokenRejectedException {
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (header == null || header.length() <= BEARER.length()
                || !header.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            throw new TokenRejectedException(TokenRejectedException.Reason.MISSING, null);
        }
        return header.substring(BEARER.length()).trim();
    }
}
