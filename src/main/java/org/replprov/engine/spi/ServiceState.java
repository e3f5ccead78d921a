package org.replprov.engine.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * How the replication service of one computer the engine watches is doing, as that computer's own service reports it
 * (DfsrInfo of a Windows member). An engine that is itself the service (the embedded one) reports none: the daemon is
 * then the service, and DfsrInfo shows the daemon.
 *
 * <p>One engine may watch several computers: {@code host} tells their facts apart, and a later fact for the same host
 * replaces the earlier one.
 *
 * @param host the computer, as the engine's configuration names it
 * @param state the service's state (DfsrInfo.State)
 * @param version the version the service reports (DfsrInfo.ProviderVersion); null when it reports none
 * @param started when the service last started (ServiceStartTime); null when unknown
 * @param lastConfigurationPoll when the service last read its configuration from the directory (LastDsPollTime);
 *     null when unknown
 * @param errorCode the service-wide error, as the service reports it (LastErrorCode: an HRESULT, 0 for none)
 * @param errorMessageId the event log message that explains it (LastErrorMessageId, 0 for none)
 */
public record ServiceState(String host, State state, String version, Instant started, Instant lastConfigurationPoll,
                           long errorCode, long errorMessageId) implements Observation {

    /** DfsrInfo.State, in its order: Service Starting 0, Running 1, Degraded 2, Shutting Down 3. */
    public enum State {
        STARTING, RUNNING, DEGRADED, SHUTTING_DOWN
    }

    public ServiceState {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(state, "state");
        if (errorCode < 0 || errorCode > 0xFFFF_FFFFL || errorMessageId < 0 || errorMessageId > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("error code " + errorCode + " or message id " + errorMessageId
                    + " is not a uint32");
        }
    }
}
