package org.replprov.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.replprov.cim.CimException;
import org.replprov.cim.WbemStatus;
import org.replprov.protocol.Outcome;
import org.replprov.server.http.Exchange;
import org.replprov.server.http.JdkExchange;
import org.replprov.server.http.Responses;
import org.replprov.server.http.WriteGuard;
import org.replprov.server.security.BasicAuthenticator;
import org.replprov.server.security.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What every request goes through: a request id (also in the {@code X-Request-Id} response header and in every log
 * line, via the MDC), routing, the shutdown check, authentication with a Basic challenge, the handler, then one
 * access-log line and the request metrics.
 *
 * <p>A handler failure before the response started becomes a 500; after it started, the connection is dropped
 * (the exception goes back to the JDK server, which closes it), so a client never takes a truncated response for a
 * complete one.
 */
final class RequestPipeline implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(RequestPipeline.class);
    private static final Logger access = LoggerFactory.getLogger("org.replprov.access");
    private static final Pattern CLIENT_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final Function<HttpExchange, Route> router;
    private final Optional<BasicAuthenticator> authenticator;
    private final WriteGuard writeGuard;
    private final RequestMetrics metrics;
    private final String idPrefix;
    private final AtomicLong ids = new AtomicLong();
    private volatile boolean shuttingDown;
    private int inFlight;

    RequestPipeline(Function<HttpExchange, Route> router, Optional<BasicAuthenticator> authenticator,
                    WriteGuard writeGuard, RequestMetrics metrics) {
        this.router = router;
        this.authenticator = authenticator;
        this.writeGuard = writeGuard;
        this.metrics = metrics;
        this.idPrefix = Long.toString(new SecureRandom().nextInt(36 * 36 * 36 * 36), 36);
    }

    /** From now on, requests are refused with 503 (in-flight ones finish). */
    void shutDown() {
        shuttingDown = true;
    }

    /**
     * Waits until no request is being handled, at most {@code timeout}. The JDK server's own {@code stop(delay)}
     * waits out the whole delay even when nothing is running, so the daemon waits here and then stops it at once.
     *
     * @return true when idle, false when requests were still running at the timeout
     */
    synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    private synchronized void started() {
        inFlight++;
    }

    private synchronized void finished() {
        if (--inFlight == 0) {
            notifyAll();
        }
    }

    @Override
    public void handle(HttpExchange he) throws IOException {
        started();
        try {
            handleCounted(he);
        } finally {
            finished();
        }
    }

    private void handleCounted(HttpExchange he) throws IOException {
        long started = System.nanoTime();
        String requestId = requestId(he.getRequestHeaders().getFirst("X-Request-Id"));
        MDC.put("requestId", requestId);
        he.getResponseHeaders().set("X-Request-Id", requestId);
        Route route = router.apply(he);
        Outcome outcome = Outcome.success("-", 0);
        JdkExchange ex = null;
        String user = "-";
        boolean aborted = false;
        try {
            if (shuttingDown) {
                ex = new JdkExchange(he, requestId, Principal.ANONYMOUS, writeGuard);
                refuse(ex, route, 503, WbemStatus.WBEM_E_SHUTTING_DOWN, "the server is shutting down");
                return;
            }
            Optional<Principal> principal = authenticate(he, route);
            if (principal.isEmpty()) {
                ex = new JdkExchange(he, requestId, Principal.ANONYMOUS, writeGuard);
                String claimed = BasicAuthenticator.claimedUser(he.getRequestHeaders().getFirst("Authorization"));
                if (claimed != null) {
                    log.warn("Authentication failed for user '{}' from {}", claimed, he.getRemoteAddress());
                    metrics.authenticationFailure();
                }
                he.getResponseHeaders().set("WWW-Authenticate", authenticator.orElseThrow().challenge());
                refuse(ex, route, 401, WbemStatus.WBEM_E_ACCESS_DENIED, "authentication required");
                return;
            }
            user = principal.get().name();
            MDC.put("user", user);
            ex = new JdkExchange(he, requestId, principal.get(), writeGuard);
            outcome = route.handler().handle(ex);
        } catch (IOException | RuntimeException | Error e) {
            outcome = Outcome.failure("-", new CimException(WbemStatus.WBEM_E_FAILED, e.toString()));
            if (ex != null && !ex.responded()) {
                log.error("Request failed", e);
                Responses.text(ex, 500, "internal error; request id " + requestId);
            } else {
                // Closing the exchange would end a chunked body cleanly; letting the exception out makes the JDK
                // server drop the connection instead.
                aborted = true;
                metrics.aborted(route.protocol());
                log.warn("Response aborted: {}", e.toString());
                throw e;
            }
        } finally {
            int status = ex == null ? 0 : ex.status();
            double seconds = (System.nanoTime() - started) / 1e9;
            metrics.record(route.protocol(), outcome, status, seconds);
            if (access.isInfoEnabled()) {
                access.info("{} {} protocol={} operation={} user={} status={}{} objects={} ms={}",
                        he.getRequestMethod(), he.getRequestURI().getRawPath(), route.protocol(), outcome.operation(),
                        user, status, outcome.failure().map(f -> " cimStatus=" + f.cimStatus().name()).orElse(""),
                        outcome.objects(), String.format(Locale.ROOT, "%.2f", seconds * 1000));
            }
            if (ex != null && !aborted && !ex.detached()) {
                ex.close();
            }
            MDC.clear();
        }
    }

    private String requestId(String fromClient) {
        if (fromClient != null && CLIENT_REQUEST_ID.matcher(fromClient).matches()) {
            return fromClient;
        }
        return idPrefix + "-" + Long.toString(ids.incrementAndGet(), 36);
    }

    private Optional<Principal> authenticate(HttpExchange he, Route route) throws IOException {
        if (!route.authenticated() || authenticator.isEmpty()) {
            return Optional.of(Principal.ANONYMOUS);
        }
        try {
            return authenticator.get().authenticate(he.getRequestHeaders().getFirst("Authorization"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while checking a password", e);
        }
    }

    /** Answers without running the handler, in the form the route's clients expect. */
    static void refuse(Exchange ex, Route route, int status, WbemStatus wbem, String description) throws IOException {
        switch (route.refusals()) {
            case CIM_XML -> Responses.empty(ex, status);
            case JSON -> JsonResponses.error(ex, status, new CimException(wbem, description));
            case TEXT -> Responses.text(ex, status, description);
        }
    }
}
