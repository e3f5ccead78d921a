package org.replprov.engines.embedded.peer;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The peer endpoint of a daemon that runs several embedded engine instances: a message names its replication group,
 * and goes to the instance that serves that group. A group no instance serves is refused as {@code unrecognized}
 * (EVENT_DFSR_CONNECTION_UNRECOGNIZED on the caller's side).
 *
 * @param <E> the instances
 */
public final class PeerDispatch<E extends PeerEndpoint> implements PeerEndpoint {

    private final List<E> instances;
    private final Function<E, UUID> groupOf;

    public PeerDispatch(List<E> instances, Function<E, UUID> groupOf) {
        this.instances = List.copyOf(instances);
        this.groupOf = groupOf;
    }

    private E instanceFor(UUID group) throws PeerRefusal {
        Optional<E> e = instances.stream().filter(i -> groupOf.apply(i).equals(group)).findFirst();
        if (e.isEmpty()) {
            throw PeerRefusal.unrecognized("no member here replicates group " + group);
        }
        return e.get();
    }

    @Override
    public PeerProtocol.AnnounceReply announced(PeerProtocol.Announce announce) throws PeerRefusal {
        return instanceFor(announce.groupGuid()).announced(announce);
    }

    @Override
    public PeerProtocol.NotifyReply notified(PeerProtocol.Notify notify) throws PeerRefusal {
        return instanceFor(notify.groupGuid()).notified(notify);
    }
}
