package org.replprov.engines.windows.wsman;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.replprov.cim.CimDataType;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimTimestamp;
import org.replprov.cim.CimValue;

/**
 * Instances of the DFSR monitoring and configuration classes as one Windows member's WMI provider reports them: test
 * fixtures for a {@link WsmanServer} and the DCOM responder.
 *
 * @param guid the member's GUID (MemberGuid)
 * @param name its name (MemberName)
 */
public record DfsrMember(UUID guid, String name) {

    public static String text(UUID guid) {
        return guid.toString().toUpperCase(Locale.ROOT);
    }

    /** A DfsrConnectionInfo: State 0 Connecting, 1 Online, 2 Offline, 3 In Error. */
    public CimInstance connection(UUID connection, DfsrMember partner, UUID group, String groupName, boolean inbound,
                                  int state, long lastErrorCode, int messageId) {
        return CimInstance.builder(WsmanServer.cls("DfsrConnectionInfo"))
                .set("ConnectionGuid", text(connection))
                .set("MemberGuid", text(guid)).set("MemberName", name)
                .set("PartnerGuid", text(partner.guid())).set("PartnerName", partner.name())
                .set("ReplicationGroupGuid", text(group)).set("ReplicationGroupName", groupName)
                .set("Inbound", inbound)
                .set("State", CimValue.uint32(state))
                .set("LastSyncTime", CimTimestamp.parse("20240115103000.000000+000"))
                .set("LastSyncDuration", CimValue.uint32(42))
                .set("LastSuccessfulSyncTime", CimTimestamp.parse("20240115090000.000000+000"))
                .set("NextSyncTime", CimTimestamp.DFSR_NEVER)
                .set("LastErrorCode", CimValue.uint32(lastErrorCode))
                .set("LastErrorMessageId", CimValue.uint32(messageId))
                .build();
    }

    /** A DfsrReplicatedFolderInfo: State 0..5 as the class's ValueMap (4 Normal, 5 In Error). */
    public CimInstance folder(UUID folder, String folderName, UUID group, String groupName, int state) {
        return CimInstance.builder(WsmanServer.cls("DfsrReplicatedFolderInfo"))
                .set("ReplicatedFolderGuid", text(folder)).set("ReplicatedFolderName", folderName)
                .set("ReplicationGroupGuid", text(group)).set("ReplicationGroupName", groupName)
                .set("MemberGuid", text(guid)).set("MemberName", name)
                .set("CurrentStageSizeInMb", CimValue.uint32(12))
                .set("CurrentConflictSizeInMb", CimValue.uint32(0))
                .set("State", CimValue.uint8(state))
                .set("LastErrorCode", CimValue.uint32(0)).set("LastErrorMessageId", CimValue.uint32(0))
                .build();
    }

    /** The DfsrInfo singleton: State 1 Service Running. */
    public CimInstance info(int state) {
        return info(state, "1.0.0.0", "20240101080000.000000+000", 0, 0);
    }

    /** The DfsrInfo singleton: State 0..3, the provider's version, when the service started, its last error. */
    public CimInstance info(int state, String version, String started, long lastErrorCode, int messageId) {
        return CimInstance.builder(WsmanServer.cls("DfsrInfo"))
                .set("ProviderVersion", version)
                .set("ServiceStartTime", CimTimestamp.parse(started))
                .set("LastDsPollTime", CimTimestamp.parse("20240115095500.000000+000"))
                .set("State", CimValue.uint8(state))
                .set("LastErrorCode", CimValue.uint32(lastErrorCode))
                .set("LastErrorMessageId", CimValue.uint32(messageId))
                .build();
    }

