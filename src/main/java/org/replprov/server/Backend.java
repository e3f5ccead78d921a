package org.replprov.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.replprov.config.ConfigurationException;
import org.replprov.engine.EngineInstance;
import org.replprov.engine.EngineLoader;
import org.replprov.engine.spi.EngineContext;
import org.replprov.engine.spi.EngineEndpoint;
import org.replprov.engine.spi.ReplicationEngine;
import org.replprov.mof.MofCompiler;
import org.replprov.provider.ObjectManager;
import org.replprov.providers.ad.RepsToProvider;
import org.replprov.providers.ad.RepsToSchema;
import org.replprov.providers.dfsr.DfsrConnectionInfoProvider;
import org.replprov.providers.dfsr.DfsrInfoProvider;
import org.replprov.providers.dfsr.DfsrSchema;
import org.replprov.repository.ClassRepository;
import org.replprov.server.config.DaemonConfig;
import org.replprov.server.metrics.Collector;
import org.replprov.server.metrics.MetricFamily;
import org.replprov.state.InMemoryRepsToStore;
import org.replprov.state.StateStore;
import org.replprov.time.SystemScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the daemon serves, as the configuration describes it: the object manager over the shipped schema with the
 * DfsrConnectionInfo and ReplProv_RepsTo providers, one engine per configured instance, the durable state in the state
 * directory; and the HTTP endpoints the engines contribute (the embedded engine's peer protocol, docs/engines.md).
 *
 * <p>An engine that fails to start does not stop {@link #open}: {@link #health()} says so, and the caller decides
 * (configuration key {@code engineFailure}) whether to exit or to serve degraded.
 *
 * @param engineEndpoints every engine's endpoints, to be mounted on the listener under {@code /api/v1/}
 * @param dfsr the DfsrConnectionInfo provider, which runs the engines and knows whether they started
 * @param timer the clock and timer of the engines and the provider, closed last
 */
public record Backend(ObjectManager objectManager, List<EngineEndpoint> engineEndpoints,
                      DfsrConnectionInfoProvider dfsr, SystemScheduler timer) implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Backend.class);

    /**
     * The health {@code /healthz} reports: {@code ok} when every engine started. A daemon serving degraded answers
     * {@code /healthz} with 503 and {@link #engines()} in the body, naming the engine that failed and why.
     */
    public record Health(List<DfsrConnectionInfoProvider.EngineStatus> engines) {
        public Health {
            engines = List.copyOf(engines);
        }

        public boolean ok() {
            return engines.stream().allMatch(DfsrConnectionInfoProvider.EngineStatus::up);
        }

        /** The engines that are down. */
        public List<DfsrConnectionInfoProvider.EngineStatus> failed() {
            return engines.stream().filter(e -> !e.up()).toList();
        }
    }

    /** The state database cannot be used; the message names the file and what to do. */
    public static final class StateUnusable extends ConfigurationException {
        StateUnusable(ConfigurationException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Whether the engines run. */
    public Health health() {
        return new Health(dfsr.engineStatus());
    }

    /**
     * {@code replprov_engine_up{engine="…"}}: 1 while the engine runs, 0 when it failed to start; and
     * {@code replprov_dfsr_service_state}, DfsrInfo's State. For the daemon's metrics registry.
     */
    public Collector healthMetrics() {
        return () -> {
            List<DfsrConnectionInfoProvider.EngineStatus> engines = dfsr.engineStatus();
            return List.of(new MetricFamily("replprov_engine_up",
                    "1 when the replication engine started and runs, 0 when it failed to start.",
                    MetricFamily.Type.GAUGE, engines.stream()
                            .map(e -> MetricFamily.Sample.of(List.of("engine"), List.of(e.engine()), e.up() ? 1 : 0))
                            .toList()),
                    new MetricFamily("replprov_dfsr_service_state",
                            "DfsrInfo State: 1 Service Running, 2 Service Degraded (an engine failed to start).",
                            MetricFamily.Type.GAUGE, List.of(MetricFamily.Sample.of(List.of(), List.of(),
                                    engines.stream().allMatch(DfsrConnectionInfoProvider.EngineStatus::up) ? 1 : 2))));
        };
    }

    /**
     * Opens the state database, creates one engine per configured instance ({@link DaemonConfig#engines()}), each
     * with its own state directory and the repsTo store it fills, and starts the providers.
     *
     * @throws StateUnusable when the state database cannot be used
     * @throws ConfigurationException when an instance's type selects no adapter or several, or an engine cannot be
     *     created from its settings ({@link org.replprov.config.ConfigException} when the error is about a setting)
     */
    public static Backend open(DaemonConfig config, Clock clock) {
        // Compiling the shipped schema and loading the SQLite driver each take a few hundred milliseconds of a cold
        // start: they overlap.
        FutureTask<ClassRepository> compiling = new FutureTask<>(MofCompiler::loadShippedSchema);
        Thread compiler = new Thread(compiling, "schema-compiler");
        compiler.setDaemon(true);
        compiler.start();
        StateStore state;
        try {
            state = StateStore.open(config.stateDirectory());
        } catch (ConfigurationException unusable) {
            throw new StateUnusable(unusable);
        }
        SystemScheduler timer = new SystemScheduler(clock, "engine-timer");
        Map<String, ReplicationEngine> engines = new LinkedHashMap<>();
        DfsrConnectionInfoProvider dfsr = null;
        try {
            // The repsTo values live in the state database, so ReplProv_RepsTo shows them again after a restart.
            InMemoryRepsToStore repsTo = InMemoryRepsToStore.writingThrough(state);
            EngineLoader loader = EngineLoader.fromClassPath();
            for (EngineInstance instance : config.engines()) {
                Path own = config.engineStateDirectory(instance);
                try {
                    Files.createDirectories(own);
                } catch (IOException e) {
                    throw new StateUnusable(new ConfigurationException("cannot create the state directory " + own
                            + " of engine instance '" + instance.name() + "': " + e.getMessage(), e));
                }
                engines.put(instance.name(), loader.create(new EngineContext(instance.name(), instance.type(),
                        instance.settings(), own, timer, repsTo)));
            }
            ClassRepository schema = result(compiling);
            DfsrConnectionInfoProvider.Builder builder = DfsrConnectionInfoProvider.builder().schema(schema)
                    .stateStore(state).scheduler(timer);
            engines.forEach(builder::engine);
            dfsr = builder.build();
            DaemonInfoMetrics process = DaemonInfoMetrics.current();
            RepsToProvider reps = RepsToProvider.builder().schema(schema).source(repsTo).clock(clock).build();
            ObjectManager om = ObjectManager.builder(schema)
                    // First, so that it closes first: it stops the engines, which may still record repsTo results,
                    // and then closes the state database.
                    .register(DfsrSchema.NAMESPACE, DfsrSchema.CLASS, dfsr)
                    .register(RepsToSchema.NAMESPACE, RepsToSchema.CLASS, reps)
                    .register(DfsrSchema.NAMESPACE, DfsrInfoProvider.CLASS, new DfsrInfoProvider(
                            new DfsrInfoProvider.Service(process.version(), process.started(), dfsr::engineStatus)))
                    .requestTimeout(config.limits().operationTimeout())
                    .clock(clock)
                    .build();
            return new Backend(om, endpoints(engines), dfsr, timer);
        } catch (RuntimeException failed) {
            if (dfsr != null) {
                dfsr.close(); // stops the engines and closes the state database
            } else {
                engines.values().forEach(ReplicationEngine::close);
                state.close();
            }
            timer.close();
            throw failed;
        }
    }

    /**
     * Every engine's endpoints, each prefix once. Two instances of one type both offer theirs (two embedded engines,
     * {@code peer}): only the first instance's is mounted, and the others' peers cannot reach them over the listener.
     */
    private static List<EngineEndpoint> endpoints(Map<String, ReplicationEngine> engines) {
        Map<String, String> owner = new LinkedHashMap<>();
        List<EngineEndpoint> out = new ArrayList<>();
        engines.forEach((name, engine) -> {
            for (EngineEndpoint e : engine.endpoints()) {
                String first = owner.putIfAbsent(e.prefix(), name);
                if (first == null) {
                    out.add(e);
                } else {
                    log.warn("Engine instance '{}' serves /api/v1/{} too, which only instance '{}' can have: "
                            + "requests there reach '{}' alone", name, e.prefix(), first, first);
                }
            }
        });
        return List.copyOf(out);
    }

    private static ClassRepository result(FutureTask<ClassRepository> compiling) {
        try {
            return compiling.get();
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof RuntimeException r ? r
                    : new IllegalStateException("the shipped schema cannot be compiled", failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while compiling the shipped schema", interrupted);
        }
    }

    /** Stops the providers, the engines and the state database, saving the state; then the timer. */
    @Override
    public void close() {
        objectManager.close();
        timer.close();
    }
}
