package org.replprov.engines.windows.ntlm;

/**
 * An NTLM message could not be read, the server's offer falls short of what this initiator requires, or a sealed
 * message failed its integrity check.
 */
public final class NtlmException extends Exception {

    /** What went wrong. */
    public enum Kind {
        /** A message is not what MS-NLMP §2.2 describes; {@link #offset()} names where. */
        MALFORMED,
        /** The server does not offer what NTLMv2 with sealing needs (MS-NLMP §3.1.5.1.2). */
        REFUSED,
        /** A sealed message's signature or sequence number does not verify (MS-NLMP §3.4.4.2). */
        INTEGRITY
    }

    private final Kind kind;
    private final int offset;

    private NtlmException(Kind kind, int offset, String message) {
        super(message);
        this.kind = kind;
        this.offset = offset;
    }

    static NtlmException malformed(String what, int offset, String message) {
        return new NtlmException(Kind.MALFORMED, offset, what + " at byte " + offset + ": " + message);
    }

    static NtlmException refused(String message) {
        return new NtlmException(Kind.REFUSED, -1, message);
    }

    static NtlmException integrity(String message) {
        return new NtlmException(Kind.INTEGRITY, -1, message);
    }

    public Kind kind() {
        return kind;
    }

    /** The byte offset of a malformation in its message; -1 when the error has no position. */
    public int offset() {
        return offset;
    }
}
