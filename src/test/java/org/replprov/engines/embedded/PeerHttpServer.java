package org.replprov.engines.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.replprov.engine.spi.EngineEndpoint;

/**
 * The peer protocol on a small JDK HTTP server on loopback, standing in for the daemon's listener: announcements need
 * the given user, notifications do not (they carry a token).
 */
final class PeerHttpServer implements AutoCloseable {

    private final HttpServer server;
    private volatile EngineEndpoint service;

    private PeerHttpServer(HttpServer server) {
        this.server = server;
    }

    static PeerHttpServer start(String user, String password) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        PeerHttpServer s = new PeerHttpServer(server);
        String expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        server.createContext("/api/v1/peer/", ex -> s.answer(ex, expected));
        server.start();
        return s;
    }

    /** Serves this engine's peer endpoint from now on. */
    void serve(EmbeddedEngine engine) {
        this.service = new EmbeddedEngineProvider().endpoints(List.of(engine)).get(0);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private void answer(HttpExchange ex, String expectedAuthorization) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            EngineEndpoint s = service;
            if (s != null && s.access(path) != EngineEndpoint.Access.ANYONE
                    && !expectedAuthorization.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                ex.sendResponseHeaders(401, -1);
                return;
            }
            if (s == null) {
                ex.sendResponseHeaders(503, -1);
                return;
            }
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            EngineEndpoint.Response r = s.handle(ex.getRequestMethod(), path, body);
            ex.getResponseHeaders().set("Content-Type", r.contentType());
            ex.sendResponseHeaders(r.status(), r.body().length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(r.body());
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
