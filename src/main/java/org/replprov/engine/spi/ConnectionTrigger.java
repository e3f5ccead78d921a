package org.replprov.engine.spi;

/**
 * What moves a connection from one state to another: the arrow labels of the DFSR connection state diagram
 * (DfsrConnectionInfo class documentation, Remarks), plus the retry the engine makes after an error.
 *
 * <p>The states and which trigger applies in which state are the provider's business (docs/dfsr-provider.md, §2 "States and transitions").
 */
public enum ConnectionTrigger {
    /** "Schedule turns ON": the connection's schedule opened, or an override forces replication. */
    SCHEDULE_ON,
    /** "Schedule turns OFF": the schedule closed while the engine was trying to connect. */
    SCHEDULE_OFF,
    /** "Config change": the connection's configuration changed while the engine was trying to connect. */
    CONFIG_CHANGE,
    /** "Connection Established": the partner answered and replication can run. */
    CONNECTION_ESTABLISHED,
    /** "Disconnected": an established connection was lost. */
    DISCONNECTED,
    /** "Failed to connect after multiple retries": carries a {@link ConnectionFailure}. */
    RETRIES_EXHAUSTED,
    /**
     * Not drawn in the diagram: the engine tries again after an error. All four connection error events say "the
     * service will retry the connection periodically".
     */
    SERVICE_RETRY
}
