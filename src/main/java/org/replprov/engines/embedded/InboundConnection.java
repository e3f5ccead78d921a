package org.replprov.engines.embedded;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.replprov.drsr.ReplicaFlags;
import org.replprov.drsr.Win32Error;
import org.replprov.engine.spi.BandwidthLevel;
import org.replprov.engine.spi.ConnectionFailure;
import org.replprov.engine.spi.EngineError;
import org.replprov.engine.spi.Link;
import org.replprov.engine.spi.Observer;
import org.replprov.engine.spi.EngineException;
import org.replprov.engine.spi.ReplicationMode;
import org.replprov.engine.spi.SyncResults;
import org.replprov.engine.spi.SyncSession;
import org.replprov.engine.spi.Uid;
import org.replprov.engines.embedded.mirror.SyncReport;
import org.replprov.engines.embedded.schedule.Schedule;
import org.replprov.engines.embedded.schedule.ScheduleSyntax;
import org.replprov.engines.embedded.schedule.Throttle;
import org.replprov.engines.embedded.store.IdRecord;
import org.replprov.engines.embedded.transport.TransportException;
import org.replprov.log.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One inbound connection: pulls the group's replicated folders from the upstream partner whenever the schedule (or an
 * override) lets it, and reports what happens as the DFSR connection state diagram's triggers (DfsrConnectionInfo class
 * documentation).
 *
 * <p>A control thread decides, a worker thread replicates. The control thread wakes at every schedule change, poll,
 * retry, override and notification: it opens and closes the connection, sets the transfer rate of the current quarter
 * hour, and starts a pass when one is due; when the schedule closes during a pass it stops the pass (downloads resume
 * later from staging). Listener calls go out on a thread of their own, in order, never while a lock is held.
 *
 * <p>Connecting means opening every folder root upstream (what CheckConnectivity does). Failures count up; after
 * {@code retries} of them in a row the connection is In Error with the failure's event (5008 unreachable, 5012 not
 * recognized, 5102 incompatible, 5002 anything else), and it keeps retrying with a doubling delay; when the partner
 * answers again it goes back through Connecting to Online.
 */
