package org.replprov.providers.dfsr;

import java.time.Instant;
import java.util.Objects;

import org.replprov.engine.spi.Link;
import org.replprov.engine.spi.SyncResults;

/**
 * A connection as last saved: the link the engine last reported (without its scopes, which the engine reports again),
 * its sync results, when this provider first saw it, and when it was last active (what idle expiry of on-demand links
 * counts from).
 */
public record StoredConnection(Link link, SyncResults sync, Instant firstSeen, Instant lastActivity) {

    public StoredConnection {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(sync, "sync");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastActivity, "lastActivity");
    }
}
