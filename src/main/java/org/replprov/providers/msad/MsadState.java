package org.replprov.providers.msad;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.replprov.engine.EngineEvents;
import org.replprov.engine.spi.Backlog;
import org.replprov.engine.spi.DirectoryState;
import org.replprov.engine.spi.Observation;

/**
 * The latest {@link DirectoryState} of every directory engine instance, and the backlog each reported per link and
 * naming context: what the MSAD providers and metrics read. A pass replaces the engine's previous state as a whole.
 */
final class MsadState implements EngineEvents {

    /** One engine instance's latest state. */
    record Engine(String name, DirectoryState state) {
    }

    private final Map<String, DirectoryState> states = new ConcurrentHashMap<>();
    private final Map<List<UUID>, Long> backlogs = new ConcurrentHashMap<>();

    @Override
    public void observed(String engine, Observation fact) {
        if (fact instanceof DirectoryState s) {
            states.put(engine, s);
        } else if (fact instanceof Backlog b) {
            backlogs.put(List.of(b.connectionGuid(), b.scopeGuid()), b.items());
        }
    }

    @Override
    public void engineFailed(String engine, String why) {
        // The last state read stays: its times show how old it is.
    }

    /** Every engine's state, by engine name in name order. */
    List<Engine> engines() {
        Map<String, DirectoryState> sorted = new java.util.TreeMap<>(states);
        return sorted.entrySet().stream().map(e -> new Engine(e.getKey(), e.getValue())).toList();
    }

    /** The backlog in USNs an engine reported for a link and naming context. */
    Optional<Long> backlog(UUID connectionGuid, UUID namingContextGuid) {
        return Optional.ofNullable(backlogs.get(List.of(connectionGuid, namingContextGuid)));
    }

    /** Every neighbour of every engine with the engine that reported it. */
    Map<DirectoryState.Neighbor, String> neighbors() {
        Map<DirectoryState.Neighbor, String> all = new LinkedHashMap<>();
        for (Engine e : engines()) {
            e.state().neighbors().forEach(n -> all.put(n, e.name()));
        }
        return all;
    }
}
