package org.replprov.engines.syncthing.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The parts of {@code GET /rest/config} an adapter needs: devices, folders and the bandwidth option. The GUI section
 * (API key, password hash) is not read.
 *
 * @param devices every configured device, the local one included
 */
public record SyncthingConfig(List<Device> devices, List<Folder> folders, Options options) {

    public SyncthingConfig {
        devices = List.copyOf(devices);
        folders = List.copyOf(folders);
    }

    /**
     * A configured device.
     *
     * @param maxRecvKbps the receive limit from this device in KiB/s (0 = unlimited); applies to LAN addresses, which
     *     loopback is, only with {@link Options#limitBandwidthInLan()}
     */
    public record Device(String id, String name, List<String> addresses, boolean paused, long maxRecvKbps,
                         long maxSendKbps) {
        public Device {
            addresses = List.copyOf(addresses);
        }
    }

    /**
     * A configured folder.
     *
     * @param deviceIds the devices it is shared with, the local one included
     */
    public record Folder(String id, String label, String path, FolderType type, List<String> deviceIds,
                         boolean paused, long rescanIntervalS) {
        public Folder {
            deviceIds = List.copyOf(deviceIds);
        }
    }

    /** {@code options}: whether device bandwidth limits apply to LAN (and loopback) connections too. */
    public record Options(boolean limitBandwidthInLan) {
    }

    public Optional<Device> device(String id) {
        return devices.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    public Optional<Folder> folder(String id) {
        return folders.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    static SyncthingConfig from(Json.Node n) throws Json.Malformed {
        List<Device> devices = new ArrayList<>();
        for (Json.Node d : n.field("devices").elements()) {
            devices.add(new Device(d.text("deviceID"), d.text("name"), d.texts("addresses"), d.bool("paused"),
                    d.integer("maxRecvKbps"), d.integer("maxSendKbps")));
        }
        List<Folder> folders = new ArrayList<>();
        for (Json.Node f : n.field("folders").elements()) {
            List<String> ids = new ArrayList<>();
            for (Json.Node d : f.field("devices").elements()) {
                ids.add(d.text("deviceID"));
            }
            folders.add(new Folder(f.text("id"), f.text("label"), f.text("path"), FolderType.from(f.field("type")),
                    ids, f.bool("paused"), f.integer("rescanIntervalS")));
        }
        return new SyncthingConfig(devices, folders, new Options(n.field("options").bool("limitBandwidthInLan")));
    }
}
