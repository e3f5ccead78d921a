package org.replprov.providers.dfsr;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.replprov.cim.Guids;
import org.replprov.engine.spi.ConnectionFailure;
import org.replprov.engine.spi.EngineError;
import org.replprov.engine.spi.Link;
import org.replprov.engine.spi.LinkHealth;
import org.replprov.engine.spi.SyncResults;
import org.replprov.log.LogSafe;
import org.replprov.time.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections the provider knows, and every rule about how they change: link reports merge into them, health
 * reports move their state to the one {@link StateDerivation} derives, along {@link ConnectionState#TRANSITIONS}; an
 * engine failure puts the engine's connections In Error; idle on-demand links expire. Each change is passed to
 * {@link Changes} and handed to the {@link ConnectionWriter}, which saves it to the state database.
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
    private final DfsrTables store;
    private final ConnectionWriter writer;
    private final Scheduler scheduler;
    private final Changes changes;

    Connections(DfsrTables store, Scheduler scheduler, Changes changes) {
        this.store = store;
        this.writer = new ConnectionWriter(store);
        this.scheduler = scheduler;
        this.changes = changes;
    }

    /**
     * Loads the saved connections. On-demand ones come back as instances at once, in the initial state, so that their
     * idle expiry runs across restarts; the others appear when their engine reports them, with the saved values.
     */
    synchronized void restore() {
        for (StoredConnection sc : store.connections().values()) {
            if (!sc.link().onDemand()) {
                remembered.put(sc.link().connectionGuid(), sc);
            } else {
                // Offline until its engine reports it again: nobody knows whether the partner is still there.
                Connection c = new Connection(sc.link(), sc.sync(), sc.engine(), ConnectionState.INITIAL, null, false,
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
     * An inbound link is Offline until its engine reports health (the diagram's initial state); an outbound one is
     * Online, because the engine knows of it only once the partner has connected.
     */
    private static ConnectionState initialState(Link link) {
        return link.inbound() ? ConnectionState.INITIAL : ConnectionState.ONLINE;
    }

    /** A link as {@code engine} reports it: new, or its identity changed, or (on-demand) it was used again. */
    synchronized Connection report(String engine, Link reported) {
        Instant now = scheduler.now();
        Connection before = byGuid.get(reported.connectionGuid());
        if (refusedFrom(engine, before, "report")) {
            return before;
        }
        Connection after;
        if (before == null) {
            StoredConnection saved = remembered.remove(reported.connectionGuid());
            Instant firstSeen = saved == null ? now : saved.firstSeen();
            SyncResults sync = saved == null ? SyncResults.UNKNOWN : saved.sync();
            ConnectionState initial = initialState(reported);
            after = new Connection(reported, sync, engine, initial, null, initial == ConnectionState.ONLINE,
                    firstSeen, now);
            log.info("Connection {} appeared: {} {} {} in group {} ({}), engine '{}'", Guids.format(after.guid()),
                    LogSafe.of(reported.memberName()), reported.inbound() ? "<-" : "->",
                    LogSafe.of(reported.partnerName()), LogSafe.of(reported.replicationGroupName()),
                    initial.displayName(), engine);
        } else {
            after = before.withLink(reported, engine, now);
        }
        byGuid.put(after.guid(), after);
        if (before == null || !sameSaved(before.link(), after.link()) || after.link().onDemand()) {
            writer.save(after);
        }
        changes.changed(before, after);
        return after;
    }

    /** Whether two reports of a link save the same row (scopes are not saved). */
    private static boolean sameSaved(Link a, Link b) {
        return a.equals(new Link(b.connectionGuid(), b.memberGuid(), b.memberName(), b.partnerGuid(), b.partnerName(),
                b.replicationGroupGuid(), b.replicationGroupName(), b.inbound(), b.onDemand(), a.scopes()));
    }

    /**
     * The link's health as {@code engine} reports it: the state is derived from it ({@link StateDerivation}) and
     * reached along the diagram's arrows, one event per arrow; the sync results merge into ours.
     *
     * @return the connection after the change, or empty when the report was refused (unknown link, another engine's)
     */
    synchronized Optional<Connection> health(String engine, LinkHealth health) {
        Connection before = byGuid.get(health.connectionGuid());
        if (before == null) {
            log.warn("Refused health of unknown connection {} from engine '{}'",
                    Guids.format(health.connectionGuid()), engine);
            return Optional.empty();
        }
        if (refusedFrom(engine, before, "health")) {
            return Optional.empty();
        }
        Instant now = scheduler.now();
        Connection at = before;
        if (at.engine() == null) {
            at = at.withLink(at.link(), engine, at.lastActivity());
        }
        SyncResults merged = merge(at.sync(), health.sync());
        if (!merged.equals(at.sync())) {
            at = at.withSync(merged, now);
            writer.save(at);
        }
        ConnectionState target = StateDerivation.state(health);
        EngineError cause = target == ConnectionState.IN_ERROR ? errorOf(health) : null;
        List<ConnectionState.Transition> path = at.state().pathTo(target);
        if (path.isEmpty() && target == ConnectionState.IN_ERROR && !Objects.equals(at.error(), cause)) {
            at = new Connection(at.link(), at.sync(), at.engine(), at.state(), cause, at.everOnline(),
                    at.firstSeen(), now);
        }
        if (path.isEmpty()) {
            if (!at.equals(before)) {
                byGuid.put(at.guid(), at);
                changes.changed(before, at);
            }
            return Optional.of(at);
        }
        Connection previous = before;
        for (ConnectionState.Transition step : path) {
            Connection next = at.inState(step.to(), cause, now);
            logTransition(at, next, step.trigger().name());
            byGuid.put(next.guid(), next);
            changes.changed(previous, next);
            previous = next;
            at = next;
        }
        if (at.link().onDemand()) {
            writer.save(at);
        }
        return Optional.of(at);
    }

    /** The error behind retries exhausted; an engine that gave none is shown as a connection error. */
    private static EngineError errorOf(LinkHealth health) {
        return health.lastError() != null ? health.lastError()
                : EngineError.text(ConnectionFailure.CONNECTION_ERROR, "the engine gave up connecting");
    }

    /** A report about a link another engine reports is refused, so that one engine cannot hide another's. */
    private static boolean refusedFrom(String engine, Connection known, String what) {
        if (known != null && known.engine() != null && !known.engine().equals(engine)) {
            log.warn("Refused {} of connection {} from engine '{}': engine '{}' reports it", what,
                    Guids.format(known.guid()), engine, known.engine());
            return true;
        }
        return false;
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

    /** The next sync time a Stop Sync override sets, whatever the engine says (see the provider's withOverride). */
    synchronized void nextSyncTime(UUID guid, Instant next) {
        Connection before = byGuid.get(guid);
        if (before == null || Objects.equals(before.sync().nextSyncTime(), next)) {
            return;
        }
        SyncResults s = before.sync();
        Connection after = before.withSync(new SyncResults(s.lastSyncTime(), s.lastSyncDuration(),
                s.lastSuccessfulSyncTime(), next), before.lastActivity());
        byGuid.put(guid, after);
        writer.save(after);
        changes.changed(before, after);
    }

    /**
     * The engine failed (its start, a call that timed out, or it broke): every connection it reports goes In Error
     * with SERVICE_UNREACHABLE, from whatever state. This is the provider's judgement, not an engine's fact, so it
     * does not walk the diagram; the engine's next health report leads out of it.
     */
    synchronized void engineFailed(String engine, String why) {
        // The connections it had before the restart and has not reported since show too: saved with its name.
        for (StoredConnection sc : List.copyOf(remembered.values())) {
            if (engine.equals(sc.engine())) {
                remembered.remove(sc.link().connectionGuid());
                Connection c = new Connection(sc.link(), sc.sync(), engine, ConnectionState.INITIAL, null, false,
                        sc.firstSeen(), sc.lastActivity());
                byGuid.put(c.guid(), c);
                changes.changed(null, c);
            }
        }
        List<Connection> affected = byGuid.values().stream()
                .filter(c -> engine.equals(c.engine()) && c.state() != ConnectionState.IN_ERROR).toList();
        if (!affected.isEmpty()) {
            log.error("Engine '{}' failed ({}); its {} connection(s) are In Error until it reports again", engine,
                    LogSafe.of(why), affected.size());
        }
        EngineError error = EngineError.text(ConnectionFailure.SERVICE_UNREACHABLE, why);
        for (Connection before : affected) {
            Connection after = before.inState(ConnectionState.IN_ERROR, error, before.lastActivity());
            byGuid.put(after.guid(), after);
            changes.changed(before, after);
        }
    }

    /** Removes a connection the engine no longer has. */
    synchronized void remove(String engine, UUID guid) {
        Connection before = byGuid.get(guid);
        if (before == null) {
            log.warn("Refused removal of unknown connection {} from engine '{}'", Guids.format(guid), engine);
            return;
        }
        if (!refusedFrom(engine, before, "removal")) {
            delete(before, "removed by engine '" + engine + "'");
        }
    }

    /** Removes the on-demand connections idle since before {@code cutoff}; returns them. */
    synchronized List<Connection> expireOnDemand(Instant cutoff) {
        List<Connection> idle = byGuid.values().stream()
                .filter(c -> c.link().onDemand() && !c.lastActivity().isAfter(cutoff)).toList();
        for (Connection c : idle) {
            delete(c, "idle since " + c.lastActivity());
        }
        return idle;
    }

    /** The earliest last activity among on-demand connections, when there are any. */
    Optional<Instant> oldestOnDemandActivity() {
        return byGuid.values().stream().filter(c -> c.link().onDemand()).map(Connection::lastActivity)
                .min(Instant::compareTo);
    }

    private void delete(Connection c, String why) {
        byGuid.remove(c.guid());
        log.info("Connection {} ({} {} {}) removed: {}", Guids.format(c.guid()), LogSafe.of(c.link().memberName()),
                c.inbound() ? "<-" : "->", LogSafe.of(c.link().partnerName()), why);
        writer.forget(c.guid());
        changes.changed(c, null);
    }

    private void logTransition(Connection before, Connection after, String trigger) {
        if (after.state() == ConnectionState.IN_ERROR) {
            EngineError e = after.error();
            log.warn("Connection {} ({} {}) {} -> In Error on {}: {} (event {}, {} {}): {}", Guids.format(after.guid()),
                    LogSafe.of(after.link().memberName()), LogSafe.of(after.link().partnerName()),
                    before.state().displayName(), trigger, e.event(), e.event().eventId(), e.space(), e.code(),
                    LogSafe.of(e.text()));
        } else if (log.isDebugEnabled()) {
            log.debug("Connection {} {} -> {} on {}", Guids.format(after.guid()), before.state().displayName(),
                    after.state().displayName(), trigger);
        }
    }

    /** Returns once every change made before the call is saved ({@link ConnectionWriter#flush()}). */
    void flush() {
        writer.flush();
    }

    /** Saves what is not saved yet; later changes are saved at once. */
    void close() {
        writer.close();
    }
}
