package org.replprov.providers.dfsr;

import org.replprov.engine.spi.ConnectionFailure;

/**
 * The Status string (inherited from CIM_ManagedSystemElement, MaxLen 10) a connection shows, derived from its state,
 * the failure it last reported, and whether it has ever been Online since the provider started. The mapping is ours
 * (DFSR does not document one); docs/dfsr-provider.md has the table.
 */
public enum ConnectionStatus {
    OK("OK"),
    STARTING("Starting"),
    DEGRADED("Degraded"),
    LOST_COMM("Lost Comm"),
    NO_CONTACT("No Contact"),
    ERROR("Error"),
    NON_RECOVER("NonRecover");

    private final String text;

    ConnectionStatus(String text) {
        this.text = text;
    }

    /** The Status property value. */
    public String text() {
        return text;
    }

    /**
     * @param failure the failure that put the connection In Error, kept until it is Online or Offline again; null when
     *     there is none
     */
    public static ConnectionStatus of(ConnectionState state, ConnectionFailure failure, boolean everOnline) {
        return switch (state) {
            // Offline is the schedule's or the configuration's doing, not a fault.
            case ONLINE, OFFLINE -> OK;
            case CONNECTING -> failure != null ? DEGRADED : everOnline ? LOST_COMM : STARTING;
            case IN_ERROR -> switch (failure == null ? ConnectionFailure.CONNECTION_ERROR : failure) {
                // Retrying cannot help until one side is upgraded.
                case INCOMPATIBLE_VERSION -> NON_RECOVER;
                case SERVICE_UNREACHABLE -> everOnline ? LOST_COMM : NO_CONTACT;
                case CONNECTION_ERROR, UNRECOGNIZED -> ERROR;
            };
        };
    }
}
