package org.replprov.engine.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What waits to replicate over a link for one scope, where the engine knows it: DFSR's backlog (the updates the
 * sending member has that the receiving one lacks: DfsrReplicatedFolderInfo.GetOutboundBacklogFileCount), Syncthing's
 * needed items and bytes.
 *
 * @param items updates waiting
 * @param bytes their size; -1 when the engine does not know it
 * @param asOf when the engine counted
 */
public record Backlog(UUID connectionGuid, UUID scopeGuid, long items, long bytes, Instant asOf)
        implements Observation {

    public Backlog {
        Objects.requireNonNull(connectionGuid, "connectionGuid");
        Objects.requireNonNull(scopeGuid, "scopeGuid");
        Objects.requireNonNull(asOf, "asOf");
        if (items < 0 || bytes < -1) {
            throw new IllegalArgumentException("negative backlog " + items + " items, " + bytes + " bytes");
        }
    }
}
