package org.replprov.engines.embedded;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.replprov.drsr.Win32Error;
import org.replprov.engine.spi.BandwidthLevel;
import org.replprov.engine.spi.ConnectionListener;
import org.replprov.engine.spi.ConnectionSnapshot;
import org.replprov.engine.spi.EngineException;
import org.replprov.engine.spi.ReplicatedFolder;
import org.replprov.engine.spi.ReplicationEngine;
import org.replprov.engine.spi.ReplicationMode;
import org.replprov.engine.spi.SyncResults;
import org.replprov.engine.spi.Uid;
import org.replprov.engines.embedded.mirror.IdDatabase;
import org.replprov.engines.embedded.mirror.Mirror;
import org.replprov.engines.embedded.mirror.Replica;
import org.replprov.engines.embedded.schedule.Throttle;
import org.replprov.engines.embedded.transport.Transports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded replication engine: the local member of one replication group mirrors the group's replicated folders
 * one way from an upstream partner (file:// or smb://), as a DFSR read-only member or SYSVOL on a domain controller
 * replicating from the primary does. Two-way, multi-master replication is out of its scope.
 */
public final class EmbeddedEngine implements ReplicationEngine {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedEngine.class);

    private final EmbeddedSettings settings;
    private final Clock clock;
    private final Map<UUID, InboundConnection> inbound = new LinkedHashMap<>();
    private IdDatabase ids;

    public EmbeddedEngine(EmbeddedSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public EmbeddedSettings settings() {
        return settings;
    }

    @Override
    public synchronized void start(ConnectionListener listener) throws EngineException {
        try {
            ids = IdDatabase.open(settings.stateDirectory());
            for (EmbeddedSettings.Inbound in : settings.inbound().values()) {
                InboundConnection c = connection(in, listener);
                inbound.put(c.guid(), c);
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw EngineException.failed("the embedded engine cannot start: " + e.getMessage(), e);
        }
        log.info("Embedded engine: member {} of group {}, {} replicated folder(s), {} inbound connection(s)",
                settings.member().name(), settings.group().name(), settings.folders().size(), inbound.size());
        inbound.values().forEach(InboundConnection::start);
    }

    private InboundConnection connection(EmbeddedSettings.Inbound in, ConnectionListener listener)
            throws IOException {
        ConnectionSnapshot identity = new ConnectionSnapshot(in.connectionGuid(), settings.member().guid(),
                settings.member().name(), in.partnerGuid(), in.partner(), settings.group().guid(),
                settings.group().name(), true, SyncResults.UNKNOWN);
        List<FolderReplica> folders = new ArrayList<>();
        for (EmbeddedSettings.Folder f : settings.folders().values()) {
            Mirror m = new Mirror(f.name(), Transports.open(in.upstreams().get(f.name()), in.smb()),
                    new Replica(f.path()), ids.folder(f.guid()), clock, in.mirrorSettings(f));
            folders.add(new FolderReplica(f, m, new Throttle(0)));
        }
        return new InboundConnection(identity, in, folders, listener, clock);
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

    @Override
    public List<ReplicatedFolder> replicatedFolders(UUID connectionGuid) throws EngineException {
        return inbound(connectionGuid).folders().stream().map(FolderReplica::asReplicatedFolder).toList();
    }

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

    @Override
    public void forceDownload(UUID connectionGuid, UUID replicatedFolderGuid, Uid uid) throws EngineException {
        inbound(connectionGuid).forceDownload(replicatedFolderGuid, uid);
    }

    @Override
    public synchronized void close() {
        inbound.values().forEach(InboundConnection::close);
        inbound.clear();
        if (ids != null) {
            ids.close();
            ids = null;
        }
    }
}
