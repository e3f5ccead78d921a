package org.replprov.engines.windows;

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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimName;
import org.replprov.cim.CimValue;
import org.replprov.cim.Guids;
import org.replprov.drsr.Win32Error;
import org.replprov.engine.spi.BandwidthLevel;
import org.replprov.engine.spi.Capability;
import org.replprov.engine.spi.Configuration;
import org.replprov.engine.spi.ConnectionFailure;
import org.replprov.engine.spi.EngineError;
import org.replprov.engine.spi.EngineException;
import org.replprov.engine.spi.Link;
import org.replprov.engine.spi.LinkHealth;
import org.replprov.engine.spi.LinkRemoved;
import org.replprov.engine.spi.Observation;
import org.replprov.engine.spi.Observer;
import org.replprov.engine.spi.ReplicationEngine;
import org.replprov.engine.spi.ReplicationMode;
import org.replprov.engine.spi.ServiceState;
import org.replprov.engine.spi.SyncResults;
import org.replprov.engine.spi.SyncSession;
import org.replprov.engine.spi.Uid;
import org.replprov.engines.windows.wsman.MethodResult;
import org.replprov.engines.windows.wsman.WsmanClient;
import org.replprov.log.LogSafe;
import org.replprov.mof.MofCompiler;
import org.replprov.repository.ClassRepository;
import org.replprov.time.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Windows DFSR members watched and driven over WS-Management or DCOM: each listed member is polled on its own thread
 * (DfsrConnectionInfo and DfsrReplicatedFolderInfo of {@code root/MicrosoftDfs}, then DfsrSyncInfo, DfsrInfo and the
 * four configuration classes, each of which may fail alone), every call bounded by the call
 * timeout, so a member that does not answer delays only itself and its links go In Error; the backlog of each
 * connection between two listed members is counted as DFSR's tools do (GetVersionVector on the receiving member,
 * GetOutboundBacklogFileCount with it on the sending one); the four DfsrConnectionInfo methods go to the member that
 * reports the connection, and its ReturnValue comes back unchanged.
 *
 * <p>What two listed members report under one Windows key is told apart: the outbound end of a connection gets a
 * derived ConnectionGuid ({@link DfsrFacts#key}), and a replicated folder hosted by a member listed earlier a derived
 * ReplicatedFolderGuid ({@link DfsrFacts#folderKey}) for the state, configuration and scopes of the later member's
 * copy; calls to Windows always carry the Windows GUIDs (docs/engines.md, "Keys").
 */
public final class WindowsDfsrEngine implements ReplicationEngine {

    private static final Logger log = LoggerFactory.getLogger(WindowsDfsrEngine.class);

    static final String NAMESPACE = "root/MicrosoftDfs";

    /** The shipped schema's DFSR classes type every value read and written. */
    private static final class Classes {
        static final ClassRepository SCHEMA = MofCompiler.loadShippedSchema();
        static final CimClass CONNECTION = SCHEMA.requireClass(NAMESPACE, CimName.of("DfsrConnectionInfo"));
        static final CimClass FOLDER = SCHEMA.requireClass(NAMESPACE, CimName.of("DfsrReplicatedFolderInfo"));
        static final CimClass SYNC = SCHEMA.requireClass(NAMESPACE, CimName.of("DfsrSyncInfo"));
        static final CimClass INFO = SCHEMA.requireClass(NAMESPACE, CimName.of("DfsrInfo"));
        static final CimClass GROUP_CONFIG = SCHEMA.requireClass(NAMESPACE,
                CimName.of("DfsrReplicationGroupConfig"));
        static final CimClass MEMBER_CONFIG = SCHEMA.requireClass(NAMESPACE, CimName.of("DfsrLocalMemberConfig"));
        static final CimClass FOLDER_CONFIG = SCHEMA.requireClass(NAMESPACE,
                CimName.of("DfsrReplicatedFolderConfig"));
        static final CimClass CONNECTION_CONFIG = SCHEMA.requireClass(NAMESPACE, CimName.of("DfsrConnectionConfig"));
    }

    private final WindowsDfsrSettings settings;
    private final Scheduler scheduler;
    private final List<Member> members = new ArrayList<>();
    /** Every reported link: which member reports it, under which Windows ConnectionGuid. */
    private final Map<UUID, Route> routes = new ConcurrentHashMap<>();
    /** Backlog counts under way, by connection and folder: a slow sender gets no second one queued. */
    private final Set<String> backlogInFlight = ConcurrentHashMap.newKeySet();
    private volatile Observer observer;
    private volatile boolean closed;

    private record Route(Member member, UUID windowsGuid, Link link) {
    }

    WindowsDfsrEngine(WindowsDfsrSettings settings, Scheduler scheduler) {
        this.settings = settings;
        this.scheduler = scheduler;
        settings.hosts().forEach(h -> members.add(h.dcom() != null
                ? new Member(h.name(), new DcomMemberClient(h.dcom()), h.dcom().callTimeout())
                : new Member(h.name(), new WsmanMemberClient(new WsmanClient(h.wsman())), h.wsman().callTimeout())));
    }

    @Override
    public void start(Observer o) {
        this.observer = Objects.requireNonNull(o, "observer");
        Instant now = scheduler.now();
        for (Member m : members) {
            m.planPoll(now);
            m.planBacklog(now.plus(settings.pollInterval().dividedBy(2)));
        }
    }

    /** The four DfsrConnectionInfo methods; CleanupConflictDirectory is not carried out (50). */
    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.CHECK_CONNECTIVITY, Capability.FORCE_REPLICATION,
                Capability.FORCE_FOLDER_REPLICATION, Capability.FORCE_DOWNLOAD);
    }

    @Override
    public void checkConnectivity(UUID connectionGuid) throws EngineException {
        invoke(connectionGuid, "CheckConnectivity", Map.of());
    }

    @Override
    public void forceReplication(UUID connectionGuid, ReplicationMode mode, BandwidthLevel bandwidth)
            throws EngineException {
        Map<String, CimValue> in = new LinkedHashMap<>();
        in.put("Mode", CimValue.uint32(mode.value()));
        in.put("DurationInMin", CimValue.uint32(settings.forceDurationMinutes()));
        in.put("Bandwidth", CimValue.uint32(bandwidth.value()));
        invoke(connectionGuid, "ForceReplication", in);
    }

    @Override
    public void forceFolderReplication(UUID connectionGuid, UUID replicatedFolderGuid, ReplicationMode mode,
                                       BandwidthLevel bandwidth) throws EngineException {
        // The method has no Mode (its documentation): OBEY_SCHEDULE, which ends an override, is sent as the
        // connection-wide ForceReplication, the one call Windows offers to go back to the schedule.
        if (mode == ReplicationMode.OBEY_SCHEDULE) {
            forceReplication(connectionGuid, mode, bandwidth);
            return;
        }
        Route r = route(connectionGuid);
        Map<String, CimValue> in = new LinkedHashMap<>();
        in.put("DurationInMin", CimValue.uint32(settings.forceDurationMinutes()));
        in.put("Bandwidth", CimValue.uint32(bandwidth.value()));
        in.put("ReplicatedFolderGuid", CimValue.string(Guids.format(windowsFolder(r, replicatedFolderGuid))));
        invoke(r, "ForceFolderReplication", in);
    }

    @Override
    public void forceDownload(UUID connectionGuid, UUID replicatedFolderGuid, Uid uid) throws EngineException {
        Route r = route(connectionGuid);
        Map<String, CimValue> in = new LinkedHashMap<>();
        in.put("ReplicatedFolderGuid", CimValue.string(Guids.format(windowsFolder(r, replicatedFolderGuid))));
        in.put("Uid", CimValue.string(uid.toString()));
        invoke(r, "ForceDownload", in);
    }

    /** The member and Windows ConnectionGuid of a reported link. */
    private Route route(UUID connectionGuid) throws EngineException {
        if (closed) {
            throw EngineException.failed("the windows-dfsr engine is closed", null);
        }
        Route r = routes.get(connectionGuid);
        if (r == null) {
            throw EngineException.refused(Win32Error.ERROR_INVALID_PARAMETER.code(), "no DFSR connection "
                    + Guids.format(connectionGuid) + " on any listed member");
        }
        return r;
    }

    /**
     * The Windows ReplicatedFolderGuid of the folder the route's member reports under {@code key}: what the member's
     * methods expect, never a GUID the engine derived ({@link DfsrFacts#folderKey}). Another member's key names no
     * folder of this one: ERROR_NOT_FOUND, as the provider answers for a folder the connection does not carry.
     */
    private static UUID windowsFolder(Route r, UUID key) throws EngineException {
        UUID windows = r.member().folderKeys.get(key);
        if (windows == null) {
            throw EngineException.refused(Win32Error.ERROR_NOT_FOUND.code(), r.member().name
                    + " hosts no replicated folder " + Guids.format(key));
        }
        return windows;
    }

    /**
     * Calls {@code method} on the member that reports the connection, with its Windows ConnectionGuid. A non-zero
     * ReturnValue is refused with that value, unchanged. A member that fails or does not answer refuses too (with the
     * fault's Windows code, ERROR_TIMEOUT, ERROR_ACCESS_DENIED or RPC_S_SERVER_UNAVAILABLE) rather than failing the
     * engine: the other members' links are not in question. Its own links go In Error at its next poll.
     */
    private void invoke(UUID connectionGuid, String method, Map<String, CimValue> in) throws EngineException {
        invoke(route(connectionGuid), method, in);
    }

    private void invoke(Route r, String method, Map<String, CimValue> in) throws EngineException {
        MethodResult result;
        try {
            result = r.member().client.invoke(Classes.CONNECTION, method,
                    Map.of("ConnectionGuid", Guids.format(r.windowsGuid())), in);
        } catch (MemberClient.Failure e) {
            throw EngineException.refused((int) e.refusal(), r.member().name + ": " + method + " failed: "
                    + e.getMessage());
        }
        long rv = result.returnCode().orElse(0L);
        if (rv != 0) {
            throw EngineException.refused((int) rv, r.member().name + " answered " + method + " with ReturnValue "
                    + rv);
        }
    }

    @Override
    public void close() {
        closed = true;
        members.forEach(Member::close);
    }

    private void report(Observation fact) {
        Observer o = observer;
        if (o != null && !closed) {
            o.observe(fact);
        }
    }

    /** The member whose DFSR member GUID is {@code guid}, once one of its polls said so. */
    private Optional<Member> member(UUID guid) {
        return members.stream().filter(m -> guid.equals(m.memberGuid)).findFirst();
    }

    /** One listed DFSR member: its client, its threads, and what its last poll found. */
    private final class Member {
        final String name;
        final MemberClient client;
        final Duration callTimeout;
        /** Polls, one at a time: a hung member holds only this thread, each call for at most the call timeout. */
        final ExecutorService poller;
        /** Backlog calls on this member (GetVersionVector as receiver, GetOutboundBacklogFileCount as sender). */
        final ExecutorService calls;
        volatile UUID memberGuid;
        /** The links of the last good poll, by reported GUID, and its replicated folders. */
        volatile Map<UUID, Link> links = Map.of();
        volatile List<CimInstance> folders = List.of();
        /** The key each of those folders is reported under, to its Windows ReplicatedFolderGuid. */
        volatile Map<UUID, UUID> folderKeys = Map.of();
        /** Open until the member's first poll read its folders or failed (see {@link #awaitEarlierMembers}). */
        final CountDownLatch firstPoll = new CountDownLatch(1);
        /** The sessions of the last poll that read DfsrSyncInfo, by SyncGuid: only changes are reported. */
        Map<UUID, SyncSession> sessions = Map.of();
        ServiceState service;
        /** The configuration last reported, by replication group, and the folders (Windows GUIDs) it names. */
        final Map<UUID, Configuration> configurations = new HashMap<>();
        volatile Set<UUID> configuredFolders = Set.of();
        /** The classes that failed at their last read (logged once, when they start failing). */
        final Set<String> refused = new HashSet<>();
        /** A read of this poll timed out: the member stopped answering, the poll reads nothing more. */
        boolean stalled;
        int failures;
        volatile Scheduler.Cancellable nextPoll;
        volatile Scheduler.Cancellable nextBacklog;

        Member(String name, MemberClient client, Duration callTimeout) {
            this.name = name;
            this.client = client;
            this.callTimeout = callTimeout;
            this.poller = Executors.newSingleThreadExecutor(r -> thread(r, "windows-dfsr-poll-" + name));
            this.calls = Executors.newSingleThreadExecutor(r -> thread(r, "windows-dfsr-calls-" + name));
        }

        private static Thread thread(Runnable r, String name) {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        }

        void planPoll(Instant at) {
            nextPoll = scheduler.schedule(at, () -> submit(poller, this::poll));
        }

        void planBacklog(Instant at) {
            nextBacklog = scheduler.schedule(at, () -> submit(calls, this::countBacklogs));
        }

        private void submit(ExecutorService on, Runnable task) {
            try {
                on.execute(task);
            } catch (RejectedExecutionException closing) {
                // closed meanwhile
            }
        }

        /** Reads the member's connections and folders and reports what they say; plans the next poll. */
        void poll() {
            try {
                List<CimInstance> conns = client.enumerate(Classes.CONNECTION, "SELECT * FROM DfsrConnectionInfo");
                List<CimInstance> rfs = client.enumerate(Classes.FOLDER, "SELECT * FROM DfsrReplicatedFolderInfo");
                reportPoll(conns, rfs);
                firstPoll.countDown(); // its folders are known: a member listed later can key its own
                stalled = false;
                read(List.of(Classes.SYNC)).ifPresent(r -> reportSessions(r.get(0)));
                read(List.of(Classes.INFO)).ifPresent(r -> reportService(r.get(0)));
                read(List.of(Classes.GROUP_CONFIG, Classes.MEMBER_CONFIG, Classes.FOLDER_CONFIG,
                        Classes.CONNECTION_CONFIG)).ifPresent(r -> reportConfiguration(r.get(0), r.get(1), r.get(2),
                        r.get(3)));
            } catch (MemberClient.Failure e) {
                reportFailure(e);
            } catch (RuntimeException bug) {
                log.error("windows-dfsr: polling {} failed", name, bug);
            } finally {
                firstPoll.countDown();
                if (!closed) {
                    planPoll(scheduler.now().plus(settings.pollInterval()));
                }
            }
        }

        private void reportPoll(List<CimInstance> conns, List<CimInstance> rfs) {
            if (failures > 0) {
                log.info("windows-dfsr: {} answers again after {} failed poll(s)", name, failures);
            }
            failures = 0;
            awaitEarlierMembers();
            // Each folder's key first: the links carry it as their scopes.
            Map<UUID, UUID> keys = new HashMap<>();
            Map<UUID, UUID> windowsOf = new HashMap<>();
            for (CimInstance f : rfs) {
                Optional<UUID> folder = DfsrFacts.guid(f, "ReplicatedFolderGuid");
                Optional<UUID> own = DfsrFacts.guid(f, "MemberGuid");
                own.ifPresent(g -> memberGuid = g);
                Optional<UUID> member = own.or(() -> Optional.ofNullable(memberGuid));
                if (folder.isPresent()) {
                    UUID key = member.map(g -> folderKey(g, folder.get())).orElse(folder.get());
                    keys.put(folder.get(), key);
                    windowsOf.put(key, folder.get());
                }
            }
            folders = List.copyOf(rfs);
            folderKeys = Map.copyOf(windowsOf);
            Map<UUID, Link> now = new LinkedHashMap<>();
            for (CimInstance c : conns) {
                Optional<Link> link = DfsrFacts.link(c, rfs, keys);
                if (link.isEmpty()) {
                    log.warn("windows-dfsr: {} reports a DfsrConnectionInfo without GUIDs: {}", name,
                            LogSafe.of(DfsrFacts.text(c, "ConnectionGuid")));
                    continue;
                }
                Link l = link.get();
                memberGuid = l.memberGuid();
                UUID windowsGuid = DfsrFacts.guid(c, "ConnectionGuid").orElseThrow();
                Route before = routes.get(l.connectionGuid());
                if (before != null && before.member() != this) {
                    log.warn("windows-dfsr: {} and {} both report connection {}; is one member listed twice?",
                            before.member().name, name, Guids.format(l.connectionGuid()));
                    continue;
                }
                now.put(l.connectionGuid(), l);
                if (before == null || !before.link().equals(l)) {
                    report(l);
                }
                routes.put(l.connectionGuid(), new Route(this, windowsGuid, l));
                // Health every poll, not only on change: the provider may have put the link In Error meanwhile.
                report(DfsrFacts.health(l.connectionGuid(), c, name));
            }
            for (UUID gone : links.keySet()) {
                if (!now.containsKey(gone)) {
                    routes.remove(gone);
                    report(new LinkRemoved(gone));
                }
            }
            links = Map.copyOf(now);
            // Every poll, not only on change: when a folder's key moves (a member listed earlier starts hosting it),
            // the member that keeps the Windows GUID puts its own values back under it at its next poll.
            Instant asOf = scheduler.now();
            for (CimInstance f : rfs) {
                DfsrFacts.guid(f, "ReplicatedFolderGuid").flatMap(g -> DfsrFacts.scope(f, keys.get(g), name, asOf))
                        .ifPresent(WindowsDfsrEngine.this::report);
            }
        }

        /**
         * Waits, at most twice the call timeout for each, until every member listed before this one has read its
         * folders once (or failed to): which member keeps a folder's Windows GUID depends on them, and at start-up,
         * when all members are polled at once, this member's first facts would otherwise name the folder as the
         * earlier member's, which then reports it too.
         */
        private void awaitEarlierMembers() {
            for (Member m : members) {
                if (m == this) {
                    return;
                }
                try {
                    if (!m.firstPoll.await(m.callTimeout.toMillis() * 2, TimeUnit.MILLISECONDS)) {
                        log.debug("windows-dfsr: {} reports its folders before {} answered", name, m.name);
                    }
                } catch (InterruptedException closing) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        /**
         * The instances of each class, all of them or none: a class the member refuses (an account without rights on
         * it, a class its Windows version lacks) leaves out what depends on it and nothing else. Logged when the class
         * starts failing and when it answers again, not at every poll.
         */
        private Optional<List<List<CimInstance>>> read(List<CimClass> classes) {
            List<List<CimInstance>> out = new ArrayList<>();
            for (CimClass c : classes) {
                if (stalled) {
                    return Optional.empty();
                }
                String cls = c.name().toString();
                try {
                    out.add(client.enumerate(c, "SELECT * FROM " + cls));
                    if (refused.remove(cls)) {
                        log.info("windows-dfsr: {} answers queries of {} again", name, cls);
                    }
                } catch (MemberClient.Failure e) {
                    stalled = e.kind() == MemberClient.Kind.TIMEOUT;
                    if (refused.add(cls)) {
                        log.warn("windows-dfsr: {} does not answer queries of {} ({}); its other classes are still "
                                + "read", name, cls, LogSafe.of(e.getMessage()));
                    }
                    return Optional.empty();
                }
            }
            return Optional.of(out);
        }

        /**
         * The sessions of the member's inbound connections, each under its link (the inbound end keeps the Windows
         * ConnectionGuid); a session is reported when it is new or changed. The sending end's sessions are the
         * receiving member's business: the SPI knows sessions of inbound links only.
         */
        private void reportSessions(List<CimInstance> syncs) {
            Map<UUID, SyncSession> now = new LinkedHashMap<>();
            for (CimInstance i : syncs) {
                if (!(i.value("Inbound") instanceof CimValue.Bool b && b.value())) {
                    continue;
                }
                Optional<SyncSession> s = DfsrFacts.session(i, name);
                Route r = s.map(x -> routes.get(x.connectionGuid())).orElse(null);
                if (r == null || r.member() != this) {
                    continue; // unreadable, or of a connection this member does not report: nothing names it
                }
                now.put(s.get().sessionGuid(), s.get());
                if (!s.get().equals(sessions.get(s.get().sessionGuid()))) {
                    report(s.get());
                }
            }
            sessions = now;
        }

        private void reportService(List<CimInstance> infos) {
            infos.stream().findFirst().flatMap(i -> DfsrFacts.service(i, name)).ifPresent(s -> {
                if (!s.equals(service)) {
                    service = s;
                    report(s);
                }
            });
        }

        private void reportConfiguration(List<CimInstance> groups, List<CimInstance> memberships,
                                         List<CimInstance> rfs, List<CimInstance> connections) {
            Set<UUID> configured = new HashSet<>();
            rfs.forEach(f -> DfsrFacts.guid(f, "ReplicatedFolderGuid").ifPresent(configured::add));
            configuredFolders = Set.copyOf(configured);
            for (Configuration c : DfsrFacts.configurations(groups, memberships, rfs, connections,
                    this::folderKey)) {
                if (!c.equals(configurations.get(c.replicationGroupGuid()))) {
                    configurations.put(c.replicationGroupGuid(), c);
                    report(c);
                }
            }
        }

        /**
         * The folder's own GUID, unless a member listed before this one hosts it too (its DfsrReplicatedFolderInfo or
         * its configuration names it): then this member's state and configuration of it are reported under
         * {@link DfsrFacts#folderKey}, so that both members' show.
         */
        private UUID folderKey(UUID member, UUID folder) {
            for (Member m : members) {
                if (m == this) {
                    return folder;
                }
                if (m.hosts(folder) || m.configuredFolders.contains(folder)) {
                    return DfsrFacts.folderKey(member, folder);
                }
            }
            return folder;
        }

        /** The member did not answer: its links go In Error (the provider's state derivation: retries exhausted). */
        private void reportFailure(MemberClient.Failure e) {
            failures++;
            if (failures == 1) {
                log.warn("windows-dfsr: {} does not answer: {}", name, LogSafe.of(e.getMessage()));
            }
            EngineError error = switch (e.kind()) {
                case FAULT -> e.code().isPresent()
                        ? new EngineError(ConnectionFailure.SERVICE_UNREACHABLE, EngineError.CodeSpace.HRESULT,
                        e.code().getAsLong(), name + ": " + e.getMessage())
                        : EngineError.text(ConnectionFailure.SERVICE_UNREACHABLE, name + ": " + e.getMessage());
                case TIMEOUT -> new EngineError(ConnectionFailure.SERVICE_UNREACHABLE, EngineError.CodeSpace.WIN32,
                        Win32Error.ERROR_TIMEOUT.code(), name + ": " + e.getMessage());
                case AUTHENTICATION -> new EngineError(ConnectionFailure.SERVICE_UNREACHABLE,
                        EngineError.CodeSpace.WIN32, Win32Error.ERROR_ACCESS_DENIED.code(),
                        name + ": " + e.getMessage());
                default -> EngineError.text(ConnectionFailure.SERVICE_UNREACHABLE, name + ": " + e.getMessage());
            };
            for (UUID link : links.keySet()) {
                report(new LinkHealth(link, LinkHealth.Condition.CONNECTING, error, failures, 1,
                        SyncResults.UNKNOWN));
            }
        }

        /**
         * For each inbound connection from another listed member: this member's version vector of each folder the
         * connection carries, handed to the sending member's GetOutboundBacklogFileCount on that member's own thread.
         */
        void countBacklogs() {
            try {
                for (Link l : links.values()) {
                    if (!l.inbound()) {
                        continue;
                    }
                    Optional<Member> sender = member(l.partnerGuid());
                    if (sender.isEmpty()) {
                        continue;
                    }
                    for (var scope : l.scopes()) {
                        // The scope is this (the receiving) member's key; both members' methods want Windows'.
                        UUID folder = folderKeys.get(scope.guid());
                        String key = l.connectionGuid() + "/" + scope.guid();
                        if (folder != null && sender.get().hosts(folder) && backlogInFlight.add(key)) {
                            count(l, scope.guid(), folder, sender.get(), key);
                        }
                    }
                }
            } finally {
                if (!closed) {
                    planBacklog(scheduler.now().plus(settings.backlogInterval()));
                }
            }
        }

        boolean hosts(UUID folder) {
            return folders.stream().anyMatch(f -> DfsrFacts.guid(f, "ReplicatedFolderGuid").equals(Optional.of(folder)));
        }

        /** The backlog of {@code folder} (Windows' GUID) over {@code l}, reported under {@code scope}. */
        private void count(Link l, UUID scope, UUID folder, Member sender, String key) {
            Map<String, String> selector = Map.of("ReplicatedFolderGuid", Guids.format(folder));
            String vv;
            try {
                MethodResult r = client.invoke(Classes.FOLDER, "GetVersionVector", selector, Map.of());
                if (r.returnCode().orElse(0L) != 0 || r.output("VersionVector").isEmpty()) {
                    log.info("windows-dfsr: {} answered GetVersionVector for {} with {}", name,
                            Guids.format(folder), r.returnCode().orElse(null));
                    backlogInFlight.remove(key);
                    return;
                }
                vv = r.output("VersionVector").get().text();
            } catch (MemberClient.Failure e) {
                log.info("windows-dfsr: GetVersionVector on {} failed: {}", name, LogSafe.of(e.getMessage()));
                backlogInFlight.remove(key);
                return;
            }
            sender.submit(sender.calls, () -> {
                try {
                    MethodResult r = sender.client.invoke(Classes.FOLDER, "GetOutboundBacklogFileCount",
                            selector, Map.of("VersionVector", CimValue.string(vv)));
                    long rv = r.returnCode().orElse(0L);
                    Optional<CimValue> count = r.output("BacklogFileCount");
                    if (rv == 0 && count.isPresent() && count.get() instanceof CimValue.Int n) {
                        report(new org.replprov.engine.spi.Backlog(l.connectionGuid(), scope, n.value(), -1,
                                scheduler.now()));
                    } else {
                        log.info("windows-dfsr: {} answered GetOutboundBacklogFileCount for {} with {}",
                                sender.name, Guids.format(folder), rv);
                    }
                } catch (MemberClient.Failure e) {
                    log.info("windows-dfsr: GetOutboundBacklogFileCount on {} failed: {}", sender.name,
                            LogSafe.of(e.getMessage()));
                } finally {
                    backlogInFlight.remove(key);
                }
            });
        }

        void close() {
            Scheduler.Cancellable p = nextPoll;
            Scheduler.Cancellable b = nextBacklog;
            if (p != null) {
                p.cancel();
            }
            if (b != null) {
                b.cancel();
            }
            poller.shutdownNow();
            calls.shutdownNow();
            client.close();
        }
    }
}
