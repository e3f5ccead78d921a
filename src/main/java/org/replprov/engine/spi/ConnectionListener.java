package org.replprov.engine.spi;

import java.util.UUID;

/**
 * How an engine reports its connections to the provider. Calls return quickly and never throw.
 *
 * <p>The provider owns each connection's state: the engine reports what happened ({@link ConnectionTrigger}) and the
 * provider moves the state along the documented diagram, refusing (and logging) a trigger the current state has no
 * arrow for.
 */
public interface ConnectionListener {

    /**
     * The connection as the engine knows it now. For an inbound connection: it is configured, or its identity or sync
     * results changed. For an outbound connection: the partner has established a connection to us or was active again
     * (outbound connections exist only on demand and expire after an idle time).
     */
    void connectionReported(ConnectionSnapshot snapshot);

    /**
     * Something happened that moves the connection's state.
     *
     * @param failure why the engine gave up connecting; required with {@link ConnectionTrigger#RETRIES_EXHAUSTED},
     *     ignored otherwise
     */
    void stateChanged(UUID connectionGuid, ConnectionTrigger trigger, ConnectionFailure failure);

    /** {@link #stateChanged(UUID, ConnectionTrigger, ConnectionFailure)} without a failure. */
    default void stateChanged(UUID connectionGuid, ConnectionTrigger trigger) {
        stateChanged(connectionGuid, trigger, null);
    }

    /** The connection is no longer configured (inbound), or the engine knows the partner is gone (outbound). */
    void connectionRemoved(UUID connectionGuid);
}
