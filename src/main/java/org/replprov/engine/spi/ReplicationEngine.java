package org.replprov.engine.spi;

import java.util.Set;
import java.util.UUID;

/**
 * A running replication engine, as the engine host sees it.
 *
 * <p>Contract, host side: {@link #start} is called once before anything else; every other call may come from any
 * thread, concurrently, and is abandoned after a timeout (the engine should then give up too: the calling thread is
 * interrupted). {@link #close} may come at any time, also during a call. An operation is called only when
 * {@link #capabilities()} holds it.
 *
 * <p>Contract, engine side: facts are reported to the {@link Observer} (see {@link Observation}). Operations succeed
 * by returning and fail by throwing {@link EngineException}: {@linkplain EngineException#refused refused} with a
 * return code when the engine did its part and says no, {@linkplain EngineException#failed failed} when the engine
 * itself is broken (this puts all its links In Error). The provider checks the method parameters (ranges, inbound
 * only, a scope the link carries) before calling.
 */
public interface ReplicationEngine extends AutoCloseable {

    /** Starts reporting: the engine reports every link it knows, then keeps reporting changes. */
    void start(Observer observer) throws EngineException;

    /** The optional operations this engine carries out; the others are never called. */
    Set<Capability> capabilities();

    /** DfsrConnectionInfo.CheckConnectivity: is the partner reachable now? Refused with a Win32 code when not. */
    default void checkConnectivity(UUID connectionGuid) throws EngineException {
        throw notSupported();
    }

    /**
     * DfsrConnectionInfo.ForceReplication: replicate the inbound link in {@code mode} at {@code bandwidth} until told
     * otherwise. The provider keeps the override's duration and calls again with {@link ReplicationMode#OBEY_SCHEDULE}
     * when it ends.
     */
    default void forceReplication(UUID connectionGuid, ReplicationMode mode, BandwidthLevel bandwidth)
            throws EngineException {
        throw notSupported();
    }

    /** DfsrConnectionInfo.ForceFolderReplication: as {@link #forceReplication}, for one scope of the link. */
    default void forceFolderReplication(UUID connectionGuid, UUID replicatedFolderGuid, ReplicationMode mode,
                                        BandwidthLevel bandwidth) throws EngineException {
        throw notSupported();
    }

    /**
     * DfsrConnectionInfo.ForceDownload: fetch one resource from the partner now. Refused with
     * MONITOR_STATUS_IDRECORD_NOT_FOUND (2) when the engine has no such resource.
     */
    default void forceDownload(UUID connectionGuid, UUID replicatedFolderGuid, Uid uid) throws EngineException {
        throw notSupported();
    }

    /**
     * DfsrReplicatedFolderInfo.CleanupConflictDirectory: empty the replicated folder's ConflictAndDeleted store now.
     * Refused with ERROR_NOT_FOUND (1168) when the engine has no such folder.
     */
    default void cleanupConflictDirectory(UUID replicatedFolderGuid) throws EngineException {
        throw notSupported();
    }

    /** Stops reporting and releases the engine; no call follows. */
    @Override
    void close();

    /** ERROR_NOT_SUPPORTED (50): what an operation outside {@link #capabilities()} answers, should it be called. */
    static EngineException notSupported() {
        return EngineException.refused(EngineException.ERROR_NOT_SUPPORTED, "the engine does not support this operation");
    }
}
