package org.replprov.providers.dfsr;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import org.replprov.cim.Guids;
import org.replprov.engine.spi.ReplicationMode;
import org.replprov.engine.spi.SyncResults;
import org.replprov.state.StateStoreException;
import org.replprov.time.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The book of timed overrides: which are active, when each ends, which must be sent to an engine again after a
 * restart. It saves every change and runs a timer per override; it never calls an engine itself, so no engine call
 * ever happens under its lock. When an override ends (its time is up, or a Sync Until In-Sync override saw its
 * connection in sync), {@code onEnd} receives it and reverts the engine to the configured schedule.
 */
final class Overrides {

    private static final Logger log = LoggerFactory.getLogger(Overrides.class);

    private final DfsrTables store;
    private final Scheduler scheduler;
    private final Consumer<ScheduleOverride> onEnd;

    private final Map<ScheduleOverride.Key, ScheduleOverride> active = new HashMap<>();
    private final Map<ScheduleOverride.Key, Scheduler.Cancellable> timers = new HashMap<>();
    /** Restored from the database and not yet sent to the engine again. */
    private final Set<ScheduleOverride.Key> unsent = new HashSet<>();
    /** Ended while the provider was down or while its connection was unknown: the engine still needs the revert. */
    private final Map<ScheduleOverride.Key, ScheduleOverride> unreverted = new HashMap<>();

    Overrides(DfsrTables store, Scheduler scheduler, Consumer<ScheduleOverride> onEnd) {
        this.store = store;
        this.scheduler = scheduler;
        this.onEnd = onEnd;
    }

    /** Loads the saved overrides: live ones resume their remaining time; ended ones wait to be reverted. */
    synchronized void restore() {
        Instant now = scheduler.now();
        for (ScheduleOverride o : store.overrides()) {
            if (o.end().isAfter(now)) {
                active.put(o.key(), o);
                unsent.add(o.key());
                schedule(o);
                log.info("Override {} resumed: {} left", describe(o), o.remaining(now));
            } else {
                unreverted.put(o.key(), o);
                delete(o.key());
                log.info("Override {} ended at {} while the provider was down", describe(o), o.end());
            }
        }
    }

    /** Records an override the engine has accepted, replacing the one with the same key. */
    synchronized void put(ScheduleOverride o) {
        cancelTimer(o.key());
        active.put(o.key(), o);
        unsent.remove(o.key());
        unreverted.remove(o.key());
        try {
            store.saveOverride(o);
        } catch (StateStoreException e) {
            log.error("Could not save override {}: it will not survive a restart: {}", describe(o), e.getMessage());
        }
        schedule(o);
        log.info("Override {} set until {}", describe(o), o.end());
    }

    /** Removes and returns every override of the connection (Mode 1 cancels them all). */
    synchronized List<ScheduleOverride> removeAll(UUID connection) {
        List<ScheduleOverride> removed = new ArrayList<>();
        for (ScheduleOverride o : List.copyOf(active.values())) {
            if (o.connectionGuid().equals(connection)) {
                forget(o.key());
                removed.add(o);
            }
        }
        unreverted.keySet().removeIf(k -> k.connectionGuid().equals(connection));
        return removed;
    }

    synchronized List<ScheduleOverride> of(UUID connection) {
        return active.values().stream().filter(o -> o.connectionGuid().equals(connection)).toList();
    }

    synchronized Optional<ScheduleOverride> get(ScheduleOverride.Key key) {
        return Optional.ofNullable(active.get(key));
    }

    /**
     * The connection was reported: returns the overrides to send to its engine again (restored after a restart) and
     * the ended ones to revert; ends Sync Until In-Sync overrides whose connection has synchronized since they began.
     */
    synchronized Pending reported(UUID connection, SyncResults results) {
        List<ScheduleOverride> resend = new ArrayList<>();
        for (ScheduleOverride.Key k : List.copyOf(unsent)) {
            if (k.connectionGuid().equals(connection)) {
                unsent.remove(k);
                resend.add(active.get(k));
            }
        }
        List<ScheduleOverride> revert = new ArrayList<>();
        for (ScheduleOverride o : List.copyOf(unreverted.values())) {
            if (o.connectionGuid().equals(connection)) {
                unreverted.remove(o.key());
                revert.add(o);
            }
        }
        Instant synced = results.lastSuccessfulSyncTime();
        for (ScheduleOverride o : List.copyOf(active.values())) {
            if (o.connectionGuid().equals(connection) && o.mode() == ReplicationMode.SYNC_UNTIL_IN_SYNC
                    && synced != null && synced.isAfter(o.start())) {
                log.info("Override {} ended early: the connection is in sync since {}", describe(o), synced);
                forget(o.key());
                resend.remove(o);
                revert.add(o);
            }
        }
        return new Pending(resend, revert);
    }

    /** Overrides to send again and ended overrides to revert. */
    record Pending(List<ScheduleOverride> resend, List<ScheduleOverride> revert) {
        boolean isEmpty() {
            return resend.isEmpty() && revert.isEmpty();
        }
    }

    /** The revert of an ended override could not reach its engine; it is retried when the connection is reported. */
    synchronized void revertLater(ScheduleOverride o) {
        unreverted.put(o.key(), o);
    }

    /**
     * The connection is gone; its overrides go with it, from the state database at once (the connection's own row is
     * written behind, and a connection removed and reported again before it is written must not keep old overrides).
     */
    synchronized void dropConnection(UUID connection) {
        for (ScheduleOverride o : List.copyOf(active.values())) {
            if (o.connectionGuid().equals(connection)) {
                forget(o.key());
            }
        }
        unreverted.keySet().removeIf(k -> k.connectionGuid().equals(connection));
    }

    private void schedule(ScheduleOverride o) {
        timers.put(o.key(), scheduler.schedule(o.end(), () -> expire(o)));
    }

    private void expire(ScheduleOverride o) {
        synchronized (this) {
            if (!o.equals(active.get(o.key()))) {
                return; // replaced or cancelled meanwhile
            }
            forget(o.key());
            log.info("Override {} ended: the configured schedule applies again", describe(o));
        }
        onEnd.accept(o);
    }

    private void forget(ScheduleOverride.Key key) {
        cancelTimer(key);
        active.remove(key);
        unsent.remove(key);
        delete(key);
    }

    private void cancelTimer(ScheduleOverride.Key key) {
        Scheduler.Cancellable t = timers.remove(key);
        if (t != null) {
            t.cancel();
        }
    }

    private void delete(ScheduleOverride.Key key) {
        try {
            store.deleteOverride(key);
        } catch (StateStoreException e) {
            log.error("Could not delete an ended override of {}: {}", Guids.format(key.connectionGuid()),
                    e.getMessage());
        }
    }

    static String describe(ScheduleOverride o) {
        return o.mode().displayName() + " at " + o.bandwidth().symbol() + " on connection "
                + Guids.format(o.connectionGuid())
                + o.replicatedFolder().map(f -> " folder " + Guids.format(f)).orElse("");
    }
}
