package org.replprov.state;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.replprov.drsr.RepsTo;
import org.replprov.engine.spi.RepsToEntry;
import org.replprov.engine.spi.RepsToListener;
import org.replprov.engine.spi.RepsToStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link RepsToStore} engine adapters fill: the values in memory, in naming-context then partner-GUID order, and,
 * when created {@linkplain #writingThrough over a state database}, each change written to it as a {@code REPS_TO}
 * blob so that the values survive a restart.
 *
 * <p>Changes are serialised: listeners hear of them one at a time, in order, on the thread that made them, and
 * {@link #repsTo()} never sees a change half made. Putting a value equal to the one held is no change. A failed write
 * to the database is logged and the value kept in memory: a monitoring store serves what it knows rather than stop.
 *
 * <p>The state database belongs to the caller, who closes it.
 */
public final class InMemoryRepsToStore implements RepsToStore {

    private static final Logger log = LoggerFactory.getLogger(InMemoryRepsToStore.class);

    /** By naming context, then by GUID as written ({@link UUID#compareTo} compares signed halves, which reads oddly). */
    private static final Comparator<RepsToEntry.Key> ORDER = Comparator.comparing(RepsToEntry.Key::namingContext)
            .thenComparing(k -> k.uuidDsa().toString());

    private final StateStore state;
    private final Map<RepsToEntry.Key, RepsToEntry> entries = new TreeMap<>(ORDER);
    private final List<RepsToListener> listeners = new CopyOnWriteArrayList<>();

    private InMemoryRepsToStore(StateStore state, List<RepsToEntry> saved) {
        this.state = state;
        saved.forEach(e -> entries.put(e.key(), e));
    }

    /** A store that lives as long as the process. */
    public static InMemoryRepsToStore create() {
        return new InMemoryRepsToStore(null, List.of());
    }

    /**
     * A store that starts with the values {@code state} holds and writes every change to it.
     *
     * @throws org.replprov.config.ConfigurationException when a saved value is damaged
     */
    public static InMemoryRepsToStore writingThrough(StateStore state) {
        return new InMemoryRepsToStore(Objects.requireNonNull(state, "state"), state.repsTo());
    }

    @Override
    public synchronized List<RepsToEntry> repsTo() {
        return List.copyOf(entries.values());
    }

    @Override
    public void addListener(RepsToListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeListener(RepsToListener listener) {
        listeners.remove(listener);
    }

    @Override
    public synchronized void put(RepsToEntry entry) {
        RepsToEntry before = entries.put(entry.key(), entry);
        changed(before, entry);
    }

    @Override
    public synchronized boolean remove(String namingContext, UUID uuidDsa) {
        RepsToEntry before = entries.remove(new RepsToEntry.Key(namingContext, uuidDsa));
        changed(before, null);
        return before != null;
    }

    @Override
    public synchronized void replace(String namingContext, List<RepsTo> values) {
        Map<RepsToEntry.Key, RepsToEntry> wanted = new TreeMap<>(ORDER);
        for (RepsTo value : values) {
            RepsToEntry entry = new RepsToEntry(namingContext, value);
            if (wanted.put(entry.key(), entry) != null) {
                throw new IllegalArgumentException(namingContext + " cannot hold two repsTo values for partner "
                        + value.uuidDsa());
            }
        }
        String nc = RepsToEntry.Key.fold(namingContext);
        List<RepsToEntry> gone = new ArrayList<>();
        entries.forEach((key, entry) -> {
            if (key.namingContext().equals(nc) && !wanted.containsKey(key)) {
                gone.add(entry);
            }
        });
        for (RepsToEntry entry : gone) {
            entries.remove(entry.key());
            changed(entry, null);
        }
        wanted.values().forEach(this::put);
    }

    /** Writes a change through and tells the listeners; called under the lock, so changes leave in order. */
    private void changed(RepsToEntry before, RepsToEntry after) {
        if (Objects.equals(before, after)) {
            return;
        }
        if (state != null) {
            try {
                if (after != null) {
                    state.saveRepsTo(after);
                } else {
                    state.deleteRepsTo(before.key());
                }
            } catch (StateStoreException e) {
                log.error("A repsTo value of {} is kept in memory only: {}", (after != null ? after : before)
                        .namingContext(), e.getMessage());
            }
        }
        for (RepsToListener listener : listeners) {
            try {
                listener.repsToChanged(before, after);
            } catch (RuntimeException e) {
                log.error("A repsTo listener failed", e);
            }
        }
    }
}
