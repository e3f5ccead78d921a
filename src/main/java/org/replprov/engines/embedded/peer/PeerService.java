package org.replprov.engines.embedded.peer;

import org.replprov.log.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of the peer protocol, free of any HTTP server: the daemon's listener hands it the path and body of
 * a POST and sends back the status and JSON body it returns.
 */
public final class PeerService {

    private static final Logger log = LoggerFactory.getLogger(PeerService.class);

    private final PeerEndpoint endpoint;

    public PeerService(PeerEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** An HTTP answer: status and JSON body. */
    public record Response(int status, byte[] body) {
    }

    /** True for the paths this service answers. */
    public static boolean handles(String path) {
        return path.equals(PeerProtocol.ANNOUNCE_PATH) || path.equals(PeerProtocol.NOTIFY_PATH);
    }

    /** Whether a path needs an authenticated daemon user: announcements do, notifications carry a token instead. */
    public static boolean needsAuthentication(String path) {
        return path.equals(PeerProtocol.ANNOUNCE_PATH);
    }

    /** Answers a POST of {@code body} to {@code path}. */
    public Response handle(String path, byte[] body) {
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
            return new Response(200, PeerProtocol.write(reply));
        } catch (PeerRefusal r) {
            log.info("Peer request to {} refused: {} ({})", path, LogSafe.of(r.getMessage()), r.error());
            return new Response(r.status(), PeerProtocol.write(new PeerProtocol.Refusal(PeerProtocol.VERSION,
                    r.error(), r.getMessage())));
        }
    }

    private static void checkVersion(int theirs) throws PeerRefusal {
        if (theirs != PeerProtocol.VERSION) {
            throw PeerRefusal.incompatible(theirs);
        }
    }
}
