package org.replprov.testing;

import java.util.List;
import java.util.Set;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimDataType;
import org.replprov.cim.CimFlavor;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimMethod;
import org.replprov.cim.CimName;
import org.replprov.cim.CimParameter;
import org.replprov.cim.CimProperty;
import org.replprov.cim.CimQualifier;
import org.replprov.cim.CimTimestamp;
import org.replprov.cim.CimValue;
import org.replprov.repository.ClassRepository;

/**
 * The DfsrConnectionInfo schema (after the documented declaration: CIM_ManagedSystemElement → CIM_LogicalElement →
 * DfsrConnectionInfo with its four methods) and the two connections the client requests of the
 * protocol vectors were recorded against. Test data only; the shipped schema is compiled from MOF.
 */
public final class DfsrFixture {

    public static final String NAMESPACE = "root/MicrosoftDfs";
    public static final String GUID_1 = "{6F1E8A52-0C4B-4D8E-9A57-1B2C3D4E5F60}";
    public static final String GUID_2 = "{0A0B0C0D-1111-2222-3333-444455556666}";

    /** DSP0004 declares Abstract Restricted: a subclass of an abstract class is not abstract by inheritance. */
    private static final CimQualifier ABSTRACT = new CimQualifier(CimName.of("Abstract"), CimValue.Bool.TRUE,
            Set.of(CimFlavor.ENABLEOVERRIDE, CimFlavor.RESTRICTED), false);

    public static final CimClass MANAGED_SYSTEM_ELEMENT = CimClass.builder("CIM_ManagedSystemElement")
            .qualifier(ABSTRACT)
            .property(CimProperty.of("Caption", CimDataType.STRING))
            .property(CimProperty.of("Description", CimDataType.STRING))
            .property(CimProperty.of("InstallDate", CimDataType.DATETIME))
            .property(CimProperty.of("Name", CimDataType.STRING))
            .property(CimProperty.of("Status", CimDataType.STRING))
            .build();
    public static final CimClass LOGICAL_ELEMENT = CimClass.builder("CIM_LogicalElement")
            .superClass(MANAGED_SYSTEM_ELEMENT)
            .qualifier(ABSTRACT)
            .build();
    public static final CimClass CONNECTION_INFO = CimClass.builder("DfsrConnectionInfo")
            .superClass(LOGICAL_ELEMENT)
            .qualifier(CimQualifier.flag("Dynamic"))
            .qualifier(CimQualifier.of("Provider", CimValue.string("DfsrMonitorProv")))
            .property(CimProperty.of("ConnectionGuid", CimDataType.STRING, fixed("Key")))
            .property(CimProperty.of("MemberGuid", CimDataType.STRING))
            .property(CimProperty.of("MemberName", CimDataType.STRING))
            .property(CimProperty.of("PartnerGuid", CimDataType.STRING))
            .property(CimProperty.of("PartnerName", CimDataType.STRING))
            .property(CimProperty.of("ReplicationGroupGuid", CimDataType.STRING))
            .property(CimProperty.of("ReplicationGroupName", CimDataType.STRING))
            .property(CimProperty.of("Inbound", CimDataType.BOOLEAN))
            .property(CimProperty.of("State", CimDataType.UINT32,
                    CimQualifier.of("ValueMap", CimValue.Array.ofStrings(List.of("0", "1", "2", "3"))),
                    CimQualifier.of("Values", CimValue.Array.ofStrings(
                            List.of("Connecting", "Online", "Offline", "In Error")))))
            .property(CimProperty.of("LastSyncTime", CimDataType.DATETIME))
            .property(CimProperty.of("LastSyncDuration", CimDataType.UINT32))
            .property(CimProperty.of("LastSuccessfulSyncTime", CimDataType.DATETIME))
            .property(CimProperty.of("NextSyncTime", CimDataType.DATETIME))
            .property(CimProperty.of("LastErrorCode", CimDataType.UINT32))
            .property(CimProperty.of("LastErrorMessageId", CimDataType.UINT32))
            .method(CimMethod.of("CheckConnectivity", CimDataType.UINT32, List.of()))
            .method(CimMethod.of("ForceDownload", CimDataType.UINT32, List.of(
                    in("ReplicatedFolderGuid", CimDataType.STRING, 0), in("Uid", CimDataType.STRING, 1))))
            .method(CimMethod.of("ForceFolderReplication", CimDataType.UINT32, List.of(
                    in("DurationInMin", CimDataType.UINT32, 0), in("Bandwidth", CimDataType.UINT32, 1),
                    in("ReplicatedFolderGuid", CimDataType.STRING, 2))))
            .method(CimMethod.of("ForceReplication", CimDataType.UINT32, List.of(
                    in("Mode", CimDataType.UINT32, 0), in("DurationInMin", CimDataType.UINT32, 1),
                    in("Bandwidth", CimDataType.UINT32, 2))))
            .build();

    private DfsrFixture() {
    }

    /** A boolean qualifier that subclasses may not override (Key, In), as DSP0004 declares them. */
    private static CimQualifier fixed(String name) {
        return new CimQualifier(CimName.of(name), CimValue.Bool.TRUE,
                Set.of(CimFlavor.DISABLEOVERRIDE, CimFlavor.TOSUBCLASS), false);
    }

    private static CimParameter in(String name, CimDataType type, int id) {
        return CimParameter.of(name, type, fixed("In"), CimQualifier.of("ID", CimValue.sint32(id)));
    }

    public static ClassRepository repository() {
        return ClassRepository.builder()
                .addClass(NAMESPACE, MANAGED_SYSTEM_ELEMENT)
                .addClass(NAMESPACE, LOGICAL_ELEMENT)
                .addClass(NAMESPACE, CONNECTION_INFO)
                .build();
    }

    /** The inbound connection from FS02, In Error (State 3, LastErrorCode 9033). */
    public static CimInstance connection1() {
        return connection(GUID_1, "{66666666-7777-8888-9999-AAAAAAAAAAAA}", "FS02", true, 3,
                "20240115103000.000000+000", 42, "20240115090000.000000+000", "20240115110000.000000+000", 9033,
                5002);
    }

    /** The outbound connection to FS03, Online. */
    public static CimInstance connection2() {
        return connection(GUID_2, "{77777777-8888-9999-AAAA-BBBBBBBBBBBB}", "FS03", false, 1,
                "20240115103500.000000+000", 7, "20240115103500.000000+000", "20240115113500.000000+000", 0, 0);
    }

    public static CimInstance connection(String guid, String partnerGuid, String partnerName, boolean inbound,
                                         long state, String lastSync, long duration, String lastSuccess,
                                         String nextSync, long lastError, long messageId) {
        return CimInstance.builder(CONNECTION_INFO)
                .set("ConnectionGuid", guid)
                .set("MemberGuid", "{11111111-2222-3333-4444-555555555555}")
                .set("MemberName", "FS01")
                .set("PartnerGuid", partnerGuid)
                .set("PartnerName", partnerName)
                .set("ReplicationGroupGuid", "{BBBBBBBB-CCCC-DDDD-EEEE-FFFFFFFFFFFF}")
                .set("ReplicationGroupName", "RG-Data")
                .set("Inbound", inbound)
                .set("State", state)
                .set("LastSyncTime", CimTimestamp.parse(lastSync))
                .set("LastSyncDuration", duration)
                .set("LastSuccessfulSyncTime", CimTimestamp.parse(lastSuccess))
                .set("NextSyncTime", CimTimestamp.parse(nextSync))
                .set("LastErrorCode", lastError)
                .set("LastErrorMessageId", messageId)
                .build();
    }
}
