package org.replprov.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.replprov.config.ConfigurationException;
import org.replprov.engine.spi.EngineEndpoint;
import org.replprov.engine.spi.EngineException;
import org.replprov.engine.spi.Observation;
import org.replprov.engine.spi.Observer;
import org.replprov.engine.spi.ReplicationEngine;
import org.replprov.log.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine instances of one daemon and their life cycle: it starts them (all at once, each within its timeout, so a
 * slow one delays nobody), puts every call to them behind a timeout and threads of their own ({@link TimedEngine}),
 * fans each engine's facts out to every subscriber with the instance name attached, tells the subscribers when an
 * engine fails, and closes them. Providers never own an engine: they subscribe and call through here.
 *
 * <p>Subscribe before {@link #start()}: facts reported before a subscriber was added are not replayed.
 */
public final class EngineHost implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EngineHost.class);

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private record Instance(String name, String type, TimedEngine engine) {
    }

    private final Map<String, Instance> instances;
    private final List<EngineEndpoint> endpoints;
    private final List<EngineEvents> subscribers = new CopyOnWriteArrayList<>();
    private final Map<String, String> failedAtStart = new ConcurrentHashMap<>();
    private final Duration timeout;
    private volatile boolean started;

    private EngineHost(Builder b) {
        Map<String, Instance> m = new LinkedHashMap<>();
        b.engines.forEach((name, e) -> m.put(name, new Instance(name, e.type,
                new TimedEngine(name, e.engine, b.timeout, this::failed))));
        this.instances = java.util.Collections.unmodifiableMap(m);
        this.endpoints = List.copyOf(b.endpoints);
        this.timeout = b.timeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** From now on, {@code events} hears every engine's facts and failures. */
    public void subscribe(EngineEvents events) {
        if (started) {
            log.warn("A subscriber was added after the engines started; it misses what they reported so far");
        }
        subscribers.add(Objects.requireNonNull(events, "events"));
    }

    /**
     * Starts every engine, in parallel, each within the timeout. An engine that fails or times out is logged, marked
     * down ({@link #status()}) and its failure fanned out; the others run on. Returns when every start has ended.
     */
    public void start() {
        if (started) {
            throw new IllegalStateException("the engines were started already");
        }
        started = true;
        List<Thread> starting = new ArrayList<>();
        for (Instance i : instances.values()) {
            Thread t = new Thread(() -> start(i), "engine-start-" + i.name());
            t.setDaemon(true);
            t.start();
            starting.add(t);
        }
        for (Thread t : starting) {
            try {
                t.join(); // each start is bounded by the engine's timeout
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void start(Instance i) {
        long began = System.nanoTime();
        try {
            i.engine().start(new Reporting(i.name()));
            log.info("Engine '{}' ({}) started in {} ms", i.name(), i.type(), (System.nanoTime() - began) / 1_000_000);
        } catch (EngineException e) {
            // The engine never runs after this: none of its links will be reported, none will sync.
            String cause = e.getMessage() == null ? e.toString() : e.getMessage();
            failedAtStart.put(i.name(), cause);
            log.error("Engine '{}' ({}) failed to start: {}", i.name(), i.type(), LogSafe.of(cause, 2000));
            log.debug("Engine '{}' start failure", i.name(), e);
            failed(i.name(), cause);
        }
    }

    /** Every engine's health, in configuration order. */
    public List<EngineStatus> status() {
        return instances.values().stream()
                .map(i -> new EngineStatus(i.name(), i.type(), Optional.ofNullable(failedAtStart.get(i.name()))))
                .toList();
    }

    /** Whether there are engines and none of them runs: checked on every query, so it allocates nothing. */
    public boolean noneRunning() {
        return !instances.isEmpty() && failedAtStart.size() == instances.size();
    }

    /** The names of the engines, in configuration order. */
    public List<String> names() {
        return List.copyOf(instances.keySet());
    }

    /** The engine called {@code name}, behind its timeout. */
    public Optional<TimedEngine> engine(String name) {
        return Optional.ofNullable(instances.get(name)).map(Instance::engine);
    }

    /** The HTTP endpoints the engine types serve, for the daemon's listener. */
    public List<EngineEndpoint> endpoints() {
        return endpoints;
    }

    /** How long a call to an engine may take. */
    public Duration timeout() {
        return timeout;
    }

    private void failed(String engine, String why) {
        for (EngineEvents s : subscribers) {
            try {
                s.engineFailed(engine, why);
            } catch (RuntimeException e) {
                log.error("A subscriber failed on the failure of engine '{}'", engine, e);
            }
        }
    }

    /** One observer per engine, so that every fact is attributed to the engine that reported it. */
    private final class Reporting implements Observer {
        private final String engine;

        Reporting(String engine) {
            this.engine = engine;
        }

        @Override
        public void observe(Observation fact) {
            if (fact == null) {
                log.warn("Engine '{}' reported nothing (null); ignored", engine);
                return;
            }
            for (EngineEvents s : subscribers) {
                try {
                    s.observed(engine, fact);
                } catch (RuntimeException e) {
                    log.error("A subscriber failed on {} from engine '{}'", fact.getClass().getSimpleName(), engine,
                            e);
                }
            }
        }
    }

    /** Closes every engine; an engine that fails to close is logged and the others close still. */
    @Override
    public void close() {
        instances.values().forEach(i -> i.engine().close());
    }

    /** Collects the engines; {@link #build()} wraps them, {@link #start()} starts them. */
    public static final class Builder {
        private record Added(String type, ReplicationEngine engine) {
        }

        private final Map<String, Added> engines = new LinkedHashMap<>();
        private final List<EngineEndpoint> endpoints = new ArrayList<>();
        private Duration timeout = DEFAULT_TIMEOUT;

        private Builder() {
        }

        /**
         * Adds an engine instance under a unique name ({@link EngineInstance#NAME}); the host closes it.
         *
         * @throws ConfigurationException when the name is taken or not allowed
         */
        public Builder engine(String name, String type, ReplicationEngine engine) {
            if (name == null || !EngineInstance.NAME.matcher(name).matches()) {
                throw new ConfigurationException("engine instance name '" + LogSafe.of(String.valueOf(name))
                        + "' is not allowed: use 1 to 64 letters, digits, '_', '.' or '-', not only dots");
            }
            if (engines.putIfAbsent(name, new Added(type, Objects.requireNonNull(engine, "engine"))) != null) {
                throw new ConfigurationException("engine instance name '" + name + "' is used twice");
            }
            return this;
        }

        /** Adds an engine instance whose type is its name (tests, and programs that embed one engine). */
        public Builder engine(String name, ReplicationEngine engine) {
            return engine(name, name, engine);
        }

        /** Endpoints an engine type serves for its instances ({@code ReplicationEngineProvider#endpoints}). */
        public Builder endpoints(List<EngineEndpoint> typeEndpoints) {
            endpoints.addAll(typeEndpoints);
            return this;
        }

        public Builder timeout(Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new ConfigurationException("the engine timeout must be positive: " + d);
            }
            this.timeout = d;
            return this;
        }

        public EngineHost build() {
            return new EngineHost(this);
        }
    }
}
