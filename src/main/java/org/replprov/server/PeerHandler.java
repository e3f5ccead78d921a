package org.replprov.server;

import java.io.IOException;
import org.replprov.engines.embedded.peer.PeerProtocol;
import org.replprov.engines.embedded.peer.PeerService;
import org.replprov.protocol.Outcome;
import org.replprov.server.http.Exchange;
import org.replprov.server.http.Handler;
import org.replprov.server.http.Responses;
import org.replprov.server.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded engine's peer protocol on the daemon's listener (docs/engines.md, "Peer protocol and repsTo"):
 * {@code POST /api/v1/peer/announce} from a downstream member and {@code POST /api/v1/peer/notify} from an upstream.
 * An announcement needs the operator role, since it adds to the repsTo list and makes this daemon call the announced
 * address; a notification needs no account (the route is not authenticated) because it carries the token this member
 * handed out. Refusals are peer-protocol refusal objects, which the peer client reads.
 */
final class PeerHandler implements Handler {

    private static final Logger log = LoggerFactory.getLogger(PeerHandler.class);

    private final PeerService service;

    PeerHandler(PeerService service) {
        this.service = service;
    }

    @Override
    public Outcome handle(Exchange ex) throws IOException {
        String path = ex.uri().getPath();
        String operation = path.substring(path.lastIndexOf('/') + 1);
        if (!ex.method().equals("POST")) {
            ex.responseHeader("Allow", "POST");
            return refuse(ex, 405, operation, "malformed", path + " takes POST, not " + ex.method());
        }
        if (PeerService.needsAuthentication(path) && !ex.principal().may(Role.OPERATOR)) {
            log.warn("User {} may not announce a downstream member: the operator role is needed",
                    ex.principal().name());
            return refuse(ex, 403, operation, "forbidden", "announcing a downstream member needs the operator role");
        }
        byte[] body;
        try {
            body = ex.body();
        } catch (Exchange.TooLargeException e) {
            ex.responseHeader("Connection", "close");
            return refuse(ex, 413, operation, "malformed", e.getMessage());
        }
        PeerService.Response r = service.handle(path, body);
        Responses.bytes(ex, r.status(), JsonResponses.CONTENT_TYPE, r.body());
        return Outcome.success(operation, 0);
    }

    /**
     * A refusal before the peer service sees the request, in the protocol's own shape. Like the service's own
     * refusals it is no CIM error: the request metrics count it by its HTTP status.
     */
    private static Outcome refuse(Exchange ex, int status, String operation, String error, String message)
            throws IOException {
        JsonResponses.send(ex, status, g -> {
            g.writeStartObject();
            g.writeNumberField("protocol", PeerProtocol.VERSION);
            g.writeStringField("error", error);
            g.writeStringField("message", message);
            g.writeEndObject();
        });
        return Outcome.success(operation, 0);
    }
}