final class InboundConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InboundConnection.class);

    /** The longest the control thread sleeps without looking at the clock again (it may be a test's clock). */
    private static final Duration MAX_NAP = Duration.ofSeconds(1);

    /** A ForceReplication or ForceFolderReplication override in force. */
    private record Forced(ReplicationMode mode, BandwidthLevel bandwidth) {
    }

    private final Link identity;
    private final EmbeddedSettings.Inbound settings;
    private final List<FolderReplica> folders;
    private final Clock clock;
    private final Backoff backoff;
    private final Throttle throttle = new Throttle(0);
    private final ExecutorService worker;
    private final ExecutorService forced;
    private final Thread control;
    private final Reporter reporter;
    private final Announcer announcer;
    private final ScopeReporter scopes;

    // Guarded by this.
    private int failures;
    private Instant retryAt = Instant.MIN;
    private Instant nextPollAt = Instant.MIN;
    private boolean syncRequested;
    private Forced connectionOverride;
    private final Map<UUID, Forced> folderOverrides = new HashMap<>();
    private Future<?> running;
    private boolean closed;
    private boolean syncedSinceStart;
    private SyncResults results = SyncResults.UNKNOWN;

    /** How the connection announces itself to an upstream that runs replprov (nothing for a plain share). */
    @FunctionalInterface
    interface Announcer {
        Announcer NONE = () -> { };

        void announce() throws TransportException, InterruptedException;
    }

    /**
     * @param announcer called before each session connects
     * @param events the engine's thread for observer calls
     * @param scopes told when a pass over a folder starts, ends, or cannot write the replica
     */
    InboundConnection(Link identity, EmbeddedSettings.Inbound settings, List<FolderReplica> folders,
                      Announcer announcer, Observer observer, ExecutorService events, Clock clock,
                      ScopeReporter scopes) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.scopes = Objects.requireNonNull(scopes, "scopes");
        this.settings = settings;
        this.announcer = announcer;
        this.folders = List.copyOf(folders);
        this.clock = clock;
        this.reporter = new Reporter(identity, "Inbound connection " + describe(), Reporter.Phase.OFFLINE,
                settings.retries(), observer, events);
        this.backoff = new Backoff(settings.retryDelay(), settings.maxRetryDelay());
        String name = "inbound-" + settings.partner();
        this.worker = Executors.newSingleThreadExecutor(r -> daemon(r, name + "-sync"));
        this.forced = Executors.newSingleThreadExecutor(r -> daemon(r, name + "-forced"));
        this.control = daemon(this::run, name);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    UUID guid() {
        return identity.connectionGuid();
    }

    List<FolderReplica> folders() {
        return folders;
    }

    /** Reports the connection and starts replicating. */
    void start() {
        log.info("Inbound connection {}: {} folder(s) from {}, schedule {}", describe(), folders.size(),
                settings.upstreams().values(), settings.schedule());
        reporter.reportLink();
        control.start();
    }

    /** Something changed that the control thread must look at now. */
    synchronized void wake() {
        notifyAll();
    }

    /**
     * The upstream has changes (a notification): replicate now if the schedule is open, unless this connection asked
     * for DRS_DISABLE_AUTO_SYNC.
     *
     * @return whether a session follows
     */
    synchronized boolean notified() {
        if (settings.replicaFlags().contains(ReplicaFlags.Flag.DRS_DISABLE_AUTO_SYNC)) {
            log.debug("Inbound connection {}: notified; DRS_DISABLE_AUTO_SYNC, so no session", describe());
            return false;
        }
        syncRequested = true;
        notifyAll();
        return true;
    }

    // ---- methods --------------------------------------------------------------------------------------------

    /**
     * CheckConnectivity: connects and opens every folder root upstream.
     *
     * @throws EngineException refused with the Win32 code of the failure (docs/engines.md)
     */
    void checkConnectivity() throws EngineException {
        for (FolderReplica f : folders) {
            try {
                f.mirror().upstream().probe();
            } catch (TransportException e) {
                throw EngineException.refused(returnCode(e.reason()), e.getMessage());
            }
        }
    }

    /** ForceReplication: an override of the whole connection; {@link ReplicationMode#OBEY_SCHEDULE} ends it. */
    synchronized void force(ReplicationMode mode, BandwidthLevel bandwidth) {
        connectionOverride = mode == ReplicationMode.OBEY_SCHEDULE ? null : new Forced(mode, bandwidth);
        syncRequested |= mode == ReplicationMode.SYNC_NOW || mode == ReplicationMode.SYNC_UNTIL_IN_SYNC;
        log.info("Inbound connection {}: {} at {}", describe(), mode.displayName(), ScheduleSyntax.name(bandwidth));
        notifyAll();
    }

    /** ForceFolderReplication: an override of one folder; {@link ReplicationMode#OBEY_SCHEDULE} ends it. */
    synchronized void forceFolder(UUID folderGuid, ReplicationMode mode, BandwidthLevel bandwidth)
            throws EngineException {
        FolderReplica f = folder(folderGuid);
        if (mode == ReplicationMode.OBEY_SCHEDULE) {
            folderOverrides.remove(folderGuid);
        } else {
            folderOverrides.put(folderGuid, new Forced(mode, bandwidth));
            syncRequested = true;
        }
        log.info("Inbound connection {}, folder {}: {} at {}", describe(), f.settings().name(), mode.displayName(),
                ScheduleSyntax.name(bandwidth));
        notifyAll();
    }

    /**
     * ForceDownload: fetches the file with this Uid now, whatever the schedule, at full speed. The download runs in
     * the background; a Uid this folder never gave out is refused with MONITOR_STATUS_IDRECORD_NOT_FOUND (2).
     */
    void forceDownload(UUID folderGuid, Uid uid) throws EngineException {
        FolderReplica f = folder(folderGuid);
        Optional<IdRecord> record;
        try {
            record = uid.databaseGuid().equals(f.mirror().ids().databaseGuid())
                    ? f.mirror().ids().byUid(uid.version()) : Optional.empty();
        } catch (IOException e) {
            throw EngineException.failed("cannot read the ID table of " + f.settings().name(), e);
        }
        if (record.isEmpty() || record.get().directory()) {
            throw EngineException.refused(MONITOR_STATUS_IDRECORD_NOT_FOUND, "no file with Uid " + uid + " in "
                    + f.settings().name());
        }
        forced.submit(() -> {
            try {
                f.mirror().fetchOne(uid.version(), Throttle.unlimited());
            } catch (TransportException | IOException e) {
                log.warn("Forced download of {} ({}) from {} failed: {}", LogSafe.of(record.get().path()), uid,
                        describe(), LogSafe.of(e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** MONITOR_STATUS_IDRECORD_NOT_FOUND (DfsrConnectionInfo method documentation, MONITOR_STATUS). */
    static final int MONITOR_STATUS_IDRECORD_NOT_FOUND = 2;

    /** The ReturnValue of CheckConnectivity for each kind of failure (docs/engines.md). */
    static int returnCode(TransportException.Reason reason) {
        return switch (reason) {
            case UNREACHABLE -> Win32Error.RPC_S_SERVER_UNAVAILABLE.code();
            case NOT_FOUND -> FRS_ERROR_CONTENTSET_NOT_FOUND;
            case INCOMPATIBLE -> FRS_ERROR_INCOMPATIBLE_VERSION;
            case FAILED -> Win32Error.RPC_S_CALL_FAILED.code();
        };
    }

    /** Error codes of the DFS-R protocol (MS-FRS2, the FRS_ERROR_* values). */
    static final int FRS_ERROR_CONTENTSET_NOT_FOUND = 9028;
    static final int FRS_ERROR_INCOMPATIBLE_VERSION = 9050;

    /** The connection event a failure is reported as. */
    static ConnectionFailure failure(TransportException.Reason reason) {
        return switch (reason) {
            case UNREACHABLE -> ConnectionFailure.SERVICE_UNREACHABLE;
            case NOT_FOUND -> ConnectionFailure.UNRECOGNIZED;
            case INCOMPATIBLE -> ConnectionFailure.INCOMPATIBLE_VERSION;
            case FAILED -> ConnectionFailure.CONNECTION_ERROR;
        };
    }

    private FolderReplica folder(UUID guid) throws EngineException {
        return folders.stream().filter(f -> f.settings().guid().equals(guid)).findFirst()
                .orElseThrow(() -> EngineException.refused(Win32Error.ERROR_INVALID_PARAMETER.code(),
                        "no replicated folder " + guid + " on connection " + describe()));
    }

    synchronized Reporter.Phase phase() {
        return reporter.phase();
    }

    // ---- control thread -------------------------------------------------------------------------------------

    private void run() {
        synchronized (this) {
            while (!closed) {
                Instant now = clock.instant();
                Instant next = now.plus(MAX_NAP);
                try {
                    next = min(next, step(now));
                } catch (RuntimeException e) {
                    log.error("Inbound connection {}: control step failed; trying again", describe(), e);
                }
                try {
                    wait(Math.max(1, Duration.between(now, next).toMillis()));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** One look at the clock: opens or closes the connection, sets rates, starts a pass; returns when to look again. */
    private Instant step(Instant now) {
        Schedule schedule = settings.schedule();
        BandwidthLevel level = connectionOverride != null ? connectionOverride.bandwidth() : schedule.levelAt(now);
        boolean stopped = connectionOverride != null && connectionOverride.mode() == ReplicationMode.STOP_SYNC;
        List<FolderReplica> open = new ArrayList<>();
        for (FolderReplica f : folders) {
            Forced o = folderOverrides.get(f.settings().guid());
            f.ownThrottle().setRate(o == null ? 0 : rate(o.bandwidth()));
            if (!stopped && (level != BandwidthLevel.OFF || o != null && o.bandwidth() != BandwidthLevel.OFF)) {
                open.add(f);
            }
        }
        throttle.setRate(stopped ? 0 : rate(level));
        Instant scheduleChange = connectionOverride != null ? Instant.MAX
                : schedule.nextChange(now).orElse(Instant.MAX);

        if (open.isEmpty()) {
            if (running != null) {
                running.cancel(true); // the schedule closed: stop; partial downloads resume from staging
            }
            goOffline(now);
            return scheduleChange;
        }
        if (reporter.phase() == Reporter.Phase.OFFLINE) {
            reporter.move(Reporter.Phase.CONNECTING);
            retryAt = now;
        }
        if (reporter.phase() == Reporter.Phase.IN_ERROR && !now.isBefore(retryAt)) {
            reporter.move(Reporter.Phase.CONNECTING); // the periodic retry; the failures in a row still count
        }
        if (running == null) {
            boolean due = reporter.phase() == Reporter.Phase.CONNECTING ? !now.isBefore(retryAt)
                    : reporter.phase() == Reporter.Phase.ONLINE && (syncRequested || !now.isBefore(nextPollAt));
            if (due) {
                boolean untilInSync = connectionOverride != null
                        && connectionOverride.mode() == ReplicationMode.SYNC_UNTIL_IN_SYNC;
                // DRS_INIT_SYNC: replicate when the engine starts; without it the first session only connects.
                boolean connectOnly = !syncedSinceStart && !syncRequested && connectionOverride == null
                        && !settings.replicaFlags().contains(ReplicaFlags.Flag.DRS_INIT_SYNC);
                syncRequested = false;
                List<FolderReplica> which = connectOnly ? List.of() : List.copyOf(open);
                List<FolderReplica> probe = List.copyOf(open);
                running = worker.submit(() -> pass(probe, which, untilInSync));
            }
        }
        Instant wake = reporter.phase() == Reporter.Phase.ONLINE ? nextPollAt : retryAt;
        if (running == null) {
            // While a session runs NextSyncTime keeps the time it was due; its end reports the next one, with the
            // session's LastSyncTime, in one change.
            report(wake);
        }
        return min(scheduleChange, running != null ? Instant.MAX : wake);
    }

    private void goOffline(Instant now) {
        reporter.offline();
        failures = 0;
        if (connectionOverride == null) {
            report(settings.schedule().nextOpen(now).orElse(null));
        }
        // Under a Stop Sync override the next sync is at the override's end, which the provider keeps and shows.
    }

    /**
     * One session on the worker thread: announce this member (peer upstreams), open the {@code open} folders' roots
     * upstream, then mirror {@code which} (none when the session only connects).
     */
    private void pass(List<FolderReplica> open, List<FolderReplica> which, boolean untilInSync) {
        Instant started = clock.instant();
        // A session that replicates is a DfsrSyncInfo session; one that only connects is not.
        Session session = null;
        if (!which.isEmpty()) {
            synchronized (this) {
                session = new Session(started);
                results = new SyncResults(started, results.lastSyncDuration(), results.lastSuccessfulSyncTime(),
                        results.nextSyncTime());
                session.report(SyncSession.State.CONNECTING, null);
            }
        }
        try {
            announcer.announce();
            for (FolderReplica f : open) {
                f.mirror().upstream().probe();
            }
            connected();
            if (session == null) {
                polled(clock.instant());
                return;
            }
            session.progress(SyncSession.State.IN_PROGRESS, null);
            boolean inSync;
            do {
                inSync = true;
                for (FolderReplica f : which) {
                    scopes.passStarting(f.settings());
                    SyncReport r;
                    try {
                        r = f.mirror().sync(throttleFor(f));
                    } catch (IOException e) {
                        if (!stopped(e)) {
                            scopes.localFailure(f.settings(), e.getMessage());
                        }
                        throw e;
                    }
                    scopes.passEnded(f.settings(), guid(), r);
                    session.add(r);
                    inSync &= r.inSync();
                }
            } while (untilInSync && !inSync);
            // Every update it found transferred: In Sync ("no more updates"); some left for the next session
            // (changed upstream while read): Completed.
            session.progress(session.notTransferred == 0 ? SyncSession.State.IN_SYNC
                    : SyncSession.State.COMPLETED, null);
            succeeded(started, clock.instant());
        } catch (TransportException e) {
            if (session != null) {
                session.progress(SyncSession.State.IN_ERROR, EngineError.text(failure(e.reason()), e.getMessage()));
            }
            failed(e.reason(), e.getMessage());
        } catch (IOException e) {
            if (stopped(e)) {
                interrupted(session);
                log.info("Inbound connection {}: replication stopped; transfers resume later", describe());
            } else {
                String why = "the local replica cannot be written: " + e.getMessage();
                if (session != null) {
                    session.progress(SyncSession.State.IN_ERROR,
                            EngineError.text(failure(TransportException.Reason.FAILED), why));
                }
                failed(TransportException.Reason.FAILED, why);
            }
        } catch (InterruptedException e) {
            interrupted(session);
            log.info("Inbound connection {}: replication stopped (schedule closed or override); transfers resume "
                    + "later", describe());
        } catch (RuntimeException e) {
            log.error("Inbound connection {}: replication failed unexpectedly", describe(), e);
            if (session != null) {
                session.progress(SyncSession.State.IN_ERROR,
                        EngineError.text(failure(TransportException.Reason.FAILED), e.toString()));
            }
            failed(TransportException.Reason.FAILED, e.toString());
        } finally {
            synchronized (this) {
                running = null;
                notifyAll();
            }
        }
    }

    /** A session stopped by the schedule closing or an override: Interrupted (the sync-state diagram). */
    private void interrupted(Session session) {
        if (session != null) {
            session.progress(SyncSession.State.INTERRUPTED, null);
        }
    }

    /**
     * One synchronization session as DfsrSyncInfo shows it: its reason and the override in force when it started,
     * and the sums of its passes' reports. Reported on every change of state.
     */
    private final class Session {
        private final UUID guid = UUID.randomUUID();
        private final Instant start;
        private final SyncSession.Reason reason;
        private final BandwidthLevel forcedBandwidth;
        private long updates;
        private long bytes;
        private long notTransferred;
        private long conflicts;
        private long tombstones;

        /** Made under the connection's lock, which guards the override. */
        Session(Instant start) {
            this.start = start;
            Forced o = connectionOverride;
            this.reason = o == null ? SyncSession.Reason.SCHEDULE : switch (o.mode()) {
                case SYNC_UNTIL_IN_SYNC -> SyncSession.Reason.FORCED_UNTIL_SYNC;
                case STOP_SYNC -> SyncSession.Reason.PAUSED;
                default -> SyncSession.Reason.FORCED;
            };
            this.forcedBandwidth = o == null ? null : o.bandwidth();
        }

        void add(SyncReport r) {
            updates += r.filesInstalled() + r.directoriesCreated() + r.deleted();
            bytes += r.bytesTransferred();
            notTransferred += r.skipped();
            conflicts += r.conflicts();
            tombstones += r.deleted();
        }

        void progress(SyncSession.State state, EngineError error) {
            synchronized (InboundConnection.this) {
                report(state, error);
            }
        }

        /** Under the connection's lock. */
        void report(SyncSession.State state, EngineError error) {
            reporter.session(new SyncSession(guid(), guid, state, reason, start,
                    state.ended() ? clock.instant() : null, updates, bytes, notTransferred, 0, conflicts,
                    tombstones, error, null, forcedBandwidth));
        }
    }

    /** True when an I/O exception only says that this thread was told to stop. */
    private static boolean stopped(IOException e) {
        return Thread.currentThread().isInterrupted() || e instanceof InterruptedIOException
                || e instanceof ClosedByInterruptException;
    }

    private Throttle throttleFor(FolderReplica f) {
        synchronized (this) {
            return folderOverrides.containsKey(f.settings().guid()) ? f.ownThrottle() : throttle;
        }
    }

    private synchronized void connected() {
        if (reporter.phase() == Reporter.Phase.CONNECTING) {
            reporter.online();
            if (failures > 0) {
                log.info("Inbound connection {}: partner answers again after {} failed attempt(s)", describe(),
                        failures);
            }
        }
        failures = 0;
    }

    /** A session that only connected: the first replication waits for the poll (or a notification). */
    private synchronized void polled(Instant now) {
        nextPollAt = nextPoll(now);
        notifyAll();
    }

    /**
     * The next periodic session after {@code after}; none with DRS_DISABLE_PERIODIC_SYNC (notifications and overrides
     * only). Polls keep the cadence of the first one, {@code pollInterval} apart, however late a session starts or
     * long it runs: NextSyncTime then follows the schedule and does not drift by the milliseconds each session takes.
     */
    private Instant nextPoll(Instant after) {
        if (settings.replicaFlags().contains(ReplicaFlags.Flag.DRS_DISABLE_PERIODIC_SYNC)) {
            return Instant.MAX;
        }
        Duration interval = settings.pollInterval();
        if (nextPollAt.equals(Instant.MIN) || nextPollAt.equals(Instant.MAX) || nextPollAt.isAfter(after)) {
            // The first poll, or a session before the poll was due (a notification, an override): keep the poll.
            return nextPollAt.isAfter(after) && !nextPollAt.equals(Instant.MAX) ? nextPollAt : after.plus(interval);
        }
        long missed = Duration.between(nextPollAt, after).toNanos() / interval.toNanos();
        return nextPollAt.plus(interval.multipliedBy(missed + 1));
    }

    private synchronized void succeeded(Instant started, Instant ended) {
        failures = 0;
        syncedSinceStart = true;
        nextPollAt = nextPoll(ended);
        results = new SyncResults(started, Duration.between(started, ended), ended,
                nextPollAt.equals(Instant.MAX) ? null : nextPollAt);
        reporter.sync(results);
        notifyAll();
    }

    private synchronized void failed(TransportException.Reason reason, String message) {
        if (closed) {
            return;
        }
        failures++;
        Duration delay = backoff.after(failures);
        retryAt = clock.instant().plus(delay);
        ConnectionFailure failure = failure(reason);
        if (reporter.failed(failures, EngineError.text(failure, message))) {
            log.error("Inbound connection {} is In Error after {} failed attempts (event {}): {}; retrying in {}",
                    describe(), failures, failure.eventId(), LogSafe.of(message), readable(delay));
        } else {
            log.warn("Inbound connection {}: attempt {} failed (event {}): {}; retrying in {}", describe(),
                    failures, failure.eventId(), LogSafe.of(message), readable(delay));
        }
        notifyAll();
    }

    /** A retry delay as a log shows it: milliseconds below ten seconds (whole seconds would show 0). */
    private static String readable(Duration d) {
        return d.compareTo(Duration.ofSeconds(10)) < 0 ? d.toMillis() + " ms" : d.toSeconds() + " s";
    }

    /**
     * Reports NextSyncTime when it changed. A time already past stays as it is (the session it names is starting):
     * moving it to "now" at every look at the clock would report a change every time.
     */
    private void report(Instant nextSync) {
        Instant next = nextSync == null || nextSync.equals(Instant.MIN) || nextSync.equals(Instant.MAX) ? null
                : nextSync;
        if (!Objects.equals(next, results.nextSyncTime())) {
            results = new SyncResults(results.lastSyncTime(), results.lastSyncDuration(),
                    results.lastSuccessfulSyncTime(), next);
            reporter.sync(results);
        }
    }

    private static long rate(BandwidthLevel level) {
        return Throttle.bytesPerSecond(level.bitsPerSecond());
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    String describe() {
        return identity.partnerName() + " -> " + identity.memberName() + " (" + identity.replicationGroupName() + ")";
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (running != null) {
                running.cancel(true);
            }
            notifyAll();
        }
        control.interrupt();
        worker.shutdownNow();
        forced.shutdownNow();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
            control.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (FolderReplica f : folders) {
            f.mirror().upstream().close();
        }
    }
}
