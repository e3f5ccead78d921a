package org.replprov.engine;

import java.util.Iterator;
import java.util.ServiceLoader;

import org.replprov.engine.spi.ReplicationEngineProvider;

/**
 * Where engine providers come from. Production wraps {@link ServiceLoader}; tests pass a list. The iterator may throw
 * {@link java.util.ServiceConfigurationError} from {@code hasNext} or {@code next} for one broken registration; the
 * loader isolates it and goes on with the others.
 */
@FunctionalInterface
public interface ComponentLoader {

    Iterator<ReplicationEngineProvider> providers();

    /** The providers registered in {@code META-INF/services} visible to {@code classLoader}. */
    static ComponentLoader serviceLoader(ClassLoader classLoader) {
        return () -> ServiceLoader.load(ReplicationEngineProvider.class, classLoader).iterator();
    }
}
