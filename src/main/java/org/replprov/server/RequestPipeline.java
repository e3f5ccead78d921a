package org.replprov.server;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import org.replprov.cim.CimException;
import org.replprov.cim.WbemStatus;
import org.replprov.log.LogSafe;
import org.replprov.operation.Outcome;
import org.replprov.server.http.HttpFront;
import org.replprov.server.http.PendingExchange;
import org.replprov.server.http.Responses;
import org.replprov.server.security.AuthResult;
import org.replprov.server.security.BasicAuthenticator;
import org.replprov.server.security.CrossSiteGuard;
import org.replprov.server.security.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What every request goes through, without a thread waiting on the client at any step:
 * <ol>
 *   <li>routing, and the cross-site checks ({@link CrossSiteGuard}: Host, Origin, preflights, Content-Type);</li>
 *   <li>the shutdown check;</li>
 *   <li>authentication, whose password hashing runs on the authenticator's own bounded pool
 *       ({@link BasicAuthenticator}): 401 with a Basic challenge, 429 for a client that keeps failing, 503 when the
 *       pool is full;</li>
 *   <li>reading the body within the size limit (the front end's I/O threads);</li>
 *   <li>the handler, on a worker (or inline for the health check);</li>
 *   <li>then the request metrics and, when enabled, an access-log line.</li>
 * </ol>
 *
 * <p>A handler failure before the response started becomes a 500; after it started, the connection is dropped, so a
 * client never takes a truncated response for a complete one. Refusals are answered in the route's protocol.
 */
final class RequestPipeline implements HttpFront.Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(RequestPipeline.class);
    private static final Logger access = LoggerFactory.getLogger("org.replprov.access");

    private final Routes routes;
    private final CrossSiteGuard guard;
    private final Optional<BasicAuthenticator> authenticator;
    private final Executor workers;
    private final RequestMetrics metrics;
    private volatile boolean shuttingDown;
    private int inFlight;

    RequestPipeline(Routes routes, CrossSiteGuard guard, Optional<BasicAuthenticator> authenticator, Executor workers,
                    RequestMetrics metrics) {
        this.routes = routes;
        this.guard = guard;
        this.authenticator = authenticator;
        this.workers = workers;
        this.metrics = metrics;
    }

    /** From now on, requests are refused with 503 (in-flight ones finish). */
    void shutDown() {
        shuttingDown = true;
    }

    /**
     * Waits until no request is being handled, at most {@code timeout}.
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
    public void dispatch(PendingExchange ex) {
        Request r = new Request(ex, routes.route(ex));
        Optional<CrossSiteGuard.Refusal> refusal = guard.check(ex, routes.isHealth(r.route), r.route.jsonBody());
        if (refusal.isPresent()) {
            log.info("Refused {} {} from {}: {}", ex.method(), LogSafe.of(ex.uri().getRawPath()),
                    ex.remoteAddress().getAddress().getHostAddress(), refusal.get().message());
            r.refuseAfterBody(refusal.get().status(), refusal.get().status() == 415
                    ? WbemStatus.WBEM_E_INVALID_PARAMETER : WbemStatus.WBEM_E_ACCESS_DENIED, refusal.get().message());
            return;
        }
        if (shuttingDown) {
            r.refuseAfterBody(503, WbemStatus.WBEM_E_SHUTTING_DOWN, "the server is shutting down");
            return;
        }
        authenticate(ex, r.route).thenCompose(result -> {
            if (result instanceof AuthResult.Authenticated a) {
                ex.authenticated(a.principal());
                return ex.readBody().thenApply(read -> true);
            }
            // The body is read (within the limit) before the refusal: closing a connection with request bytes still
            // unread makes the kernel reset it, and the client may lose the answer.
            return ex.readBody().thenApply(read -> {
                r.refuseAuthentication(result);
                return false;
            });
        }).whenComplete((proceed, failure) -> {
            if (failure != null) {
                r.dropped(failure);
            } else if (proceed) {
                r.runHandler();
            }
        });
    }

    @Override
    public void refuse(PendingExchange ex, int status, String reason, boolean pathKnown) {
        new Request(ex, pathKnown ? routes.route(ex) : routes.forUnparsedRequest(ex)).refuse(status, status == 413 || status == 414 || status == 431
                ? WbemStatus.WBEM_E_QUOTA_VIOLATION : WbemStatus.WBEM_E_INVALID_PARAMETER, reason);
    }

    private CompletableFuture<AuthResult> authenticate(PendingExchange ex, Route route) {
        if (!route.authenticated() || authenticator.isEmpty()) {
            return CompletableFuture.completedFuture(new AuthResult.Authenticated(Principal.ANONYMOUS));
        }
        InetAddress client = ex.remoteAddress().getAddress();
        return authenticator.get().authenticate(ex.requestHeader("Authorization"), client);
    }

    /** One request on its way through the pipeline. */
    private final class Request {
        final PendingExchange ex;
        final Route route;
        final long started = System.nanoTime();
        private boolean done;

        Request(PendingExchange ex, Route route) {
            this.ex = ex;
            this.route = route;
            started();
        }

        void refuseAuthentication(AuthResult result) {
            if (result instanceof AuthResult.Throttled t) {
                metrics.authenticationFailure();
                ex.responseHeader("Retry-After", Long.toString(t.retryAfterSeconds()));
                refuse(429, WbemStatus.WBEM_E_ACCESS_DENIED, "too many failed logins from this address; retry in "
                        + t.retryAfterSeconds() + " s");
            } else if (result instanceof AuthResult.Busy) {
                ex.responseHeader("Retry-After", "1");
                refuse(503, WbemStatus.WBEM_E_QUOTA_VIOLATION, "too many logins are being checked; retry in 1 s");
            } else {
                String claimed = ((AuthResult.Rejected) result).claimedUser();
                if (claimed != null) {
                    log.warn("Authentication failed for user '{}' from {}", claimed,
                            ex.remoteAddress().getAddress().getHostAddress());
                    metrics.authenticationFailure();
                }
                ex.responseHeader("WWW-Authenticate", authenticator.orElseThrow().challenge());
                refuse(401, WbemStatus.WBEM_E_ACCESS_DENIED, "authentication required");
            }
        }

        /** {@link #refuse}, once the body (within the limit) has been read: see {@link #dispatch}. */
        void refuseAfterBody(int status, WbemStatus wbem, String description) {
            ex.readBody().whenComplete((read, failure) -> {
                if (failure != null) {
                    dropped(failure);
                } else {
                    refuse(status, wbem, description);
                }
            });
        }

        /** Answers without running the handler, in the form the route's clients expect. */
        void refuse(int status, WbemStatus wbem, String description) {
            CimException e = new CimException(wbem, description);
            try {
                if (status == 413) {
                    ex.responseHeader("Connection", "close");
                }
                switch (route.refusals()) {
                    case CIM_XML -> {
                        if (status == 400 || status == 413) {
                            ex.responseHeader("CIMError", "request-not-valid");
                        }
                        Responses.empty(ex, status);
                    }
                    case JSON -> JsonResponses.error(ex, status, e);
                    case TEXT -> Responses.text(ex, status, description);
                }
                finish(Outcome.failure("-", e), null);
            } catch (IOException | RuntimeException x) {
                finish(Outcome.failure("-", e), x);
            }
        }

        void runHandler() {
            Runnable run = () -> {
                MDC.put("requestId", ex.requestId());
                MDC.put("user", ex.principal().name());
                try {
                    finish(route.handler().handle(ex), null);
                } catch (IOException | RuntimeException | Error e) {
                    Outcome outcome = Outcome.failure("-", new CimException(WbemStatus.WBEM_E_FAILED, e.toString()));
                    if (!ex.responded()) {
                        log.error("Request failed", e);
                        try {
                            Responses.text(ex, 500, "internal error; request id " + ex.requestId());
                            finish(outcome, null);
                        } catch (IOException | RuntimeException x) {
                            finish(outcome, x);
                        }
                    } else {
                        metrics.aborted(route.protocol());
                        log.warn("Response aborted: {}", LogSafe.of(e.toString()));
                        finish(outcome, e);
                    }
                } finally {
                    MDC.clear();
                }
            };
            if (route.inline()) {
                run.run();
                return;
            }
            try {
                workers.execute(run);
            } catch (RejectedExecutionException e) {
                ex.responseHeader("Retry-After", "1");
                refuse(503, WbemStatus.WBEM_E_QUOTA_VIOLATION, "the server is busy; retry in 1 s");
            }
        }

        /** The client went away or did not send its body in time: the connection is dropped, no response. */
        void dropped(Throwable failure) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            String why = cause instanceof TimeoutException ? "the request body did not arrive in time"
                    : "the client went away (" + LogSafe.of(String.valueOf(cause.getMessage())) + ")";
            log.debug("Dropped {} {}: {}", ex.method(), LogSafe.of(ex.uri().getRawPath()), why);
            finish(Outcome.failure("-", new CimException(WbemStatus.WBEM_E_FAILED, why)), cause);
        }

        private void finish(Outcome outcome, Throwable failure) {
            synchronized (this) {
                if (done) {
                    return;
                }
                done = true;
            }
            try {
                if (!ex.detached() || failure != null) {
                    ex.complete(failure);
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                metrics.record(route.protocol(), outcome, ex.status(), seconds);
                if (access.isInfoEnabled()) {
                    access.info("{} {} client={} protocol={} operation={} user={} status={}{} objects={} ms={}",
                            ex.method(), LogSafe.of(ex.uri().getRawPath()),
                            ex.remoteAddress().getAddress().getHostAddress(), route.protocol(),
                            LogSafe.of(outcome.operation()), LogSafe.of(ex.principal().name()), ex.status(),
                            outcome.failure().map(f -> " cimStatus=" + f.cimStatus().name()).orElse(""),
                            outcome.objects(), String.format(Locale.ROOT, "%.2f", seconds * 1000));
                }
            } finally {
                finished();
            }
        }
    }
}
