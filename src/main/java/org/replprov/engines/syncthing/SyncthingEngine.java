package org.replprov.engines.syncthing;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import org.replprov.drsr.Win32Error;
import org.replprov.engine.spi.Backlog;
import org.replprov.engine.spi.BandwidthLevel;
import org.replprov.engine.spi.Capability;
import org.replprov.engine.spi.EngineError;
import org.replprov.engine.spi.EngineException;
import org.replprov.engine.spi.Link;
import org.replprov.engine.spi.LinkHealth;
import org.replprov.engine.spi.LinkRemoved;
import org.replprov.engine.spi.Observer;
import org.replprov.engine.spi.ReplicationEngine;
import org.replprov.engine.spi.ReplicationMode;
import org.replprov.engine.spi.SyncResults;
import org.replprov.engine.spi.IdRecordQuery;
import org.replprov.engine.spi.IdRecordSource;
import org.replprov.engine.spi.Uid;
import org.replprov.engines.syncthing.rest.Completion;
import org.replprov.engines.syncthing.rest.Connection;
import org.replprov.engines.syncthing.rest.Event;
import org.replprov.engines.syncthing.rest.EventStream;
import org.replprov.engines.syncthing.rest.FileError;
import org.replprov.engines.syncthing.rest.FolderState;
import org.replprov.engines.syncthing.rest.FolderStatus;
import org.replprov.engines.syncthing.rest.NeedList;
import org.replprov.engines.syncthing.rest.SyncthingClient;
import org.replprov.engines.syncthing.rest.SyncthingConfig;
import org.replprov.engines.syncthing.rest.SyncthingException;
import org.replprov.engines.syncthing.rest.SystemStatus;
import org.replprov.log.LogSafe;
import org.replprov.time.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Syncthing instance as a replication engine (docs/engines.md, "Syncthing"). Facts come from a full read of the
 * REST API at the start, after every gap in the event stream and after every configuration change, and otherwise from
 * the events themselves: two threads, one long-polling {@code /rest/events} and one (the worker) applying what it
 * brings and reporting. Timers (retry back-off, the dial-status poll while a partner is away) run on the context's
 * {@link Scheduler} and hand their work to the worker, which alone reports facts, so facts come in order.
 *
 * <p>The methods act on Syncthing directly from the caller's thread; what they change is journalled in the
 * {@link StateFile} first, so that it is put back even after a restart.
 */
final class SyncthingEngine implements ReplicationEngine, IdRecordSource {

    private static final Logger log = LoggerFactory.getLogger(SyncthingEngine.class);

    /** MONITOR_STATUS_IDRECORD_NOT_FOUND: ForceDownload of a Uid the engine does not know. */
    static final int MONITOR_STATUS_IDRECORD_NOT_FOUND = 2;
    /** The long-poll's wait: one request a minute while nothing happens. */
    static final Duration EVENT_POLL = Duration.ofSeconds(60);
    /** How often the dial status is read while a partner is neither connected nor paused (no event reports dials). */
    static final Duration DIAL_POLL = Duration.ofSeconds(2);
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofSeconds(30);
    /** The longest override (DurationInMin 10080): a hold older than that is put back whatever the provider says. */
    static final Duration LONGEST_HOLD = Duration.ofDays(7);
    /** Pause events this soon after the engine's own change are taken as its echo, not as someone else's. */
    static final Duration OWN_ECHO = Duration.ofSeconds(10);
    private static final int MAX_REMEMBERED_UIDS = 10_000;
    /** The needed files reported per folder as ID records (the first in pull order): bounds the facts and requests. */
    static final int ID_RECORDS_PER_FOLDER = 100;
    /** The need list of a folder is read at most this often: a large pull sends a FolderSummary every few seconds. */
    static final Duration NEED_READ_INTERVAL = Duration.ofSeconds(10);

    private final String instance;
    private final SyncthingEngineSettings settings;
    private final SyncthingClient client;
    private final Scheduler scheduler;
    private final StateFile stateFile;

    private final LinkedBlockingQueue<Runnable> work = new LinkedBlockingQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Semaphore retryPermit = new Semaphore(0);
    private Thread reader;
    private Thread worker;
    private Observer observer;

    /** Guards {@link #saved} (the journal and times), shared by the worker and the method callers. */
    private final Object stateLock = new Object();
    private StateFile.Saved saved;

    // --- worker-thread state ---------------------------------------------------------------------------------
    private volatile Topology topology;
    private SyncthingConfig config;
    private final Map<String, Connection> connections = new HashMap<>();
    private final Map<String, Instant> disconnectedAt = new HashMap<>();
    private final Map<String, String> dialErrors = new HashMap<>();
    private final Map<String, FolderStatus> folders = new HashMap<>();
    private final Map<String, List<FileError>> folderErrors = new HashMap<>();
    private final Map<String, Completion> completions = new HashMap<>();
    private final Map<UUID, Duration> lastSyncDuration = new HashMap<>();
    private final Set<UUID> inSync = new HashSet<>();
    private final Map<UUID, Link> reportedLinks = new LinkedHashMap<>();
    private final Map<UUID, LinkHealth> reportedHealth = new HashMap<>();
    private final Map<String, Backlog> reportedBacklog = new HashMap<>();
    /**
     * The needed files of each folder as ID records, what {@link #idRecords} answers from; written by the worker,
     * read by callers of the host.
     */
    private final Map<String, List<IdRecordSource.Record>> reportedNeed =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** When each folder's need list was last read, and the folders with a read scheduled for later. */
    private final Map<String, Instant> needReadAt = new HashMap<>();
    private final Set<String> needReadScheduled = new HashSet<>();
    private SyncthingException unreachable;
    private boolean dialPollScheduled;
    /** Sequences of needed files seen per folder: a Uid among them that is no longer needed has arrived. */
    private final Map<String, Set<Long>> seenUids = new HashMap<>();

