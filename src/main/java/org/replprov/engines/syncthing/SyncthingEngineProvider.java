package org.replprov.engines.syncthing;

import org.replprov.engine.spi.EngineContext;
import org.replprov.engine.spi.EngineException;
import org.replprov.engine.spi.ReplicationEngine;
import org.replprov.engine.spi.ReplicationEngineProvider;

/** The {@code syncthing} engine type: one instance per Syncthing REST API (docs/engines.md, "Syncthing"). */
public final class SyncthingEngineProvider implements ReplicationEngineProvider {

    @Override
    public String name() {
        return "syncthing";
    }

    @Override
    public ReplicationEngine create(EngineContext context) throws EngineException {
        SyncthingEngineSettings settings = SyncthingEngineSettings.from(context.settings(), System::getenv);
        return new SyncthingEngine(context.instance(), settings, context.scheduler(),
                new StateFile(context.stateDirectory()));
    }
}
