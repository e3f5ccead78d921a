package org.replprov.mof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimDataType;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimMethod;
import org.replprov.cim.CimName;
import org.replprov.cim.CimParameter;
import org.replprov.cim.CimProperty;
import org.replprov.cim.CimValue;
import org.replprov.repository.ClassRepository;

/**
 * The shipped schema against the documented facts of DfsrConnectionInfo (the class's reference page: syntax,
 * property qualifiers, method signatures) and its CIM base classes. The tables below are the expectation; the MOF
 * files must agree with them.
 */
class ShippedSchemaTest {

    private static final String NS = MofCompiler.SHIPPED_NAMESPACE;
    private static final ClassRepository SCHEMA = MofCompiler.loadShippedSchema();

    /** One documented property: type and the qualifiers the documentation lists (null where it lists none). */
    private record Documented(String name, CimDataType type, String displayName, boolean key, Integer maxLen,
                              Integer minLen, String units) {
    }

    private static final List<Documented> PROPERTIES = List.of(
            // Inherited from CIM_ManagedSystemElement (InstallDate: the page's "datetime REF" is a slip).
            new Documented("Caption", CimDataType.STRING, "Caption", false, 64, null, null),
            new Documented("Description", CimDataType.STRING, "Description", false, null, null, null),
            new Documented("InstallDate", CimDataType.DATETIME, "Install Date", false, null, null, null),
            new Documented("Name", CimDataType.STRING, "Name", false, null, null, null),
            new Documented("Status", CimDataType.STRING, "Status", false, 10, null, null),
            // DfsrConnectionInfo's own.
            new Documented("ConnectionGuid", CimDataType.STRING, "Connection GUID", true, 36, 36, null),
            new Documented("MemberGuid", CimDataType.STRING, "Member GUID", false, 36, 36, null),
            new Documented("MemberName", CimDataType.STRING, "Member Name", false, null, null, null),
            new Documented("PartnerGuid", CimDataType.STRING, "Partner GUID", false, 36, 36, null),
            new Documented("PartnerName", CimDataType.STRING, "Partner Name", false, null, null, null),
            new Documented("ReplicationGroupGuid", CimDataType.STRING, "Replication Group GUID", false, 36, 36,
                    null),
            new Documented("ReplicationGroupName", CimDataType.STRING, "Replication Group Name", false, null, null,
                    null),
            new Documented("Inbound", CimDataType.BOOLEAN, "Incoming Connection", false, null, null, null),
            new Documented("State", CimDataType.UINT32, "Connection State", false, null, null, null),
            new Documented("LastSyncTime", CimDataType.DATETIME, "Last Sync Time", false, null, null, null),
            new Documented("LastSyncDuration", CimDataType.UINT32, "Last Sync Duration In Seconds", false, null,
                    null, "Seconds"),
            new Documented("LastSuccessfulSyncTime", CimDataType.DATETIME, "Last Successful Sync Time", false, null,
                    null, null),
            new Documented("NextSyncTime", CimDataType.DATETIME, "Next Sync Time", false, null, null, null),
            new Documented("LastErrorCode", CimDataType.UINT32, "Last Error Code", false, null, null, null),
            new Documented("LastErrorMessageId", CimDataType.UINT32, "Last Error Message ID", false, null, null,
                    null));

    private record Parameter(String name, CimDataType type, int id) {
    }

    private record Method(String name, List<Parameter> parameters) {
    }

    /** The four documented methods: all return uint32; all parameters are [in] and numbered from 0 in order. */
    private static final List<Method> METHODS = List.of(
            new Method("CheckConnectivity", List.of()),
            new Method("ForceDownload", List.of(
                    new Parameter("ReplicatedFolderGuid", CimDataType.STRING, 0),
                    new Parameter("Uid", CimDataType.STRING, 1))),
            new Method("ForceFolderReplication", List.of(
                    new Parameter("DurationInMin", CimDataType.UINT32, 0),
                    new Parameter("Bandwidth", CimDataType.UINT32, 1),
                    new Parameter("ReplicatedFolderGuid", CimDataType.STRING, 2))),
            new Method("ForceReplication", List.of(
                    new Parameter("Mode", CimDataType.UINT32, 0),
                    new Parameter("DurationInMin", CimDataType.UINT32, 1),
                    new Parameter("Bandwidth", CimDataType.UINT32, 2))));

    private static CimClass dfsrConnectionInfo() {
        return SCHEMA.requireClass(NS, CimName.of("DfsrConnectionInfo"));
    }

    @Test
    void namespaceHoldsTheBaseClassesBeforeDfsrConnectionInfo() {
        assertThat(SCHEMA.namespaces()).containsExactly(NS, "root/MicrosoftActiveDirectory", "root");
        assertThat(SCHEMA.classes(NS)).extracting(c -> c.name().toString())
                .startsWith("CIM_ManagedSystemElement", "CIM_LogicalElement", "CIM_Setting", "DfsrConnectionInfo");
        assertThat(SCHEMA.instances(NS)).isEmpty();
    }