    /**
     * A DfsrSyncInfo: State 0..6 (Initialized .. In Error), InitiationReason 0..3 (Schedule .. ForcedUntilSync),
     * started at 10:00 on 15 January 2024; ended at 10:15 when the state ends a session (3..6), else EndTime 1601 as
     * Windows shows a session in progress. A forced session (reason 1) carries an override until 18:00 at level 10.
     */
    public CimInstance sync(UUID sync, UUID connection, DfsrMember partner, UUID group, String groupName,
                            boolean inbound, int state, int reason, long updates, long bytes, long lastErrorCode,
                            int messageId) {
        boolean forced = reason == 1;
        return CimInstance.builder(WsmanServer.cls("DfsrSyncInfo"))
                .set("SyncGuid", text(sync)).set("ConnectionGuid", text(connection))
                .set("MemberGuid", text(guid)).set("MemberName", name)
                .set("PartnerGuid", text(partner.guid())).set("PartnerName", partner.name())
                .set("ReplicationGroupGuid", text(group)).set("ReplicationGroupName", groupName)
                .set("Inbound", inbound)
                .set("State", CimValue.uint32(state))
                .set("InitiationReason", CimValue.uint32(reason))
                .set("StartTime", CimTimestamp.parse("20240115100000.000000+000"))
                .set("EndTime", CimTimestamp.parse(state >= 3 ? "20240115101500.000000+000"
                        : "16010101000000.000000+000"))
                .set("UpdatesTransferred", CimValue.uint32(updates))
                .set("BytesTransferred", CimValue.uint64(bytes))
                .set("UpdatesNotTransferred", CimValue.uint32(2))
                .set("UpdatesToBeTransferred", CimValue.uint32(5))
                .set("ConflictsGenerated", CimValue.uint32(1))
                .set("TombstonesGenerated", CimValue.uint32(3))
                .set("LastErrorCode", CimValue.uint32(lastErrorCode))
                .set("LastErrorMessageId", CimValue.uint32(messageId))
                .set("ForceReplicationEndTime", forced ? CimTimestamp.parse("20240115180000.000000+000") : null)
                .set("ForceReplicationBandwidthlevel", forced ? CimValue.uint32(10) : null)
                .build();
    }

    /** A DfsrReplicationGroupConfig. */
    public static CimInstance groupConfig(UUID group, String groupName) {
        return CimInstance.builder(WsmanServer.cls("DfsrReplicationGroupConfig"))
                .set("ReplicationGroupGuid", text(group)).set("ReplicationGroupName", groupName)
                .set("ReplicationGroupType", CimValue.uint32(0))
                .build();
    }

    /** This member's DfsrLocalMemberConfig in {@code group}. */
    public CimInstance memberConfig(UUID group) {
        return CimInstance.builder(WsmanServer.cls("DfsrLocalMemberConfig"))
                .set("MemberGuid", text(guid)).set("MemberName", name)
                .set("MemberDns", name.toLowerCase(Locale.ROOT) + ".example.test")
                .set("ReplicationGroupGuid", text(group))
                .build();
    }

    /** A DfsrReplicatedFolderConfig of this member: its paths under {@code root}, enabled or not, read-only or not. */
    public CimInstance folderConfig(UUID folder, String folderName, UUID group, String root, boolean readOnly,
                                    boolean enabled) {
        return CimInstance.builder(WsmanServer.cls("DfsrReplicatedFolderConfig"))
                .set("ReplicatedFolderGuid", text(folder)).set("ReplicatedFolderName", folderName)
                .set("ReplicationGroupGuid", text(group)).set("MemberGuid", text(guid))
                .set("RootPath", root)
                .set("StagingPath", root + "\\DfsrPrivate\\Staging")
                .set("ConflictPath", root + "\\DfsrPrivate\\ConflictAndDeleted")
                .set("ReadOnly", readOnly).set("Enabled", enabled)
                .build();
    }

    /** A DfsrConnectionConfig of this member with {@code schedule} (336 bytes, or null for none). */
    public CimInstance connectionConfig(UUID connection, DfsrMember partner, UUID group, boolean inbound,
                                        boolean enabled, byte[] schedule, boolean inUtc) {
        CimValue bytes = null;
        if (schedule != null) {
            List<CimValue> elements = new ArrayList<>();
            for (byte b : schedule) {
                elements.add(CimValue.uint8(b & 0xFF));
            }
            bytes = new CimValue.Array(CimDataType.UINT8, elements);
        }
        return CimInstance.builder(WsmanServer.cls("DfsrConnectionConfig"))
                .set("ConnectionGuid", text(connection)).set("MemberGuid", text(guid))
                .set("PartnerGuid", text(partner.guid())).set("PartnerName", partner.name())
                .set("ReplicationGroupGuid", text(group))
                .set("Inbound", inbound).set("Enabled", enabled)
                .set("ScheduleInUtc", inUtc).set("Schedule", bytes)
                .build();
    }
}
