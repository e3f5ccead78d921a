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
import org.replprov.engine.EngineHost;
import org.replprov.engine.EngineInstance;
import org.replprov.engine.EngineLoader;
import org.replprov.engine.EngineStatus;
import org.replprov.engine.spi.EngineContext;
import org.replprov.engine.spi.ReplicationEngine;
import org.replprov.engine.spi.ReplicationEngineProvider;
import org.replprov.metrics.Collector;
import org.replprov.metrics.MetricFamily;
import org.replprov.module.ClassModule;
import org.replprov.module.ModuleContext;
import org.replprov.module.Modules;
import org.replprov.module.OpenModule;
import org.replprov.mof.MofCompiler;
import org.replprov.provider.ObjectManager;
import org.replprov.repository.ClassRepository;
import org.replprov.server.config.DaemonConfig;
import org.replprov.state.InMemoryRepsToStore;
import org.replprov.state.StateStore;
import org.replprov.time.SystemScheduler;

/**
 * What the daemon serves, as the configuration describes it: the engine instances (each created by its type), the
 * class modules over them (each found by {@link Modules#shipped()}), the object manager over the shipped schema with
 * every module's providers, and the durable state in the state directory.
 *
 * <p>An engine that fails to start does not stop {@link #open}: {@link #health()} says so, and the caller decides
 * (configuration key {@code engineFailure}) whether to exit or to serve degraded.
 */
public final class Backend implements AutoCloseable {

    /** The health {@code /healthz} reports: {@code ok} when every engine started. */
    public record Health(List<EngineStatus> engines) {
        public Health {
            engines = List.copyOf(engines);
        }

        public boolean ok() {
            return engines.stream().allMatch(EngineStatus::up);
        }

        /** The engines that are down. */
        public List<EngineStatus> failed() {
            return engines.stream().filter(e -> !e.up()).toList();
        }
    }

