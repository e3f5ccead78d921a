package org.replprov.engine.spi;

/**
 * The optional operations of an engine. A DfsrConnectionInfo or DfsrReplicatedFolderInfo method whose capability the
 * engine lacks answers ERROR_NOT_SUPPORTED (50) without calling the engine (docs/dfsr-provider.md, "Methods").
 */
public enum Capability {
    /** {@link ReplicationEngine#checkConnectivity}. */
    CHECK_CONNECTIVITY,
    /** {@link ReplicationEngine#forceReplication}. */
    FORCE_REPLICATION,
    /** {@link ReplicationEngine#forceFolderReplication}. */
    FORCE_FOLDER_REPLICATION,
    /** {@link ReplicationEngine#forceDownload}. */
    FORCE_DOWNLOAD,
    /** {@link ReplicationEngine#cleanupConflictDirectory}. */
    CLEANUP_CONFLICT_DIRECTORY
}
