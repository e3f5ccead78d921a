package org.replprov.engines.embedded.peer;

/** A peer request refused, with the HTTP status and the protocol's error name (see {@link PeerProtocol}). */
public final class PeerRefusal extends Exception {

    private final int status;
    private final String error;

    private PeerRefusal(int status, String error, String message) {
        super(message);
        this.status = status;
        this.error = error;
    }

    /** No such replication group, member or connection here. */
    public static PeerRefusal unrecognized(String message) {
        return new PeerRefusal(404, "unrecognized", message);
    }

    /** The peer speaks another protocol version. */
    public static PeerRefusal incompatible(int theirs) {
        return new PeerRefusal(409, "incompatible", "peer protocol version " + theirs + " is not "
                + PeerProtocol.VERSION);
    }

    /** The notification token does not match. */
    public static PeerRefusal forbidden(String message) {
        return new PeerRefusal(403, "forbidden", message);
    }

    /** The member cannot do its part now (its database failed). */
    public static PeerRefusal internal(String message) {
        return new PeerRefusal(500, "internal", message);
    }

    static PeerRefusal malformed(String message) {
        return new PeerRefusal(400, "malformed", message);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }
}
