package org.replprov.server;

import java.io.Closeable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.replprov.engine.spi.EngineEndpoint;
import org.replprov.provider.ObjectManager;
import org.replprov.server.config.DaemonConfig;
import org.replprov.server.config.Limits;
import org.replprov.server.http.HttpFront;
import org.replprov.server.http.RequestIds;
import org.replprov.server.metrics.MetricsRegistry;
import org.replprov.server.security.BasicAuthenticator;
import org.replprov.server.security.CrossSiteGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replprov daemon: HTTP and HTTPS listeners serving CIM-XML, the JSON API, event streams, metrics and health
 * over one {@link ObjectManager}. The daemon does not own the object manager: whoever built it closes it, after the
 * daemon.
 *
 * <pre>
 * try (Daemon d = Daemon.builder(config, objectManager).buildAndStart()) {
 *     …                                   // serving
 * }                                       // graceful stop
 * </pre>
 *
 * <p>Connections, TLS and reading requests are the {@link HttpFront}'s, on I/O threads that never wait for a client;
 * handlers run on a bounded pool of named worker threads; event streams have their own bounded pool, since each holds
 * a thread while it is open. {@link #close()} stops gracefully: new requests are refused with 503, event streams end,
 * in-flight requests get {@link Builder#shutdownGrace} to finish, then connections close.
 */
public final class Daemon implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(Daemon.class);

    private final HttpFront front;
    private final RequestPipeline pipeline;
    private final EventStreams eventStreams;
    private final ThreadPoolExecutor workers;
    private final Optional<BasicAuthenticator> authenticator;
    private final MetricsRegistry metrics;
    private final Duration shutdownGrace;
    private boolean closed;

    private Daemon(HttpFront front, RequestPipeline pipeline, EventStreams eventStreams, ThreadPoolExecutor workers,
                   Optional<BasicAuthenticator> authenticator, MetricsRegistry metrics, Duration shutdownGrace) {
        this.front = front;
        this.pipeline = pipeline;
        this.eventStreams = eventStreams;
        this.workers = workers;
        this.authenticator = authenticator;
        this.metrics = metrics;
        this.shutdownGrace = shutdownGrace;
    }

    public static Builder builder(DaemonConfig config, ObjectManager objectManager) {
        return new Builder(config, objectManager);
    }

    /**
     * A daemon serving what {@link Backend#open} built: its object manager, and its engines' endpoints under
     * {@code /api/v1/<prefix>} (the embedded engine's peer protocol, docs/engines.md).
     */
    public static Builder builder(DaemonConfig config, Backend backend) {
        Builder b = new Builder(config, backend.objectManager());
        b.engineEndpoints = backend.engineEndpoints();
        b.backend = Optional.of(backend);
        return b;
    }

    /** The listeners' base URIs with the ports actually bound ({@code http://127.0.0.1:5988/}). */
    public List<URI> endpoints() {
        return front.endpoints();
    }

    /** The daemon's metrics registry, to which the caller may add collectors. */
    public MetricsRegistry metrics() {
        return metrics;
    }

    /** Stops gracefully; waits at most the shutdown grace period for in-flight requests. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long started = System.nanoTime();
        log.info("Stopping: refusing new requests, ending {} event stream(s), letting in-flight requests finish",
                eventStreams.open());
        pipeline.shutDown();
        eventStreams.close();
        try {
            if (!pipeline.awaitIdle(shutdownGrace)) {
                log.warn("Requests still running after the {} s grace period; closing their connections",
                        shutdownGrace.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        front.close();
        workers.shutdownNow();
        authenticator.ifPresent(BasicAuthenticator::close);
        log.info("Stopped in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    /** Configures and starts a daemon. */
    public static final class Builder {
        private final DaemonConfig config;
        private final ObjectManager objectManager;
        private Clock clock = Clock.systemUTC();
        private Duration shutdownGrace = Duration.ofSeconds(10);
        private Duration eventHeartbeat = Duration.ofSeconds(15);
        private List<EngineEndpoint> engineEndpoints = List.of();
        private Optional<Backend> backend = Optional.empty();

        private Builder(DaemonConfig config, ObjectManager objectManager) {
            this.config = Objects.requireNonNull(config, "config");
            this.objectManager = Objects.requireNonNull(objectManager, "objectManager");
        }

        /** The clock the metrics compute ages with; tests pass a fixed one. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How long {@link Daemon#close()} waits for in-flight requests (default 10 s). */
        public Builder shutdownGrace(Duration grace) {
            this.shutdownGrace = Objects.requireNonNull(grace, "grace");
            return this;
        }

        /** How often an idle event stream sends a keep-alive comment (default 15 s). */
        public Builder eventHeartbeat(Duration interval) {
            this.eventHeartbeat = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /**
         * Binds every listener and starts serving.
         *
         * @throws UncheckedIOException when a listener cannot bind (port in use, address not local) or the keystore
         *     cannot be read
         */
        public Daemon buildAndStart() {
            Limits limits = config.limits();
            MetricsRegistry metrics = new MetricsRegistry();
            RequestMetrics requestMetrics = new RequestMetrics(metrics);
            metrics.register(new ReplicationMetrics(objectManager, clock));
            DaemonInfoMetrics process = DaemonInfoMetrics.current();
            metrics.register(process);
            EventStreams eventStreams = new EventStreams(limits.maxEventStreams(), eventHeartbeat, metrics);
            backend.ifPresent(b -> metrics.register(b.healthMetrics()));
            Routes routes = new Routes(objectManager, engineEndpoints, backend.map(b -> b::health), metrics,
                    eventStreams);
            Optional<BasicAuthenticator> authenticator = config.security().authenticationRequired()
                    ? Optional.of(new BasicAuthenticator(config.security().realm(), config.security().users(), clock))
                    : Optional.empty();
            ThreadPoolExecutor workers = workerPool(limits.workerThreads());
            Set<String> names = config.listeners().stream().flatMap(l -> l.names().stream())
                    .collect(Collectors.toSet());
            RequestPipeline pipeline = new RequestPipeline(routes, new CrossSiteGuard(names), authenticator, workers,
                    requestMetrics);
            List<HttpFront.Binding> bindings = config.listeners().stream()
                    .map(l -> new HttpFront.Binding(l.address(), l.port(), l.tls().map(TlsContexts::fromKeystore),
                            TlsContexts.PROTOCOLS))
                    .toList();
            HttpFront front;
            try {
                front = HttpFront.start(bindings, new HttpFront.Settings(limits.maxRequestBytes(),
                        limits.maxHeaderBytes(), limits.maxHeaders(), limits.requestTimeout(), limits.writeTimeout(),
                        limits.idleTimeout(), limits.maxConnections(), limits.maxConnectionsPerClient()),
                        new RequestIds(), pipeline);
            } catch (RuntimeException e) {
                workers.shutdownNow();
                authenticator.ifPresent(BasicAuthenticator::close);
                throw e;
            }
            HttpMetrics.register(metrics, front);
            config.warnings().forEach(w -> log.warn("Insecure configuration: {}", w));
            log.info("Ready in {} ms: listening on {}; authentication {}; engines {}", process.millisSinceStart(),
                    front.endpoints(), authenticator.isPresent() ? "required (" + config.security().users().size()
                            + " user(s))" : "off (loopback only)", config.engines().stream()
                            .map(e -> e.name()).collect(Collectors.joining(", ")));
            return new Daemon(front, pipeline, eventStreams, workers, authenticator, metrics, shutdownGrace);
        }

        /** A fixed pool of named daemon threads; when its queue is full, requests are answered 503. */
        private static ThreadPoolExecutor workerPool(int threads) {
            AtomicInteger n = new AtomicInteger();
            return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(threads * 64), r -> {
                        Thread t = new Thread(r, "replprov-http-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
        }
    }
}
