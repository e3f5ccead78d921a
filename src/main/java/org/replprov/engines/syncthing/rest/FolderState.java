package org.replprov.engines.syncthing.rest;

/**
 * A folder's {@code state} in {@code /rest/db/status} and {@code StateChanged} events, with its wire name
 * (Syncthing {@code lib/model/folderstate.go}; {@code starting} arrived after 1.19).
 */
public enum FolderState {
    IDLE("idle"),
    SCANNING("scanning"),
    SCAN_WAITING("scan-waiting"),
    SYNC_WAITING("sync-waiting"),
    SYNC_PREPARING("sync-preparing"),
    SYNCING("syncing"),
    CLEANING("cleaning"),
    CLEAN_WAITING("clean-waiting"),
    ERROR("error"),
    STARTING("starting");

    private final String wireName;

    FolderState(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    static FolderState from(Json.Node n) throws Json.Malformed {
        String s = n.text();
        for (FolderState t : values()) {
            if (t.wireName.equals(s)) {
                return t;
            }
        }
        throw new Json.Malformed("at " + n.pointer() + ": unknown folder state \""
                + SyncthingException.printable(s, 40) + "\"");
    }
}
