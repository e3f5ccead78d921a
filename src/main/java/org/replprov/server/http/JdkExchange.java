package org.replprov.server.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.Objects;
import org.replprov.server.security.Principal;

/** {@link Exchange} over the JDK server's {@link HttpExchange}, with the response stream under a {@link WriteGuard}. */
public final class JdkExchange implements Exchange {

    private final HttpExchange exchange;
    private final String requestId;
    private final Principal principal;
    private final WriteGuard writeGuard;
    private int status;
    private volatile boolean detached;

    public JdkExchange(HttpExchange exchange, String requestId, Principal principal, WriteGuard writeGuard) {
        this.exchange = exchange;
        this.requestId = requestId;
        this.principal = Objects.requireNonNull(principal, "principal");
        this.writeGuard = writeGuard;
    }

    @Override
    public String requestId() {
        return requestId;
    }

    @Override
    public String method() {
        return exchange.getRequestMethod();
    }

    @Override
    public URI uri() {
        return exchange.getRequestURI();
    }

    @Override
    public String requestHeader(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    @Override
    public InputStream requestBody() {
        return exchange.getRequestBody();
    }

    @Override
    public Principal principal() {
        return principal;
    }

    @Override
    public String host() {
        return hostOf(requestHeader("Host"));
    }

    /** The host part of a {@code Host} header: {@code [::1]:5988} gives {@code ::1}; missing gives localhost. */
    static String hostOf(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return "localhost";
        }
        String h = hostHeader.trim();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end > 1 ? h.substring(1, end) : "localhost";
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    @Override
    public void responseHeader(String name, String value) {
        exchange.getResponseHeaders().set(name, value);
    }

    /** Maps our length convention onto the JDK's, where 0 means chunked and -1 means no body. */
    @Override
    public OutputStream respond(int status, long length) throws IOException {
        if (this.status != 0) {
            throw new IllegalStateException("response already sent with status " + this.status);
        }
        this.status = status;
        exchange.sendResponseHeaders(status, length == 0 ? -1 : length < 0 ? 0 : length);
        return writeGuard.guard(exchange.getResponseBody());
    }

    @Override
    public boolean responded() {
        return status != 0;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public AutoCloseable detach() {
        detached = true;
        return exchange::close;
    }

    /** True once a handler took the exchange over with {@link #detach()}. */
    public boolean detached() {
        return detached;
    }

    /** Ends the exchange: closes what the handler left open. */
    public void close() {
        exchange.close();
    }
}
