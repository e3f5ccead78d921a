package org.replprov.engines.windows;

import org.replprov.engine.spi.EngineContext;
import org.replprov.engine.spi.ReplicationEngine;
import org.replprov.engine.spi.ReplicationEngineProvider;

/** The {@code windows-dfsr} engine adapter: Windows DFSR members over WS-Management ({@link WindowsDfsrEngine}). */
public final class WindowsDfsrEngineProvider implements ReplicationEngineProvider {

    public static final String NAME = "windows-dfsr";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ReplicationEngine create(EngineContext context) {
        return new WindowsDfsrEngine(WindowsDfsrSettings.parse(context.settings(), System::getenv),
                context.scheduler());
    }
}
