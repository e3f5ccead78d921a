package org.replprov.server.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import org.replprov.server.security.Principal;

/**
 * One HTTP request and its response, as handlers see it: small enough that a test can implement it in memory, and
 * free of the server library's types.
 *
 * <p>By the time a handler runs, the front end has read the request head and, within the size limit, the whole body
 * without holding a handler thread ({@link HttpFront}); {@link #body()} hands it out.
 */
public interface Exchange {

    /** The id given to this request; it is sent back in {@code X-Request-Id} and appears in every log line. */
    String requestId();

    /** {@code GET}, {@code POST}, {@code M-POST}, … */
    String method();

    URI uri();

    /** The first value of a request header (names ignore case), or null. */
    String requestHeader(String name);

    /** Whether the request came over TLS. */
    boolean secure();

    /** The client's address and port. */
    InetSocketAddress remoteAddress();

    /** The address and port the request arrived at. */
    InetSocketAddress localAddress();

    /**
     * The request body, read within the daemon's size limit.
     *
     * @throws TooLargeException when the body is over the limit: it was not read, and the handler answers 413
     */
    byte[] body() throws TooLargeException;

    /** Who sent the request (authentication has already happened). */
    Principal principal();

    /** The host name the client addressed ({@code Host} header without port), or {@code localhost}. */
    default String host() {
        return HostHeader.hostOf(requestHeader("Host"));
    }

    void responseHeader(String name, String value);

    /**
     * Sends the status line and headers and returns the stream for the body; closing it ends the response.
     *
     * @param length the exact body length, 0 for no body, -1 for a body of unknown length (sent chunked)
     */
    OutputStream respond(int status, long length) throws IOException;

    /** True once {@link #respond} was called. */
    boolean responded();

    /** The status sent, 0 before {@link #respond}. */
    int status();

    /**
     * Keeps the exchange open after the handler returns, for a response that outlives it (an event stream). The
     * caller owns the exchange from now on and ends it by closing the returned handle.
     */
    AutoCloseable detach();

    /** A request body larger than the configured limit. */
    final class TooLargeException extends IOException {
        public TooLargeException(String message) {
            super(message);
        }
    }
}
