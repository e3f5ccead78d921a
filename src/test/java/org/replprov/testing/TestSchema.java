package org.replprov.testing;

import java.util.List;
import java.util.Set;

import org.replprov.cim.CimClass;
import org.replprov.cim.CimDataType;
import org.replprov.cim.CimFlavor;
import org.replprov.cim.CimMethod;
import org.replprov.cim.CimName;
import org.replprov.cim.CimParameter;
import org.replprov.cim.CimProperty;
import org.replprov.cim.CimQualifier;
import org.replprov.cim.CimValue;
import org.replprov.repository.ClassRepository;

/**
 * DfsrConnectionInfo and its base classes built in code, after the reconstructed MOF (dfsr-wmi §12), for tests that
 * run before the shipped schema is available. ValueMaps list the values the provider documents for LastErrorCode and
 * LastErrorMessageId.
 */
public final class TestSchema {

    public static final String NAMESPACE = "root/MicrosoftDfs";

    private TestSchema() {
    }

    /** Abstract does not propagate to subclasses (DSP0004: Restricted). */
    private static CimQualifier abstractClass() {
        return new CimQualifier(CimName.of("Abstract"), CimValue.Bool.TRUE,
                Set.of(CimFlavor.ENABLEOVERRIDE, CimFlavor.RESTRICTED), false);
    }

    private static CimQualifier display(String name) {
        return CimQualifier.of("DisplayName", CimValue.string(name));
    }

    private static CimQualifier valueMap(String... values) {
        return CimQualifier.of("ValueMap", CimValue.Array.ofStrings(List.of(values)));
    }

    private static CimQualifier maxLen(int n) {
        return CimQualifier.of("MaxLen", CimValue.uint32(n));
    }

    private static CimQualifier minLen(int n) {
        return CimQualifier.of("MinLen", CimValue.uint32(n));
    }

    private static CimParameter in(String name, CimDataType type, int id) {
        return CimParameter.of(name, type, CimQualifier.flag("In"), CimQualifier.of("ID", CimValue.sint32(id)));
    }

    public static ClassRepository repository() {
        CimClass mse = CimClass.builder("CIM_ManagedSystemElement")
                .qualifier(abstractClass())
                .property(CimProperty.of("Caption", CimDataType.STRING, maxLen(64)))
                .property(CimProperty.of("Description", CimDataType.STRING))
                .property(CimProperty.of("InstallDate", CimDataType.DATETIME))
                .property(CimProperty.of("Name", CimDataType.STRING))
                .property(CimProperty.of("Status", CimDataType.STRING, maxLen(10), valueMap("OK", "Error",
                        "Degraded", "Unknown", "Pred Fail", "Starting", "Stopping", "Service", "Stressed",
                        "NonRecover", "No Contact", "Lost Comm")))
                .build();
        CimClass le = CimClass.builder("CIM_LogicalElement").superClass(mse)
                .qualifier(abstractClass()).build();
        CimClass dci = CimClass.builder("DfsrConnectionInfo").superClass(le)
                .qualifier(CimQualifier.flag("Dynamic"))
                .qualifier(CimQualifier.of("Provider", CimValue.string("DfsrMonitorProv")))
                .property(CimProperty.of("ConnectionGuid", CimDataType.STRING, CimQualifier.flag("Key"),
                        display("Connection GUID"), maxLen(36), minLen(36)))
                .property(CimProperty.of("MemberGuid", CimDataType.STRING, maxLen(36), minLen(36)))
                .property(CimProperty.of("MemberName", CimDataType.STRING))
                .property(CimProperty.of("PartnerGuid", CimDataType.STRING, maxLen(36), minLen(36)))
                .property(CimProperty.of("PartnerName", CimDataType.STRING))
                .property(CimProperty.of("ReplicationGroupGuid", CimDataType.STRING, maxLen(36), minLen(36)))
                .property(CimProperty.of("ReplicationGroupName", CimDataType.STRING))
                .property(CimProperty.of("Inbound", CimDataType.BOOLEAN))
                .property(CimProperty.of("State", CimDataType.UINT32, valueMap("0", "1", "2", "3")))
                .property(CimProperty.of("LastSyncTime", CimDataType.DATETIME))
                .property(CimProperty.of("LastSyncDuration", CimDataType.UINT32))
                .property(CimProperty.of("LastSuccessfulSyncTime", CimDataType.DATETIME))
                .property(CimProperty.of("NextSyncTime", CimDataType.DATETIME))
                .property(CimProperty.of("LastErrorCode", CimDataType.UINT32, valueMap("0", "2698969089")))
                .property(CimProperty.of("LastErrorMessageId", CimDataType.UINT32,
                        valueMap("0", "5002", "5008", "5012", "5102")))
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
        return ClassRepository.builder()
                .addClass(NAMESPACE, mse).addClass(NAMESPACE, le).addClass(NAMESPACE, dci)
                .build();
    }
}
