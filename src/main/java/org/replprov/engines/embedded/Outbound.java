package org.replprov.engines.embedded;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.replprov.drsr.DsTime;
import org.replprov.drsr.ReplicaFlags;
import org.replprov.drsr.RepsTo;
import org.replprov.drsr.Win32Error;
import org.replprov.engine.spi.ConnectionFailure;
import org.replprov.engine.spi.EngineError;
import org.replprov.engine.spi.Link;
import org.replprov.engine.spi.Observer;
import org.replprov.engine.spi.Scope;
import org.replprov.engine.spi.RepsToEntry;
import org.replprov.engine.spi.RepsToStore;
import org.replprov.engines.embedded.peer.PeerClient;
import org.replprov.engines.embedded.peer.PeerProtocol;
import org.replprov.engines.embedded.peer.PeerRefusal;
import org.replprov.engines.embedded.store.Downstream;
import org.replprov.engines.embedded.store.EmbeddedDatabase;
import org.replprov.log.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The downstream partners of the local member: its repsTo list (MS-DRSR §5.173, kept as {@code REPS_TO} values) and
 * the outbound connections that go with it.
 *
 * <ul>
 *   <li>A downstream's announcement adds its entry (naDsa: its address; uuidDsa: its member GUID; options: what it
 *       asks for, within the options a RepsTo keeps) or updates the address, options and token of the entry with
 *       its GUID, keeping the notification results — as IDL_DRSUpdateRefs with DRS_ADD_REF | DRS_DEL_REF matches by
 *       GUID (MS-DRSR §4.1.26; Samba does the same). The outbound connection appears (or comes back Online).</li>
 *   <li>When the local content changes, every entry without DRS_NEVER_NOTIFY is notified, and the result recorded as
 *       MS-ADTS §3.1.1.5.1.6 describes: timeLastAttempt and resultLastAttempt always; timeLastSuccess and
 *       consecutiveFailures reset on success, else the count goes up. Every result is saved, as Samba does.</li>
 *   <li>An entry whose downstream has not announced itself for the outbound idle time is removed with its outbound
 *       connection, as DFSR drops an outbound connection after 12 idle hours.</li>
 * </ul>
 *
 * <p>Every change also goes to the {@link RepsToStore} the daemon serves as ReplProv_RepsTo, under the naming context
 * {@code CN=<group>,CN=DFSR-GlobalSettings,CN=System} (where DFSR keeps a replication group's objects in Active
 * Directory).
 */
