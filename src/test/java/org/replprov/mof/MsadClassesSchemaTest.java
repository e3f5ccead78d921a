package org.replprov.mof;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimDataType;
import org.replprov.cim.CimMethod;
import org.replprov.cim.CimName;
import org.replprov.cim.CimParameter;
import org.replprov.cim.CimProperty;
import org.replprov.cim.CimValue;
import org.replprov.provider.ObjectManager;
import org.replprov.repository.ClassRepository;

/**
 * The shipped MSAD_* classes of root/MicrosoftActiveDirectory against their documented tables (Microsoft's "MSAD_*
 * class" reference pages: syntax with defaults, per-property data type and qualifiers, method signatures;
 * docs/msad-classes.md names them). The tables below are the expectation; mof/msad.mof must agree with them.
 */
class MsadClassesSchemaTest {

    private static final String NS = "root/MicrosoftActiveDirectory";
    private static final ClassRepository SCHEMA = MofCompiler.loadShippedSchema();

    private static final CimDataType STRING = CimDataType.STRING;
    private static final CimDataType BOOLEAN = CimDataType.BOOLEAN;
    private static final CimDataType DATETIME = CimDataType.DATETIME;
    private static final CimDataType UINT32 = CimDataType.UINT32;
    private static final CimDataType UINT64 = CimDataType.UINT64;

    /** One documented property: its type, whether the page gives it the key qualifier, its syntax default. */
    private record P(String name, CimDataType type, boolean key, Boolean defaultValue) {
    }

    private static P p(String name, CimDataType type) {
        return new P(name, type, false, null);
    }

    private static P key(String name, CimDataType type) {
        return new P(name, type, true, null);
    }

    /** A boolean the syntax declares {@code = FALSE}. */
    private static P flag(String name) {
        return new P(name, BOOLEAN, false, false);
    }

    /** One documented method: its [in] uint32 parameters, in order. */
    private record M(String name, List<String> parameters) {
    }

    private record Documented(String name, List<P> properties, List<M> methods) {
    }

    private static final List<Documented> CLASSES = List.of(
            new Documented("MSAD_ReplNeighbor", List.of(
                    key("NamingContextDN", STRING),
                    key("SourceDsaObjGuid", STRING),
                    p("NamingContextObjGuid", STRING),
                    p("SourceDsaDN", STRING),
                    p("SourceDsaAddress", STRING),
                    p("SourceDsaInvocationID", STRING),
                    p("AsyncIntersiteTransportDN", STRING),
                    p("AsyncIntersiteTransportObjGuid", STRING),
                    p("USNLastObjChangeSynced", UINT64),
                    p("USNAttributeFilter", UINT64),
                    p("TimeOfLastSyncSuccess", DATETIME),
                    p("TimeOfLastSyncAttempt", DATETIME),
                    p("LastSyncResult", UINT32),
                    p("NumConsecutiveSyncFailures", UINT32),
                    p("ReplicaFlags", UINT32),
                    flag("Writeable"),
                    flag("SyncOnStartup"),
                    flag("DoScheduledSyncs"),
                    flag("UseAsyncIntersiteTransport"),
                    flag("TwoWaySync"),
                    flag("FullSyncInProgress"),
                    flag("FullSyncNextPacket"),
                    flag("NeverSynced"),
                    flag("IgnoreChangeNotifications"),
                    flag("DisableScheduledSync"),
                    flag("CompressChanges"),
                    flag("NoChangeNotifications"),
                    p("SourceDsaSite", STRING),
                    p("SourceDsaCN", STRING),
                    p("Domain", STRING),
                    flag("IsDeletedSourceDsa"),
                    p("ModifiedNumConsecutiveSyncFailures", UINT32)),
                    List.of(new M("SyncNamingContext", List.of("Options")))),
            new Documented("MSAD_ReplCursor", List.of(
                    key("NamingContextDN", STRING),
                    key("SourceDsaInvocationID", STRING),
                    p("USNAttributeFilter", UINT64),
                    p("SourceDsaDN", STRING),
                    p("TimeOfLastSuccessfulSync", DATETIME)), List.of()),
            new Documented("MSAD_NamingContext", List.of(
                    key("DistinguishedName", STRING),
                    flag("IsFullReplica")), List.of()),
            new Documented("MSAD_DomainController", List.of(
                    key("DistinguishedName", STRING),
                    p("CommonName", STRING),
                    p("SiteName", STRING),
                    p("NTDsaGUID", STRING),
                    flag("IsGC"),
                    p("TimeOfOldestReplSync", DATETIME),
                    p("TimeOfOldestReplAdd", DATETIME),
                    p("TimeOfOldestReplDel", DATETIME),
                    p("TimeOfOldestReplMod", DATETIME),
                    p("TimeOfOldestReplUpdRefs", DATETIME),
                    flag("IsNextRIDPoolAvailable"),
                    p("PercentOfRIDsLeft", UINT32),
                    p("IsRegisteredInDNS", BOOLEAN),
                    flag("IsAdvertisingToLocator"),
                    flag("IsSysVolReady")),
                    List.of(new M("ExecuteKCC", List.of("TaskID", "dwFlags")))),
            new Documented("MSAD_ReplPendingOp", List.of(
                    key("SerialNumber", UINT32),
                    p("PositionInQ", UINT32),
                    p("OpStartTime", DATETIME),
                    p("TimeEnqueued", DATETIME),
                    p("Priority", UINT32),
                    p("OpType", UINT32),
                    p("Options", UINT32),
                    p("NamingContextDN", STRING),
                    p("NamingContextObjGuid", STRING),
                    p("DsaDN", STRING),
                    p("DsaAddress", STRING),
                    p("DsaObjGuid", STRING)), List.of()));

