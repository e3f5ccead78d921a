package org.replprov.engine.spi;

import java.util.Objects;
import java.util.UUID;

/** The link is no longer configured (inbound), or the engine knows the partner is gone (outbound). */
public record LinkRemoved(UUID connectionGuid) implements Observation {

    public LinkRemoved {
        Objects.requireNonNull(connectionGuid, "connectionGuid");
    }
}
