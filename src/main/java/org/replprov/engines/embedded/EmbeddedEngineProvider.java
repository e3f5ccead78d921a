package org.replprov.engines.embedded;

import java.nio.file.Path;

import org.replprov.engine.spi.EngineContext;
import org.replprov.engine.spi.EngineException;
import org.replprov.engine.spi.ReplicationEngine;
import org.replprov.engine.spi.ReplicationEngineProvider;

/** The {@code embedded} engine adapter, the default one: see {@link EmbeddedEngine} and docs/engines.md. */
public final class EmbeddedEngineProvider implements ReplicationEngineProvider {

    public static final String NAME = "embedded";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ReplicationEngine create(EngineContext context) throws EngineException {
        EmbeddedSettings settings;
        try {
            settings = EmbeddedSettings.parse(context.settings(), Path.of(""), System::getenv);
        } catch (IllegalArgumentException e) {
            throw EngineException.failed("invalid settings: " + e.getMessage(), e);
        }
        return new EmbeddedEngine(settings, context.clock(), context.repsTo());
    }
}
