package org.replprov.state;

import java.time.Instant;
import java.util.Objects;

import org.replprov.engine.spi.ConnectionSnapshot;

/**
 * A connection as last saved: what the engine last reported (identity and sync results), when this provider first
 * saw it, and when it was last active (what outbound idle expiry counts from).
 */
public record StoredConnection(ConnectionSnapshot snapshot, Instant firstSeen, Instant lastActivity) {

    public StoredConnection {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastActivity, "lastActivity");
    }
}
