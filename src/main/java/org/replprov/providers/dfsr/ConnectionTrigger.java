package org.replprov.providers.dfsr;

/**
 * The arrow labels of the DFSR connection state diagram (DfsrConnectionInfo class documentation, Remarks), plus the
 * retry the service makes after an error. Engines do not send these: the provider derives a state from an engine's
 * facts ({@link StateDerivation}) and walks the arrows to it, so that event subscribers see the diagram's steps.
 */
public enum ConnectionTrigger {
    /** "Schedule turns ON": the connection's schedule opened, or an override forces replication. */
    SCHEDULE_ON,
    /** "Schedule turns OFF": the schedule closed while the service was trying to connect. */
    SCHEDULE_OFF,
    /** "Config change": the connection's configuration changed while the service was trying to connect. */
    CONFIG_CHANGE,
    /** "Connection Established": the partner answered and replication can run. */
    CONNECTION_ESTABLISHED,
    /** "Disconnected": an established connection was lost. */
    DISCONNECTED,
    /** "Failed to connect after multiple retries". */
    RETRIES_EXHAUSTED,
    /**
     * Not drawn in the diagram: the service tries again after an error. All four connection error events say "the
     * service will retry the connection periodically".
     */
    SERVICE_RETRY
}
