package org.replprov.engine.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The ID records (DfsrIdRecordInfo instances) an engine makes findable for one replicated folder of the local member:
 * the Uids a caller needs for DfsrConnectionInfo.ForceDownload. Each fact replaces the previous one of the same
 * engine for the folder; an empty list withdraws them. An engine bounds the list itself and says so ({@code
 * truncated}): a folder with a million files is not copied into facts.
 *
 * @param replicatedFolderGuid the folder (DfsrIdRecordInfo.ReplicatedFolderGuid)
 * @param records the records, in the engine's order (for Syncthing: its pull order)
 * @param truncated true when the folder has more records of this kind than the list holds
 * @param asOf when the engine read them
 */
public record IdRecords(UUID replicatedFolderGuid, List<Record> records, boolean truncated, Instant asOf)
        implements Observation {

    public IdRecords {
        Objects.requireNonNull(replicatedFolderGuid, "replicatedFolderGuid");
        records = List.copyOf(records);
        Objects.requireNonNull(asOf, "asOf");
    }

    /**
     * One ID record (DfsrIdRecordInfo, docs/dfsr-classes.md).
     *
     * @param uid the key, {@code {GUID}-vN}
     * @param fileName the file's name, without its folder (FileName)
     * @param fullPathName the file's full path on the member; null when the engine does not know it
     * @param present false for a deletion (a tombstone: PRESENT_FLAG clear)
     * @param updateTime when the file was last changed; null when unknown
     */
    public record Record(Uid uid, String fileName, String fullPathName, boolean present, Instant updateTime) {
        public Record {
            Objects.requireNonNull(uid, "uid");
            Objects.requireNonNull(fileName, "fileName");
        }
    }
}
