package org.replprov.engine;

import java.util.Objects;
import java.util.regex.Pattern;

import org.replprov.config.ConfigNode;

/**
 * One engine instance of the configuration ({@code engines: { <name>: { type: <type>, ...settings } }}): its name,
 * the adapter it runs ({@link org.replprov.engine.spi.ReplicationEngineProvider#name()}) and its settings, which are
 * the instance's other keys, kept as a {@link ConfigNode} so that the engine's errors point at the key at fault.
 *
 * @param name unique among the instances; it labels the instance in logs, metrics and errors and names its state
 *     directory ({@code <stateDirectory>/engines/<name>}), hence {@link #NAME}
 * @param type the adapter's name
 * @param settings the instance's keys without {@code type}; absent when the instance is the default one
 */
public record EngineInstance(String name, String type, ConfigNode settings) {

    /**
     * What an instance name may be: it becomes a metric label value and a path segment. Letters, digits, '_', '.' and
     * '-', at most 64; not only dots, which would name the directory itself or its parent.
     */
    public static final Pattern NAME = Pattern.compile("(?!\\.+$)[A-Za-z0-9_.-]{1,64}");

    public EngineInstance {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(settings, "settings");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("engine instance name '" + name + "' is not " + NAME);
        }
    }
}
