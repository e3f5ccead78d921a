package org.replprov.engine.spi;

import java.util.Objects;
import java.util.UUID;

/**
 * One connection as the engine reports it: who replicates with whom in which group, in which direction, and the
 * results of its last synchronization. The state is not part of it: it moves by {@link ConnectionTrigger}s.
 *
 * @param connectionGuid the connection's identity (DfsrConnectionInfo.ConnectionGuid)
 * @param memberGuid the local member (MemberGuid)
 * @param memberName usually the local computer's unqualified DNS name (MemberName)
 * @param partnerGuid the partner member (PartnerGuid)
 * @param partnerName usually the partner's unqualified DNS name (PartnerName)
 * @param replicationGroupGuid the group that owns the connection (ReplicationGroupGuid)
 * @param replicationGroupName its name (ReplicationGroupName)
 * @param inbound true when the partner sends to us, false when we send to the partner (Inbound)
 * @param syncResults the last synchronization; {@link SyncResults#UNKNOWN} when the engine does not know (for an
 *     outbound connection it is ignored: those properties are inbound-only)
 */
public record ConnectionSnapshot(UUID connectionGuid, UUID memberGuid, String memberName, UUID partnerGuid,
                                 String partnerName, UUID replicationGroupGuid, String replicationGroupName,
                                 boolean inbound, SyncResults syncResults) {

    public ConnectionSnapshot {
        Objects.requireNonNull(connectionGuid, "connectionGuid");
        Objects.requireNonNull(memberGuid, "memberGuid");
        Objects.requireNonNull(memberName, "memberName");
        Objects.requireNonNull(partnerGuid, "partnerGuid");
        Objects.requireNonNull(partnerName, "partnerName");
        Objects.requireNonNull(replicationGroupGuid, "replicationGroupGuid");
        Objects.requireNonNull(replicationGroupName, "replicationGroupName");
        Objects.requireNonNull(syncResults, "syncResults");
    }

    public ConnectionSnapshot withSyncResults(SyncResults results) {
        return new ConnectionSnapshot(connectionGuid, memberGuid, memberName, partnerGuid, partnerName,
                replicationGroupGuid, replicationGroupName, inbound, results);
    }
}
