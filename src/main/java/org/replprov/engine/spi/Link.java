package org.replprov.engine.spi;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A link as the engine knows it: who replicates with whom, in which group, in which direction, what, and whether the
 * link is permanent. Its health is reported apart ({@link LinkHealth}), so that a link's identity is saved once and its
 * health as often as it changes. A DFSR connection, a Syncthing device sharing folders, a repsFrom value of a domain
 * controller: each is a link.
 *
 * @param connectionGuid the link's identity (DfsrConnectionInfo.ConnectionGuid)
 * @param memberGuid the local member (MemberGuid)
 * @param memberName usually the local computer's unqualified DNS name (MemberName)
 * @param partnerGuid the partner member (PartnerGuid)
 * @param partnerName usually the partner's unqualified DNS name (PartnerName)
 * @param replicationGroupGuid the group that owns the link (ReplicationGroupGuid)
 * @param replicationGroupName its name (ReplicationGroupName)
 * @param inbound true when the partner sends to us, false when we send to the partner (Inbound)
 * @param onDemand true when the link exists only while the partner uses it (the embedded engine's outbound links,
 *     which DFSR drops after an idle time: DfsrConnectionInfo Remarks); such a link goes when it is not reported
 *     again within the idle time. False for a configured link, which goes only when {@link LinkRemoved} says so
 * @param scopes the replicated folders or naming contexts the link carries (ForceFolderReplication and ForceDownload
 *     name one); in the order the engine lists them
 */
public record Link(UUID connectionGuid, UUID memberGuid, String memberName, UUID partnerGuid, String partnerName,
                   UUID replicationGroupGuid, String replicationGroupName, boolean inbound, boolean onDemand,
                   List<Scope> scopes) implements Observation {

    public Link {
        Objects.requireNonNull(connectionGuid, "connectionGuid");
        Objects.requireNonNull(memberGuid, "memberGuid");
        Objects.requireNonNull(memberName, "memberName");
        Objects.requireNonNull(partnerGuid, "partnerGuid");
        Objects.requireNonNull(partnerName, "partnerName");
        Objects.requireNonNull(replicationGroupGuid, "replicationGroupGuid");
        Objects.requireNonNull(replicationGroupName, "replicationGroupName");
        scopes = List.copyOf(scopes);
    }

    /** The scope with this GUID, if the link carries it. */
    public java.util.Optional<Scope> scope(UUID guid) {
        return scopes.stream().filter(s -> s.guid().equals(guid)).findFirst();
    }
}
