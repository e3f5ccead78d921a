package org.replprov.server;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.replprov.config.ConfigurationException;
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

/**
 * What the daemon serves, as the configuration describes it: the object manager over the shipped schema with the
 * DfsrConnectionInfo and ReplProv_RepsTo providers, the engine adapter chosen by name, the durable state in the state
 * directory; and the HTTP endpoints the engines contribute (the embedded engine's peer protocol, docs/engines.md).
 *
 * <p>An engine that fails to start does not stop {@link #open}: {@link #health()} says so, and the caller decides
 * (configuration key {@code engineFailure}) whether to exit or to serve degraded.
 *
 * @param engineEndpoints every engine's endpoints, to be mounted on the listener under {@code /api/v1/}
 * @param dfsr the DfsrConnectionInfo provider, which runs the engine and knows whether it started
 */
public record Backend(ObjectManager objectManager, List<EngineEndpoint> engineEndpoints,
                      DfsrConnectionInfoProvider dfsr) implements AutoCloseable {

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
     * Opens the state database, creates the engine with the repsTo store it fills, and starts the providers.
     *
     * @throws StateUnusable when the state database cannot be used
     * @throws ConfigurationException when the engine name selects no adapter or several, or the engine cannot be
     *     created from its settings
     */
    public static Backend open(DaemonConfig config, Clock clock) {
        // Compiling the shipped schema and loading the SQLite driver each take a few hundred milliseconds of a cold
        // start: they overlap.
        FutureTask<ClassRepository> compiling = new FutureTask<>(MofCompiler::loadShippedSchema);
        Thread compiler = new Thread(compiling, "schema-compiler");
        compiler.setDaemon(true);
        compiler.start();
        DaemonConfig.Engine e = config.engine();
        StateStore state;
        try {
            state = StateStore.open(config.stateDirectory());
        } catch (ConfigurationException unusable) {
            throw new StateUnusable(unusable);
        }
        ReplicationEngine engine = null;
        DfsrConnectionInfoProvider dfsr = null;
        try {
            // The repsTo values live in the state database, so ReplProv_RepsTo shows them again after a restart.
            InMemoryRepsToStore repsTo = InMemoryRepsToStore.writingThrough(state);
            engine = EngineLoader.fromClassPath().create(new EngineContext(e.name(), e.settings(), clock, repsTo));
            ClassRepository schema = result(compiling);
            dfsr = DfsrConnectionInfoProvider.builder().schema(schema).engine(e.name(), engine).stateStore(state)
                    .build();
            DaemonInfoMetrics process = DaemonInfoMetrics.current();
            RepsToProvider reps = RepsToProvider.builder().schema(schema).source(repsTo).clock(clock).build();
            ObjectManager om = ObjectManager.builder(schema)
                    // First, so that it closes first: it stops the engine, which may still record repsTo results,
                    // and then closes the state database.
                    .register(DfsrSchema.NAMESPACE, DfsrSchema.CLASS, dfsr)
                    .register(RepsToSchema.NAMESPACE, RepsToSchema.CLASS, reps)
                    .register(DfsrSchema.NAMESPACE, DfsrInfoProvider.CLASS, new DfsrInfoProvider(
                            new DfsrInfoProvider.Service(process.version(), process.started(), dfsr::engineStatus)))
                    .requestTimeout(config.limits().operationTimeout())
                    .clock(clock)
                    .build();
            return new Backend(om, List.copyOf(engine.endpoints()), dfsr);
        } catch (RuntimeException failed) {
            if (dfsr != null) {
                dfsr.close(); // stops the engine and closes the state database
            } else {
                if (engine != null) {
                    engine.close();
                }
                state.close();
            }
            throw failed;
        }
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

    /** Stops the providers, the engine and the state database, saving the state. */
    @Override
    public void close() {
        objectManager.close();
    }
}
