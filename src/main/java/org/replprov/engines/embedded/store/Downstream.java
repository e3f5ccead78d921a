package org.replprov.engines.embedded.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

import org.replprov.drsr.RepsTo;

/**
 * A downstream partner the local member notifies of changes: the MS-DRSR {@link RepsTo} tuple (MS-DRSR §5.173), stored
 * as a {@code REPS_TO} value, and what the peer protocol adds to it.
 *
 * @param repsTo naDsa (the downstream's listener address), uuidDsa (its member GUID), options, and the results of
 *     the notifications sent to it
 * @param connectionGuid the connection the downstream announced (its inbound, our outbound connection)
 * @param memberName the downstream member's name (PartnerName of the outbound connection)
 * @param notifyToken the secret the downstream accepts notifications with
 * @param lastSeen when the downstream last announced itself; an entry idle longer than the outbound idle time goes
 */
public record Downstream(RepsTo repsTo, UUID connectionGuid, String memberName, String notifyToken,
                          Instant lastSeen) {

    public Downstream {
        Objects.requireNonNull(repsTo, "repsTo");
        Objects.requireNonNull(connectionGuid, "connectionGuid");
        Objects.requireNonNull(memberName, "memberName");
        Objects.requireNonNull(notifyToken, "notifyToken");
        lastSeen = lastSeen.truncatedTo(ChronoUnit.MILLIS);
    }

    public UUID memberGuid() {
        return repsTo.uuidDsa();
    }

    public Downstream withRepsTo(RepsTo r) {
        return new Downstream(r, connectionGuid, memberName, notifyToken, lastSeen);
    }

    @Override
    public String toString() {
        return "Downstream[" + memberName + " at " + repsTo.naDsa() + ", " + repsTo.optionNames() + "]";
    }
}
