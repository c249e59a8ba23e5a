package org.biologicscds.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A CDS client's JWT, signed with a test key, shaped by default the way the CDS Hooks sandbox
 * signs its calls (cds-hooks/sandbox {@code jwt-generator.js}): header {@code alg}, {@code typ: JWT},
 * {@code kid}, {@code jku}; claims {@code iss}, {@code aud} (the URL called), {@code exp} (now + 5
 * minutes), {@code iat} (now), {@code jti} (a random UUID). Every part can be changed to build the
 * negative cases.
 */
public final class ClientJwt {

    /** The sandbox's issuer and the jku its header names. */
    public static final String SANDBOX_ISSUER = "https://sandbox.cds-hooks.org";
    public static final URI SANDBOX_JKU = URI.create("https://sandbox.cds-hooks.org/.well-known/jwks.json");

    private final JWK key;
    private JWSAlgorithm algorithm;
    private String keyId;
    private URI jku;
    private String issuer = SANDBOX_ISSUER;
    private List<String> audience = List.of();
    private Instant issuedAt = Instant.now();
    private Instant expiresAt;
    private Instant notBefore;
    private String jwtId = UUID.randomUUID().toString();
    private final Map<String, Object> extraClaims = new LinkedHashMap<>();

    private ClientJwt(JWK key, JWSAlgorithm algorithm) {
        this.key = key;
        this.algorithm = algorithm;
        this.keyId = key.getKeyID();
        this.expiresAt = issuedAt.plusSeconds(300);
    }

    /** A fresh P-384 key for ES384 with this kid, as the sandbox's own key is. */
    public static ECKey es384Key(String kid) {
        return ecKey(Curve.P_384, JWSAlgorithm.ES384, kid);
    }

    public static ECKey es256Key(String kid) {
        return ecKey(Curve.P_256, JWSAlgorithm.ES256, kid);
    }

    public static RSAKey rsaKey(String kid, JWSAlgorithm algorithm) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).algorithm(algorithm).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey ecKey(Curve curve, JWSAlgorithm algorithm, String kid) {
        try {
            return new ECKeyGenerator(curve).keyID(kid).algorithm(algorithm).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the public halves of {@code keys} as a JWK Set file. */
    public static Path writeJwks(Path file, JWK... keys) throws IOException {
        Files.writeString(file, publicJwks(keys));
        return file;
    }

    public static String publicJwks(JWK... keys) {
        return new JWKSet(List.of(keys)).toPublicJWKSet().toString();
    }

    /** A sandbox-shaped token for {@code audience}, signed by {@code key} with the algorithm the key names. */
    public static ClientJwt sandboxStyle(JWK key, String audience) {
        return new ClientJwt(key, JWSAlgorithm.parse(key.getAlgorithm().getName())).jku(SANDBOX_JKU).audience(audience);
    }

    public ClientJwt algorithm(JWSAlgorithm value) {
        this.algorithm = value;
        return this;
    }

    public ClientJwt keyId(String value) {
        this.keyId = value;
        return this;
    }

    public ClientJwt jku(URI value) {
        this.jku = value;
        return this;
    }

    public ClientJwt issuer(String value) {
        this.issuer = value;
        return this;
    }

    public ClientJwt audience(String... values) {
        this.audience = List.of(values);
        return this;
    }

    public ClientJwt issuedAt(Instant value) {
        this.issuedAt = value;
        return this;
    }

    public ClientJwt expiresAt(Instant value) {
        this.expiresAt = value;
        return this;
    }

    public ClientJwt expiresIn(Duration value) {
        return expiresAt(Instant.now().plus(value));
    }

    public ClientJwt notBefore(Instant value) {
        this.notBefore = value;
        return this;
    }

    public ClientJwt jwtId(String value) {
        this.jwtId = value;
        return this;
    }

    public ClientJwt claim(String name, Object value) {
        extraClaims.put(name, value);
        return this;
    }

    public JWTClaimsSet claims() {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience.isEmpty() ? null : audience)
                .issueTime(issuedAt == null ? null : Date.from(issuedAt))
                .expirationTime(expiresAt == null ? null : Date.from(expiresAt))
                .notBeforeTime(notBefore == null ? null : Date.from(notBefore))
                .jwtID(jwtId);
        extraClaims.forEach(claims::claim);
        return claims.build();
    }

    public JWSHeader header() {
        return new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).keyID(keyId).jwkURL(jku).build();
    }

    /** The compact serialization, as sent after {@code Authorization: Bearer }. */
    public String sign() {
        try {
            SignedJWT jwt = new SignedJWT(header(), claims());
            jwt.sign(signer());
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private JWSSigner signer() throws JOSEException {
        if (key instanceof ECKey ec) {
            return new ECDSASigner(ec);
        }
        return new RSASSASigner((RSAKey) key);
    }
}
