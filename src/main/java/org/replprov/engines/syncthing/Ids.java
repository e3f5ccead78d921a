package org.replprov.engines.syncthing;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The GUIDs of the Syncthing model: name-based (version 3) UUIDs of {@code replprov:syncthing:<kind>:<names>}, so
 * that two replprov instances pointed at the two ends of a Syncthing connection derive the same GUIDs without sharing
 * anything but the device and folder IDs, which both Syncthing instances already know.
 */
final class Ids {

    private Ids() {
    }

    /** A device (MemberGuid, PartnerGuid), by its device ID. */
    static UUID device(String deviceId) {
        return uuid("device:" + deviceId);
    }

    /** A folder (ReplicatedFolderGuid), by its folder ID, which every device sharing it uses. */
    static UUID folder(String folderId) {
        return uuid("folder:" + folderId);
    }

    /** The replication group, by its configured name (both ends must configure the same one). */
    static UUID group(String name) {
        return uuid("group:" + name);
    }

    /**
     * The connection from {@code sender} to {@code receiver}: the receiver's inbound connection and the sender's
     * outbound one are the same ConnectionGuid, as in DFSR (one msDFSR-Connection object, seen from both ends).
     */
    static UUID connection(String sender, String receiver) {
        return uuid("connection:" + sender + ">" + receiver);
    }

    private static UUID uuid(String name) {
        return UUID.nameUUIDFromBytes(("replprov:syncthing:" + name).getBytes(StandardCharsets.UTF_8));
    }
}
