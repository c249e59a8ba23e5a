package org.biologicscds.trust;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.security.Key;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The public keys of one trusted issuer, from its JWK Set files and URLs. Keys are cached and a
 * source is read again when a token names a {@code kid} it does not hold (key rotation), at most
 * once per {@link TrustConfig#keyRefreshInterval()}.
 *
 * <p>A token's {@code jku} is honoured only when it is one of the issuer's URLs: then only that
 * set is searched. Any other {@code jku} is ignored and every configured source is searched, so a
 * token cannot point the service at keys of its own choosing. Thread-safe.
 */
final class IssuerKeys {

    private static final int CONNECT_TIMEOUT_MS = 2_000;
    private static final int READ_TIMEOUT_MS = 2_000;
    private static final int SIZE_LIMIT_BYTES = 256 * 1024;

    private final Map<URI, JWSVerificationKeySelector<SecurityContext>> allowlisted;
    private final List<JWSVerificationKeySelector<SecurityContext>> all;

    private IssuerKeys(Map<URI, JWSVerificationKeySelector<SecurityContext>> allowlisted,
                       List<JWSVerificationKeySelector<SecurityContext>> all) {
        this.allowlisted = allowlisted;
        this.all = all;
    }

    /**
     * Prepares the issuer's key sources. Files are read now, so that a missing or broken file stops
     * the start; URLs are fetched when a token first needs them.
     *
     * @throws TrustConfigException naming the file and what is wrong with it
     */
    static IssuerKeys load(TrustedIssuer issuer, TrustConfig config, Set<JWSAlgorithm> algorithms) {
        DefaultResourceRetriever retriever = new DefaultResourceRetriever(CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS, SIZE_LIMIT_BYTES);
        List<JWSVerificationKeySelector<SecurityContext>> all = new ArrayList<>();
        Map<URI, JWSVerificationKeySelector<SecurityContext>> allowlisted = new LinkedHashMap<>();
        for (Path file : issuer.jwksFiles()) {
            checkFile(issuer.issuer(), file);
            all.add(new JWSVerificationKeySelector<>(algorithms, source(url(file.toUri()), retriever, config)));
        }
        for (URI uri : issuer.jwksUrls()) {
            JWSVerificationKeySelector<SecurityContext> selector =
                    new JWSVerificationKeySelector<>(algorithms, source(url(uri), retriever, config));
            all.add(selector);
            allowlisted.put(uri, selector);
        }
        return new IssuerKeys(allowlisted, all);
    }

    /**
     * The keys that may have signed a token with this header: matching its {@code kid} and
     * {@code alg}. Empty when there are none.
     *
     * @throws KeySourceException when no key was found and a source could not be read
     */
    List<Key> select(JWSHeader header) throws KeySourceException {
        URI jku = header.getJWKURL();
        List<JWSVerificationKeySelector<SecurityContext>> sources =
                jku != null && allowlisted.containsKey(jku) ? List.of(allowlisted.get(jku)) : all;
        List<Key> keys = new ArrayList<>();
        KeySourceException unreadable = null;
        for (JWSVerificationKeySelector<SecurityContext> source : sources) {
            try {
                keys.addAll(source.selectJWSKeys(header, null));
            } catch (RateLimitReachedException e) {
                // Refreshed moments ago for another unknown kid: this one is unknown too.
            } catch (KeySourceException e) {
                unreadable = e;
            }
        }
        if (keys.isEmpty() && unreadable != null) {
            throw unreadable;
        }
        return keys;
    }

    private static JWKSource<SecurityContext> source(URL url, DefaultResourceRetriever retriever, TrustConfig config) {
        return JWKSourceBuilder.<SecurityContext>create(url, retriever)
                .cache(config.keyCacheTtl().toMillis(), READ_TIMEOUT_MS + CONNECT_TIMEOUT_MS)
                .refreshAheadCache(false)
                .rateLimited(config.keyRefreshInterval().toMillis())
                .build();
    }

    private static void checkFile(String issuer, Path file) {
        JWKSet set;
        try {
            set = JWKSet.load(file.toFile());
        } catch (IOException e) {
            throw new TrustConfigException("--trust " + issuer + "=" + file + ": cannot read the file (" + e.getMessage() + ")");
        } catch (ParseException e) {
            throw new TrustConfigException("--trust " + issuer + "=" + file + ": not a JWK Set (" + e.getMessage() + ")");
        }
        boolean usable = false;
        for (JWK key : set.getKeys()) {
            usable |= (key instanceof ECKey || key instanceof RSAKey) && (key.getKeyUse() == null || KeyUse.SIGNATURE.equals(key.getKeyUse()));
        }
        if (!usable) {
            throw new TrustConfigException("--trust " + issuer + "=" + file
                    + ": the JWK Set holds no EC or RSA signature key");
        }
    }

    private static URL url(URI uri) {
        try {
            return uri.toURL();
        } catch (MalformedURLException e) {
            throw new TrustConfigException("cannot use " + uri + " as a key URL: " + e.getMessage(), e);
        }
    }
}