final class Outbound implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Outbound.class);

    /** Failed notifications in a row before the outbound connection is In Error. */
    static final int RETRIES = 3;

    private final EmbeddedSettings settings;
    private final EmbeddedDatabase db;
    private final Optional<RepsToStore> store;
    private final String namingContext;
    private final Observer observer;
    private final List<Scope> scopes;
    private final ExecutorService events;
    private final Clock clock;
    private final PeerClient client;
    private final ExecutorService notifier;
    private final ScheduledExecutorService timer;
    private final Map<UUID, Downstream> entries = new LinkedHashMap<>();
    private final Map<UUID, Reporter> reporters = new HashMap<>();

    Outbound(EmbeddedSettings settings, EmbeddedDatabase db, Optional<RepsToStore> store, Observer observer,
             ExecutorService events, Clock clock, PeerClient client) {
        this.settings = settings;
        this.db = db;
        this.store = store;
        this.namingContext = "CN=" + settings.group().name() + ",CN=DFSR-GlobalSettings,CN=System";
        this.observer = observer;
        this.scopes = settings.folders().values().stream().map(f -> Scope.folder(f.guid(), f.name())).toList();
        this.events = events;
        this.clock = clock;
        this.client = client;
        this.notifier = Executors.newSingleThreadExecutor(r -> daemon(r, "outbound-notify"));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "outbound-expiry"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Reports the saved entries' outbound connections (Offline, as the provider restores them, until their
     * downstreams announce themselves again) and starts looking for idle ones.
     */
    synchronized void start() throws IOException {
        for (Downstream e : db.repsTo(settings.group().guid()).values()) {
            entries.put(e.memberGuid(), e);
            reporter(e, Reporter.Phase.OFFLINE).reportLink();
        }
        store.ifPresent(s -> s.replace(namingContext, entries.values().stream().map(Downstream::repsTo).toList()));
        Duration idle = settings.peer().outboundIdleTime();
        long every = Math.max(100, Math.min(Duration.ofMinutes(1).toMillis(), idle.toMillis() / 4));
        timer.scheduleWithFixedDelay(this::expire, every, every, TimeUnit.MILLISECONDS);
        if (!entries.isEmpty()) {
            log.info("{} downstream partner(s) in the repsTo list of {}: {}", entries.size(),
                    settings.group().name(), entries.values());
        }
    }

    synchronized List<Downstream> entries() {
        return List.copyOf(entries.values());
    }

    synchronized boolean isEmpty() {
        return entries.isEmpty();
    }

    /** A downstream announced its inbound connection from this member. */
    synchronized PeerProtocol.AnnounceReply announced(PeerProtocol.Announce a) throws PeerRefusal {
        if (!a.groupGuid().equals(settings.group().guid())) {
            throw PeerRefusal.unrecognized("member " + settings.member().name() + " is not in replication group "
                    + a.group() + " (" + a.groupGuid() + "); it replicates " + settings.group().name());
        }
        ReplicaFlags options;
        try {
            options = EmbeddedSettings.replicaFlags(String.join(" ", a.options()));
        } catch (IllegalArgumentException e) {
            throw PeerRefusal.unrecognized("unknown DRS option in " + a.options());
        }
        options = options.retainAll(RepsTo.PRESERVED_OPTIONS);
        Downstream old = entries.get(a.memberGuid());
        RepsTo r = old == null
                ? new RepsTo(a.address(), a.memberGuid(), options, Win32Error.ERROR_SUCCESS, 0, DsTime.NEVER,
                        DsTime.NEVER)
                : new RepsTo(a.address(), a.memberGuid(), options, old.repsTo().resultLastAttempt(),
                        old.repsTo().consecutiveFailures(), old.repsTo().timeLastAttempt(),
                        old.repsTo().timeLastSuccess());
        Downstream e = new Downstream(r, a.connectionGuid(), a.member(), a.notifyToken(), clock.instant());
        try {
            save(e);
        } catch (IOException ex) {
            throw PeerRefusal.internal("the announcement cannot be recorded: " + ex.getMessage());
        }
        Reporter reporter = reporters.get(a.memberGuid());
        if (old == null || reporter == null || !old.connectionGuid().equals(a.connectionGuid())) {
            if (reporter != null && old != null) {
                reporter.removed(); // the downstream made a new connection: the old one is gone
            }
            log.info("Downstream {} ({}) announced itself from {}: added to the repsTo list with {}",
                    LogSafe.of(a.member()), a.memberGuid(), LogSafe.of(a.address()), r.optionNames());
            reporter(e, Reporter.Phase.ONLINE).reportLink(); // a new outbound connection starts Online
        } else {
            reporter.reportLink(); // activity
            reporter.online();
        }
        return new PeerProtocol.AnnounceReply(PeerProtocol.VERSION, settings.member().guid(),
                settings.member().name());
    }

    /** The local content changed: notify every entry that wants it (in the background). */
    void changed() {
        notifier.submit(() -> {
            for (Downstream e : entries()) {
                if (e.repsTo().options().contains(ReplicaFlags.Flag.DRS_NEVER_NOTIFY)) {
                    continue;
                }
                try {
                    notify(e);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        });
    }

    private void notify(Downstream e) throws InterruptedException {
        Win32Error result = client.notify(URI.create(e.repsTo().naDsa()), new PeerProtocol.Notify(
                PeerProtocol.VERSION, settings.group().guid(), settings.member().guid(), e.connectionGuid(),
                e.notifyToken()));
        synchronized (this) {
            Downstream current = entries.get(e.memberGuid());
            if (current == null) {
                return; // expired meanwhile
            }
            DsTime now = DsTime.of(clock.instant());
            RepsTo r = current.repsTo();
            boolean ok = result.code() == 0;
            RepsTo updated = new RepsTo(r.naDsa(), r.uuidDsa(), r.options(), result,
                    ok ? 0 : r.consecutiveFailures() + 1, now, ok ? now : r.timeLastSuccess());
            Downstream saved = current.withRepsTo(updated);
            try {
                save(saved);
            } catch (IOException ex) {
                log.error("Cannot save the notification result of {}: {}", LogSafe.of(e.memberName()), ex.getMessage());
            }
            Reporter reporter = reporters.get(e.memberGuid());
            if (ok) {
                log.debug("Notified {} at {}", LogSafe.of(e.memberName()), LogSafe.of(r.naDsa()));
                reporter.online();
            } else {
                log.warn("Notifying downstream {} at {} failed ({} in a row): {}", LogSafe.of(e.memberName()),
                        LogSafe.of(r.naDsa()), updated.consecutiveFailures(), LogSafe.of(result));
                reporter.failed((int) Math.min(Integer.MAX_VALUE, updated.consecutiveFailures()),
                        new EngineError(ConnectionFailure.SERVICE_UNREACHABLE, EngineError.CodeSpace.WIN32,
                                Integer.toUnsignedLong(result.code()), result.toString()));
            }
        }
    }

    /** Removes entries (and their outbound connections) idle longer than the outbound idle time. */
    synchronized void expire() {
        Instant cutoff = clock.instant().minus(settings.peer().outboundIdleTime());
        for (Downstream e : List.copyOf(entries.values())) {
            if (e.lastSeen().isBefore(cutoff)) {
                try {
                    db.deleteRepsTo(settings.group().guid(), e.memberGuid());
                } catch (IOException ex) {
                    log.warn("Cannot remove the repsTo entry of {}: {}", LogSafe.of(e.memberName()), ex.getMessage());
                    continue;
                }
                entries.remove(e.memberGuid());
                store.ifPresent(s -> s.remove(namingContext, e.memberGuid()));
                reporters.remove(e.memberGuid()).removed();
                log.info("Downstream {} has not announced itself since {}: removed from the repsTo list with its "
                        + "outbound connection", LogSafe.of(e.memberName()), e.lastSeen());
            }
        }
    }

    private void save(Downstream e) throws IOException {
        db.saveRepsTo(settings.group().guid(), e);
        entries.put(e.memberGuid(), e);
        store.ifPresent(s -> s.put(new RepsToEntry(namingContext, e.repsTo())));
    }

    private Reporter reporter(Downstream e, Reporter.Phase initial) {
        Reporter r = new Reporter(link(e), "Outbound connection " + settings.member().name() + " -> "
                + e.memberName(), initial, RETRIES, observer, events);
        reporters.put(e.memberGuid(), r);
        return r;
    }

    /** An outbound link exists while its downstream announces itself: on demand (DfsrConnectionInfo Remarks). */
    private Link link(Downstream e) {
        return new Link(e.connectionGuid(), settings.member().guid(), settings.member().name(),
                e.memberGuid(), e.memberName(), settings.group().guid(), settings.group().name(), false, true,
                scopes);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        notifier.shutdownNow();
    }
}
