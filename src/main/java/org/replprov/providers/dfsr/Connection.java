package org.replprov.providers.dfsr;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.replprov.engine.spi.ConnectionFailure;
import org.replprov.engine.spi.ConnectionSnapshot;

/**
 * One connection as the provider holds it: the engine's last report, the state the provider moved it to, and what the
 * Status and LastError properties derive from. Immutable; every change makes a new one, so an instance built from it
 * and the previous instance of a modification event are both consistent.
 *
 * @param engine the name of the engine that reports the connection; null for an outbound connection restored from the
 *     state database that no engine has reported since
 * @param failure why the connection went In Error; kept through the retry until it is Online or Offline again
 * @param everOnline whether it has been Online since the provider started (Status tells "Lost Comm" from "No Contact")
 * @param firstSeen when this provider first saw it (InstallDate)
 * @param lastActivity the last report or trigger (outbound idle expiry counts from it)
 */
record Connection(ConnectionSnapshot snapshot, String engine, ConnectionState state, ConnectionFailure failure,
                  boolean everOnline, Instant firstSeen, Instant lastActivity) {

    Connection {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastActivity, "lastActivity");
    }

    UUID guid() {
        return snapshot.connectionGuid();
    }

    boolean inbound() {
        return snapshot.inbound();
    }

    /** LastErrorCode and LastErrorMessageId: DFSR_E_CANNOT_CONNECT is returned only for inbound connections. */
    LastError lastError() {
        return failure != null && inbound() ? LastError.cannotConnect(failure) : LastError.NONE;
    }

    ConnectionStatus status() {
        return ConnectionStatus.of(state, failure, everOnline);
    }

    Connection withSnapshot(ConnectionSnapshot s, String reportingEngine, Instant now) {
        return new Connection(s, reportingEngine, state, failure, everOnline, firstSeen, now);
    }

    /** The connection in {@code to}: entering Online or Offline clears the failure; entering In Error sets it. */
    Connection inState(ConnectionState to, ConnectionFailure cause, Instant now) {
        ConnectionFailure f = switch (to) {
            case ONLINE, OFFLINE -> null;
            case IN_ERROR -> cause;
            case CONNECTING -> failure;
        };
        return new Connection(snapshot, engine, to, f, everOnline || to == ConnectionState.ONLINE, firstSeen, now);
    }
}
