package org.biologicscds.trust;

/**
 * The trust configuration cannot be used: a {@code --trust} value that is not
 * {@code issuer=source}, a JWKS file that cannot be read or holds no usable key, a key URL that is
 * neither https nor on loopback. The message names the value and the reason; it is shown to the
 * operator at start, and the service does not start.
 */
public final class TrustConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TrustConfigException(String message) {
        super(message);
    }

    public TrustConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