    @Test
    void baseClassesAreAbstractCimCore() {
        CimClass element = SCHEMA.requireClass(NS, CimName.of("CIM_ManagedSystemElement"));
        CimClass logical = SCHEMA.requireClass(NS, CimName.of("CIM_LogicalElement"));
        assertThat(element.isAbstract()).isTrue();
        assertThat(logical.isAbstract()).isTrue();
        assertThat(logical.superClass()).contains(element);
        assertThat(element.properties()).extracting(p -> p.name().toString())
                .containsExactly("Caption", "Description", "InstallDate", "Name", "Status");
        assertThat(logical.properties()).extracting(p -> p.name().toString())
                .containsExactlyElementsOf(element.properties().stream().map(p -> p.name().toString()).toList());
        List<String> statuses = List.of("OK", "Error", "Degraded", "Unknown", "Pred Fail", "Starting", "Stopping",
                "Service", "Stressed", "NonRecover", "No Contact", "Lost Comm");
        CimProperty status = element.property("Status").orElseThrow();
        assertThat(status.qualifiers().strings("ValueMap")).containsExactlyElementsOf(statuses);
        assertThat(status.qualifiers().strings("Values")).containsExactlyElementsOf(statuses);
        assertThat(statuses).allSatisfy(s -> assertThat(s.length()).isLessThanOrEqualTo(10));
    }

    @Test
    void dfsrConnectionInfoIsADynamicLogicalElement() {
        CimClass c = dfsrConnectionInfo();
        assertThat(c.superClass().map(CimClass::name)).contains(CimName.of("CIM_LogicalElement"));
        assertThat(c.isA(CimName.of("CIM_ManagedSystemElement"))).isTrue();
        assertThat(c.qualifiers().isTrue("Dynamic")).isTrue();
        assertThat(c.qualifiers().string("Provider")).contains("DfsrMonitorProv");
        assertThat(c.isAbstract()).isFalse();
        assertThat(c.keys()).extracting(p -> p.name().toString()).containsExactly("ConnectionGuid");
    }

    @Test
    void propertiesAreTheDocumentedOnesInOrder() {
        CimClass c = dfsrConnectionInfo();
        assertThat(c.properties()).extracting(p -> p.name().toString())
                .containsExactlyElementsOf(PROPERTIES.stream().map(Documented::name).toList());
        for (Documented d : PROPERTIES) {
            CimProperty p = c.property(d.name()).orElseThrow();
            assertThat(p.dataType()).as(d.name()).isEqualTo(d.type());
            assertThat(p.isKey()).as(d.name() + " key").isEqualTo(d.key());
            assertThat(p.qualifiers().string("DisplayName")).as(d.name()).contains(d.displayName());
            assertThat(p.qualifiers().integer("MaxLen").map(Long::intValue).orElse(null)).as(d.name() + " MaxLen")
                    .isEqualTo(d.maxLen());
            assertThat(p.qualifiers().integer("MinLen").map(Long::intValue).orElse(null)).as(d.name() + " MinLen")
                    .isEqualTo(d.minLen());
            assertThat(p.qualifiers().string("Units").orElse(null)).as(d.name() + " Units").isEqualTo(d.units());
            assertThat(p.qualifiers().string("Description")).as(d.name() + " Description").isNotEmpty();
            assertThat(p.defaultValue()).as(d.name() + " default").isNull();
        }
    }

    @Test
    void stateAndErrorPropertiesCarryTheirValueMaps() {
        CimClass c = dfsrConnectionInfo();
        CimProperty state = c.property("State").orElseThrow();
        assertThat(state.qualifiers().strings("ValueMap")).containsExactly("0", "1", "2", "3");
        assertThat(state.qualifiers().strings("Values")).containsExactly("Connecting", "Online", "Offline",
                "In Error");
        CimProperty code = c.property("LastErrorCode").orElseThrow();
        assertThat(code.qualifiers().strings("ValueMap")).startsWith("0");
        assertThat(code.qualifiers().strings("Values")).startsWith("Success");
        CimProperty message = c.property("LastErrorMessageId").orElseThrow();
        assertThat(message.qualifiers().strings("ValueMap")).startsWith("0").contains("5002", "5008", "5012", "5102");
        assertThat(message.qualifiers().strings("Values")).startsWith("Success");
        for (CimProperty p : List.of(state, code, message)) {
            assertThat(p.qualifiers().strings("Values")).as(p.name() + " Values pair with ValueMap")
                    .hasSameSizeAs(p.qualifiers().strings("ValueMap"));
        }
    }

