package org.replprov.engines.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.replprov.drsr.Win32Error;
import org.replprov.engine.spi.BacklogSource;
import org.replprov.engine.spi.BandwidthLevel;
import org.replprov.engine.spi.Capability;
import org.replprov.engine.spi.Configuration;
import org.replprov.engine.spi.IdRecordQuery;
import org.replprov.engine.spi.IdRecordSource;
import org.replprov.engine.spi.Link;
import org.replprov.engine.spi.Observer;
import org.replprov.engine.spi.Scope;
import org.replprov.engine.spi.EngineException;
import org.replprov.engine.spi.ReplicationEngine;
import org.replprov.engine.spi.ReplicationMode;
import org.replprov.engine.spi.RepsToStore;
import org.replprov.engine.spi.Uid;
import org.replprov.engines.embedded.backlog.MalformedVersionVectorException;
import org.replprov.engines.embedded.backlog.VersionVector;
import org.replprov.engines.embedded.mirror.Mirror;
import org.replprov.engines.embedded.mirror.Replica;
import org.replprov.engines.embedded.peer.PeerClient;
import org.replprov.engines.embedded.peer.PeerEndpoint;
import org.replprov.engines.embedded.peer.PeerProtocol;
import org.replprov.engines.embedded.peer.PeerRefusal;
import org.replprov.engines.embedded.schedule.Throttle;
import org.replprov.engines.embedded.store.Downstream;
import org.replprov.engines.embedded.store.EmbeddedDatabase;
import org.replprov.engines.embedded.store.IdRecord;
import org.replprov.engines.embedded.transport.Entry;
import org.replprov.engines.embedded.transport.Transports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded replication engine: the local member of one replication group mirrors the group's replicated folders
 * one way from an upstream partner (file:// or smb://), as a DFSR read-only member or SYSVOL on a domain controller
 * replicating from the primary does. Two-way, multi-master replication is out of its scope.
 *
 * <p>Members that run replprov also speak the peer protocol ({@link PeerProtocol}): a downstream announces itself,
 * the upstream keeps it in its repsTo list, shows an outbound connection for it, and notifies it of changes. The daemon
 * serves the peer endpoint of {@link EmbeddedEngineProvider#endpoints} on its listener.
 */
public final class EmbeddedEngine implements ReplicationEngine, PeerEndpoint, BacklogSource, IdRecordSource {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedEngine.class);

    private final EmbeddedSettings settings;
    private final Clock clock;
    private final Optional<RepsToStore> repsToStore;
    private final Map<UUID, InboundConnection> inbound = new LinkedHashMap<>();
    private final Map<UUID, String> notifyTokens = new LinkedHashMap<>();
    private ExecutorService events;
    private EmbeddedDatabase db;
    private Outbound outbound;
    private ChangeWatcher watcher;
    private ScopeReporter scopes;

    public EmbeddedEngine(EmbeddedSettings settings, Clock clock) {
        this(settings, clock, Optional.empty());
    }

    /** @param repsToStore where the repsTo values are shown (ReplProv_RepsTo), besides the engine's own list */
    public EmbeddedEngine(EmbeddedSettings settings, Clock clock, Optional<RepsToStore> repsToStore) {
        this.settings = settings;
        this.clock = clock;
        this.repsToStore = repsToStore;
    }

    public EmbeddedSettings settings() {
        return settings;
    }

    /** Every operation of DfsrConnectionInfo. */
    @Override
    public Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    @Override
    public synchronized void start(Observer listener) throws EngineException {
        try {
            events = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "embedded-events");
                t.setDaemon(true);
                return t;
            });
            db = EmbeddedDatabase.open(settings.stateDirectory());
            PeerClient client = new PeerClient(trust(settings.peer()), settings.peer().timeout());
            scopes = new ScopeReporter(settings, listener, events, clock);
            outbound = new Outbound(settings, db, repsToStore, listener, events, clock, client);
            outbound.start();
            for (EmbeddedSettings.Inbound in : settings.inbound().values()) {
                InboundConnection c = connection(in, client, listener);
                inbound.put(c.guid(), c);
            }
            for (EmbeddedSettings.Folder f : settings.folders().values()) {
                boolean received = !inbound.isEmpty(); // every inbound connection carries every folder
                scopes.start(f, received, received && db.folder(f.guid()).anyInstalled());
            }
            Configuration configuration = configuration();
            events.submit(() -> listener.observe(configuration));
            watcher = new ChangeWatcher(settings.folders().values().stream().map(EmbeddedSettings.Folder::path)
                    .toList(), settings.peer().notifyDelay(), outbound::changed);
            watcher.start();
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            close();
            throw EngineException.failed("the embedded engine cannot start: " + e.getMessage(), e);
        }
        log.info("Embedded engine: member {} of group {}, {} replicated folder(s), {} inbound connection(s), {} "
                        + "downstream partner(s)", settings.member().name(), settings.group().name(),
                settings.folders().size(), inbound.size(), outbound.entries().size());
        inbound.values().forEach(InboundConnection::start);
    }

    private InboundConnection connection(EmbeddedSettings.Inbound in, PeerClient client, Observer listener)
            throws IOException {
        Link identity = new Link(in.connectionGuid(), settings.member().guid(), settings.member().name(),
                in.partnerGuid(), in.partner(), settings.group().guid(), settings.group().name(), true, false,
                settings.folders().values().stream().map(f -> Scope.folder(f.guid(), f.name())).toList());
        List<FolderReplica> folders = new ArrayList<>();
        for (EmbeddedSettings.Folder f : settings.folders().values()) {
            if (in.createUpstream()) {
                createUpstream(Path.of(in.upstreams().get(f.name())), in.partner(), f.name());
            }
            Mirror m = new Mirror(f.name(), Transports.open(in.upstreams().get(f.name()), in.smb()),
                    new Replica(f.path()), db.folder(f.guid()), clock, in.mirrorSettings(f));
            folders.add(new FolderReplica(f, m, new Throttle(0)));
        }
        InboundConnection.Announcer announcer = InboundConnection.Announcer.NONE;
        if (in.peer().isPresent()) {
            EmbeddedSettings.UpstreamPeer peer = in.peer().get();
            String token = HexFormat.of().formatHex(random16());
            notifyTokens.put(in.connectionGuid(), token);
            PeerProtocol.Announce announce = new PeerProtocol.Announce(PeerProtocol.VERSION, settings.group().guid(),
                    settings.group().name(), settings.member().guid(), settings.member().name(), in.connectionGuid(),
                    settings.peer().address().orElseThrow().toString(), in.replicaFlags().names(), token);
            announcer = () -> client.announce(peer.uri(), peer.user(), peer.password(), announce);
        }
        return new InboundConnection(identity, in, folders, announcer, listener, events, clock, scopes);
    }

    /**
     * The configuration facts (the DFSR configuration classes): the group, this member, its folders (read-only where
     * an inbound connection brings them, since the engine mirrors one way) and the inbound connections with their
     * schedules. Outbound connections come and go with downstream announcements; their links say what there is.
     */
    private Configuration configuration() {
        boolean received = !settings.inbound().isEmpty();
        List<Configuration.Folder> folders = settings.folders().values().stream()
                .sorted(java.util.Comparator.comparing(EmbeddedSettings.Folder::name))
                .map(f -> new Configuration.Folder(f.guid(), f.name(), f.path().toString(),
                        f.path().resolve(Replica.PRIVATE).resolve("Staging").toString(),
                        f.path().resolve(Replica.PRIVATE).resolve("ConflictAndDeleted").toString(), received, true))
                .toList();
        List<Configuration.Connection> connections = settings.inbound().values().stream()
                .map(in -> new Configuration.Connection(in.connectionGuid(), in.partnerGuid(), in.partner(), true,
                        true, new Configuration.WeekSchedule(in.schedule().toBytes(),
                        in.schedule().zone().normalized().equals(java.time.ZoneOffset.UTC))))
                .toList();
        return new Configuration(settings.group().guid(), settings.group().name(), settings.member().guid(),
                settings.member().name(), folders, connections);
    }

    /**
     * Creates a missing file: upstream folder with a welcome file in it ({@code inbound.<partner>.createUpstream}),
     * so that a demo or trial configuration replicates something at once. An existing folder is left as it is: the
     * welcome file is not written again once it has been deleted upstream.
     */
    private static void createUpstream(Path dir, String partner, String folder) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("README.txt"), """
                This is the upstream of the replicated folder %s (partner %s), created by replprov
                because the engine setting inbound.%s.createUpstream is true. Files put here are mirrored into
                the local replica at the next poll, or at once with ForceReplication.
                """.formatted(folder, partner, partner), StandardCharsets.UTF_8);
        log.info("Created the upstream of folder {} at {}", folder, dir);
    }

    private static byte[] random16() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        return b;
    }

    /** The JDK's trust, plus the configured trust store for peers with certificates of their own making. */
    private static SSLContext trust(EmbeddedSettings.PeerSettings peer) throws IOException, GeneralSecurityException {
        if (peer.trustStore().isEmpty()) {
            return SSLContext.getDefault();
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(peer.trustStore().get())) {
            ks.load(in, peer.trustStorePassword().toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }

    /** The inbound connection with this GUID. */
    InboundConnection inbound(UUID connectionGuid) throws EngineException {
        InboundConnection c;
        synchronized (this) {
            c = inbound.get(connectionGuid);
        }
        if (c == null) {
            throw EngineException.refused(Win32Error.ERROR_INVALID_PARAMETER.code(), "no inbound connection "
                    + connectionGuid + " in the embedded engine");
        }
        return c;
    }

    /** The repsTo list of the group, for tests and the lab. */
    public List<Downstream> repsTo() {
        return outbound.entries();
    }

    // ---- peer protocol --------------------------------------------------------------------------------------

    @Override
    public PeerProtocol.AnnounceReply announced(PeerProtocol.Announce announce) throws PeerRefusal {
        Outbound o;
        synchronized (this) {
            o = outbound;
        }
        if (o == null) {
            throw PeerRefusal.unrecognized("the engine is not running");
        }
        return o.announced(announce);
    }

    @Override
    public PeerProtocol.NotifyReply notified(PeerProtocol.Notify notify) throws PeerRefusal {
        InboundConnection c;
        String token;
        synchronized (this) {
            c = inbound.get(notify.connectionGuid());
            token = notifyTokens.get(notify.connectionGuid());
        }
        if (c == null || !notify.groupGuid().equals(settings.group().guid())) {
            throw PeerRefusal.unrecognized("member " + settings.member().name() + " has no inbound connection "
                    + notify.connectionGuid() + " in replication group " + notify.groupGuid());
        }
        if (token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                notify.notifyToken().getBytes(StandardCharsets.UTF_8))) {
            throw PeerRefusal.forbidden("the notification token of connection " + notify.connectionGuid()
                    + " does not match; the upstream has an old announcement");
        }
        return new PeerProtocol.NotifyReply(PeerProtocol.VERSION, c.notified());
    }

    // ---- methods --------------------------------------------------------------------------------------------

    @Override
    public void checkConnectivity(UUID connectionGuid) throws EngineException {
        inbound(connectionGuid).checkConnectivity();
    }

    @Override
    public void forceReplication(UUID connectionGuid, ReplicationMode mode, BandwidthLevel bandwidth)
            throws EngineException {
        inbound(connectionGuid).force(mode, bandwidth);
    }

    @Override
    public void forceFolderReplication(UUID connectionGuid, UUID replicatedFolderGuid, ReplicationMode mode,
                                       BandwidthLevel bandwidth) throws EngineException {
        inbound(connectionGuid).forceFolder(replicatedFolderGuid, mode, bandwidth);
    }

    /**
     * Empties the folder's ConflictAndDeleted now. Local changes the mirror moved aside are gone afterwards: this is
     * the operator's decision, as on a DFSR member.
     */
    @Override
    public void cleanupConflictDirectory(UUID replicatedFolderGuid) throws EngineException {
        EmbeddedSettings.Folder folder = settings.folders().values().stream()
                .filter(f -> f.guid().equals(replicatedFolderGuid)).findFirst()
                .orElseThrow(() -> EngineException.refused(Win32Error.ERROR_NOT_FOUND.code(),
                        "no replicated folder " + replicatedFolderGuid + " in the embedded engine"));
        try {
            long freed = new Replica(folder.path()).cleanConflicts();
            log.info("Replicated folder {}: ConflictAndDeleted emptied, {} bytes freed", folder.name(), freed);
        } catch (IOException e) {
            throw EngineException.failed("ConflictAndDeleted of " + folder.name() + " cannot be emptied: "
                    + e.getMessage(), e);
        }
        ScopeReporter s;
        synchronized (this) {
            s = scopes;
        }
        if (s != null) {
            s.conflictsCleaned(folder);
        }
    }

    @Override
    public void forceDownload(UUID connectionGuid, UUID replicatedFolderGuid, Uid uid) throws EngineException {
        inbound(connectionGuid).forceDownload(replicatedFolderGuid, uid);
    }

    // ---- backlog --------------------------------------------------------------------------------------------

    /**
     * The folder's version vector ({@link VersionVector}): the versions the ID table says were installed where an
     * inbound connection receives the folder, the folder's content where this member is its origin.
     */
    @Override
    public String versionVector(UUID replicatedFolderGuid) throws EngineException {
        EmbeddedSettings.Folder folder = hosted(replicatedFolderGuid);
        List<Entry> held = new ArrayList<>();
        try {
            Optional<FolderReplica> received = received(replicatedFolderGuid);
            if (received.isPresent()) {
                for (IdRecord r : received.get().mirror().ids().records().values()) {
                    IdRecord.Version v = r.installed();
                    if (v != null) {
                        held.add(new Entry(r.path(), r.directory(), v.size(), v.lastModified()));
                    }
                }
            } else {
                held.addAll(new Replica(folder.path()).scan().entries().values());
            }
        } catch (IOException e) {
            throw EngineException.failed("cannot read what " + folder.name() + " holds: " + e.getMessage(), e);
        }
        if (held.size() > VersionVector.MAX_ENTRIES) {
            throw EngineException.refused(ERROR_NOT_SUPPORTED, folder.name() + " holds " + held.size()
                    + " files and folders; a version vector of this engine names at most " + VersionVector.MAX_ENTRIES);
        }
        return VersionVector.of(replicatedFolderGuid, held).encode();
    }

    /** Compares the folder's content now with the receiver's {@link VersionVector}. */
    @Override
    public long outboundBacklog(UUID replicatedFolderGuid, String versionVector) throws EngineException {
        EmbeddedSettings.Folder folder = hosted(replicatedFolderGuid);
        VersionVector receiver = receiverVector(replicatedFolderGuid, versionVector);
        return VersionVector.of(replicatedFolderGuid, content(folder)).backlogTowards(receiver);
    }

    /** The ID records of what {@link #outboundBacklog} counts, apart from deletions ({@link BacklogRecords}). */
    @Override
    public Page outboundBacklogRecords(UUID replicatedFolderGuid, String versionVector, int limit)
            throws EngineException {
        EmbeddedSettings.Folder folder = hosted(replicatedFolderGuid);
        VersionVector receiver = receiverVector(replicatedFolderGuid, versionVector);
        List<Entry> held = content(folder);
        EmbeddedDatabase d;
        synchronized (this) {
            d = db;
        }
        if (d == null) {
            throw EngineException.failed("the embedded engine is not running", null);
        }
        try {
            return new BacklogRecords(folder, d.folder(replicatedFolderGuid)).find(held, receiver, limit);
        } catch (IOException e) {
            throw EngineException.failed("cannot read the ID table of " + folder.name() + ": " + e.getMessage(), e);
        }
    }

    /** The receiver's vector, refused with 87 when it is not one or is of another folder. */
    private static VersionVector receiverVector(UUID replicatedFolderGuid, String versionVector)
            throws EngineException {
        VersionVector receiver;
        try {
            receiver = VersionVector.decode(versionVector);
        } catch (MalformedVersionVectorException e) {
            throw EngineException.refused(Win32Error.ERROR_INVALID_PARAMETER.code(), e.getMessage());
        }
        if (!receiver.folder().equals(replicatedFolderGuid)) {
            throw EngineException.refused(Win32Error.ERROR_INVALID_PARAMETER.code(), "the version vector is of "
                    + "replicated folder " + receiver.folder() + ", not of " + replicatedFolderGuid);
        }
        return receiver;
    }

    /** The folder's files and directories now, at most as many as a version vector names. */
    private static List<Entry> content(EmbeddedSettings.Folder folder) throws EngineException {
        List<Entry> held;
        try {
            held = List.copyOf(new Replica(folder.path()).scan().entries().values());
        } catch (IOException e) {
            throw EngineException.failed("cannot list " + folder.name() + ": " + e.getMessage(), e);
        }
        if (held.size() > VersionVector.MAX_ENTRIES) {
            throw EngineException.refused(ERROR_NOT_SUPPORTED, folder.name() + " holds " + held.size()
                    + " files and folders, more than a version vector of this engine names");
        }
        return held;
    }

    private static final int ERROR_NOT_SUPPORTED = EngineException.ERROR_NOT_SUPPORTED;

    // ---- ID records -----------------------------------------------------------------------------------------

    /** The records of the ID tables of the folders this member receives ({@link IdRecordLookup}). */
    @Override
    public Page idRecords(IdRecordQuery query, int limit) throws EngineException {
        EmbeddedDatabase d;
        synchronized (this) {
            d = db;
        }
        if (d == null) {
            throw EngineException.failed("the embedded engine is not running", null);
        }
        return new IdRecordLookup(d, settings.folders().values()).find(query, limit);
    }

    /** ERROR_NOT_FOUND (MS-ERREF §2.2): the member hosts no such replicated folder. */
    private static final int ERROR_NOT_FOUND = 1168;

    private EmbeddedSettings.Folder hosted(UUID guid) throws EngineException {
        return settings.folders().values().stream().filter(f -> f.guid().equals(guid)).findFirst()
                .orElseThrow(() -> EngineException.refused(ERROR_NOT_FOUND, "member " + settings.member().name()
                        + " hosts no replicated folder " + guid));
    }

    /** The folder as the first inbound connection receives it; empty at the origin. */
    private synchronized Optional<FolderReplica> received(UUID guid) {
        return inbound.values().stream().flatMap(c -> c.folders().stream())
                .filter(f -> f.settings().guid().equals(guid)).findFirst();
    }

    @Override
    public synchronized void close() {
        if (watcher != null) {
            watcher.close();
        }
        inbound.values().forEach(InboundConnection::close);
        inbound.clear();
        if (outbound != null) {
            outbound.close();
        }
        if (events != null) {
            events.shutdown();
            try {
                events.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (db != null) {
            db.close();
            db = null;
        }
    }
}
