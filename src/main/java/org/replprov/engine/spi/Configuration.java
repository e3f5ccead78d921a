package org.replprov.engine.spi;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * How the engine is configured for one replication group on this member: the group, the local member's membership,
 * the replicated folders it hosts and the connections it is configured with (the DFSR configuration classes,
 * DfsrReplicationGroupConfig, DfsrLocalMemberConfig, DfsrReplicatedFolderConfig, DfsrConnectionConfig, read-only).
 *
 * <p>A later fact for the same group and member replaces the earlier one (an engine that watches several members of
 * a group reports one fact per member). An engine that reports none still shows its groups,
 * folders and connections through its {@link Link}s and {@link ScopeState}s, with what those say; this fact adds what
 * only the configuration knows (paths, whether a connection is enabled, its schedule).
 *
 * @param replicationGroupGuid the group (ReplicationGroupGuid)
 * @param replicationGroupName its name
 * @param memberGuid the local member in the group (MemberGuid)
 * @param memberName its name
 * @param folders the replicated folders the member hosts in the group
 * @param connections the connections the engine is configured with; links it learns of at run time (a downstream
 *     that announced itself) need not be listed
 */
public record Configuration(UUID replicationGroupGuid, String replicationGroupName, UUID memberGuid,
                            String memberName, List<Folder> folders, List<Connection> connections)
        implements Observation {

    public Configuration {
        Objects.requireNonNull(replicationGroupGuid, "replicationGroupGuid");
        Objects.requireNonNull(replicationGroupName, "replicationGroupName");
        Objects.requireNonNull(memberGuid, "memberGuid");
        Objects.requireNonNull(memberName, "memberName");
        folders = List.copyOf(folders);
        connections = List.copyOf(connections);
    }

    /**
     * A replicated folder as configured on this member.
     *
     * @param rootPath where the member keeps it (RootPath)
     * @param stagingPath its staging folder, or null when the engine has none
     * @param conflictPath its Conflict and Deleted folder, or null when the engine has none
     * @param readOnly whether the member only receives it (ReadOnly)
     * @param enabled whether it replicates (Enabled)
     */
    public record Folder(UUID guid, String name, String rootPath, String stagingPath, String conflictPath,
                         boolean readOnly, boolean enabled) {
        public Folder {
            Objects.requireNonNull(guid, "guid");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(rootPath, "rootPath");
        }
    }

    /**
     * A connection as configured (DfsrConnectionConfig).
     *
     * @param schedule the connection's schedule, or null when the engine keeps none for it
     */
    public record Connection(UUID connectionGuid, UUID partnerGuid, String partnerName, boolean inbound,
                             boolean enabled, WeekSchedule schedule) {
        public Connection {
            Objects.requireNonNull(connectionGuid, "connectionGuid");
            Objects.requireNonNull(partnerGuid, "partnerGuid");
            Objects.requireNonNull(partnerName, "partnerName");
        }
    }

    /**
     * A connection schedule in DFSR's binary form (DfsrConnectionConfig.Schedule): {@value #BYTES} bytes, 2 per hour
     * of the week, each hour four 4-bit bandwidth levels ({@link BandwidthLevel}).
     *
     * @param inUtc whether the slots are in UTC (ScheduleInUtc) rather than the member's local time
     */
    public record WeekSchedule(byte[] bytes, boolean inUtc) {

        public static final int BYTES = 336;

        public WeekSchedule {
            if (bytes.length != BYTES) {
                throw new IllegalArgumentException("a schedule is " + BYTES + " bytes, not " + bytes.length);
            }
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof WeekSchedule w && w.inUtc == inUtc && Arrays.equals(w.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(bytes) + Boolean.hashCode(inUtc);
        }

        @Override
        public String toString() {
            return "WeekSchedule[" + BYTES + " bytes" + (inUtc ? ", UTC]" : "]");
        }
    }
}
