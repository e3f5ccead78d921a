package org.replprov.engines.embedded.peer;

/** What a member does when a peer calls it: the embedded engine implements this. */
public interface PeerEndpoint {

    /** A downstream announced its inbound connection from this member. */
    PeerProtocol.AnnounceReply announced(PeerProtocol.Announce announce) throws PeerRefusal;

    /** The upstream of one of this member's inbound connections has changes. */
    PeerProtocol.NotifyReply notified(PeerProtocol.Notify notify) throws PeerRefusal;
}
