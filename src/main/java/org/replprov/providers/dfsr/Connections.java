package org.replprov.providers.dfsr;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.replprov.cim.Guids;
import org.replprov.engine.spi.ConnectionFailure;
import org.replprov.engine.spi.ConnectionSnapshot;
import org.replprov.engine.spi.ConnectionTrigger;
import org.replprov.engine.spi.SyncResults;
import org.replprov.log.LogSafe;
import org.replprov.state.StateStore;
import org.replprov.state.StateStoreException;
import org.replprov.state.StoredConnection;
import org.replprov.time.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections the provider knows, and every rule about how they change: reports merge into them, triggers move
 * their state along {@link ConnectionState#TRANSITIONS} (anything else is refused and logged), an engine failure puts
 * the engine's connections In Error, idle outbound connections expire. Each change is saved to the state database and
 * passed to {@link Changes}.
 *
 * <p>Reads are lock-free (queries never wait for a change); changes are serialized.
 */
final class Connections {

    private static final Logger log = LoggerFactory.getLogger(Connections.class);

    /** Receives each change; {@code before} is null for a new connection, {@code after} null for a removed one. */
    @FunctionalInterface
    interface Changes {
        void changed(Connection before, Connection after);
    }

    private final Map<UUID, Connection> byGuid = new ConcurrentHashMap<>();
    /** Saved connections no engine has reported since start-up: their first-seen time and sync results wait here. */
    private final Map<UUID, StoredConnection> remembered = new HashMap<>();
    private final StateStore store;
    private final Scheduler scheduler;
    private final Changes changes;

    Connections(StateStore store, Scheduler scheduler, Changes changes) {
        this.store = store;
        this.scheduler = scheduler;
        this.changes = changes;
    }

    /**
     * Loads the saved connections. Outbound ones come back as instances at once, in the initial state, so that their
     * idle expiry runs across restarts; inbound ones appear when their engine reports them, with the saved values.
     */
    synchronized void restore() {
        for (StoredConnection sc : store.connections().values()) {
            if (sc.snapshot().inbound()) {
                remembered.put(sc.snapshot().connectionGuid(), sc);
            } else {
                Connection c = new Connection(sc.snapshot(), null, ConnectionState.INITIAL, null, false,
                        sc.firstSeen(), sc.lastActivity());
                byGuid.put(c.guid(), c);
            }
        }
    }

    Optional<Connection> get(UUID guid) {
        return Optional.ofNullable(byGuid.get(guid));
    }

    Collection<Connection> all() {
        return byGuid.values();
    }

    int size() {
        return byGuid.size();
    }

    /** Runs {@code read} while no change can be made, so that what it reads of {@link #all()} is one moment's state. */
    synchronized void whileUnchanged(Runnable read) {
        read.run();
    }

    /**
     * A connection as {@code engine} reports it. A new inbound connection starts in the initial state (Offline); a new
     * outbound one starts Online, because outbound connections exist only once the partner has connected.
     */
    synchronized Connection report(String engine, ConnectionSnapshot reported) {
        Instant now = scheduler.now();
        Connection before = byGuid.get(reported.connectionGuid());
        if (before != null && before.engine() != null && !before.engine().equals(engine)) {
            log.warn("Refused report of connection {} from engine '{}': engine '{}' reports it",
                    Guids.format(reported.connectionGuid()), engine, before.engine());
            return before;
        }
        Connection after;
        if (before == null) {
            StoredConnection saved = remembered.remove(reported.connectionGuid());
            Instant firstSeen = saved == null ? now : saved.firstSeen();
            ConnectionSnapshot s = saved == null ? reported
                    : reported.withSyncResults(merge(saved.snapshot().syncResults(), reported.syncResults()));
            ConnectionState initial = s.inbound() ? ConnectionState.INITIAL : ConnectionState.ONLINE;
            after = new Connection(s, engine, initial, null, initial == ConnectionState.ONLINE, firstSeen, now);
            log.info("Connection {} appeared: {} {} {} in group {} ({}), engine '{}'", Guids.format(after.guid()),
                    LogSafe.of(s.memberName()), s.inbound() ? "<-" : "->", LogSafe.of(s.partnerName()),
                    LogSafe.of(s.replicationGroupName()),
                    initial.displayName(), engine);
        } else {
            ConnectionSnapshot s = reported.withSyncResults(
                    merge(before.snapshot().syncResults(), reported.syncResults()));
            after = before.withSnapshot(s, engine, now);
        }
        byGuid.put(after.guid(), after);
        if (before == null || !before.snapshot().equals(after.snapshot())) {
            save(after);
        } else if (!after.inbound()) {
            touch(after);
        }
        changes.changed(before, after);
        return after;
    }

    /** Engines report what they know; a time they do not know (null) keeps the one we have. */
    private static SyncResults merge(SyncResults known, SyncResults reported) {
        boolean newSuccess = reported.lastSuccessfulSyncTime() != null;
        return new SyncResults(
                reported.lastSyncTime() != null ? reported.lastSyncTime() : known.lastSyncTime(),
                newSuccess ? reported.lastSyncDuration() : known.lastSyncDuration(),
                newSuccess ? reported.lastSuccessfulSyncTime() : known.lastSuccessfulSyncTime(),
                reported.nextSyncTime() != null ? reported.nextSyncTime() : known.nextSyncTime());
    }

    /**
     * Moves the connection along the arrow labelled {@code trigger}; refuses (and logs) a trigger that has no arrow
     * from the current state, for an unknown connection, or from an engine that does not report the connection.
     *
     * @return the connection after the change, or empty when the trigger was refused
     */
    synchronized Optional<Connection> trigger(String engine, UUID guid, ConnectionTrigger trigger,
                                              ConnectionFailure failure) {
        Connection before = byGuid.get(guid);
        if (before == null) {
            log.warn("Refused {} for unknown connection {} from engine '{}'", trigger, Guids.format(guid), engine);
            return Optional.empty();
        }
        if (before.engine() != null && !before.engine().equals(engine)) {
            log.warn("Refused {} for connection {} from engine '{}': engine '{}' reports it", trigger,
                    Guids.format(guid), engine, before.engine());
            return Optional.empty();
        }
        Optional<ConnectionState> to = before.state().after(trigger);
        if (to.isEmpty()) {
            log.warn("Refused {} for connection {} ({} {}): no transition from {}; the state stays {}", trigger,
                    Guids.format(guid), LogSafe.of(before.snapshot().memberName()),
                    LogSafe.of(before.snapshot().partnerName()),
                    before.state().displayName(), before.state().displayName());
            return Optional.empty();
        }
        ConnectionFailure cause = trigger == ConnectionTrigger.RETRIES_EXHAUSTED
                ? (failure == null ? ConnectionFailure.CONNECTION_ERROR : failure) : null;
        Connection after = before.inState(to.get(), cause, scheduler.now());
        if (engine != null && before.engine() == null) {
            after = after.withSnapshot(after.snapshot(), engine, after.lastActivity());
        }
        logTransition(before, after, trigger.name());
        byGuid.put(guid, after);
        if (!after.inbound()) {
            touch(after);
        }
        changes.changed(before, after);
        return Optional.of(after);
    }

    /**
     * The engine failed (a call timed out or it broke): every connection it reports goes In Error with
     * SERVICE_UNREACHABLE, from whatever state. This is the provider's judgement, not an engine's report, so it is
     * not subject to the diagram; the engine's next SERVICE_RETRY leads out of it.
     */
    synchronized void engineFailed(String engine, String why) {
        List<Connection> affected = byGuid.values().stream()
                .filter(c -> engine.equals(c.engine()) && c.state() != ConnectionState.IN_ERROR).toList();
        if (!affected.isEmpty()) {
            log.error("Engine '{}' failed ({}); its {} connection(s) are In Error until it retries", engine,
                    LogSafe.of(why), affected.size());
        }
        for (Connection before : affected) {
            Connection after = before.inState(ConnectionState.IN_ERROR, ConnectionFailure.SERVICE_UNREACHABLE,
                    before.lastActivity());
            byGuid.put(after.guid(), after);
            changes.changed(before, after);
        }
    }

    /** Removes a connection the engine no longer has. */
    synchronized void remove(String engine, UUID guid) {
        Connection before = byGuid.get(guid);
        if (before == null || (before.engine() != null && !before.engine().equals(engine))) {
            log.warn("Refused removal of connection {} from engine '{}': {}", Guids.format(guid), engine,
                    before == null ? "unknown connection" : "engine '" + before.engine() + "' reports it");
            return;
        }
        delete(before, "removed by engine '" + engine + "'");
    }

    /** Removes the outbound connections idle since before {@code cutoff}; returns them. */
    synchronized List<Connection> expireOutbound(Instant cutoff) {
        List<Connection> idle = byGuid.values().stream()
                .filter(c -> !c.inbound() && !c.lastActivity().isAfter(cutoff)).toList();
        for (Connection c : idle) {
            delete(c, "idle since " + c.lastActivity());
        }
        return idle;
    }

    /** The earliest last activity among outbound connections, when there are any. */
    Optional<Instant> oldestOutboundActivity() {
        return byGuid.values().stream().filter(c -> !c.inbound()).map(Connection::lastActivity)
                .min(Instant::compareTo);
    }

    private void delete(Connection c, String why) {
        byGuid.remove(c.guid());
        log.info("Connection {} ({} {} {}) removed: {}", Guids.format(c.guid()), LogSafe.of(c.snapshot().memberName()),
                c.inbound() ? "<-" : "->", LogSafe.of(c.snapshot().partnerName()), why);
        try {
            store.deleteConnection(c.guid());
        } catch (StateStoreException e) {
            log.error("Could not forget connection {}: {}", Guids.format(c.guid()), e.getMessage());
        }
        changes.changed(c, null);
    }

    private void logTransition(Connection before, Connection after, String trigger) {
        if (after.state() == ConnectionState.IN_ERROR) {
            log.warn("Connection {} ({} {}) {} -> In Error on {}: {} (event {})", Guids.format(after.guid()),
                    LogSafe.of(after.snapshot().memberName()), LogSafe.of(after.snapshot().partnerName()),
                    before.state().displayName(),
                    trigger, after.failure(), after.failure().eventId());
        } else if (log.isDebugEnabled()) {
            log.debug("Connection {} {} -> {} on {}", Guids.format(after.guid()), before.state().displayName(),
                    after.state().displayName(), trigger);
        }
    }

    private void save(Connection c) {
        try {
            store.saveConnection(new StoredConnection(c.snapshot(), c.firstSeen(), c.lastActivity()));
        } catch (StateStoreException e) {
            log.error("Could not save connection {}: {}", Guids.format(c.guid()), e.getMessage());
        }
    }

    private void touch(Connection c) {
        try {
            store.touchConnection(c.guid(), c.lastActivity());
        } catch (StateStoreException e) {
            log.error("Could not save the activity of connection {}: {}", Guids.format(c.guid()), e.getMessage());
        }
    }
}
