package org.replprov.server;

import java.time.Clock;
import org.replprov.config.ConfigurationException;
import org.replprov.engine.EngineLoader;
import org.replprov.engine.spi.EngineContext;
import org.replprov.engine.spi.ReplicationEngine;
import org.replprov.mof.MofCompiler;
import org.replprov.provider.ObjectManager;
import org.replprov.providers.dfsr.DfsrConnectionInfoProvider;
import org.replprov.providers.dfsr.DfsrSchema;
import org.replprov.repository.ClassRepository;
import org.replprov.server.config.DaemonConfig;
import org.replprov.state.StateStore;

/**
 * The object manager the daemon serves, as the configuration describes it: the shipped schema, the engine adapter
 * chosen by name, the durable state in the state directory, and the DfsrConnectionInfo provider over them.
 */
public final class ObjectManagers {

    private ObjectManagers() {
    }

    /**
     * Builds and starts the object manager; closing it stops the provider, its engine and the state database.
     *
     * @throws ConfigurationException when the engine name selects no adapter or several, the engine cannot be
     *     created from its settings, or the state database cannot be used
     */
    public static ObjectManager open(DaemonConfig config, Clock clock) {
        ClassRepository schema = MofCompiler.loadShippedSchema();
        DaemonConfig.Engine e = config.engine();
        ReplicationEngine engine = EngineLoader.fromClassPath().create(new EngineContext(e.name(), e.settings(),
                clock));
        StateStore state;
        try {
            state = StateStore.open(config.stateDirectory());
        } catch (RuntimeException failed) {
            engine.close();
            throw failed;
        }
        DfsrConnectionInfoProvider dfsr = DfsrConnectionInfoProvider.builder().schema(schema)
                .engine(e.name(), engine).stateStore(state).build();
        return ObjectManager.builder(schema)
                .register(DfsrSchema.NAMESPACE, DfsrSchema.CLASS, dfsr)
                .requestTimeout(config.limits().operationTimeout())
                .clock(clock)
                .build();
    }
}
