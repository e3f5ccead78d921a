package org.replprov.engine.spi;

import java.util.Objects;
import java.util.UUID;

/** A replicated folder of a connection's group (DfsrReplicatedFolderInfo.ReplicatedFolderGuid and its name). */
public record ReplicatedFolder(UUID replicatedFolderGuid, String name) {

    public ReplicatedFolder {
        Objects.requireNonNull(replicatedFolderGuid, "replicatedFolderGuid");
        Objects.requireNonNull(name, "name");
    }
}
