package org.replprov.engine.spi;

import java.util.UUID;

import org.replprov.engine.spi.IdRecordSource.Page;

/**
 * What an engine that can compute DFSR's backlog implements besides {@link ReplicationEngine}
 * (DfsrReplicatedFolderInfo.GetVersionVector, GetOutboundBacklogFileCount and GetOutboundBacklogFileIdRecords): the receiving member hands out a
 * version vector for a replicated folder, a string only engines of its type understand; the sending member counts the
 * updates the receiver still lacks from it. An engine without this interface answers ERROR_NOT_SUPPORTED (50), never
 * a number it cannot compute.
 *
 * <p>Calls come through the engine host with its timeout, like the operations of {@link ReplicationEngine}.
 */
public interface BacklogSource {

    /**
     * The longest version vector, in characters, that the provider hands to an engine; a longer one is refused as an
     * invalid parameter before the engine is called. An engine's own format must stay below it.
     */
    int MAX_VERSION_VECTOR_CHARS = 4 * 1024 * 1024;

    /**
     * The most ID records one GetOutboundBacklogFileIdRecords answers with: the first 100 of the backlog, as
     * {@code dfsrdiag backlog} and Get-DfsrBacklog list the first 100 files; the count comes from
     * {@link #outboundBacklog}.
     */
    int MAX_BACKLOG_ID_RECORDS = 100;

    /**
     * This member's version vector for the replicated folder: what it holds, in the engine's own opaque form.
     *
     * @throws EngineException refused with ERROR_NOT_FOUND (1168) for a folder the member does not host
     */
    String versionVector(UUID replicatedFolderGuid) throws EngineException;

    /**
     * How many updates this member would send to the member whose version vector is {@code versionVector}: the files
     * and folders it holds that the other lacks, or holds in another version, and those the other still holds but
     * this member deleted.
     *
     * @throws EngineException refused with ERROR_INVALID_PARAMETER (87) for a version vector the engine cannot read
     *     or made for another folder, ERROR_NOT_FOUND (1168) for a folder the member does not host
     */
    long outboundBacklog(UUID replicatedFolderGuid, String versionVector) throws EngineException;

    /**
     * At most {@code limit} ID records of the updates {@link #outboundBacklog} counts, in an order the engine keeps
     * from call to call, {@link Page#more()} saying whether the backlog holds more. Only updates of files and folders
     * this member holds have records: a deletion the other member has still to learn of is counted by
     * {@link #outboundBacklog}, but has a record only where the engine keeps tombstones.
     *
     * @param limit at least 1, at most {@link #MAX_BACKLOG_ID_RECORDS}
     * @throws EngineException as {@link #outboundBacklog}
     */
    Page outboundBacklogRecords(UUID replicatedFolderGuid, String versionVector, int limit) throws EngineException;
}
