package org.biologicscds.knowledge;

/** The knowledge folder cannot be used: names the file and what is wrong with it. */
public final class KnowledgeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KnowledgeException(String file, String reason) {
        super(file + ": " + reason);
    }

    public KnowledgeException(String file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
    }
}
