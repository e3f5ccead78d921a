package org.replprov.engine.spi;

/**
 * Which kind of connection error an {@link EngineError} is, as the event the DFS Replication service logs for it
 * (MS-DFSRH §2.2.1.5.17). The event ID becomes DfsrConnectionInfo.LastErrorMessageId.
 */
public enum ConnectionFailure {
    /** EVENT_DFSR_CONNECTION_ERROR: an error communicating with the partner. */
    CONNECTION_ERROR(5002),
    /** EVENT_DFSR_CONNECTION_SERVICE_UNREACHABLE: the host is unreachable or its service is not running. */
    SERVICE_UNREACHABLE(5008),
    /** EVENT_DFSR_CONNECTION_UNRECOGNIZED: the partner does not recognise the connection or the group. */
    UNRECOGNIZED(5012),
    /** EVENT_DFSR_INCOMPATIBLE_VERSION: the partner speaks another protocol version. */
    INCOMPATIBLE_VERSION(5102);

    private final int eventId;

    ConnectionFailure(int eventId) {
        this.eventId = eventId;
    }

    /** The event log message identifier. */
    public int eventId() {
        return eventId;
    }
}
