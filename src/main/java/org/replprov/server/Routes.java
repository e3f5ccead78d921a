package org.replprov.server;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.replprov.cim.CimException;
import org.replprov.cim.WbemStatus;
import org.replprov.engine.spi.EngineEndpoint;
import org.replprov.operation.OperationService;
import org.replprov.operation.Outcome;
import org.replprov.provider.ObjectManager;
import org.replprov.engine.EngineStatus;
import org.replprov.server.http.Exchange;
import org.replprov.server.http.Responses;
import org.replprov.metrics.MetricsRegistry;

/**
 * Which handler answers a request:
 * <ul>
 *   <li>a {@code CIMOperation} header or the path {@code /cimom}: CIM-XML (DSP0200 servers route on the header, not
 *       the path; clients use {@code /cimom}); {@code M-POST}: 501, so that the client falls back to POST;</li>
 *   <li>{@code /api/v1/events}: event streams; {@code /api/v1/<prefix>} and below: the engine endpoint with that
 *       prefix (the embedded engine's peer protocol, {@code /api/v1/peer/…}), authenticated unless the endpoint says
 *       the path needs no account (a peer notification carries a token); other {@code /api/} paths: the JSON
 *       API;</li>
 *   <li>{@code /metrics}: Prometheus metrics; {@code /healthz}: health, which like M-POST needs no authentication:
 *       200 {@code {"status":"ok",…}}, or 503 {@code {"status":"degraded",…}} naming an engine that failed to
 *       start.</li>
 *   <li>{@code /} and {@code /ui/…}: the status page, authenticated like the API.</li>
 * </ul>
 */
final class Routes {

    private static final String API = "/api/v1/";

    private final Route cimXml;
    private final Route mPost;
    private final Route json;
    private final Route events;
    /** By prefix: the endpoint, its route for authenticated paths and its route for open ones. */
    private final Map<String, EndpointRoutes> endpoints = new HashMap<>();
    private final Route metrics;
    private final Route health;
    private final Route page;
    private final Route notFound;

    private record EndpointRoutes(EngineEndpoint endpoint, Route authenticated, Route open) {
    }

    /**
     * @throws IllegalArgumentException when two engine endpoints want the same prefix, or one wants a prefix the
     *     daemon serves itself
     */
    Routes(ObjectManager objectManager, List<EngineEndpoint> engineEndpoints,
           Optional<Supplier<Backend.Health>> engines, MetricsRegistry registry, EventStreams streams) {
        // One operation layer for both CIM front ends: one authorization, one set of pull sessions.
        OperationService operations = new OperationService(objectManager);
        cimXml = new Route("cimxml", new CimXmlHandler(operations), true, Route.Refusals.CIM_XML, false, false);
        // Answered before authentication: SBLIM Java's first M-POST carries no credentials and falls back to POST
        // only on 501 (observed with wbem-java 1.0.02).
        mPost = new Route("cimxml", ex -> {
            String description = "M-POST is not supported; use POST";
            Responses.text(ex, Outcome.Refusal.NOT_IMPLEMENTED.httpStatus(), description);
            return Outcome.refused("M-POST", Outcome.Refusal.NOT_IMPLEMENTED, description);
        }, false, Route.Refusals.CIM_XML, false, false);
        json = new Route("json", new JsonApiHandler(operations), true, Route.Refusals.JSON, false, true);
        events = new Route("events", new EventStreamHandler(objectManager, streams), true, Route.Refusals.JSON, false,
                false);
        for (EngineEndpoint e : engineEndpoints) {
            String prefix = e.prefix();
            if (!prefix.matches("[a-z0-9]+") || prefix.equals("events") || JsonApiHandler.ENDPOINTS.contains(prefix)) {
                throw new IllegalArgumentException("an engine endpoint cannot have the prefix '" + prefix + "'");
            }
            EngineEndpointHandler h = new EngineEndpointHandler(e);
            EndpointRoutes previous = endpoints.putIfAbsent(prefix, new EndpointRoutes(e,
                    new Route(prefix, h, true, Route.Refusals.JSON, false, true),
                    new Route(prefix, h, false, Route.Refusals.JSON, false, true)));
            if (previous != null) {
                throw new IllegalArgumentException("two engine endpoints want /api/v1/" + prefix);
            }
        }
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
                for (EngineStatus e : h.engines()) {
                    g.writeStartObject();
                    g.writeStringField("engine", e.engine());
                    g.writeStringField("type", e.type());
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

    /** The endpoint whose prefix {@code path} is, or is below: {@code /api/v1/<prefix>} or {@code /api/v1/<prefix>/…}. */
    private Optional<EndpointRoutes> endpointFor(String path) {
        if (endpoints.isEmpty() || !path.startsWith(API)) {
            return Optional.empty();
        }
        int end = path.indexOf('/', API.length());
        return Optional.ofNullable(endpoints.get(path.substring(API.length(), end < 0 ? path.length() : end)));
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
        Optional<EndpointRoutes> endpoint = endpointFor(path);
        if (endpoint.isPresent()) {
            EndpointRoutes e = endpoint.get();
            return e.endpoint().access(path) == EngineEndpoint.Access.ANYONE ? e.open() : e.authenticated();
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
