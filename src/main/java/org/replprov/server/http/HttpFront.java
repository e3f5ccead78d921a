package org.replprov.server.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The daemon's HTTP/1.1 front end, on Jetty's non-blocking server: connections, TLS, request parsing and reading
 * request bodies happen on a small pool of I/O threads that never wait for a client, so clients that send slowly, or
 * open connections and say nothing, cost a socket and a buffer, not a thread. Each request is handed to the
 * {@link Dispatcher} as a {@link PendingExchange} as soon as its head has arrived.
 *
 * <p>Slow clients: a connection that stays silent, or trickles a request head, is closed after one to two request
 * timeouts ({@link RequestDeadline}); a body has one request timeout from the end of its head. Connection limits: at
 * most {@link Settings#maxConnections} open (beyond that, accepting pauses and idle
 * connections get a short idle timeout), and at most {@link Settings#maxConnectionsPerClient} from one client address
 * (further ones are closed as they open, see {@link ClientConnectionLimit}).
 */
public final class HttpFront implements AutoCloseable {

    /** What the front end needs to know of the daemon's limits. */
    public record Settings(int maxRequestBytes, int maxHeaderBytes, int maxHeaders, Duration requestTimeout,
                           Duration writeTimeout,
                           Duration idleTimeout, int maxConnections, int maxConnectionsPerClient) {
    }

    /** One listening socket; TLS when a context is given. */
    public record Binding(String address, int port, Optional<SSLContext> tls, String[] tlsProtocols) {
        public Binding {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(tls, "tls");
        }
    }

    /** Where requests go. Both methods are called on I/O threads and must not block. */
    public interface Dispatcher {

        /** A request whose head arrived. */
        void dispatch(PendingExchange exchange);

        /**
         * A request the front end refuses before it can be dispatched (a malformed request line or URI, a bad
         * {@code Content-Length}, headers over the limit): the daemon answers it in the protocol of its route.
         */
        void refuse(PendingExchange exchange, int status, String reason, boolean pathKnown);
    }

    /** Selector threads per listener: one per two CPUs, at least two, so that parsing is not serialised. */
    private static final int SELECTORS = Math.max(2, Runtime.getRuntime().availableProcessors() / 2);

    private final Server server;
    private final List<URI> endpoints;
    private final ClientConnectionLimit perClient;

    private HttpFront(Server server, List<URI> endpoints, ClientConnectionLimit perClient) {
        this.server = server;
        this.endpoints = endpoints;
        this.perClient = perClient;
    }

    /**
     * Binds every listener and starts serving.
     *
     * @throws UncheckedIOException when a listener cannot bind; the message names the address and port
     */
    public static HttpFront start(List<Binding> bindings, Settings settings, RequestIds ids, Dispatcher dispatcher) {
        QueuedThreadPool io = new QueuedThreadPool(Math.max(8, 2 + (1 + SELECTORS) * bindings.size()), 2);
        io.setName("replprov-http-io");
        io.setDaemon(true);
        Server server = new Server(io);
        server.setStopTimeout(0);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(settings.maxHeaderBytes());
        ClientConnectionLimit perClient = new ClientConnectionLimit(settings.maxConnectionsPerClient());
        RequestDeadline deadline = new RequestDeadline(server.getScheduler(), settings.requestTimeout().toMillis());
        List<ServerConnector> connectors = new ArrayList<>();
        for (Binding b : bindings) {
            HttpConnectionFactory plain = new HttpConnectionFactory(http);
            ServerConnector c;
            if (b.tls().isPresent()) {
                SslContextFactory.Server tls = new SslContextFactory.Server();
                tls.setSslContext(b.tls().get());
                tls.setIncludeProtocols(b.tlsProtocols());
                c = new ServerConnector(server, 1, SELECTORS, new SslConnectionFactory(tls, plain.getProtocol()), plain);
            } else {
                c = new ServerConnector(server, 1, SELECTORS, plain);
            }
            c.setHost(b.address());
            c.setPort(b.port());
            c.setIdleTimeout(settings.idleTimeout().toMillis());
            c.setAcceptQueueSize(128);
            c.addBean(perClient);
            c.addBean(deadline);
            server.addConnector(c);
            connectors.add(c);
        }
        ConnectionLimit total = new ConnectionLimit(settings.maxConnections(), server);
        // At the limit, connections that sit idle are closed after one second, making room for new clients.
        total.setIdleTimeout(1000);
        server.addBean(total);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                JettyExchange ex = exchange(request, response, callback, ids, settings);
                if (request.getHeaders().size() > settings.maxHeaders()) {
                    dispatcher.refuse(ex, 431, "more than " + settings.maxHeaders() + " request header lines", true);
                } else if (ex.malformedUri()) {
                    dispatcher.refuse(ex, 400, "the request URI is not valid (RFC 3986): bad percent-encoding", true);
                } else {
                    dispatcher.dispatch(ex);
                }
                return true;
            }
        });
        server.setErrorHandler(new ErrorHandler() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                int status = request.getAttribute(ERROR_STATUS) instanceof Integer i ? i : 400;
                String reason = request.getAttribute(ERROR_MESSAGE) instanceof String s ? s : "bad request";
                // Jetty puts this path in place of a request line it could not parse (a bad URI, one too long).
                boolean pathKnown = !"/badMessage".equals(request.getHttpURI().getPath());
                dispatcher.refuse(exchange(request, response, callback, ids, settings), status, reason, pathKnown);
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // already failing; the bind error is what matters
            }
            for (int i = 0; i < bindings.size(); i++) {
                if (connectors.get(i).getLocalPort() <= 0) {
                    Binding b = bindings.get(i);
                    String why = e instanceof BindException || e.getCause() instanceof BindException
                            ? "address in use, or not an address of this machine" : String.valueOf(e.getMessage());
                    throw new UncheckedIOException("cannot listen on " + b.address() + ":" + b.port() + ": " + why,
                            e instanceof IOException ioe ? ioe : new IOException(e));
                }
            }
            throw new UncheckedIOException("cannot start the HTTP server: " + e.getMessage(), new IOException(e));
        }
        List<URI> endpoints = new ArrayList<>();
        for (int i = 0; i < bindings.size(); i++) {
            String host = bindings.get(i).address();
            endpoints.add(URI.create((bindings.get(i).tls().isPresent() ? "https" : "http") + "://"
                    + (host.contains(":") ? "[" + host + "]" : host) + ":" + connectors.get(i).getLocalPort() + "/"));
        }
        return new HttpFront(server, List.copyOf(endpoints), perClient);
    }

    private static JettyExchange exchange(Request request, Response response, Callback callback, RequestIds ids,
                                          Settings settings) {
        String id = ids.next(request.getHeaders().get("X-Request-Id"));
        response.getHeaders().put("X-Request-Id", id);
        return new JettyExchange(request, response, callback, id, settings);
    }

    /** The listeners' base URIs with the ports actually bound ({@code http://127.0.0.1:5988/}). */
    public List<URI> endpoints() {
        return endpoints;
    }

    /** Connections refused so far for being over the per-client limit. */
    public long refusedConnections() {
        return perClient.refused();
    }

    /** The connections open now. */
    public int openConnections() {
        return perClient.open();
    }

    /** Closes the listeners and every connection. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("stopping the HTTP server: " + e.getMessage(), e);
        }
    }
}