    SyncthingEngine(String instance, SyncthingEngineSettings settings, Scheduler scheduler, StateFile stateFile) {
        this.instance = Objects.requireNonNull(instance, "instance");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.client = new SyncthingClient(settings.client());
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.stateFile = Objects.requireNonNull(stateFile, "stateFile");
    }

    /** REST requests sent so far (for the measurements in docs/performance.md). */
    long requestCount() {
        return client.requestCount();
    }

    @Override
    public void start(Observer observer) throws EngineException {
        this.observer = Objects.requireNonNull(observer, "observer");
        StateFile.Saved s;
        try {
            s = stateFile.load();
        } catch (StateFile.Unreadable e) {
            log.warn("Syncthing engine '{}': its saved state cannot be read ({}); it is kept aside and the engine "
                    + "starts afresh: times of the last successful sync are lost, and settings it changed for an "
                    + "override are not put back", instance, LogSafe.of(e.getMessage()));
            try {
                stateFile.setAside();
            } catch (IOException io) {
                throw EngineException.failed("cannot move the unreadable state " + stateFile.path() + " aside: " + io,
                        io);
            }
            s = StateFile.Saved.empty();
        }
        synchronized (stateLock) {
            saved = s;
        }
        // The links known from the last run are shown at once (as they were); a reachable Syncthing corrects them.
        Optional<SyncthingConfig> known = s.knownConfig();
        if (known.isPresent()) {
            config = known.get();
            topology = Topology.of(s.myId(), config, settings.group());
            topology.links().forEach(this::reportLink);
        }
        worker = new Thread(this::work, "syncthing-" + instance);
        worker.setDaemon(true);
        reader = new Thread(this::read, "syncthing-" + instance + "-events");
        reader.setDaemon(true);
        worker.start();
        reader.start();
    }

