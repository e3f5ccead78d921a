package org.replprov.engines.syncthing.rest;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code GET /rest/system/status}: who this instance is and since when it runs.
 *
 * @param myId the local device ID
 * @param startTime when this Syncthing process started: a different value means it restarted
 * @param lastDialStatus the last outgoing connection attempt per partner address ({@code tcp://host:port}), with the
 *     dial error when it failed; empty when this version does not report it
 */
public record SystemStatus(String myId, Instant startTime, long uptimeSeconds,
                           Optional<Map<String, DialStatus>> lastDialStatus) {

    public SystemStatus {
        Objects.requireNonNull(myId, "myId");
        Objects.requireNonNull(startTime, "startTime");
        lastDialStatus = lastDialStatus.map(Map::copyOf);
    }

    /** One address's last dial: when, and the error text when it failed. */
    public record DialStatus(Optional<Instant> when, Optional<String> error) {
    }

    static SystemStatus from(Json.Node n) throws Json.Malformed {
        Optional<Map<String, DialStatus>> dials = Optional.empty();
        Optional<Json.Node> d = n.optional("lastDialStatus");
        if (d.isPresent()) {
            Map<String, DialStatus> m = new LinkedHashMap<>();
            for (Map.Entry<String, Json.Node> e : d.get().entries().entrySet()) {
                Json.Node s = e.getValue();
                Optional<Json.Node> when = s.optional("when");
                m.put(e.getKey(), new DialStatus(when.isPresent() ? when.get().time() : Optional.empty(),
                        s.optionalText("error")));
            }
            dials = Optional.of(m);
        }
        Instant start = n.time("startTime").orElseThrow(() -> new Json.Malformed("at /startTime: no start time"));
        return new SystemStatus(n.text("myID"), start, n.integer("uptime"), dials);
    }
}
