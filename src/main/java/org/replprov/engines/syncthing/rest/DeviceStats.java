package org.replprov.engines.syncthing.rest;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One device's entry in {@code GET /rest/stats/device}.
 *
 * @param lastSeen when the device was last connected; empty for never (the local device always reads never)
 * @param lastConnectionDurationS how long its last connection lasted, in seconds
 */
public record DeviceStats(Optional<Instant> lastSeen, double lastConnectionDurationS) {

    static Map<String, DeviceStats> from(Json.Node n) throws Json.Malformed {
        Map<String, DeviceStats> out = new LinkedHashMap<>();
        for (Map.Entry<String, Json.Node> e : n.entries().entrySet()) {
            Json.Node s = e.getValue();
            Optional<Json.Node> duration = s.optional("lastConnectionDurationS");
            out.put(e.getKey(), new DeviceStats(s.time("lastSeen"),
                    duration.isPresent() ? duration.get().number() : 0));
        }
        return Map.copyOf(out);
    }
}
