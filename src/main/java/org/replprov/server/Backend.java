package org.replprov.server;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.replprov.config.ConfigurationException;
import org.replprov.engine.EngineLoader;
import org.replprov.engine.spi.EngineContext;
import org.replprov.engine.spi.ReplicationEngine;
import org.replprov.engines.embedded.EmbeddedEngine;
import org.replprov.engines.embedded.peer.PeerService;
import org.replprov.mof.MofCompiler;
import org.replprov.provider.ObjectManager;
import org.replprov.providers.ad.RepsToProvider;
import org.replprov.providers.ad.RepsToSchema;
import org.replprov.providers.dfsr.DfsrConnectionInfoProvider;
import org.replprov.providers.dfsr.DfsrSchema;
import org.replprov.repository.ClassRepository;
import org.replprov.server.config.DaemonConfig;
import org.replprov.state.InMemoryRepsToStore;
import org.replprov.state.StateStore;

/**
 * What the daemon serves, as the configuration describes it: the object manager over the shipped schema with the
 * DfsrConnectionInfo and ReplProv_RepsTo providers, the engine adapter chosen by name, the durable state in the state
 * directory; and the peer protocol, when the engine speaks one (the embedded engine, docs/engines.md).
 *
 * @param peerService the engine's side of the peer protocol, to be mounted on the listener
 */
public record Backend(ObjectManager objectManager, Optional<PeerService> peerService) implements AutoCloseable {

    /**
     * Opens the state database, creates the engine with the repsTo store it fills, and starts the providers.
     *
     * @throws ConfigurationException when the engine name selects no adapter or several, the engine cannot be
     *     created from its settings, or the state database cannot be used
     */
    public static Backend open(DaemonConfig config, Clock clock) {
        // Compiling the shipped schema and loading the SQLite driver each take a few hundred milliseconds of a cold
        // start: they overlap.
        FutureTask<ClassRepository> compiling = new FutureTask<>(MofCompiler::loadShippedSchema);
        Thread compiler = new Thread(compiling, "schema-compiler");
        compiler.setDaemon(true);
        compiler.start();
        DaemonConfig.Engine e = config.engine();
        StateStore state = StateStore.open(config.stateDirectory());
        ReplicationEngine engine = null;
        DfsrConnectionInfoProvider dfsr = null;
        try {
            // The repsTo values live in the state database, so ReplProv_RepsTo shows them again after a restart.
            InMemoryRepsToStore repsTo = InMemoryRepsToStore.writingThrough(state);
            engine = EngineLoader.fromClassPath().create(new EngineContext(e.name(), e.settings(), clock, repsTo));
            ClassRepository schema = result(compiling);
            dfsr = DfsrConnectionInfoProvider.builder().schema(schema).engine(e.name(), engine).stateStore(state)
                    .build();
            RepsToProvider reps = RepsToProvider.builder().schema(schema).source(repsTo).clock(clock).build();
            ObjectManager om = ObjectManager.builder(schema)
                    // First, so that it closes first: it stops the engine, which may still record repsTo results,
                    // and then closes the state database.
                    .register(DfsrSchema.NAMESPACE, DfsrSchema.CLASS, dfsr)
                    .register(RepsToSchema.NAMESPACE, RepsToSchema.CLASS, reps)
                    .requestTimeout(config.limits().operationTimeout())
                    .clock(clock)
                    .build();
            return new Backend(om, engine instanceof EmbeddedEngine embedded
                    ? Optional.of(embedded.peerService()) : Optional.empty());
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
