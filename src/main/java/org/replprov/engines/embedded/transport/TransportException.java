package org.replprov.engines.embedded.transport;

import java.util.Objects;

/**
 * Reading the upstream failed. The {@link Reason} is what the connection reports: each reason is one of the DFSR
 * connection events (MS-DFSRH §2.2.1.5.17) the issue assigns to it.
 */
public final class TransportException extends Exception {

    /** Why reading the upstream failed, from the replicating member's point of view. */
    public enum Reason {
        /** The host does not answer or refuses connections (EVENT_DFSR_CONNECTION_SERVICE_UNREACHABLE, 5008). */
        UNREACHABLE,
        /** The host answered but does not know the share, path or group (EVENT_DFSR_CONNECTION_UNRECOGNIZED, 5012). */
        NOT_FOUND,
        /** The two sides share no protocol dialect or version (EVENT_DFSR_INCOMPATIBLE_VERSION, 5102). */
        INCOMPATIBLE,
        /** Anything else: denied access, I/O errors, broken sessions (EVENT_DFSR_CONNECTION_ERROR, 5002). */
        FAILED
    }

    private final Reason reason;

    public TransportException(Reason reason, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public TransportException(Reason reason, String message) {
        this(reason, message, null);
    }

    public Reason reason() {
        return reason;
    }
}
