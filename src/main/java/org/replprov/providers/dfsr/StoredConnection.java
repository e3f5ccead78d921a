package org.replprov.providers.dfsr;

import java.time.Instant;
import java.util.Objects;

import org.replprov.engine.spi.Link;
import org.replprov.engine.spi.SyncResults;

/**
 * A connection as last saved: the link the engine last reported (without its scopes, which the engine reports again),
 * its sync results, when this provider first saw it, when it was last active (what idle expiry of on-demand links
 * counts from), and the engine instance that reported it.
 *
 * @param engine the engine instance that last reported the link; null when saved by a version that did not record it
 */
public record StoredConnection(Link link, SyncResults sync, Instant firstSeen, Instant lastActivity, String engine) {

    public StoredConnection {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(sync, "sync");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastActivity, "lastActivity");
    }
}
