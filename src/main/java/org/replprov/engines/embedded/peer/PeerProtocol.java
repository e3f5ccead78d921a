package org.replprov.engines.embedded.peer;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

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

    /**
     * Reads a message of {@code type}, called {@code name} in refusals. A refusal names the field at fault and where
     * in the body, never a Java class or parser internals: notifications come from anyone who can reach the port.
     */
    static <T> T read(byte[] body, Class<T> type, String name) throws PeerRefusal {
        if (body.length > MAX_BYTES) {
            throw PeerRefusal.malformed("message of " + body.length + " bytes is too large");
        }
        try {
            T message = JSON.readValue(body, type);
            if (message == null) { // the body "null"
                throw PeerRefusal.malformed("not a valid " + name + " message: it must be a JSON object");
            }
            return message;
        } catch (StreamReadException e) {
            throw PeerRefusal.malformed("not a valid " + name + " message: not JSON" + at(e.getLocation()));
        } catch (ValueInstantiationException e) {
            // A record's constructor refused a value: Objects.requireNonNull names the missing field.
            String field = e.getCause() instanceof NullPointerException npe && npe.getMessage() != null
                    && FIELD.matcher(npe.getMessage()).matches() ? npe.getMessage() : null;
            throw PeerRefusal.malformed("not a valid " + name + " message: "
                    + (field == null ? "a field is missing or invalid" : "the field " + field + " is missing"));
        } catch (JsonMappingException e) {
            String field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                    : "[" + r.getIndex() + "]").collect(Collectors.joining("."));
            throw PeerRefusal.malformed("not a valid " + name + " message: "
                    + (field.isEmpty() ? "it must be a JSON object" : "the field " + field + " has the wrong type")
                    + at(e.getLocation()));
        } catch (IOException | RuntimeException e) {
            throw PeerRefusal.malformed("not a valid " + name + " message");
        }
    }

    private static final Pattern FIELD = Pattern.compile("[A-Za-z]{1,40}");

    private static String at(JsonLocation where) {
        return where == null || where.getLineNr() < 1 ? ""
                : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")";
    }
}
