package org.replprov.server;

import java.util.List;
import org.replprov.server.http.HttpFront;
import org.replprov.metrics.MetricFamily;
import org.replprov.metrics.MetricsRegistry;

/** The front end's connection figures: open connections, and those closed for the per-client limit. */
final class HttpMetrics {

    private HttpMetrics() {
    }

    static void register(MetricsRegistry registry, HttpFront front) {
        registry.register(() -> List.of(
                new MetricFamily("replprov_http_connections", "HTTP connections open now.", MetricFamily.Type.GAUGE,
                        List.of(MetricFamily.Sample.of(List.of(), List.of(), front.openConnections()))),
                new MetricFamily("replprov_http_connections_refused_total",
                        "Connections closed on opening because their client address had too many open.",
                        MetricFamily.Type.COUNTER,
                        List.of(MetricFamily.Sample.of(List.of(), List.of(), front.refusedConnections())))));
    }
}
