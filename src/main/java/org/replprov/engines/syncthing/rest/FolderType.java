package org.replprov.engines.syncthing.rest;

/** A folder's {@code type} in Syncthing's configuration, with its wire name. */
public enum FolderType {
    /** {@code sendreceive}: local changes go out, remote changes come in. */
    SEND_RECEIVE("sendreceive"),
    /** {@code sendonly}: local changes go out; remote changes are not applied. */
    SEND_ONLY("sendonly"),
    /** {@code receiveonly}: remote changes come in; local changes are not sent. */
    RECEIVE_ONLY("receiveonly"),
    /** {@code receiveencrypted}: an untrusted device keeping the others' data encrypted. */
    RECEIVE_ENCRYPTED("receiveencrypted");

    private final String wireName;

    FolderType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    static FolderType from(Json.Node n) throws Json.Malformed {
        String s = n.text();
        for (FolderType t : values()) {
            if (t.wireName.equals(s)) {
                return t;
            }
        }
        throw new Json.Malformed("at " + n.pointer() + ": unknown folder type \"" + SyncthingException.printable(s, 40)
                + "\"");
    }
}
