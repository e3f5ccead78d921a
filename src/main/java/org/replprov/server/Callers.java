package org.replprov.server;

import org.replprov.provider.Request;
import org.replprov.provider.spi.Caller;
import org.replprov.server.http.Exchange;
import org.replprov.server.security.Principal;
import org.replprov.server.security.Role;

/** The operation layer's view of who sent a request: the pipeline's request id and the principal with its role. */
final class Callers {

    private Callers() {
    }

    /** The request {@code ex} carries, for the operation layer and the providers. */
    static Request request(Exchange ex) {
        return new Request(ex.requestId(), caller(ex.principal()));
    }

    /** The principal as a {@link Caller}: an operator, or a reader (configured users hold at least one role). */
    static Caller caller(Principal principal) {
        return new Caller(principal.name(), principal.may(Role.OPERATOR) ? Caller.Role.OPERATOR : Caller.Role.READER);
    }
}
