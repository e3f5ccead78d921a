package org.replprov.server;

import org.replprov.operation.Outcome;
import org.replprov.metrics.Counter;
import org.replprov.metrics.Histogram;
import org.replprov.metrics.MetricsRegistry;

/** The request metrics: counts by protocol, operation and HTTP status, CIM errors by status, and latencies. */
final class RequestMetrics {

    private final Counter requests;
    private final Counter cimErrors;
    private final Counter authenticationFailures;
    private final Counter aborted;
    private final Histogram duration;

    RequestMetrics(MetricsRegistry registry) {
        requests = registry.counter("replprov_requests_total",
                "Requests answered, by protocol, operation and HTTP status.", "protocol", "operation", "status");
        cimErrors = registry.counter("replprov_cim_errors_total",
                "Operations that ended in a CIM error, by protocol, operation and DSP0200 status.",
                "protocol", "operation", "cim_status");
        authenticationFailures = registry.counter("replprov_authentication_failures_total",
                "Requests with credentials that did not authenticate.");
        aborted = registry.counter("replprov_responses_aborted_total",
                "Responses cut off after they started: the client stopped reading, or a failure mid-stream.",
                "protocol");
        duration = registry.histogram("replprov_request_duration_seconds",
                "Time from the request's arrival to the end of its response, by protocol and operation.",
                Histogram.LATENCY_SECONDS, "protocol", "operation");
    }

    void record(String protocol, Outcome outcome, int httpStatus, double seconds) {
        requests.increment(protocol, outcome.operation(), Integer.toString(httpStatus));
        outcome.failure().ifPresent(e -> cimErrors.increment(protocol, outcome.operation(), e.cimStatus().name()));
        duration.observe(seconds, protocol, outcome.operation());
    }

    void aborted(String protocol) {
        aborted.increment(protocol);
    }

    void authenticationFailure() {
        authenticationFailures.increment();
    }
}
