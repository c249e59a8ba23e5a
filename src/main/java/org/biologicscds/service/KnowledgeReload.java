package org.biologicscds.service;

/**
 * What a knowledge reload did.
 *
 * @param outcome    reloaded, refused (the folder or policy is broken: the knowledge in use stays), or
 *                   not possible (the service was not started from a knowledge folder)
 * @param resources  how many knowledge resources are in use after it
 * @param detail     why it was refused (the file and the reason), or empty
 */
public record KnowledgeReload(Outcome outcome, int resources, String detail) {

    /** The three ways a reload ends. */
    public enum Outcome {
        RELOADED, BROKEN, NO_FOLDER
    }
}
