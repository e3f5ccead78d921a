package org.replprov.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.replprov.cim.CimException;
import org.replprov.cim.WbemStatus;
import org.replprov.operation.Outcome;
import org.replprov.server.http.Exchange;
import org.replprov.server.http.Handler;
import org.replprov.server.http.Responses;

/**
 * The status page (docs/daemon.md, "Status page"): {@code /} and its assets under {@code /ui/}, plain files from the
 * jar that read the JSON API and the event stream from the browser. Every file is loaded once, at start; nothing is
 * looked up by the requested name, so no path can reach another resource.
 *
 * <p>The page runs only what the daemon serves: the Content-Security-Policy allows scripts, styles, images and
 * connections from the daemon's own origin and nothing inline, and forbids framing (clickjacking), forms and
 * {@code <base>}.
 */
final class StatusPageHandler implements Handler {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /** A file of the page and its media type. */
    private record Asset(String contentType, byte[] body) {
    }

    private final Map<String, Asset> assets = Map.of(
            "/", load("index.html", "text/html; charset=utf-8"),
            "/ui/status.css", load("status.css", "text/css; charset=utf-8"),
            "/ui/status.js", load("status.js", "text/javascript; charset=utf-8"),
            "/ui/favicon.svg", load("favicon.svg", "image/svg+xml"));

    /** True for the paths this handler answers: the page and anything under {@code /ui/}. */
    static boolean handles(String path) {
        return path.equals("/") || path.startsWith("/ui/");
    }

    @Override
    public Outcome handle(Exchange ex) throws IOException {
        if (!ex.method().equals("GET")) {
            ex.responseHeader("Allow", "GET");
            Responses.text(ex, 405, "the status page takes GET, not " + ex.method());
            return Outcome.failure("page", new CimException(WbemStatus.WBEM_E_NOT_SUPPORTED, "method not allowed"));
        }
        Asset asset = assets.get(ex.uri().getPath());
        if (asset == null) {
            Responses.text(ex, 404, "not found: " + ex.uri().getPath());
            return Outcome.failure("page", new CimException(WbemStatus.WBEM_E_NOT_FOUND, "no such file"));
        }
        ex.responseHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ex.responseHeader("X-Content-Type-Options", "nosniff");
        ex.responseHeader("Referrer-Policy", "no-referrer");
        // Revalidated each time, so that a daemon upgrade never runs an old script against a new API.
        ex.responseHeader("Cache-Control", "no-cache");
        Responses.bytes(ex, 200, asset.contentType(), asset.body());
        return Outcome.success("page", 1);
    }

    private static Asset load(String name, String contentType) {
        try (InputStream in = StatusPageHandler.class.getResourceAsStream("web/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks the status page's file web/" + name);
            }
            return new Asset(contentType, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
