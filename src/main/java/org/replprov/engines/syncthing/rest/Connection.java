package org.replprov.engines.syncthing.rest;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One remote device's entry in {@code GET /rest/system/connections}. A paused device reads
 * {@code connected=false, paused=true}; a device not connected has an empty address and version.
 *
 * @param address the partner's address of the current connection ({@code 127.0.0.1:22000}); empty when not connected
 * @param type {@code tcp-client}, {@code tcp-server}, {@code relay-client} …; empty when not connected
 */
public record Connection(String deviceId, boolean connected, boolean paused, String address,
                         Optional<Instant> startedAt, String clientVersion, String type, long inBytesTotal,
                         long outBytesTotal) {

    /** The entries of the answer, without the local device's own entry, which Syncthing lists as well. */
    static Map<String, Connection> from(Json.Node n, String localId) throws Json.Malformed {
        Map<String, Connection> out = new LinkedHashMap<>();
        for (Map.Entry<String, Json.Node> e : n.field("connections").entries().entrySet()) {
            if (e.getKey().equals(localId)) {
                continue;
            }
            Json.Node c = e.getValue();
            out.put(e.getKey(), new Connection(e.getKey(), c.bool("connected"), c.bool("paused"),
                    c.optionalText("address").orElse(""), c.time("startedAt"),
                    c.optionalText("clientVersion").orElse(""), c.optionalText("type").orElse(""),
                    c.integer("inBytesTotal"), c.integer("outBytesTotal")));
        }
        return Map.copyOf(out);
    }
}
