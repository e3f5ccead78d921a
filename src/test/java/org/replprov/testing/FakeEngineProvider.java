package org.replprov.testing;

import org.replprov.engine.spi.EngineContext;
import org.replprov.engine.spi.EngineException;
import org.replprov.engine.spi.ReplicationEngine;
import org.replprov.engine.spi.ReplicationEngineProvider;

/** Registers {@link FakeEngine} as {@code "fake"} in the test class path's {@code META-INF/services}. */
public final class FakeEngineProvider implements ReplicationEngineProvider {

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public ReplicationEngine create(EngineContext context) throws EngineException {
        if (context.settings().get("broken").present()) {
            throw EngineException.failed("setting 'broken' asks the fake to fail", null);
        }
        return new FakeEngine(context.scheduler().clock());
    }
}
