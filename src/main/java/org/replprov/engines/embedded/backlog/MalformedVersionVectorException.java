package org.replprov.engines.embedded.backlog;

/** A version vector that is not one this engine wrote: the message names the character offset at fault. */
public final class MalformedVersionVectorException extends Exception {

    private final int offset;

    MalformedVersionVectorException(int offset, String message) {
        super("version vector, offset " + offset + ": " + message);
        this.offset = offset;
    }

    /** The character offset in the version vector where reading failed. */
    public int offset() {
        return offset;
    }
}
