package org.replprov.engines.windows.wsman;

import java.util.Locale;
import java.util.UUID;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimTimestamp;
import org.replprov.cim.CimValue;

/**
 * Instances of the DFSR monitoring classes as one Windows member's WMI provider reports them: test fixtures for a
 * {@link WsmanServer}.
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
        return CimInstance.builder(WsmanServer.cls("DfsrInfo"))
                .set("ProviderVersion", "1.0.0.0")
                .set("ServiceStartTime", CimTimestamp.parse("20240101080000.000000+000"))
                .set("State", CimValue.uint8(state))
                .set("LastErrorCode", CimValue.uint32(0)).set("LastErrorMessageId", CimValue.uint32(0))
                .build();
    }
}
