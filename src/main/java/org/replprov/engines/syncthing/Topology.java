package org.replprov.engines.syncthing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.replprov.engine.spi.Link;
import org.replprov.engine.spi.Scope;
import org.replprov.engines.syncthing.rest.FolderType;
import org.replprov.engines.syncthing.rest.SyncthingConfig;

/**
 * The links one Syncthing configuration amounts to (docs/engines.md, "Syncthing": the model table). The local device
 * is the member; each remote device sharing at least one folder with it is a partner with up to two permanent links:
 * inbound (the partner sends to us) carrying the shared folders that are not send-only here, and outbound carrying
 * those that are neither receive-only nor receive-encrypted here.
 *
 * @param myId the local device ID
 * @param links every link, inbound before outbound for each partner, in the configuration's device order
 * @param ends what each link is in Syncthing's terms, by ConnectionGuid
 */
record Topology(String myId, String memberName, List<Link> links, Map<UUID, End> ends) {

    Topology {
        links = List.copyOf(links);
        ends = Map.copyOf(ends);
    }

    /**
     * One link in Syncthing's terms.
     *
     * @param device the partner's device ID
     * @param folders the IDs of the folders the link carries, in scope order
     */
    record End(UUID connectionGuid, String device, boolean inbound, List<String> folders) {
        End {
            folders = List.copyOf(folders);
        }
    }

    static Topology of(String myId, SyncthingConfig config, String groupName) {
        UUID group = Ids.group(groupName);
        String memberName = config.device(myId).map(SyncthingConfig.Device::name).filter(n -> !n.isEmpty())
                .orElse(myId.substring(0, Math.min(7, myId.length())));
        List<Link> links = new ArrayList<>();
        Map<UUID, End> ends = new LinkedHashMap<>();
        for (SyncthingConfig.Device d : config.devices()) {
            if (d.id().equals(myId)) {
                continue;
            }
            List<SyncthingConfig.Folder> in = new ArrayList<>();
            List<SyncthingConfig.Folder> out = new ArrayList<>();
            for (SyncthingConfig.Folder f : config.folders()) {
                if (!f.deviceIds().contains(d.id())) {
                    continue;
                }
                if (f.type() != FolderType.SEND_ONLY) {
                    in.add(f);
                }
                if (f.type() != FolderType.RECEIVE_ONLY && f.type() != FolderType.RECEIVE_ENCRYPTED) {
                    out.add(f);
                }
            }
            String partnerName = d.name().isEmpty() ? d.id().substring(0, 7) : d.name();
            add(links, ends, myId, memberName, d, partnerName, group, groupName, true, in);
            add(links, ends, myId, memberName, d, partnerName, group, groupName, false, out);
        }
        return new Topology(myId, memberName, links, ends);
    }

    private static void add(List<Link> links, Map<UUID, End> ends, String myId, String memberName,
                            SyncthingConfig.Device partner, String partnerName, UUID group, String groupName,
                            boolean inbound, List<SyncthingConfig.Folder> folders) {
        if (folders.isEmpty()) {
            return;
        }
        UUID guid = inbound ? Ids.connection(partner.id(), myId) : Ids.connection(myId, partner.id());
        List<Scope> scopes = folders.stream()
                .map(f -> Scope.folder(Ids.folder(f.id()), f.label().isEmpty() ? f.id() : f.label())).toList();
        links.add(new Link(guid, Ids.device(myId), memberName, Ids.device(partner.id()), partnerName, group, groupName,
                inbound, false, scopes));
        ends.put(guid, new End(guid, partner.id(), inbound, folders.stream().map(SyncthingConfig.Folder::id).toList()));
    }

    Optional<End> end(UUID connectionGuid) {
        return Optional.ofNullable(ends.get(connectionGuid));
    }

    Optional<Link> link(UUID connectionGuid) {
        return links.stream().filter(l -> l.connectionGuid().equals(connectionGuid)).findFirst();
    }

    /** The links to or from {@code device}. */
    List<End> endsOf(String device) {
        return ends.values().stream().filter(e -> e.device().equals(device)).toList();
    }

    /** The links carrying {@code folder}. */
    List<End> endsWith(String folder) {
        return ends.values().stream().filter(e -> e.folders().contains(folder)).toList();
    }
}
