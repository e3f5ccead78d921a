package org.replprov.engines.embedded.peer;

import java.util.Set;
import org.replprov.engine.spi.EngineEndpoint;
import org.replprov.log.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of the peer protocol, the embedded engine's endpoint on the daemon's listener
 * ({@code /api/v1/peer/}): {@code POST announce} from a downstream member and {@code POST notify} from an upstream.
 * An announcement needs the operator role, since it adds to the repsTo list and makes this member call the announced
 * address; a notification needs no account because it carries the token this member handed out. Every answer,
 * refusals included, is a peer-protocol message, which {@link PeerClient} reads.
 */
public final class PeerService implements EngineEndpoint {

    private static final Logger log = LoggerFactory.getLogger(PeerService.class);

    private static final String CONTENT_TYPE = "application/json";

    private final PeerEndpoint endpoint;

    public PeerService(PeerEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public String prefix() {
        return "peer";
    }

    @Override
    public Set<String> methods() {
        return Set.of("POST");
    }

    /** Announcements need an operator; notifications carry a token instead; anything else is the API's (a reader). */
    @Override
    public Access access(String path) {
        return switch (path) {
            case PeerProtocol.ANNOUNCE_PATH -> Access.OPERATOR;
            case PeerProtocol.NOTIFY_PATH -> Access.ANYONE;
            default -> Access.READER;
        };
    }

    /** Answers a POST of {@code body} to {@code path}. */
    @Override
    public Response handle(String method, String path, byte[] body) {
        try {
            Object reply = switch (path) {
                case PeerProtocol.ANNOUNCE_PATH -> {
                    PeerProtocol.Announce a = PeerProtocol.read(body, PeerProtocol.Announce.class, "announce");
                    checkVersion(a.protocol());
                    yield endpoint.announced(a);
                }
                case PeerProtocol.NOTIFY_PATH -> {
                    PeerProtocol.Notify n = PeerProtocol.read(body, PeerProtocol.Notify.class, "notify");
                    checkVersion(n.protocol());
                    yield endpoint.notified(n);
                }
                default -> throw PeerRefusal.unrecognized("no peer operation at " + path);
            };
            return new Response(200, CONTENT_TYPE, PeerProtocol.write(reply));
        } catch (PeerRefusal r) {
            log.info("Peer request to {} refused: {} ({})", path, LogSafe.of(r.getMessage()), r.error());
            return refusal(r.status(), r.error(), r.getMessage());
        }
    }

    /** The daemon's refusals in the protocol's shape: a wrong role is {@code forbidden}, the rest {@code malformed}. */
    @Override
    public Response refuse(Refusal refusal, String message) {
        return refusal(refusal.status(), refusal == Refusal.FORBIDDEN ? "forbidden" : "malformed", message);
    }

    private static Response refusal(int status, String error, String message) {
        return new Response(status, CONTENT_TYPE, PeerProtocol.write(new PeerProtocol.Refusal(PeerProtocol.VERSION,
                error, message)));
    }

    private static void checkVersion(int theirs) throws PeerRefusal {
        if (theirs != PeerProtocol.VERSION) {
            throw PeerRefusal.incompatible(theirs);
        }
    }
}