    private static CimClass cimClass(String name) {
        return SCHEMA.requireClass(NS, CimName.of(name));
    }

    @Test
    void namespaceHoldsRepsToAndEveryDocumentedClass() {
        // Windows' classes first: replprov.mof includes msad.mof before repsto.mof, the order of the file names.
        List<String> expected = new ArrayList<>();
        CLASSES.forEach(c -> expected.add(c.name()));
        expected.add("ReplProv_RepsTo");
        assertThat(SCHEMA.classes(NS)).extracting(c -> c.name().toString()).containsExactlyElementsOf(expected);
        assertThat(SCHEMA.instances(NS)).isEmpty();
    }

    @TestFactory
    List<DynamicTest> classesHaveTheirDocumentedShape() {
        return CLASSES.stream().map(d -> DynamicTest.dynamicTest(d.name(), () -> check(d))).toList();
    }

    private static void check(Documented d) {
        CimClass c = cimClass(d.name());
        assertThat(c.superClass()).as("a root class").isEmpty();
        assertThat(c.qualifiers().isTrue("Dynamic")).as("Dynamic").isTrue();
        assertThat(c.qualifiers().string("Provider")).as("Provider").contains("ReplProv1");
        assertThat(c.isAbstract()).as("Abstract").isFalse();
        assertThat(c.isSingleton()).as("Singleton").isFalse();
        assertThat(c.qualifiers().string("Description")).as("class Description").isNotEmpty();

        assertThat(c.properties()).extracting(p -> p.name().toString()).as("properties in documented order")
                .containsExactlyElementsOf(d.properties().stream().map(P::name).toList());
        assertThat(c.keys()).extracting(p -> p.name().toString()).as("keys")
                .containsExactlyElementsOf(d.properties().stream().filter(P::key).map(P::name).toList());
        for (P e : d.properties()) {
            CimProperty p = c.property(e.name()).orElseThrow();
            String what = d.name() + "." + e.name();
            assertThat(p.dataType()).as(what).isEqualTo(e.type());
            assertThat(p.isKey()).as(what + " Key").isEqualTo(e.key());
            assertThat(p.qualifiers().isTrue("Write")).as(what + " is documented read-only").isFalse();
            // No page lists a DisplayName, MaxLen or Units: none is invented.
            assertThat(p.qualifiers().string("DisplayName")).as(what + " DisplayName").isEmpty();
            assertThat(p.qualifiers().integer("MaxLen")).as(what + " MaxLen").isEmpty();
            assertThat(p.qualifiers().string("Units")).as(what + " Units").isEmpty();
            assertThat(p.qualifiers().string("Description")).as(what + " Description").isNotEmpty();
            assertThat(p.defaultValue()).as(what + " default")
                    .isEqualTo(e.defaultValue() == null ? null : CimValue.bool(e.defaultValue()));
        }

        assertThat(c.methods()).extracting(m -> m.name().toString()).as("methods")
                .containsExactlyElementsOf(d.methods().stream().map(M::name).toList());
        for (M e : d.methods()) {
            CimMethod m = c.method(CimName.of(e.name())).orElseThrow();
            String what = d.name() + "." + e.name() + "()";
            // Documented void; see docs/msad-classes.md for why the schema says uint32.
            assertThat(m.returnType()).as(what + " returns").isEqualTo(UINT32);
            assertThat(m.qualifiers().isTrue("Implemented")).as(what + " Implemented").isTrue();
            assertThat(m.qualifiers().isTrue("Static")).as(what + " Static").isFalse();
            assertThat(m.qualifiers().string("Description")).as(what + " Description").isNotEmpty();
            assertThat(m.parameters()).extracting(p -> p.name().toString()).as(what)
                    .containsExactlyElementsOf(e.parameters());
            for (int i = 0; i < e.parameters().size(); i++) {
                CimParameter p = m.parameter(CimName.of(e.parameters().get(i))).orElseThrow();
                String pw = what + " " + p.name();
                assertThat(p.dataType()).as(pw).isEqualTo(UINT32);
                assertThat(p.isIn()).as(pw + " In").isTrue();
                assertThat(p.isOut()).as(pw + " Out").isFalse();
                assertThat(p.id()).as(pw + " ID").hasValue(i);
            }
        }
    }

    @Test
    void replNeighborsAreQueryableAndAnswerNoInstancesWithoutAProvider() {
        try (ObjectManager om = ObjectManager.builder(SCHEMA).build()) {
            assertThat(om.execQuery(NS, "SELECT * FROM MSAD_ReplNeighbor")).isEmpty();
            // The columns monitoring scripts select, in the case they type them.
            assertThat(om.execQuery(NS, "SELECT SourceDsaCN, NamingContextDN, LastSyncResult, "
                    + "NumConsecutiveSyncFailures, TimeOfLastSyncAttempt FROM msad_replneighbor "
                    + "WHERE LastSyncResult <> 0")).isEmpty();
            for (Documented d : CLASSES) {
                assertThat(om.execQuery(NS, "SELECT * FROM " + d.name())).as(d.name()).isEmpty();
            }
        }
    }
}
