package org.replprov.server;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.replprov.cim.CimException;
import org.replprov.cim.WbemStatus;
import org.replprov.engines.embedded.peer.PeerService;
import org.replprov.protocol.Outcome;
import org.replprov.provider.ObjectManager;
import org.replprov.providers.dfsr.DfsrConnectionInfoProvider;
import org.replprov.server.http.Exchange;
import org.replprov.server.http.Responses;
import org.replprov.server.metrics.MetricsRegistry;

/**
 * Which handler answers a request:
 * <ul>
 *   <li>a {@code CIMOperation} header or the path {@code /cimom}: CIM-XML (DSP0200 servers route on the header, not
 *       the path; clients use {@code /cimom}); {@code M-POST}: 501, so that the client falls back to POST;</li>
 *   <li>{@code /api/v1/events}: event streams; {@code /api/v1/peer/…}: the engine's peer protocol, when it has one
 *       (announcements authenticated, notifications not: they carry a token); other {@code /api/} paths: the JSON
 *       API;</li>
 *   <li>{@code /metrics}: Prometheus metrics; {@code /healthz}: health, which like M-POST needs no authentication:
 *       200 {@code {"status":"ok",…}}, or 503 {@code {"status":"degraded",…}} naming an engine that failed to
 *       start.</li>
 *   <li>{@code /} and {@code /ui/…}: the status page, authenticated like the API.</li>
 * </ul>
 */
final class Routes {

    private final Route cimXml;
    private final Route mPost;
    private final Route json;
    private final Route events;
    private final Optional<Route> peerAnnounce;
    private final Optional<Route> peerNotify;
    private final Route metrics;
    private final Route health;
    private final Route page;
    private final Route notFound;

    Routes(ObjectManager objectManager, Optional<PeerService> peer, Optional<Supplier<Backend.Health>> engines,
           MetricsRegistry registry, EventStreams streams) {
        cimXml = new Route("cimxml", new CimXmlHandler(objectManager), true, Route.Refusals.CIM_XML, false, false);
        // Answered before authentication: SBLIM Java's first M-POST carries no credentials and falls back to POST
        // only on 501 (observed with wbem-java 1.0.02).
        mPost = new Route("cimxml", ex -> {
            Responses.text(ex, 501, "M-POST is not supported; use POST");
            return Outcome.success("M-POST", 0);
        }, false, Route.Refusals.CIM_XML, false, false);
        json = new Route("json", new JsonApiHandler(objectManager), true, Route.Refusals.JSON, false, true);
        events = new Route("events", new EventStreamHandler(objectManager, streams), true, Route.Refusals.JSON, false,
                false);
        Optional<PeerHandler> peerHandler = peer.map(PeerHandler::new);
        peerAnnounce = peerHandler.map(h -> new Route("peer", h, true, Route.Refusals.JSON, false, true));
        peerNotify = peerHandler.map(h -> new Route("peer", h, false, Route.Refusals.JSON, false, true));
        metrics = new Route("metrics", ex -> {
            ex.responseHeader("Content-Type", MetricsRegistry.CONTENT_TYPE);
            try (Writer w = new OutputStreamWriter(ex.respond(200, -1), StandardCharsets.UTF_8)) {
                registry.write(w);
            }
            return Outcome.success("scrape", 0);
        }, true, Route.Refusals.TEXT, false, false);
        health = new Route("health", ex -> {
            Backend.Health h = engines.map(Supplier::get).orElse(new Backend.Health(List.of()));
            JsonResponses.send(ex, h.ok() ? 200 : 503, g -> {
                g.writeStartObject();
                g.writeStringField("status", h.ok() ? "ok" : "degraded");
                g.writeArrayFieldStart("engines");
                for (DfsrConnectionInfoProvider.EngineStatus e : h.engines()) {
                    g.writeStartObject();
                    g.writeStringField("engine", e.engine());
                    g.writeBooleanField("up", e.up());
                    if (e.failure().isPresent()) {
                        g.writeStringField("failure", e.failure().get());
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            });
            return Outcome.success("health", 0);
        }, false, Route.Refusals.JSON, true, false);
        page = new Route("page", new StatusPageHandler(), true, Route.Refusals.TEXT, false, false);
        notFound = new Route("other", ex -> {
            Responses.text(ex, 404, "not found: " + ex.uri().getPath());
            return Outcome.failure("not-found", new CimException(WbemStatus.WBEM_E_NOT_FOUND, "no such path"));
        }, false, Route.Refusals.TEXT, false, false);
    }

    /** The health route, which answers any origin. */
    boolean isHealth(Route r) {
        return r == health;
    }

    /**
     * The route whose protocol words the refusal of a request whose path could not be read: CIM-XML when it says it
     * is a CIM operation, else the JSON API's (a JSON error object reads as text too).
     */
    Route forUnparsedRequest(Exchange ex) {
        return ex.requestHeader("CIMOperation") != null ? cimXml : json;
    }

    Route route(Exchange ex) {
        String path = ex.uri().getPath();
        if (ex.method().equals("M-POST")) {
            return mPost;
        }
        if (ex.requestHeader("CIMOperation") != null || path.equals("/cimom")) {
            return cimXml;
        }
        if (path.equals("/api/v1/events")) {
            return events;
        }
        if (PeerService.handles(path) && peerAnnounce.isPresent()) {
            return (PeerService.needsAuthentication(path) ? peerAnnounce : peerNotify).get();
        }
        if (path.startsWith("/api/")) {
            return json;
        }
        if (path.equals("/metrics")) {
            return metrics;
        }
        if (path.equals("/healthz")) {
            return health;
        }
        if (StatusPageHandler.handles(path)) {
            return page;
        }
        return notFound;
    }
}