    /** The state database cannot be used; the message names the file and what to do. */
    public static final class StateUnusable extends ConfigurationException {
        StateUnusable(ConfigurationException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private final ObjectManager objectManager;
    private final EngineHost engines;
    private final List<OpenModule> modules;
    private final StateStore state;
    private final SystemScheduler scheduler;

    private Backend(ObjectManager objectManager, EngineHost engines, List<OpenModule> modules, StateStore state,
                    SystemScheduler scheduler) {
        this.objectManager = objectManager;
        this.engines = engines;
        this.modules = List.copyOf(modules);
        this.state = state;
        this.scheduler = scheduler;
    }

    public ObjectManager objectManager() {
        return objectManager;
    }

    public EngineHost engines() {
        return engines;
    }

    /** Whether the engines run. */
    public Health health() {
        return new Health(engines.status());
    }

    /**
     * The metrics of every module, and {@code replprov_engine_up{engine,type}}: 1 while the engine runs, 0 when it
     * failed to start. For the daemon's metrics registry.
     */
    public List<Collector> metrics() {
        List<Collector> out = new ArrayList<>();
        out.add(() -> List.of(new MetricFamily("replprov_engine_up",
                "1 when the replication engine started and runs, 0 when it failed to start.",
                MetricFamily.Type.GAUGE, engines.status().stream()
                        .map(e -> MetricFamily.Sample.of(List.of("engine", "type"), List.of(e.engine(), e.type()),
                                e.up() ? 1 : 0))
                        .toList())));
        modules.forEach(m -> out.addAll(m.metrics(objectManager)));
        return out;
    }

    /**
     * Opens the state database, creates the engines with the repsTo store they fill, opens the class modules over
     * them, and starts the engines. Every time they record comes from {@code clock}.
     *
     * @throws StateUnusable when the state database cannot be used
     * @throws ConfigurationException when an engine type selects no adapter, an engine cannot be created from its
     *     settings, or the schema does not fit a module
     */
    public static Backend open(DaemonConfig config, Clock clock) {
        // Compiling the shipped schema and loading the SQLite driver each take a few hundred milliseconds of a cold
        // start: they overlap.
        FutureTask<ClassRepository> compiling = new FutureTask<>(MofCompiler::loadShippedSchema);
        Thread compiler = new Thread(compiling, "schema-compiler");
        compiler.setDaemon(true);
        compiler.start();
        List<ClassModule> shipped = Modules.shipped();
        StateStore state;
        try {
            state = StateStore.open(config.stateDirectory());
        } catch (ConfigurationException unusable) {
            throw new StateUnusable(unusable);
        }
        SystemScheduler scheduler = new SystemScheduler(clock, "replprov-timer");
        EngineHost host = null;
        List<OpenModule> opened = new ArrayList<>();
        try {
            // The repsTo values live in the state database, so ReplProv_RepsTo shows them again after a restart.
            InMemoryRepsToStore repsTo = InMemoryRepsToStore.writingThrough(state);
            host = engines(config, scheduler, repsTo);
            ClassRepository schema = result(compiling);
            List<String> problems = new ArrayList<>();
            shipped.forEach(m -> m.checkSchema(schema).forEach(p -> problems.add(m.name() + ": " + p)));
            if (!problems.isEmpty()) {
                throw new ConfigurationException("the schema does not fit the class modules: "
                        + String.join("; ", problems));
            }
            // Every module's tables, before any module opens: a table set written by a newer version stops here.
            shipped.forEach(m -> state.migrate(m.tables()));
            DaemonInfoMetrics process = DaemonInfoMetrics.current();
            ModuleContext context = new ModuleContext(schema, host, state, repsTo, scheduler,
                    new ModuleContext.Daemon(process.version(), process.started()));
            ObjectManager.Builder om = ObjectManager.builder(schema).requestTimeout(config.limits().operationTimeout())
                    .clock(scheduler.clock());
            for (ClassModule m : shipped) {
                OpenModule open = m.open(context);
                opened.add(open);
                open.registrations().forEach(r -> om.register(r.namespace(), r.className(), r.provider()));
            }
            ObjectManager objectManager = om.build();
            host.start();
            return new Backend(objectManager, host, opened, state, scheduler);
        } catch (RuntimeException failed) {
            if (host != null) {
                host.close();
            }
            opened.forEach(OpenModule::close);
            scheduler.close();
            state.close();
            throw failed;
        }
    }

    /**
     * One engine per configured instance, created by the adapter its type names, in a state directory of its own;
     * then the endpoints each adapter type serves for its instances.
     */
    private static EngineHost engines(DaemonConfig config, SystemScheduler scheduler, InMemoryRepsToStore repsTo) {
        EngineLoader loader = EngineLoader.fromClassPath();
        EngineHost.Builder host = EngineHost.builder();
        Map<ReplicationEngineProvider, List<ReplicationEngine>> byType = new LinkedHashMap<>();
        try {
            for (EngineInstance instance : config.engines()) {
                Path own = config.engineStateDirectory(instance);
                try {
                    Files.createDirectories(own);
                } catch (IOException e) {
                    throw new StateUnusable(new ConfigurationException("cannot create the state directory " + own
                            + " of engine instance '" + instance.name() + "': " + e.getMessage(), e));
                }
                EngineContext context = new EngineContext(instance.name(), instance.type(), instance.settings(), own,
                        scheduler, repsTo);
                ReplicationEngineProvider type = loader.select(context);
                ReplicationEngine engine = loader.create(type, context);
                host.engine(instance.name(), type.name(), engine);
                byType.computeIfAbsent(type, t -> new ArrayList<>()).add(engine);
            }
            byType.forEach((t, instances) -> host.endpoints(t.endpoints(instances)));
        } catch (RuntimeException failed) {
            byType.values().forEach(instances -> instances.forEach(ReplicationEngine::close));
            throw failed;
        }
        return host.build();
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

    /**
     * Stops the engines first (so nothing reports to a closed provider), then the providers, the modules, the timer,
     * and the state database.
     */
    @Override
    public void close() {
        engines.close();
        objectManager.close();
        modules.forEach(OpenModule::close);
        scheduler.close();
        state.close();
    }
}
