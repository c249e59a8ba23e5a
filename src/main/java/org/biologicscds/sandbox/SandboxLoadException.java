package org.biologicscds.sandbox;

/** A file the sandbox could not load, named, with the reason; nothing of its content is in the message. */
public final class SandboxLoadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    SandboxLoadException(String file, String reason) {
        super(file + ": " + reason);
    }
}
