package org.replprov.engines.embedded.peer;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The peer protocol between members that run replprov: JSON over the daemon's HTTP(S) listener.
 *
 * <ul>
 *   <li>{@value #ANNOUNCE_PATH} — a downstream announces itself to its upstream whenever it connects (authenticated as
 *       a daemon user). The upstream adds or updates a repsTo entry for it and shows an outbound connection.</li>
 *   <li>{@value #NOTIFY_PATH} — the upstream tells a downstream that its content changed. The downstream checks the
 *       token it handed out in its announcement (no daemon account is needed for this call) and replicates at
 *       once.</li>
 * </ul>
 *
 * Refusals: 404 {@code unrecognized} (no such group or connection: event 5012), 409 {@code incompatible} (another
 * protocol version: event 5102), 403 {@code forbidden} (wrong token), 400 {@code malformed}.
 */
public final class PeerProtocol {

    /** The version this build speaks; a peer with another one is refused as incompatible. */
    public static final int VERSION = 1;

    public static final String ANNOUNCE_PATH = "/api/v1/peer/announce";
    public static final String NOTIFY_PATH = "/api/v1/peer/notify";

    /** The most bytes a message may have. */
    static final int MAX_BYTES = 64 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private PeerProtocol() {
    }

    /**
     * A downstream member announcing its inbound connection.
     *
     * @param address where the downstream listens for notifications (naDsa of its repsTo entry)
     * @param options the DRS option names the upstream stores in the repsTo entry
     * @param notifyToken the secret notifications must carry
     */
    public record Announce(int protocol, UUID groupGuid, String group, UUID memberGuid, String member,
                           UUID connectionGuid, String address, List<String> options, String notifyToken) {
        public Announce {
            Objects.requireNonNull(groupGuid, "groupGuid");
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(memberGuid, "memberGuid");
            Objects.requireNonNull(member, "member");
            Objects.requireNonNull(connectionGuid, "connectionGuid");
            Objects.requireNonNull(address, "address");
            options = List.copyOf(options);
            Objects.requireNonNull(notifyToken, "notifyToken");
        }
    }

    /** The upstream's answer to an announcement: who it is. */
    public record AnnounceReply(int protocol, UUID memberGuid, String member) {
    }

    /** An upstream telling a downstream that its content changed. */
    public record Notify(int protocol, UUID groupGuid, UUID memberGuid, UUID connectionGuid, String notifyToken) {
        public Notify {
            Objects.requireNonNull(groupGuid, "groupGuid");
            Objects.requireNonNull(memberGuid, "memberGuid");
            Objects.requireNonNull(connectionGuid, "connectionGuid");
            Objects.requireNonNull(notifyToken, "notifyToken");
        }
    }

    /** The downstream's answer: whether it replicates now (not with DRS_DISABLE_AUTO_SYNC). */
    public record NotifyReply(int protocol, boolean syncing) {
    }

    /** Why a request was refused. */
    public record Refusal(int protocol, String error, String message) {
    }

    static byte[] write(Object message) {
        try {
            return JSON.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + message, e);
        }
    }

    static <T> T read(byte[] body, Class<T> type) throws PeerRefusal {
        if (body.length > MAX_BYTES) {
            throw PeerRefusal.malformed("message of " + body.length + " bytes is too large");
        }
        try {
            return JSON.readValue(body, type);
        } catch (IOException | RuntimeException e) {
            throw PeerRefusal.malformed("not a " + type.getSimpleName() + ": " + e.getMessage());
        }
    }
}
