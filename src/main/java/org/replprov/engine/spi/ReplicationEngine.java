package org.replprov.engine.spi;

import java.util.List;
import java.util.UUID;

/**
 * A running replication engine as the DfsrConnectionInfo provider sees it.
 *
 * <p>Contract, provider side: {@link #start} is called once before anything else; every other call may come from any
 * thread, concurrently, and is abandoned after a timeout (the engine should then give up too: the calling thread is
 * interrupted). {@link #close} may come at any time, also during a call.
 *
 * <p>Contract, engine side: connections are reported through the listener, from any thread, in the order they
 * happened for any one connection. Methods succeed by returning and fail by throwing {@link EngineException}:
 * {@linkplain EngineException#refused refused} with a return code when the engine did its part and says no,
 * {@linkplain EngineException#failed failed} when the engine itself is broken (this marks all its connections In
 * Error). The provider checks the method parameters (ranges, inbound only) before calling.
 */
public interface ReplicationEngine extends AutoCloseable {

    /** Starts reporting: the engine reports every connection it knows, then keeps reporting changes. */
    void start(ConnectionListener listener) throws EngineException;

    /** The replicated folders the connection replicates (ForceFolderReplication and ForceDownload name one). */
    List<ReplicatedFolder> replicatedFolders(UUID connectionGuid) throws EngineException;

    /** DfsrConnectionInfo.CheckConnectivity: is the partner reachable now? Refused with a Win32 code when not. */
    void checkConnectivity(UUID connectionGuid) throws EngineException;

    /**
     * DfsrConnectionInfo.ForceReplication: replicate the inbound connection in {@code mode} at {@code bandwidth}
     * until told otherwise. The provider keeps the override's duration and calls again with
     * {@link ReplicationMode#OBEY_SCHEDULE} when it ends.
     */
    void forceReplication(UUID connectionGuid, ReplicationMode mode, BandwidthLevel bandwidth) throws EngineException;

    /** DfsrConnectionInfo.ForceFolderReplication: as {@link #forceReplication}, for one replicated folder. */
    void forceFolderReplication(UUID connectionGuid, UUID replicatedFolderGuid, ReplicationMode mode,
                                BandwidthLevel bandwidth) throws EngineException;

    /**
     * DfsrConnectionInfo.ForceDownload: fetch one resource from the partner now. Refused with
     * MONITOR_STATUS_IDRECORD_NOT_FOUND (2) when the engine has no such resource.
     */
    void forceDownload(UUID connectionGuid, UUID replicatedFolderGuid, Uid uid) throws EngineException;

    /**
     * The HTTP endpoints the engine serves on the daemon's listener, each under its own prefix; none unless the
     * engine speaks a protocol of its own. Asked once, when the daemon starts; requests may reach them before
     * {@link #start} and after {@link #close}, and must then be refused in the endpoint's protocol.
     */
    default List<EngineEndpoint> endpoints() {
        return List.of();
    }

    /** Stops reporting and releases the engine; no call follows. */
    @Override
    void close();
}
