package org.replprov.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import org.replprov.server.security.Principal;

/**
 * One HTTP request and its response, as handlers see it: small enough that a test can implement it in memory, and
 * free of the JDK server's quirks (its {@code sendResponseHeaders} length convention, its header map).
 */
public interface Exchange {

    /** The id given to this request; it is sent back in {@code X-Request-Id} and appears in every log line. */
    String requestId();

    /** {@code GET}, {@code POST}, {@code M-POST}, … */
    String method();

    URI uri();

    /** The first value of a request header (names ignore case), or null. */
    String requestHeader(String name);

    InputStream requestBody();

    /** Who sent the request (authentication has already happened). */
    Principal principal();

    /** The host name the client addressed ({@code Host} header without port), or {@code localhost}. */
    String host();

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
}
