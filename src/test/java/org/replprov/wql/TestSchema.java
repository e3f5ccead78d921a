package org.replprov.wql;

import org.replprov.cim.CimClass;
import org.replprov.cim.CimDataType;
import org.replprov.cim.CimName;
import org.replprov.cim.CimProperty;
import org.replprov.cim.CimQualifier;
import org.replprov.cim.CimType;
import org.replprov.cim.CimValue;
import org.replprov.repository.ClassRepository;

/**
 * The classes the WQL tests query: DfsrConnectionInfo with its CIM base classes as the DFSR documentation declares
 * them, and test-only classes for what DfsrConnectionInfo lacks (a subclass, more property types, associations).
 */
public final class TestSchema {

    public static final String NAMESPACE = "root/MicrosoftDfs";

    public static final CimClass MANAGED_SYSTEM_ELEMENT = CimClass.builder("CIM_ManagedSystemElement")
            .qualifier(CimQualifier.flag("Abstract"))
            .property(CimProperty.of("Caption", CimDataType.STRING))
            .property(CimProperty.of("Description", CimDataType.STRING))
            .property(CimProperty.of("InstallDate", CimDataType.DATETIME))
            .property(CimProperty.of("Name", CimDataType.STRING))
            .property(CimProperty.of("Status", CimDataType.STRING))
            .build();

    public static final CimClass LOGICAL_ELEMENT = CimClass.builder("CIM_LogicalElement")
            .superClass(MANAGED_SYSTEM_ELEMENT).qualifier(CimQualifier.flag("Abstract")).build();

    public static final CimClass DFSR_CONNECTION_INFO = CimClass.builder("DfsrConnectionInfo")
            .superClass(LOGICAL_ELEMENT)
            .qualifier(CimQualifier.flag("Dynamic"))
            .qualifier(CimQualifier.of("Provider", CimValue.string("DfsrMonitorProv")))
            .property(CimProperty.of("ConnectionGuid", CimDataType.STRING, CimQualifier.flag("Key")))
            .property(CimProperty.of("MemberGuid", CimDataType.STRING))
            .property(CimProperty.of("MemberName", CimDataType.STRING))
            .property(CimProperty.of("PartnerGuid", CimDataType.STRING))
            .property(CimProperty.of("PartnerName", CimDataType.STRING))
            .property(CimProperty.of("ReplicationGroupGuid", CimDataType.STRING))
            .property(CimProperty.of("ReplicationGroupName", CimDataType.STRING))
            .property(CimProperty.of("Inbound", CimDataType.BOOLEAN))
            .property(CimProperty.of("State", CimDataType.UINT32))
            .property(CimProperty.of("LastSyncTime", CimDataType.DATETIME))
            .property(CimProperty.of("LastSyncDuration", CimDataType.UINT32))
            .property(CimProperty.of("LastSuccessfulSyncTime", CimDataType.DATETIME))
            .property(CimProperty.of("NextSyncTime", CimDataType.DATETIME))
            .property(CimProperty.of("LastErrorCode", CimDataType.UINT32))
            .property(CimProperty.of("LastErrorMessageId", CimDataType.UINT32))
            .build();

    /** A subclass with one property of every other type, to test FROM-includes-subclasses and typed comparisons. */
    public static final CimClass CONNECTION_EX = CimClass.builder("Test_ConnectionEx")
            .superClass(DFSR_CONNECTION_INFO)
            .property(CimProperty.of("Bytes", CimDataType.UINT64))
            .property(CimProperty.of("Delta", CimDataType.scalar(CimType.SINT32)))
            .property(CimProperty.of("Ratio", CimDataType.REAL64))
            .property(CimProperty.of("Grade", CimDataType.CHAR16))
            .property(CimProperty.of("Uptime", CimDataType.DATETIME))
            .property(CimProperty.of("Tags", CimDataType.STRING_ARRAY))
            .property(CimProperty.of("Peer", CimDataType.reference(CimName.of("DfsrConnectionInfo"))))
            .build();

    /** A keyed class to be linked to connections. */
    public static final CimClass MEMBER = CimClass.builder("Test_Member")
            .property(CimProperty.of("Name", CimDataType.STRING, CimQualifier.flag("Key")))
            .property(CimProperty.of("Site", CimDataType.STRING))
            .build();

    /** A member qualified Special, for RequiredQualifier. */
    public static final CimClass SPECIAL_MEMBER = CimClass.builder("Test_SpecialMember")
            .superClass(MEMBER).qualifier(CimQualifier.flag("Special")).build();

    /** Association: a connection and the member at its far end. */
    public static final CimClass CONNECTION_PARTNER = CimClass.builder("Test_ConnectionPartner")
            .qualifier(CimQualifier.flag("Association"))
            .property(CimProperty.of("Connection", CimDataType.reference(CimName.of("DfsrConnectionInfo")),
                    CimQualifier.flag("Key")))
            .property(CimProperty.of("Partner", CimDataType.reference(CimName.of("Test_Member")),
                    CimQualifier.flag("Key")))
            .build();

    /** Association: a member and the connections it hosts; qualified Audited for RequiredAssocQualifier. */
    public static final CimClass MEMBER_CONNECTION = CimClass.builder("Test_MemberConnection")
            .qualifier(CimQualifier.flag("Association"))
            .qualifier(CimQualifier.flag("Audited"))
            .property(CimProperty.of("Host", CimDataType.reference(CimName.of("Test_Member")), CimQualifier.flag("Key")))
            .property(CimProperty.of("Hosted", CimDataType.reference(CimName.of("DfsrConnectionInfo")),
                    CimQualifier.flag("Key")))
            .build();

    private TestSchema() {
    }

    /** DfsrConnectionInfo and its base classes only, with no association classes, as the shipped schema is. */
    public static ClassRepository dfsrOnly() {
        return ClassRepository.builder()
                .addClass(NAMESPACE, MANAGED_SYSTEM_ELEMENT)
                .addClass(NAMESPACE, LOGICAL_ELEMENT)
                .addClass(NAMESPACE, DFSR_CONNECTION_INFO)
                .build();
    }

    /** Every class above. */
    public static ClassRepository repository() {
        return dfsrOnly().toBuilder()
                .addClass(NAMESPACE, CONNECTION_EX)
                .addClass(NAMESPACE, MEMBER)
                .addClass(NAMESPACE, SPECIAL_MEMBER)
                .addClass(NAMESPACE, CONNECTION_PARTNER)
                .addClass(NAMESPACE, MEMBER_CONNECTION)
                .build();
    }
}
