package org.replprov.engine.spi;

import java.util.Objects;
import java.util.UUID;

/**
 * What a link replicates: a replicated folder of a DFSR group (DfsrReplicatedFolderInfo.ReplicatedFolderGuid and
 * ReplicatedFolderName), a Syncthing folder, or a naming context of a directory (MS-DRSR: the NC a repsFrom value
 * belongs to).
 *
 * @param guid the scope's identity; for a naming context, the NC's objectGUID
 * @param name its display name (folder name, or the NC's distinguished name)
 */
public record Scope(UUID guid, String name, Kind kind) {

    /** Which kind of thing is replicated. */
    public enum Kind { REPLICATED_FOLDER, NAMING_CONTEXT }

    public Scope {
        Objects.requireNonNull(guid, "guid");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }

    /** A replicated folder. */
    public static Scope folder(UUID guid, String name) {
        return new Scope(guid, name, Kind.REPLICATED_FOLDER);
    }
}
