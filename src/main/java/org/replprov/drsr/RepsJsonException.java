package org.replprov.drsr;

/**
 * JSON that does not describe a {@code REPS_FROM} / {@code REPS_TO} value. The message starts with the key at fault,
 * for example {@code uuidDsa: "dc2" is not a GUID}.
 */
public final class RepsJsonException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String key;

    RepsJsonException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
    }

    /** The key at fault ({@code usnVec.reserved} for nested keys), or {@code (document)} for unreadable JSON. */
    public String key() {
        return key;
    }
}
