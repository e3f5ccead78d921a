package org.replprov.engine.spi;

import java.util.Optional;
import java.util.UUID;

/**
 * The conditions of a DfsrIdRecordInfo query that an {@link IdRecordSource} applies itself, so that it reads only the
 * records that can match instead of its whole ID table: the equalities the provider found among the top-level AND
 * conjuncts of the WQL WHERE clause. Each one present narrows the result; none present means every record. The
 * provider tests each record it receives against the whole query again, so a source may return more, never fewer.
 *
 * @param fileName DfsrIdRecordInfo.FileName (the name without its folder), compared ignoring case as WQL compares
 *     strings ({@link String#equalsIgnoreCase}; Windows also compares file names ignoring case)
 * @param uid DfsrIdRecordInfo.Uid, the key
 * @param replicatedFolderGuid DfsrIdRecordInfo.ReplicatedFolderGuid
 */
public record IdRecordQuery(Optional<String> fileName, Optional<Uid> uid, Optional<UUID> replicatedFolderGuid) {

    /** Every record. */
    public static final IdRecordQuery ALL = new IdRecordQuery(Optional.empty(), Optional.empty(), Optional.empty());

    public IdRecordQuery {
        fileName = fileName == null ? Optional.empty() : fileName;
        uid = uid == null ? Optional.empty() : uid;
        replicatedFolderGuid = replicatedFolderGuid == null ? Optional.empty() : replicatedFolderGuid;
    }

    public IdRecordQuery withFileName(String name) {
        return new IdRecordQuery(Optional.of(name), uid, replicatedFolderGuid);
    }

    public IdRecordQuery withUid(Uid u) {
        return new IdRecordQuery(fileName, Optional.of(u), replicatedFolderGuid);
    }

    public IdRecordQuery withReplicatedFolderGuid(UUID guid) {
        return new IdRecordQuery(fileName, uid, Optional.of(guid));
    }

    /** True when no condition narrows the query: the source would list its whole ID table. */
    public boolean unbounded() {
        return fileName.isEmpty() && uid.isEmpty() && replicatedFolderGuid.isEmpty();
    }
}
