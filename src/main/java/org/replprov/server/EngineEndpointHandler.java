package org.replprov.server;

import java.io.IOException;
import java.util.Locale;
import java.util.TreeSet;
import org.replprov.engine.spi.EngineEndpoint;
import org.replprov.operation.Outcome;
import org.replprov.server.http.Exchange;
import org.replprov.server.http.Handler;
import org.replprov.server.http.Responses;
import org.replprov.server.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An engine's endpoint on the listener (the embedded engine's peer protocol, docs/engines.md). After the pipeline has
 * authenticated the caller where {@link EngineEndpoint#access} asks for an account, this checks, in order, the method
 * (405 with {@code Allow}), the role (403) and the body's size (413), in the endpoint's own wording, then hands the
 * request over. Answers and refusals alike are the endpoint's protocol, no CIM errors: the request metrics count them
 * by their HTTP status.
 */
final class EngineEndpointHandler implements Handler {

    private static final Logger log = LoggerFactory.getLogger(EngineEndpointHandler.class);

    private final EngineEndpoint endpoint;
    private final String allow;

    EngineEndpointHandler(EngineEndpoint endpoint) {
        this.endpoint = endpoint;
        this.allow = String.join(", ", new TreeSet<>(endpoint.methods()));
    }

    @Override
    public Outcome handle(Exchange ex) throws IOException {
        String path = ex.uri().getPath();
        String operation = path.substring(path.lastIndexOf('/') + 1);
        if (!endpoint.methods().contains(ex.method())) {
            ex.responseHeader("Allow", allow);
            return send(ex, operation, endpoint.refuse(EngineEndpoint.Refusal.METHOD_NOT_ALLOWED,
                    path + " takes " + allow + ", not " + ex.method()));
        }
        Role needed = switch (endpoint.access(path)) {
            case ANYONE -> null;
            case READER -> Role.READER;
            case OPERATOR -> Role.OPERATOR;
        };
        if (needed != null && !ex.principal().may(needed)) {
            String role = needed.name().toLowerCase(Locale.ROOT);
            log.warn("User {} may not use {}: the {} role is needed", ex.principal().name(), path, role);
            return send(ex, operation, endpoint.refuse(EngineEndpoint.Refusal.FORBIDDEN,
                    path + " needs the " + role + " role"));
        }
        byte[] body;
        try {
            body = ex.body();
        } catch (Exchange.TooLargeException e) {
            ex.responseHeader("Connection", "close");
            return send(ex, operation, endpoint.refuse(EngineEndpoint.Refusal.CONTENT_TOO_LARGE, e.getMessage()));
        }
        return send(ex, operation, endpoint.handle(ex.method(), path, body));
    }

    private static Outcome send(Exchange ex, String operation, EngineEndpoint.Response r) throws IOException {
        Responses.bytes(ex, r.status(), r.contentType(), r.body());
        return Outcome.success(operation, 0);
    }
}
