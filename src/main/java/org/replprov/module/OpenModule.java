package org.replprov.module;

import java.util.List;
import java.util.Objects;

import org.replprov.cim.CimName;
import org.replprov.metrics.Collector;
import org.replprov.provider.ObjectManager;
import org.replprov.provider.spi.Provider;

/**
 * A module opened: the providers to register with the object manager, and the metrics it serves, computed from what
 * the object manager answers (so a metric never says what a WQL client could not see).
 */
public interface OpenModule extends AutoCloseable {

    /** One provider for one class of one namespace. */
    record Registration(String namespace, CimName className, Provider provider) {
        public Registration {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(className, "className");
            Objects.requireNonNull(provider, "provider");
        }
    }

    List<Registration> registrations();

    /** The module's metrics, reading through {@code objectManager}; none by default. */
    default List<Collector> metrics(ObjectManager objectManager) {
        return List.of();
    }

    /** Releases what {@link ClassModule#open} took (timers); the object manager closes the providers. */
    @Override
    default void close() {
    }
}
