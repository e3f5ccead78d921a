package org.replprov.engines.embedded;

import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

import org.replprov.engine.spi.ConnectionFailure;
import org.replprov.engine.spi.ConnectionListener;
import org.replprov.engine.spi.ConnectionSnapshot;
import org.replprov.engine.spi.ConnectionTrigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the provider about one connection: its snapshots and the triggers that move its state along the DFSR
 * connection state diagram (DfsrConnectionInfo class documentation). It remembers the state the provider shows, so that the owner only sends
 * triggers the diagram has an arrow for. Listener calls run on the engine's event thread, in order, never under the
 * owner's lock. Not thread-safe: the owner calls it under its own lock.
 */
final class Reporter {

    private static final Logger log = LoggerFactory.getLogger(Reporter.class);

    /** The connection states as the provider shows them. */
    enum Phase { OFFLINE, CONNECTING, ONLINE, IN_ERROR }

    private final UUID connectionGuid;
    private final String name;
    private final ConnectionListener listener;
    private final ExecutorService events;
    private Phase phase;

    Reporter(UUID connectionGuid, String name, Phase initial, ConnectionListener listener, ExecutorService events) {
        this.connectionGuid = connectionGuid;
        this.name = name;
        this.phase = initial;
        this.listener = listener;
        this.events = events;
    }

    Phase phase() {
        return phase;
    }

    /** Sends {@code trigger} when the connection is not already in {@code to}. */
    void move(ConnectionTrigger trigger, Phase to, ConnectionFailure failure) {
        if (phase == to) {
            return;
        }
        log.info("{}: {} -> {} ({})", name, phase, to, trigger);
        phase = to;
        emit(() -> listener.stateChanged(connectionGuid, trigger, failure));
    }

    /** Goes Online from wherever the connection is, by the diagram's arrows. */
    void online() {
        if (phase == Phase.OFFLINE) {
            move(ConnectionTrigger.SCHEDULE_ON, Phase.CONNECTING, null);
        }
        if (phase == Phase.IN_ERROR) {
            move(ConnectionTrigger.SERVICE_RETRY, Phase.CONNECTING, null);
        }
        move(ConnectionTrigger.CONNECTION_ESTABLISHED, Phase.ONLINE, null);
    }

    /**
     * Records a failed attempt: Online goes to Connecting, and Connecting to In Error when {@code exhausted}.
     *
     * @return true when the connection went In Error now
     */
    boolean failed(boolean exhausted, ConnectionFailure failure) {
        if (phase == Phase.ONLINE) {
            move(ConnectionTrigger.DISCONNECTED, Phase.CONNECTING, null);
        }
        if (phase == Phase.CONNECTING && exhausted) {
            move(ConnectionTrigger.RETRIES_EXHAUSTED, Phase.IN_ERROR, failure);
            return true;
        }
        return false;
    }

    void report(ConnectionSnapshot snapshot) {
        emit(() -> listener.connectionReported(snapshot));
    }

    void removed() {
        emit(() -> listener.connectionRemoved(connectionGuid));
    }

    private void emit(Runnable call) {
        try {
            events.submit(() -> {
                try {
                    call.run();
                } catch (RuntimeException e) {
                    log.warn("The connection listener failed for {}", name, e);
                }
            });
        } catch (RejectedExecutionException e) {
            // the engine is closing: nobody listens any more
        }
    }
}
