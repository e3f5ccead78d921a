package org.replprov.engine.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What an engine that keeps an ID table implements besides {@link ReplicationEngine}: the DfsrIdRecordInfo instances
 * of the local member, looked up rather than listed. An ID table may hold millions of records, so the provider never
 * asks for all of them: it passes the conditions it could take from the query ({@link IdRecordQuery}) and a limit,
 * and the engine answers at most that many records, saying whether there were more. An engine without this interface
 * has no DfsrIdRecordInfo instances.
 *
 * <p>Calls come through the engine host with its timeout, like the operations of {@link ReplicationEngine}.
 */
public interface IdRecordSource {

    /**
     * At most {@code limit} records that satisfy {@code query}, in an order the engine keeps from call to call.
     *
     * @param limit at least 1
     */
    Page idRecords(IdRecordQuery query, int limit) throws EngineException;

    /**
     * One answer of {@link #idRecords}.
     *
     * @param records at most the limit asked for
     * @param more true when further records satisfy the query
     */
    record Page(List<Record> records, boolean more) {
        public Page {
            records = List.copyOf(records);
        }
    }

    /**
     * One ID record: a file or folder the member's engine knows (DfsrIdRecordInfo, docs/dfsr-classes.md). What an
     * engine does not know is null.
     *
     * @param replicatedFolderGuid the folder that holds it (ReplicatedFolderGuid)
     * @param uid the key, {@code {DatabaseGUID}-vN} (Uid)
     * @param fileName the name without its folder (FileName)
     * @param fullPathName where it is on this member (FullPathName, GetFullFilePath); null when not on this member
     * @param parentUid the Uid of the folder that holds it (ParentUid); null for the root of the replicated folder
     * @param directory whether it is a folder
     * @param present whether this member holds it (PRESENT_FLAG of Flags); false for a record of a file known to be
     *     upstream and not installed yet, or deleted
     * @param updateTime when the file or folder last changed (UpdateTime)
     * @param fileHash a hash of the content, in hex (FileHash)
     */
    record Record(UUID replicatedFolderGuid, Uid uid, String fileName, String fullPathName, Uid parentUid,
                  boolean directory, boolean present, Instant updateTime, String fileHash) {
        public Record {
            Objects.requireNonNull(replicatedFolderGuid, "replicatedFolderGuid");
            Objects.requireNonNull(uid, "uid");
            Objects.requireNonNull(fileName, "fileName");
        }
    }
}