    /** The four DfsrConnectionInfo methods; CleanupConflictDirectory is not carried out (50). */
    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.CHECK_CONNECTIVITY, Capability.FORCE_REPLICATION,
                Capability.FORCE_FOLDER_REPLICATION, Capability.FORCE_DOWNLOAD);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (reader != null) {
            reader.interrupt();
            worker.interrupt();
            retryPermit.release();
            try {
                reader.join(2000);
                worker.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // --- the two threads -------------------------------------------------------------------------------------

    private void work() {
        while (!closed.get()) {
            try {
                work.take().run();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("Syncthing engine '{}': a task failed", instance, e);
            }
        }
    }

    private void read() {
        EventStream stream = client.events(EventStream.ADAPTER_TYPES, EVENT_POLL, 1000);
        Duration retry = FIRST_RETRY;
        while (!closed.get()) {
            try {
                EventStream.Poll p = stream.next();
                retry = FIRST_RETRY;
                work.add(() -> apply(p));
            } catch (InterruptedException e) {
                return;
            } catch (SyncthingException e) {
                work.add(() -> unreachable(e));
                scheduler.schedule(scheduler.now().plus(retry), retryPermit::release);
                try {
                    retryPermit.acquire();
                } catch (InterruptedException ie) {
                    return;
                }
                retry = retry.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retry.multipliedBy(2);
            }
        }
    }

    // --- applying what Syncthing says (worker thread) ------------------------------------------------------

    private void apply(EventStream.Poll poll) {
        try {
            if (poll instanceof EventStream.Gap gap) {
                log.info("Syncthing engine '{}': reading everything ({})", instance, LogSafe.of(gap.detail()));
                fullRead();
                return;
            }
            boolean reread = false;
            for (Event e : ((EventStream.Batch) poll).events()) {
                reread |= apply(e);
            }
            if (reread) {
                fullRead();
            }
        } catch (SyncthingException e) {
            unreachable(e);
            // The stream may have moved past events whose effects were not read: read everything next time.
            work.add(this::fullReadQuietly);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Applies one event; true when everything must be read again (the configuration changed). */
    private boolean apply(Event e) throws SyncthingException, InterruptedException {
        if (topology == null || unreachable != null) {
            return true;
        }
        Instant now = scheduler.now();
        if (e.data() instanceof Event.DeviceConnected d) {
            connections.put(d.device(), client.connections().getOrDefault(d.device(),
                    new Connection(d.device(), true, false, d.address(), Optional.of(now), "", "", 0, 0)));
            dialErrors.remove(d.device());
            reportDevice(d.device());
        } else if (e.data() instanceof Event.DeviceDisconnected d) {
            // Syncthing drops one of two connections made at the same time: the device may still be connected.
            Connection c = client.connections().get(d.device());
            if (c != null) {
                connections.put(d.device(), c);
            }
            if (c == null || !c.connected()) {
                disconnectedAt.put(d.device(), now);
                dialErrors.remove(d.device());
                scheduleDialPoll();
            }
            reportDevice(d.device());
        } else if (e.data() instanceof Event.DevicePaused d) {
            setPaused(d.device(), true);
            noticePause(false, d.device(), true);
            reportDevice(d.device());
        } else if (e.data() instanceof Event.DeviceResumed d) {
            setPaused(d.device(), false);
            noticePause(false, d.device(), false);
            scheduleDialPoll();
            reportDevice(d.device());
        } else if (e.data() instanceof Event.StateChanged s) {
            FolderStatus old = folders.get(s.folder());
            if (s.from() == FolderState.SYNCING) {
                recordSync(s.folder(), now, s.durationS().map(d -> Duration.ofMillis((long) (d * 1000)))
                        .orElse(Duration.ZERO));
            }
            if (old != null) {
                folders.put(s.folder(), withState(old, s.to()));
            }
            reportFolder(s.folder());
        } else if (e.data() instanceof Event.FolderSummary f) {
            folders.put(f.folder(), f.summary());
            // FolderCompletion comes only for connected partners: the others' backlog is read.
            for (Topology.End end : topology.endsWith(f.folder())) {
                if (!end.inbound() && !isConnected(end.device())) {
                    completions.put(f.folder() + "|" + end.device(), client.completion(f.folder(), end.device()));
                }
            }
            reportFolder(f.folder());
            reportNeeded(f.folder(), now);
            checkUntilInSync();
        } else if (e.data() instanceof Event.FolderCompletion c) {
            completions.put(c.folder() + "|" + c.device(), new Completion(c.completion(), 0, 0, c.needBytes(),
                    c.needItems(), c.needDeletes(), 0, c.remoteState()));
            reportFolder(c.folder());
        } else if (e.data() instanceof Event.FolderErrors f) {
            folderErrors.put(f.folder(), f.errors());
            reportFolder(f.folder());
        } else if (e.data() instanceof Event.FolderPaused f) {
            noticePause(true, f.folder(), true);
            return true;
        } else if (e.data() instanceof Event.FolderResumed f) {
            noticePause(true, f.folder(), false);
            return true;
        } else if (e.data() instanceof Event.Other) {
            // ConfigSaved (the only other type subscribed): devices or folders may have changed.
            return "ConfigSaved".equals(e.type());
        }
        return false;
    }

    private void fullReadQuietly() {
        try {
            fullRead();
        } catch (SyncthingException e) {
            unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads everything the facts come from, then reports what changed. */
    private void fullRead() throws SyncthingException, InterruptedException {
        SystemStatus status = client.status();
        SyncthingConfig c = client.config();
        Map<String, Connection> conns = client.connections();
        Topology t = Topology.of(status.myId(), c, settings.group());
        Map<String, FolderStatus> fs = new HashMap<>();
        Map<String, List<FileError>> errors = new HashMap<>();
        Map<String, Completion> comps = new HashMap<>();
        for (SyncthingConfig.Folder f : c.folders()) {
            if (t.endsWith(f.id()).isEmpty()) {
                continue;
            }
            FolderStatus s = client.folderStatus(f.id());
            fs.put(f.id(), s);
            errors.put(f.id(), s.pullErrors() > 0 ? client.folderErrors(f.id()) : List.of());
        }
        for (Topology.End end : t.ends().values()) {
            if (!end.inbound()) {
                for (String f : end.folders()) {
                    comps.put(f + "|" + end.device(), client.completion(f, end.device()));
                }
            }
        }
        Instant now = scheduler.now();
        boolean wasUnreachable = unreachable != null;
        unreachable = null;
        if (wasUnreachable) {
            log.info("Syncthing engine '{}': the REST API at {} answers again", instance,
                    settings.client().baseUrl());
        }
        config = c;
        connections.clear();
        connections.putAll(conns);
        folders.clear();
        folders.putAll(fs);
        folderErrors.clear();
        folderErrors.putAll(errors);
        completions.clear();
        completions.putAll(comps);
        for (Map.Entry<String, Connection> e : conns.entrySet()) {
            if (!e.getValue().connected()) {
                disconnectedAt.putIfAbsent(e.getKey(), now);
            } else {
                disconnectedAt.remove(e.getKey());
            }
        }
        readDialStatus(status, now);
        Topology before = topology;
        topology = t;
        if (before != null) {
            for (Link l : before.links()) {
                if (t.end(l.connectionGuid()).isEmpty() && reportedLinks.remove(l.connectionGuid()) != null) {
                    reportedHealth.remove(l.connectionGuid());
                    observer.observe(new LinkRemoved(l.connectionGuid()));
                }
            }
        }
        t.links().forEach(this::reportLink);
        remember(status.myId(), c);
        expireOldHolds(now);
        for (Topology.End end : t.ends().values()) {
            report(end);
        }
        for (String f : fs.keySet()) {
            reportNeeded(f, now);
        }
        for (String gone : List.copyOf(reportedNeed.keySet())) {
            if (!fs.containsKey(gone)) {
                reportedNeed.remove(gone);
            }
        }
        scheduleDialPoll();
        checkUntilInSync();
    }

    private void unreachable(SyncthingException e) {
        if (closed.get()) {
            return;
        }
        if (unreachable == null || unreachable.kind() != e.kind()) {
            log.warn("Syncthing engine '{}': {}", instance, LogSafe.of(e.getMessage()));
        }
        unreachable = e;
        Topology t = topology;
        if (t != null) {
            for (Topology.End end : t.ends().values()) {
                report(end);
            }
        }
    }

    private void readDialStatus(SystemStatus status, Instant now) {
        if (status.lastDialStatus().isEmpty() || config == null) {
            return;
        }
        Map<String, SystemStatus.DialStatus> dials = status.lastDialStatus().get();
        for (SyncthingConfig.Device d : config.devices()) {
            Instant since = disconnectedAt.get(d.id());
            if (since == null) {
                dialErrors.remove(d.id());
                continue;
            }
            String error = null;
            for (String address : d.addresses()) {
                SystemStatus.DialStatus s = dials.get(address);
                // A dial error from before the disconnection is about an earlier outage (or the start-up race).
                if (s != null && s.error().isPresent()
                        && s.when().map(w -> !w.isBefore(since.minusSeconds(1))).orElse(true)) {
                    error = s.error().get();
                }
            }
            if (error != null) {
                dialErrors.put(d.id(), error);
            }
        }
    }

    /** While a partner is neither connected nor paused, its dial errors are read every {@link #DIAL_POLL}. */
    private void scheduleDialPoll() {
        if (dialPollScheduled || closed.get() || topology == null) {
            return;
        }
        boolean waiting = topology.ends().values().stream().map(Topology.End::device).distinct()
                .anyMatch(d -> !isConnected(d) && !isPaused(d));
        if (!waiting) {
            return;
        }
        dialPollScheduled = true;
        scheduler.schedule(scheduler.now().plus(DIAL_POLL), () -> work.add(() -> {
            dialPollScheduled = false;
            if (unreachable != null || topology == null) {
                return;
            }
            try {
                readDialStatus(client.status(), scheduler.now());
                Map<String, Connection> conns = client.connections();
                connections.putAll(conns);
                for (Topology.End end : topology.ends().values()) {
                    report(end);
                }
            } catch (SyncthingException e) {
                unreachable(e);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            scheduleDialPoll();
        }));
    }

    private static FolderStatus withState(FolderStatus s, FolderState state) {
        return new FolderStatus(state, s.stateChanged(), s.error(), s.needFiles(), s.needDirectories(),
                s.needSymlinks(), s.needDeletes(), s.needBytes(), s.needTotalItems(), s.globalTotalItems(),
                s.globalBytes(), s.inSyncBytes(), s.pullErrors(), s.errors(), s.sequence());
    }

    private void setPaused(String device, boolean paused) {
        Connection c = connections.get(device);
        if (c != null) {
            connections.put(device, new Connection(device, !paused && c.connected(), paused, c.address(),
                    c.startedAt(), c.clientVersion(), c.type(), c.inBytesTotal(), c.outBytesTotal()));
        }
        if (config != null) {
            List<SyncthingConfig.Device> ds = config.devices().stream().map(d -> d.id().equals(device)
                    ? new SyncthingConfig.Device(d.id(), d.name(), d.addresses(), paused, d.maxRecvKbps(),
                    d.maxSendKbps()) : d).toList();
            config = new SyncthingConfig(ds, config.folders(), config.options());
        }
        if (paused) {
            dialErrors.remove(device);
        } else {
            disconnectedAt.put(device, scheduler.now());
        }
    }

    // --- facts -----------------------------------------------------------------------------------------------

    private void reportLink(Link l) {
        if (!l.equals(reportedLinks.get(l.connectionGuid()))) {
            reportedLinks.put(l.connectionGuid(), l);
            observer.observe(l);
        }
    }

    private void reportDevice(String device) {
        for (Topology.End end : topology.endsOf(device)) {
            report(end);
        }
        scheduleDialPoll();
    }

    private void reportFolder(String folder) {
        for (Topology.End end : topology.endsWith(folder)) {
            report(end);
        }
    }

    /** Reports the health and backlogs of one link, each only when it changed. */
    private void report(Topology.End end) {
        Instant now = scheduler.now();
        LinkHealth h = health(end, now);
        if (!h.equals(reportedHealth.get(end.connectionGuid()))) {
            reportedHealth.put(end.connectionGuid(), h);
            observer.observe(h);
        }
        if (unreachable != null) {
            return;
        }
        for (String f : end.folders()) {
            long items;
            long bytes;
            if (end.inbound()) {
                FolderStatus s = folders.get(f);
                if (s == null) {
                    continue;
                }
                items = s.needTotalItems();
                bytes = s.needBytes();
            } else {
                Completion c = completions.get(f + "|" + end.device());
                if (c == null) {
                    continue;
                }
                items = c.needItems();
                bytes = c.needBytes();
            }
            String key = end.connectionGuid() + "|" + f;
            Backlog old = reportedBacklog.get(key);
            if (old == null || old.items() != items || old.bytes() != bytes) {
                Backlog b = new Backlog(end.connectionGuid(), Ids.folder(f), items, bytes, now);
                reportedBacklog.put(key, b);
                observer.observe(b);
            }
        }
    }

    /**
     * The files {@code folder} still needs, as ID records whose Uids ForceDownload takes: the first
     * {@link #ID_RECORDS_PER_FOLDER} in pull order (in progress, queued, the rest), read from {@code /rest/db/need}
     * only while the folder's status counts needed items, at most every {@link #NEED_READ_INTERVAL} per folder (a later
     * read is scheduled when a change comes sooner). Reported when the list changed. With a read after every summary,
     * SyncthingEngineTest's ForceDownload test often never saw Syncthing 1.19's pull queue form; with the interval it
     * passes as before.
     */
    private void reportNeeded(String folder, Instant now) throws SyncthingException, InterruptedException {
        FolderStatus s = folders.get(folder);
        List<IdRecordSource.Record> records = new ArrayList<>();
        boolean truncated = false;
        if (s != null && s.needTotalItems() > 0) {
            Instant last = needReadAt.get(folder);
            if (last != null && now.isBefore(last.plus(NEED_READ_INTERVAL))) {
                // Read again once the interval has passed, so that the records end up current.
                if (needReadScheduled.add(folder)) {
                    scheduler.schedule(last.plus(NEED_READ_INTERVAL), () -> work.add(() -> {
                        needReadScheduled.remove(folder);
                        try {
                            if (unreachable == null && topology != null) {
                                reportNeeded(folder, scheduler.now());
                            }
                        } catch (SyncthingException e) {
                            unreachable(e);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }));
                }
                return;
            }
            needReadAt.put(folder, now);
            NeedList need = client.need(folder);
            String root = config == null ? null : config.folder(folder).map(SyncthingConfig.Folder::path)
                    .orElse(null);
            synchronized (seenUids) {
                Set<Long> seen = seenUids.computeIfAbsent(folder, k -> new HashSet<>());
                for (List<NeedList.NeedFile> l : List.of(need.progress(), need.queued(), need.rest())) {
                    for (NeedList.NeedFile n : l) {
                        if (records.size() < ID_RECORDS_PER_FOLDER) {
                            records.add(record(folder, root, n));
                            seen.add(n.sequence());
                        }
                    }
                }
            }
            truncated = s.needTotalItems() > records.size();
        }
        if (records.isEmpty()) {
            reportedNeed.remove(folder);
        } else {
            reportedNeed.put(folder, List.copyOf(records));
        }
        if (truncated) {
            log.debug("Folder {} needs more files than the {} kept as ID records", LogSafe.of(folder),
                    ID_RECORDS_PER_FOLDER);
        }
    }

    /** A needed file as an ID record: Uid {@code {folder GUID}-v<sequence>}, its name and path under the folder. */
    static IdRecordSource.Record record(String folder, String root, NeedList.NeedFile n) {
        String name = n.name().substring(n.name().lastIndexOf('/') + 1);
        String full = root == null ? null : root.endsWith("/") ? root + n.name() : root + "/" + n.name();
        return new IdRecordSource.Record(Ids.folder(folder), uid(folder, n), name, full, null, false, !n.deleted(),
                n.modified().orElse(null), null);
    }

    /**
     * The ID records of the files the folders still need (the first {@link #ID_RECORDS_PER_FOLDER} of each, in pull
     * order): what a caller looks a ForceDownload Uid up in (docs/engines.md, "Finding Uids").
     */
    @Override
    public IdRecordSource.Page idRecords(IdRecordQuery query, int limit) {
        List<IdRecordSource.Record> out = new ArrayList<>();
        boolean more = false;
        for (List<IdRecordSource.Record> folder : reportedNeed.values()) {
            for (IdRecordSource.Record r : folder) {
                if (query.replicatedFolderGuid().map(g -> g.equals(r.replicatedFolderGuid())).orElse(true)
                        && query.uid().map(u -> u.equals(r.uid())).orElse(true)
                        && query.fileName().map(n -> n.equalsIgnoreCase(r.fileName())).orElse(true)) {
                    if (out.size() == limit) {
                        more = true;
                        break;
                    }
                    out.add(r);
                }
            }
        }
        return new IdRecordSource.Page(out, more);
    }

    private LinkHealth health(Topology.End end, Instant now) {
        UUID guid = end.connectionGuid();
        if (unreachable != null) {
            return new LinkHealth(guid, LinkHealth.Condition.CONNECTING, Classification.rest(unreachable), 1, 1,
                    sync(end));
        }
        boolean connected = isConnected(end.device());
        checkSuccess(end, connected, now);
        SyncResults sync = sync(end);
        if (isPaused(end.device()) || end.folders().stream().allMatch(this::folderPaused)) {
            return new LinkHealth(guid, LinkHealth.Condition.PAUSED, null, 0, 1, sync);
        }
        if (!connected) {
            String dial = dialErrors.get(end.device());
            return dial == null ? new LinkHealth(guid, LinkHealth.Condition.CONNECTING, null, 0, 1, sync)
                    : new LinkHealth(guid, LinkHealth.Condition.CONNECTING, Classification.dial(dial), 1, 1, sync);
        }
        boolean busy;
        EngineError error = null;
        if (end.inbound()) {
            busy = end.folders().stream().map(folders::get).filter(Objects::nonNull)
                    .anyMatch(s -> s.state() == FolderState.SYNCING || s.state() == FolderState.SYNC_PREPARING);
            error = folderError(end);
        } else {
            busy = end.folders().stream().map(f -> completions.get(f + "|" + end.device())).filter(Objects::nonNull)
                    .anyMatch(c -> c.needItems() > 0);
        }
        return new LinkHealth(guid, busy ? LinkHealth.Condition.SYNCING : LinkHealth.Condition.CONNECTED, error,
                0, 1, sync);
    }

    /** The first folder error of an inbound link: the folder's own error, else its first failed file. */
    private EngineError folderError(Topology.End end) {
        for (String f : end.folders()) {
            FolderStatus s = folders.get(f);
            if (s != null && s.state() == FolderState.ERROR) {
                return Classification.folder("folder " + f + ": " + s.error().orElse("error"));
            }
            List<FileError> errors = folderErrors.getOrDefault(f, List.of());
            if (s != null && s.pullErrors() > 0) {
                return Classification.folder("folder " + f + ": " + s.pullErrors() + " file(s) failed to sync"
                        + (errors.isEmpty() ? "" : "; " + errors.get(0).path() + ": " + errors.get(0).error()));
            }
        }
        return null;
    }

    private boolean isConnected(String device) {
        Connection c = connections.get(device);
        return c != null && c.connected();
    }

    private boolean isPaused(String device) {
        Connection c = connections.get(device);
        return (c != null && c.paused())
                || (config != null && config.device(device).map(SyncthingConfig.Device::paused).orElse(false));
    }

    private boolean folderPaused(String folder) {
        return config != null && config.folder(folder).map(SyncthingConfig.Folder::paused).orElse(false);
    }

    // --- sync times (durable) --------------------------------------------------------------------------------

    /**
     * LastSuccessfulSyncTime: Syncthing keeps none, so it is the time replprov saw the link's folders become in sync
     * with the partner connected — inbound: every folder idle with nothing needed and no pull errors; outbound: the
     * partner needing nothing of any of them. Recorded on the change to in sync, and saved.
     */
    private void checkSuccess(Topology.End end, boolean connected, Instant now) {
        boolean clean = connected && end.folders().stream().allMatch(f -> {
            if (end.inbound()) {
                FolderStatus s = folders.get(f);
                return s != null && s.state() == FolderState.IDLE && s.needTotalItems() == 0 && s.pullErrors() == 0;
            }
            Completion c = completions.get(f + "|" + end.device());
            return c != null && c.needItems() == 0 && c.needDeletes() == 0;
        });
        if (!clean) {
            inSync.remove(end.connectionGuid());
            return;
        }
        if (inSync.add(end.connectionGuid())) {
            synchronized (stateLock) {
                Map<UUID, Long> m = StateFile.copy(saved.lastSuccess());
                m.put(end.connectionGuid(), now.toEpochMilli());
                save(new StateFile.Saved(StateFile.FORMAT, saved.myId(), saved.config(), m, saved.lastSync(),
                        saved.held()));
            }
        }
    }

    /** A folder finished a pull: LastSyncTime and LastSyncDuration of the inbound links carrying it. */
    private void recordSync(String folder, Instant now, Duration duration) {
        synchronized (stateLock) {
            Map<UUID, Long> m = StateFile.copy(saved.lastSync());
            for (Topology.End end : topology.endsWith(folder)) {
                if (end.inbound()) {
                    m.put(end.connectionGuid(), now.toEpochMilli());
                    lastSyncDuration.put(end.connectionGuid(), duration);
                }
            }
            save(new StateFile.Saved(StateFile.FORMAT, saved.myId(), saved.config(), saved.lastSuccess(), m,
                    saved.held()));
        }
    }

    private SyncResults sync(Topology.End end) {
        Long success;
        Long last;
        synchronized (stateLock) {
            success = saved.lastSuccess().get(end.connectionGuid());
            last = saved.lastSync().get(end.connectionGuid());
        }
        Instant lastSync = last != null ? Instant.ofEpochMilli(last) : success != null
                ? Instant.ofEpochMilli(success) : null;
        return new SyncResults(lastSync, lastSyncDuration.getOrDefault(end.connectionGuid(), Duration.ZERO),
                success == null ? null : Instant.ofEpochMilli(success), null);
    }

    private void remember(String myId, SyncthingConfig c) {
        synchronized (stateLock) {
            if (myId.equals(saved.myId()) && c.equals(saved.config())) {
                return;
            }
            save(new StateFile.Saved(StateFile.FORMAT, myId, c, saved.lastSuccess(), saved.lastSync(),
                    saved.held()));
        }
    }

    /** Saves {@code s} (caller holds {@link #stateLock}); a failure is logged, the state kept in memory. */
    private void save(StateFile.Saved s) {
        saved = s;
        try {
            stateFile.save(s);
        } catch (IOException e) {
            log.error("Syncthing engine '{}': cannot save its state to {}: {}", instance, stateFile.path(),
                    LogSafe.of(e.toString()));
        }
    }

    // --- holds: what the methods changed, and putting it back ---------------------------------------------

    /** Someone paused or resumed a device or folder the engine holds: if it was not the engine, the pause is theirs. */
    private void noticePause(boolean folder, String id, boolean paused) {
        synchronized (stateLock) {
            Optional<StateFile.Held> h = held(folder, id);
            if (h.isEmpty() || h.get().userChanged() || h.get().appliedPaused() == paused) {
                return;
            }
            if (Duration.between(Instant.ofEpochMilli(h.get().appliedAt()), scheduler.now()).compareTo(OWN_ECHO) < 0) {
                return;
            }
            log.info("Syncthing engine '{}': {} {} was {} in Syncthing during an override; that pause is left as "
                    + "set when the override ends", instance, folder ? "folder" : "device", LogSafe.of(id),
                    paused ? "paused" : "resumed");
            putHeld(h.get().markUserChanged());
        }
    }

    private Optional<StateFile.Held> held(boolean folder, String id) {
        return saved.held().stream().filter(x -> x.folder() == folder && x.id().equals(id)).findFirst();
    }

    private void putHeld(StateFile.Held h) {
        List<StateFile.Held> l = StateFile.copy(saved.held());
        l.removeIf(x -> x.key().equals(h.key()));
        l.add(h);
        save(new StateFile.Saved(StateFile.FORMAT, saved.myId(), saved.config(), saved.lastSuccess(),
                saved.lastSync(), l));
    }

    private void dropHeld(StateFile.Held h) {
        List<StateFile.Held> l = StateFile.copy(saved.held());
        l.removeIf(x -> x.key().equals(h.key()));
        save(new StateFile.Saved(StateFile.FORMAT, saved.myId(), saved.config(), saved.lastSuccess(),
                saved.lastSync(), l));
    }

    private void expireOldHolds(Instant now) {
        List<StateFile.Held> old;
        synchronized (stateLock) {
            old = saved.held().stream()
                    .filter(h -> Instant.ofEpochMilli(h.since()).plus(LONGEST_HOLD).isBefore(now)).toList();
        }
        for (StateFile.Held h : old) {
            log.info("Syncthing engine '{}': putting back {} after the longest override ended", instance, h.key());
            if (!putBackOrWarn(h)) {
                return;
            }
        }
    }

    /**
     * Puts {@code h} back; a failure is logged and left for the next look.
     *
     * @return false when the thread was interrupted
     */
    private boolean putBackOrWarn(StateFile.Held h) {
        try {
            putBack(h);
        } catch (SyncthingException e) {
            log.warn("Syncthing engine '{}': cannot put back {}: {}", instance, h.key(), LogSafe.of(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }

    /** Sync Until In-Sync ends once every folder the partner sends us is in sync. */
    private void checkUntilInSync() {
        List<StateFile.Held> waiting;
        synchronized (stateLock) {
            waiting = saved.held().stream().filter(StateFile.Held::untilInSync).toList();
        }
        for (StateFile.Held h : waiting) {
            List<String> fs = h.folder() ? List.of(h.id()) : topology.endsOf(h.id()).stream()
                    .filter(Topology.End::inbound).flatMap(e -> e.folders().stream()).toList();
            boolean done = fs.stream().map(folders::get).allMatch(s -> s != null && s.state() == FolderState.IDLE
                    && s.needTotalItems() == 0);
            if (done) {
                log.info("Syncthing engine '{}': {} is in sync; Sync Until In-Sync ends", instance, h.key());
                if (!putBackOrWarn(h)) {
                    return;
                }
            }
        }
    }

    /**
     * Puts back what a hold changed: the pause as it was, unless someone changed it in Syncthing since (then it is
     * theirs), and the receive limit as it was, unless it is no longer the one the engine set.
     */
    private void putBack(StateFile.Held h) throws SyncthingException, InterruptedException {
        synchronized (stateLock) {
            SyncthingConfig c = client.config();
            if (h.folder()) {
                Optional<SyncthingConfig.Folder> f = c.folder(h.id());
                if (f.isPresent() && !h.userChanged() && f.get().paused() == h.appliedPaused()
                        && f.get().paused() != h.previousPaused()) {
                    client.setFolderPaused(h.id(), h.previousPaused());
                }
            } else {
                Optional<SyncthingConfig.Device> d = c.device(h.id());
                if (d.isPresent()) {
                    if (!h.userChanged() && d.get().paused() == h.appliedPaused()
                            && d.get().paused() != h.previousPaused()) {
                        if (h.previousPaused()) {
                            client.pauseDevice(h.id());
                        } else {
                            client.resumeDevice(h.id());
                        }
                    }
                    if (d.get().maxRecvKbps() == h.appliedMaxRecvKbps()
                            && h.appliedMaxRecvKbps() != h.previousMaxRecvKbps()) {
                        client.setMaxRecvKbps(h.id(), h.previousMaxRecvKbps());
                    }
                }
            }
            dropHeld(h);
        }
    }

    // --- methods ---------------------------------------------------------------------------------------------

    private Topology.End end(UUID connectionGuid) throws EngineException {
        requireOpen();
        Topology t = topology;
        if (t == null) {
            throw EngineException.failed("Syncthing at " + settings.client().baseUrl() + " has not been read yet", null);
        }
        return t.end(connectionGuid).orElseThrow(() -> EngineException.refused(
                Win32Error.ERROR_INVALID_PARAMETER.code(), "no Syncthing connection " + connectionGuid));
    }

    private String folderOf(Topology.End end, UUID folderGuid) throws EngineException {
        return end.folders().stream().filter(f -> Ids.folder(f).equals(folderGuid)).findFirst()
                .orElseThrow(() -> EngineException.refused(Win32Error.ERROR_INVALID_PARAMETER.code(),
                        "connection " + end.connectionGuid() + " carries no folder " + folderGuid));
    }

    private void requireOpen() throws EngineException {
        if (closed.get()) {
            throw EngineException.failed("the Syncthing engine '" + instance + "' is closed", null);
        }
    }

    private static EngineException failed(SyncthingException e) {
        return e.kind() == SyncthingException.Kind.NOT_FOUND || e.kind() == SyncthingException.Kind.REFUSED
                ? EngineException.refused(Win32Error.RPC_S_CALL_FAILED.code(), "Syncthing refused: " + e.getMessage())
                : EngineException.failed("Syncthing REST API: " + e.getMessage(), e);
    }

    private static EngineException interrupted() {
        Thread.currentThread().interrupt();
        return EngineException.timedOut("interrupted");
    }

    /** Connected now; otherwise refused with RPC_S_SERVER_UNAVAILABLE and the reason (pause, dial error). */
    @Override
    public void checkConnectivity(UUID connectionGuid) throws EngineException {
        Topology.End end = end(connectionGuid);
        try {
            Connection c = client.connections().get(end.device());
            if (c != null && c.connected()) {
                return;
            }
            String why;
            if (c != null && c.paused()) {
                why = "the device is paused in Syncthing";
            } else {
                SystemStatus s = client.status();
                SyncthingConfig.Device d = client.config().device(end.device()).orElse(null);
                why = "not connected";
                if (d != null && s.lastDialStatus().isPresent()) {
                    for (String a : d.addresses()) {
                        SystemStatus.DialStatus ds = s.lastDialStatus().get().get(a);
                        if (ds != null && ds.error().isPresent()) {
                            why = "not connected; last dial of " + a + ": " + ds.error().get();
                        }
                    }
                }
            }
            throw EngineException.refused(Win32Error.RPC_S_SERVER_UNAVAILABLE.code(), why);
        } catch (SyncthingException e) {
            throw failed(e);
        } catch (InterruptedException e) {
            throw interrupted();
        }
    }

    /**
     * Stop Sync pauses the partner device; Sync Now and Sync Until In-Sync resume it, scan the folders it sends us
     * and set the bandwidth as its receive limit; Obey Configured Schedule puts back what was there before. Bandwidth
     * OFF is Stop Sync.
     */
    @Override
    public void forceReplication(UUID connectionGuid, ReplicationMode mode, BandwidthLevel bandwidth)
            throws EngineException {
        Topology.End end = end(connectionGuid);
        try {
            synchronized (stateLock) {
                Optional<StateFile.Held> h = held(false, end.device());
                if (mode == ReplicationMode.OBEY_SCHEDULE) {
                    if (h.isPresent()) {
                        putBack(h.get());
                    }
                    return;
                }
                SyncthingConfig.Device d = client.config().device(end.device()).orElseThrow(() ->
                        EngineException.refused(Win32Error.ERROR_INVALID_PARAMETER.code(), "Syncthing no longer has "
                                + "device " + end.device()));
                boolean pause = mode == ReplicationMode.STOP_SYNC || bandwidth == BandwidthLevel.OFF;
                long limit = pause ? d.maxRecvKbps() : receiveLimit(bandwidth);
                long now = scheduler.now().toEpochMilli();
                StateFile.Held base = h.orElse(new StateFile.Held(false, end.device(), d.paused(), d.maxRecvKbps(),
                        d.paused(), d.maxRecvKbps(), false, false, now, now));
                // Journalled before Syncthing is changed: a crash in between still puts it back.
                putHeld(new StateFile.Held(false, end.device(), base.previousPaused(), base.previousMaxRecvKbps(),
                        pause, limit, mode == ReplicationMode.SYNC_UNTIL_IN_SYNC, base.userChanged(), base.since(),
                        now));
                if (pause) {
                    if (!d.paused()) {
                        client.pauseDevice(end.device());
                    }
                    return;
                }
                if (d.paused()) {
                    client.resumeDevice(end.device());
                }
                if (d.maxRecvKbps() != limit) {
                    client.setMaxRecvKbps(end.device(), limit);
                }
                for (Topology.End e : topology.endsOf(end.device())) {
                    if (e.inbound()) {
                        for (String f : e.folders()) {
                            client.scan(f);
                        }
                    }
                }
            }
        } catch (SyncthingException e) {
            throw failed(e);
        } catch (InterruptedException e) {
            throw interrupted();
        }
    }

    /**
     * As {@link #forceReplication} for one folder: Stop Sync pauses the folder (for every partner: Syncthing pauses
     * folders, not a folder per device), the other modes resume and scan it. Bandwidth limits are per device in
     * Syncthing and are not changed for one folder.
     */
    @Override
    public void forceFolderReplication(UUID connectionGuid, UUID replicatedFolderGuid, ReplicationMode mode,
                                       BandwidthLevel bandwidth) throws EngineException {
        Topology.End end = end(connectionGuid);
        String folder = folderOf(end, replicatedFolderGuid);
        try {
            synchronized (stateLock) {
                Optional<StateFile.Held> h = held(true, folder);
                if (mode == ReplicationMode.OBEY_SCHEDULE) {
                    if (h.isPresent()) {
                        putBack(h.get());
                    }
                    return;
                }
                SyncthingConfig.Folder f = client.config().folder(folder).orElseThrow(() ->
                        EngineException.refused(Win32Error.ERROR_INVALID_PARAMETER.code(), "Syncthing no longer has "
                                + "folder " + folder));
                boolean pause = mode == ReplicationMode.STOP_SYNC || bandwidth == BandwidthLevel.OFF;
                long now = scheduler.now().toEpochMilli();
                StateFile.Held base = h.orElse(new StateFile.Held(true, folder, f.paused(), 0, f.paused(), 0, false,
                        false, now, now));
                putHeld(new StateFile.Held(true, folder, base.previousPaused(), 0, pause, 0,
                        mode == ReplicationMode.SYNC_UNTIL_IN_SYNC, base.userChanged(), base.since(), now));
                if (f.paused() != pause) {
                    client.setFolderPaused(folder, pause);
                }
                if (!pause) {
                    client.scan(folder);
                }
            }
        } catch (SyncthingException e) {
            throw failed(e);
        } catch (InterruptedException e) {
            throw interrupted();
        }
    }

    /** A bandwidth level as a receive limit in KiB/s, rounded up; INFINITE is 0, Syncthing's "unlimited". */
    static long receiveLimit(BandwidthLevel level) {
        if (level == BandwidthLevel.INFINITE || level == BandwidthLevel.OFF) {
            return 0;
        }
        return (level.bitsPerSecond() + 8191) / 8192;
    }

    /**
     * Moves the file with Uid {@code {folder GUID}-v<sequence>} to the front of the pull queue. Already being pulled,
     * or needed no more after having been: done (0). A Uid of another folder, or a sequence never seen among the
     * files needed: MONITOR_STATUS_IDRECORD_NOT_FOUND (2).
     */
    @Override
    public void forceDownload(UUID connectionGuid, UUID replicatedFolderGuid, Uid uid) throws EngineException {
        Topology.End end = end(connectionGuid);
        String folder = folderOf(end, replicatedFolderGuid);
        if (!uid.databaseGuid().equals(replicatedFolderGuid)) {
            throw EngineException.refused(MONITOR_STATUS_IDRECORD_NOT_FOUND, "Uid " + uid + " is not of folder "
                    + folder + " (its Uids are {" + replicatedFolderGuid + "}-v<sequence>)");
        }
        try {
            NeedList need = client.need(folder);
            Set<Long> seen;
            synchronized (seenUids) {
                seen = seenUids.computeIfAbsent(folder, k -> new HashSet<>());
                if (seen.size() > MAX_REMEMBERED_UIDS) {
                    seen.clear();
                }
                for (List<NeedList.NeedFile> l : List.of(need.progress(), need.queued(), need.rest())) {
                    l.forEach(n -> seen.add(n.sequence()));
                }
            }
            if (need.progress().stream().anyMatch(n -> n.sequence() == uid.version())) {
                return;
            }
            Optional<NeedList.NeedFile> file = java.util.stream.Stream.concat(need.queued().stream(),
                    need.rest().stream()).filter(n -> n.sequence() == uid.version()).findFirst();
            if (file.isPresent()) {
                client.prioritise(folder, file.get().name());
                return;
            }
            synchronized (seenUids) {
                if (seenUids.getOrDefault(folder, Set.of()).contains(uid.version())) {
                    return;
                }
            }
            throw EngineException.refused(MONITOR_STATUS_IDRECORD_NOT_FOUND, "no file with Uid " + uid
                    + " is needed in folder " + folder);
        } catch (SyncthingException e) {
            throw failed(e);
        } catch (InterruptedException e) {
            throw interrupted();
        }
    }

    /** The Uid of a needed file: {@code {folder GUID}-v<sequence>}. */
    static Uid uid(String folder, NeedList.NeedFile file) {
        return new Uid(Ids.folder(folder), file.sequence());
    }
}
