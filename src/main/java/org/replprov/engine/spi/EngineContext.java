package org.replprov.engine.spi;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an engine is created with: the name it was chosen by, its own settings (the configuration keys under
 * {@code engine.<name>.}, prefix removed), the clock every timestamp it reports must come from, and, when the
 * ReplProv_RepsTo provider is served, the {@link RepsToStore} an engine that notifies partners keeps its repsTo values
 * in.
 *
 * @param repsToStore the store to fill; null when nobody reads repsTo values
 */
public record EngineContext(String name, Map<String, String> settings, Clock clock, RepsToStore repsToStore) {

    public EngineContext {
        Objects.requireNonNull(name, "name");
        settings = Map.copyOf(settings);
        Objects.requireNonNull(clock, "clock");
    }

    /** A context without a repsTo store. */
    public EngineContext(String name, Map<String, String> settings, Clock clock) {
        this(name, settings, clock, null);
    }

    public Optional<String> setting(String key) {
        return Optional.ofNullable(settings.get(key));
    }

    /** The repsTo store to fill, when there is one. */
    public Optional<RepsToStore> repsTo() {
        return Optional.ofNullable(repsToStore);
    }
}