    @Test
    void methodsHaveTheDocumentedSignatures() {
        CimClass c = dfsrConnectionInfo();
        assertThat(c.methods()).extracting(m -> m.name().toString())
                .containsExactlyElementsOf(METHODS.stream().map(Method::name).toList());
        for (Method expected : METHODS) {
            CimMethod m = c.method(CimName.of(expected.name())).orElseThrow();
            assertThat(m.returnType()).as(expected.name()).isEqualTo(CimDataType.UINT32);
            assertThat(m.qualifiers().isTrue("Implemented")).as(expected.name() + " Implemented").isTrue();
            assertThat(m.qualifiers().string("Description")).as(expected.name()).isNotEmpty();
            assertThat(m.parameters()).extracting(p -> p.name().toString()).as(expected.name())
                    .containsExactlyElementsOf(expected.parameters().stream().map(Parameter::name).toList());
            for (Parameter e : expected.parameters()) {
                CimParameter p = m.parameter(CimName.of(e.name())).orElseThrow();
                String what = expected.name() + "." + e.name();
                assertThat(p.dataType()).as(what).isEqualTo(e.type());
                assertThat(p.id()).as(what + " ID").hasValue(e.id());
                assertThat(p.isIn()).as(what + " In").isTrue();
                assertThat(p.isOut()).as(what + " Out").isFalse();
                assertThat(p.qualifiers().string("Description")).as(what).isNotEmpty();
            }
        }
    }

    @Test
    void theFilesOnDiskAreTheSchemaInTheJar() {
        ClassRepository fromDirectory = MofCompiler.create().compile(Path.of("mof"));
        ClassRepository fromEntry = MofCompiler.create().compile(Path.of("mof", "replprov.mof"));
        for (String ns : SCHEMA.namespaces()) {
            assertThat(fromDirectory.classes(ns)).containsExactlyElementsOf(SCHEMA.classes(ns));
            assertThat(fromEntry.classes(ns)).containsExactlyElementsOf(SCHEMA.classes(ns));
        }
    }

    @Test
    void everyClassPrintsAsMofThatCompilesBackToIt() {
        RoundTrip.assertEachClassRecompiles(SCHEMA);
        RoundTrip.assertRepositoryRecompiles(SCHEMA);
    }

    @Test
    void instanceFilesCompileAgainstTheShippedClasses() {
        ClassRepository withInstances = MofCompiler.extendingShippedSchema().compileText("connections.mof", """
                instance of DfsrConnectionInfo
                {
                    ConnectionGuid = "C0037E37-EF20-4CDF-968A-932E669ED810";
                    PartnerName = "BRANCH01";
                    Inbound = TRUE;
                    State = 1;
                    LastSyncTime = "99990101000000.000000+000";
                };
                """);

        assertThat(withInstances.classes(NS)).containsExactlyElementsOf(SCHEMA.classes(NS));
        assertThat(withInstances.instances(NS)).singleElement().satisfies(i -> {
            assertThat(i.value("PartnerName")).isEqualTo(CimValue.string("BRANCH01"));
            assertThat(i.value("State")).isEqualTo(CimValue.uint32(1));
            assertThat(i.path().toString())
                    .isEqualTo("DfsrConnectionInfo.ConnectionGuid=\"C0037E37-EF20-4CDF-968A-932E669ED810\"");
        });
        assertThat(SCHEMA.instances(NS)).as("the base is not changed").isEmpty();
    }

    @Test
    void instancesAreCheckedAgainstTheDocumentedQualifiers() {
        MofParseException e = catchThrowableOfType(() -> MofCompiler.extendingShippedSchema().compileText(
                "bad.mof", """
                        instance of DfsrConnectionInfo
                        {
                            ConnectionGuid = "C0037E37";
                            State = 7;
                        };
                        """), MofParseException.class);
        assertThat(e.location()).isEqualTo(new SourceLocation("bad.mof", 3, 5));
        assertThat(e.reason()).contains("ConnectionGuid is 8 characters long; MinLen is 36");
    }

    @Test
    void stateOutsideItsValueMapIsRefused() {
        MofParseException e = catchThrowableOfType(() -> MofCompiler.extendingShippedSchema().compileText(
                "bad.mof", """
                        instance of DfsrConnectionInfo
                        {
                            ConnectionGuid = "C0037E37-EF20-4CDF-968A-932E669ED810";
                            State = 7;
                        };
                        """), MofParseException.class);
        assertThat(e.location()).isEqualTo(new SourceLocation("bad.mof", 4, 5));
        assertThat(e.reason()).contains("State = 7 is not in its ValueMap");
    }

    @Test
    void instancesMayBuildOnAnyBase() {
        CimInstance only = MofCompiler.create().withBase(SCHEMA).withNamespace("root\\MicrosoftDfs")
                .compileText("one.mof", "instance of DfsrConnectionInfo { ConnectionGuid = \"" + "A".repeat(36)
                        + "\"; };")
                .instances(NS).get(0);
        assertThat(only.value("ConnectionGuid")).isEqualTo(CimValue.string("A".repeat(36)));
    }
}
