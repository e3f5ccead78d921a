package org.replprov.server;

import java.io.IOException;
import java.util.concurrent.RejectedExecutionException;
import org.replprov.cim.CimException;
import org.replprov.cim.WbemStatus;
import org.replprov.log.LogSafe;
import org.replprov.operation.Outcome;
import org.replprov.protocol.json.CimJson;
import org.replprov.provider.IndicationStream;
import org.replprov.provider.ObjectManager;
import org.replprov.server.http.Exchange;
import org.replprov.server.http.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/events?query=<WQL event query>[&namespace=…]}: subscribes and answers with a
 * {@code text/event-stream} of the selected events. A query the object manager rejects is answered with a JSON error
 * before any stream starts.
 */
final class EventStreamHandler implements Handler {

    private static final Logger log = LoggerFactory.getLogger(EventStreamHandler.class);

    private final ObjectManager objectManager;
    private final EventStreams streams;

    EventStreamHandler(ObjectManager objectManager, EventStreams streams) {
        this.objectManager = objectManager;
        this.streams = streams;
    }

    @Override
    public Outcome handle(Exchange ex) throws IOException {
        if (!ex.method().equals("GET")) {
            ex.responseHeader("Allow", "GET");
            return error(ex, 405, new CimException(WbemStatus.WBEM_E_NOT_SUPPORTED, "event streams use GET"));
        }
        IndicationStream events;
        String namespace;
        try {
            QueryParameters q = QueryParameters.parse(ex.uri().getRawQuery());
            namespace = q.get("namespace").orElse(JsonApiHandler.DEFAULT_NAMESPACE);
            String query = q.require("query");
            events = objectManager.subscribe(namespace, query);
            log.info("{} subscribed to '{}' in {}", ex.principal().name(), LogSafe.of(query), LogSafe.of(namespace));
        } catch (CimException e) {
            return error(ex, CimJson.httpStatus(e.status()), e);
        }
        AutoCloseable handle = ex.detach();
        try {
            streams.start(ex.requestId(), namespace, events, ex, handle);
            return Outcome.success("events", 0);
        } catch (RejectedExecutionException e) {
            events.close();
            try (handle) {
                return error(ex, 503, new CimException(WbemStatus.WBEM_E_QUOTA_VIOLATION,
                        "too many event streams are open; try again later"));
            } catch (Exception closing) {
                throw new IOException(closing);
            }
        }
    }

    private static Outcome error(Exchange ex, int status, CimException e) throws IOException {
        JsonResponses.error(ex, status, e);
        return Outcome.failure("events", e);
    }
}
