package org.replprov.wql;

import org.replprov.cim.CimClass;
import org.replprov.cim.CimDataType;
import org.replprov.cim.CimName;
import org.replprov.cim.CimProperty;
import org.replprov.cim.CimQualifier;
import org.replprov.cim.CimType;
import org.replprov.mof.MofCompiler;
import org.replprov.repository.ClassRepository;

/**
 * The classes the WQL tests query: the shipped schema (DfsrConnectionInfo and its CIM base classes), and test-only
 * classes for what it lacks (a subclass, more property types, associations).
 */
public final class TestSchema {

    public static final String NAMESPACE = MofCompiler.SHIPPED_NAMESPACE;

    /** The shipped schema: DfsrConnectionInfo and its CIM base classes. */
    private static final ClassRepository SHIPPED = MofCompiler.loadShippedSchema();

    public static final CimClass DFSR_CONNECTION_INFO =
            SHIPPED.requireClass(NAMESPACE, CimName.of("DfsrConnectionInfo"));

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

    /** The shipped schema alone: no association classes. */
    public static ClassRepository dfsrOnly() {
        return SHIPPED;
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
