package org.replprov.server.http;

import java.util.concurrent.CompletableFuture;
import org.replprov.server.security.Principal;

/**
 * An {@link Exchange} as the front end hands it to the daemon, before a handler runs: the daemon authenticates it,
 * has its body read, runs the handler and then completes it. Nothing here blocks a thread.
 */
public interface PendingExchange extends Exchange {

    /** Sets who sent the request, once authenticated. */
    void authenticated(Principal principal);

    /**
     * Reads the body without holding a thread, within the size limit: completes when the body is there, or at once
     * when {@code Content-Length} is over the limit (then {@link #body()} throws and nothing was read, so no
     * {@code 100 Continue} was sent). Completes exceptionally when the client goes away or does not send the body
     * within the request timeout.
     */
    CompletableFuture<Void> readBody();

    /** True once a handler took the exchange over with {@link #detach()}. */
    boolean detached();

    /**
     * Ends the exchange: with {@code failure} null, finishes the response (closing a body the handler left open);
     * otherwise aborts it, which drops the connection when the response had started.
     */
    void complete(Throwable failure);
}
