package org.replprov.engines.sambaad.directory;

/**
 * A directory read that failed, with the kind of failure so that a caller can tell an unreachable DC from a refused
 * bind or a malformed entry. Messages name the server and the entry involved, never a password.
 */
public final class DirectoryException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong, coarsely. */
    public enum Kind {
        /** The TCP connection could not be made or was lost. */
        CONNECT,
        /** The TLS handshake failed or the server's certificate was not accepted (trust or host name). */
        TLS,
        /** The bind was refused: wrong name or password, or an authentication method the server does not allow. */
        AUTHENTICATION,
        /** The server did not answer within the operation timeout, or hit its own time limit. */
        TIMEOUT,
        /** More entries or bytes than the configured bound. */
        LIMIT,
        /** An entry that must exist (an NC head, the DSA object) is not there. */
        NOT_FOUND,
        /** An entry or value does not have the shape the schema defines (a GUID that is not 16 bytes, ...). */
        MALFORMED,
        /** Any other LDAP result. */
        PROTOCOL
    }

    private final Kind kind;

    public DirectoryException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public DirectoryException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
