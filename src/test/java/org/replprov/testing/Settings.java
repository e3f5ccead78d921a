package org.replprov.testing;

import java.util.LinkedHashMap;
import java.util.Map;

import org.replprov.config.ConfigNode;

/**
 * Engine settings written in tests as dotted names ({@code inbound.hub.pollInterval}), turned into the nested
 * mappings a configuration file has, so that a test changes one key with one {@code put}.
 */
public final class Settings {

    private Settings() {
    }

    /** {@code folders.docs.path → x} as {@code folders: {docs: {path: x}}}, in the order given. */
    public static Map<String, Object> nested(Map<String, String> dotted) {
        Map<String, Object> root = new LinkedHashMap<>();
        dotted.forEach((name, value) -> {
            String[] parts = name.split("\\.");
            Map<String, Object> at = root;
            for (int i = 0; i < parts.length - 1; i++) {
                Object next = at.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
                if (!(next instanceof Map)) {
                    throw new IllegalArgumentException(name + ": " + parts[i] + " is a value already");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) next;
                at = m;
            }
            if (at.put(parts[parts.length - 1], value) instanceof Map) {
                throw new IllegalArgumentException(name + " is a mapping already");
            }
        });
        return root;
    }

    /** The settings as an engine instance's configuration node, named {@code test settings} in errors. */
    public static ConfigNode node(Map<String, String> dotted) {
        return ConfigNode.of("test settings", "", nested(dotted));
    }
}
