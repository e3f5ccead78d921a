package org.replprov.providers.dfsr;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.replprov.engine.spi.EngineError;
import org.replprov.engine.spi.Link;
import org.replprov.engine.spi.SyncResults;

/**
 * One connection as the provider holds it: the engine's last report of the link, its sync results, the state the
 * provider derived, and what the Status and LastError properties derive from. Immutable; every change makes a new
 * one, so an instance built from it and the previous instance of a modification event are both consistent.
 *
 * @param sync the link's sync results, merged from every report (a time the engine does not know keeps ours)
 * @param engine the name of the engine instance that reports the link (for a link restored from the state database,
 *     the one that saved it); null for a link saved by a version that did not record it, until an engine reports it
 * @param error the error that put the connection In Error; kept through the retry until it is Online or Offline again
 * @param everOnline whether it has been Online since the provider started (Status tells "Lost Comm" from "No Contact")
 * @param firstSeen when this provider first saw it (InstallDate)
 * @param lastActivity the last report (idle expiry of on-demand links counts from it)
 */
record Connection(Link link, SyncResults sync, String engine, ConnectionState state, EngineError error,
                  boolean everOnline, Instant firstSeen, Instant lastActivity) {

    Connection {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(sync, "sync");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastActivity, "lastActivity");
    }

    UUID guid() {
        return link.connectionGuid();
    }

    boolean inbound() {
        return link.inbound();
    }

    /** LastErrorCode and LastErrorMessageId: DfsrConnectionInfo documents them for inbound connections only. */
    LastError lastError() {
        return error != null && inbound() ? LastError.of(error) : LastError.NONE;
    }

    ConnectionStatus status() {
        return ConnectionStatus.of(state, error == null ? null : error.event(), everOnline);
    }

    Connection withLink(Link l, String reportingEngine, Instant now) {
        return new Connection(l, sync, reportingEngine, state, error, everOnline, firstSeen, now);
    }

    Connection withSync(SyncResults s, Instant now) {
        return new Connection(link, s, engine, state, error, everOnline, firstSeen, now);
    }

    /** The connection in {@code to}: entering Online or Offline clears the error; entering In Error sets it. */
    Connection inState(ConnectionState to, EngineError cause, Instant now) {
        EngineError e = switch (to) {
            case ONLINE, OFFLINE -> null;
            case IN_ERROR -> cause;
            case CONNECTING -> error;
        };
        return new Connection(link, sync, engine, to, e, everOnline || to == ConnectionState.ONLINE, firstSeen, now);
    }
}
