package org.replprov.engine.spi;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import org.replprov.config.ConfigNode;
import org.replprov.time.Scheduler;

/**
 * What an engine instance is created with.
 *
 * @param instance the instance's name in the configuration ({@code engines.<instance>}): unique, it labels the
 *     instance in logs, metrics and errors
 * @param type the adapter's name ({@link ReplicationEngineProvider#name()}) the configuration chose
 * @param settings the instance's own keys ({@code type} taken out), as written: an engine reads them with the
 *     {@link ConfigNode} accessors and refuses a value with {@link ConfigNode#error}, which names the file, line,
 *     column and key. Absent (every key absent) for the default instance of a configuration without engines.
 * @param stateDirectory the instance's own directory, {@code <daemon stateDirectory>/engines/<instance>}, created
 *     by the caller: where the engine keeps what must survive a restart
 * @param scheduler the clock every timestamp the engine reports must come from ({@link Scheduler#clock()}), and a
 *     timer; tests hand one whose time moves when they say so
 * @param repsToStore the store an engine that notifies partners keeps its repsTo values in, when the
 *     ReplProv_RepsTo provider is served; null when nobody reads repsTo values
 */
public record EngineContext(String instance, String type, ConfigNode settings, Path stateDirectory,
                            Scheduler scheduler, RepsToStore repsToStore) {

    public EngineContext {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(stateDirectory, "stateDirectory");
        Objects.requireNonNull(scheduler, "scheduler");
    }

    /** The repsTo store to fill, when there is one. */
    public Optional<RepsToStore> repsTo() {
        return Optional.ofNullable(repsToStore);
    }
}
