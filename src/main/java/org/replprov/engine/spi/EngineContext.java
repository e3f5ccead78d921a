package org.replprov.engine.spi;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an engine is created with: the name it was chosen by, its own settings (the configuration keys under
 * {@code engine.<name>.}, prefix removed) and the clock every timestamp it reports must come from.
 */
public record EngineContext(String name, Map<String, String> settings, Clock clock) {

    public EngineContext {
        Objects.requireNonNull(name, "name");
        settings = Map.copyOf(settings);
        Objects.requireNonNull(clock, "clock");
    }

    public Optional<String> setting(String key) {
        return Optional.ofNullable(settings.get(key));
    }
}
