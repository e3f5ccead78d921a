package org.replprov.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimException;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimStatus;
import org.replprov.cim.CimValue;
import org.replprov.cim.WbemStatus;
import org.replprov.providers.dfsr.ConnectionTrigger;
import org.replprov.provider.spi.Indication;
import org.replprov.wql.InstanceEvent;
import org.replprov.wql.ResultRow;
import org.replprov.providers.dfsr.DfsrConnectionInfoProvider;
import org.replprov.providers.dfsr.DfsrSchema;
import org.replprov.engine.EngineHost;
import org.replprov.testing.FakeEngine;
import org.replprov.testing.ManualScheduler;
import org.replprov.testing.Links;
import org.replprov.mof.MofCompiler;

/** The object manager over the DFSR provider: requests checked before, answers after. */
class ObjectManagerTest {

    static final String NS = DfsrSchema.NAMESPACE;
    static final CimName DCI = DfsrSchema.CLASS;
    static final String CREATIONS =
            "SELECT * FROM __InstanceCreationEvent WHERE TargetInstance ISA 'DfsrConnectionInfo'";

    private ManualScheduler clock;
    private FakeEngine engine;
    private ObjectManager om;
    private EngineHost host;

    @BeforeEach
    void setUp() {
        clock = new ManualScheduler();
        engine = new FakeEngine(clock.clock());
        var repo = MofCompiler.loadShippedSchema();
        host = EngineHost.builder().engine("fake", engine).build();
        var dfsr = DfsrConnectionInfoProvider.builder().schema(repo).engines(host).scheduler(clock).build();
        om = ObjectManager.builder(repo).register(NS, DCI, dfsr).build();
        host.start();
        engine.report(Links.inbound(1)).report(Links.outbound(2));
    }

    @AfterEach
    void tearDown() {
        host.close();
        om.close();
    }

    static CimObjectPath path(int n) {
        return CimObjectPath.parse("DfsrConnectionInfo.ConnectionGuid=\"" + Links.connection(n) + "\"");
    }

    static void assertStatus(ThrowableAssert.ThrowingCallable call, WbemStatus status) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CimException.class,
                e -> assertThat(e.status()).as(e.getMessage()).isEqualTo(status));
    }

    private static Map<CimName, CimValue> params(Object... nameValue) {
        Map<CimName, CimValue> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            m.put(CimName.of((String) nameValue[i]), (CimValue) nameValue[i + 1]);
        }
        return m;
    }

    // ---- classes ----

    @Test
    void classesComeFromTheRepository() {
        assertThat(om.getClass(NS, DCI).name()).isEqualTo(DCI);
        assertThat(om.getClass("ROOT\\microsoftdfs", CimName.of("dfsrconnectioninfo")).name()).isEqualTo(DCI);
        assertThat(om.enumerateClasses(NS, null, false)).extracting(c -> c.name().toString())
                .containsExactly("CIM_ManagedSystemElement", "CIM_Setting", "DfsrInfo", "DfsrConfig");
        assertThat(om.enumerateClasses(NS, null, true)).extracting(c -> c.name().toString())
                .startsWith("CIM_ManagedSystemElement", "CIM_LogicalElement", "CIM_Setting", "DfsrConnectionInfo")
                .hasSize(14);
        assertThat(om.enumerateClasses(NS, CimName.of("CIM_ManagedSystemElement"), true))
                .extracting(c -> c.name().toString()).containsExactly("CIM_LogicalElement", "DfsrConnectionInfo",
                        "DfsrIdRecordInfo", "DfsrReplicatedFolderInfo", "DfsrSyncInfo");
        assertStatus(() -> om.getClass("root/nowhere", DCI), WbemStatus.WBEM_E_INVALID_NAMESPACE);
        assertStatus(() -> om.getClass(NS, CimName.of("Win32_Nothing")), WbemStatus.WBEM_E_INVALID_CLASS);
    }

    // ---- instances ----

    @Test
    void enumeratesTheClassAndThroughItsSuperclasses() {
        assertThat(om.enumerateInstances(NS, DCI)).hasSize(2);
        assertThat(om.enumerateInstances(NS, CimName.of("CIM_LogicalElement"))).hasSize(2);
        assertThat(om.enumerateInstanceNames(NS, DCI)).containsExactlyInAnyOrder(
                path(1).resolveKeys(om.getClass(NS, DCI)), path(2).resolveKeys(om.getClass(NS, DCI)));
        assertStatus(() -> om.enumerateInstances(NS, CimName.of("Nope")), WbemStatus.WBEM_E_INVALID_CLASS);
    }

    @Test
    void aPropertyListProjectsAndKeepsKeys() {
        var got = new java.util.ArrayList<org.replprov.cim.CimInstance>();
        om.enumerateInstances(NS, DCI, List.of(DfsrSchema.STATE, CimName.of("NoSuchProperty")), got::add);
        assertThat(got).allSatisfy(i -> assertThat(i.properties()).extracting(p -> p.name())
                .containsExactlyInAnyOrder(DfsrSchema.CONNECTION_GUID, DfsrSchema.STATE));
    }

    @Test
    void getInstanceChecksThePath() {
        assertThat(om.getInstance(NS, path(1)).value(DfsrSchema.PARTNER_NAME)).isEqualTo(CimValue.string("BRANCH1"));
        assertThat(om.getInstance(NS, CimObjectPath.parse("\\\\.\\root\\MicrosoftDfs:DfsrConnectionInfo=\"{"
                + Links.connection(1) + "}\""))).isNotNull();
        assertStatus(() -> om.getInstance(NS, path(7)), WbemStatus.WBEM_E_NOT_FOUND);
        assertStatus(() -> om.getInstance(NS, CimObjectPath.parse("DfsrConnectionInfo")),
                WbemStatus.WBEM_E_INVALID_OBJECT_PATH);
        assertStatus(() -> om.getInstance(NS, CimObjectPath.parse("DfsrConnectionInfo.Name=\"x\"")),
                WbemStatus.WBEM_E_INVALID_OBJECT_PATH);
        assertStatus(() -> om.getInstance(NS, CimObjectPath.parse("root/cimv2:DfsrConnectionInfo.ConnectionGuid=\"x\"")),
                WbemStatus.WBEM_E_INVALID_OBJECT_PATH);
        assertStatus(() -> om.getInstance(NS, CimObjectPath.parse("Nope.A=1")), WbemStatus.WBEM_E_INVALID_CLASS);
    }

    // ---- methods ----

    @Test
    void parametersAreTypedFromTheSignature() {
        var r = om.invokeMethod(NS, path(1), DfsrSchema.FORCE_REPLICATION, params("mode", CimValue.string("2"),
                "DurationInMin", CimValue.uint64(60), "BANDWIDTH", CimValue.string("0xF")));
        assertThat(r.returnValue()).isEqualTo(CimValue.uint32(0));
        assertThat(om.invokeMethod(NS, path(1), DfsrSchema.CHECK_CONNECTIVITY, Map.of()).returnValue())
                .isEqualTo(CimValue.uint32(0));
    }

    @Test
    void malformedCallsAreWbemErrorsNotReturnValues() {
        CimName fr = DfsrSchema.FORCE_REPLICATION;
        assertStatus(() -> om.invokeMethod(NS, path(1), CimName.of("Reboot"), Map.of()),
                WbemStatus.WBEM_E_INVALID_METHOD);
        assertStatus(() -> om.invokeMethod(NS, path(1), fr, params("Mode", CimValue.uint32(2),
                "DurationInMin", CimValue.uint32(60))), WbemStatus.WBEM_E_MISSING_PARAMETER_ID);
        assertStatus(() -> om.invokeMethod(NS, path(1), fr, params("Mode", CimValue.uint32(2),
                "DurationInMin", CimValue.uint32(60), "Bandwidth", CimValue.uint32(1), "Force", CimValue.bool(true))),
                WbemStatus.WBEM_E_INVALID_METHOD_PARAMETERS);
        assertStatus(() -> om.invokeMethod(NS, path(1), fr, params("Mode", CimValue.string("fast"),
                "DurationInMin", CimValue.uint32(60), "Bandwidth", CimValue.uint32(1))),
                WbemStatus.WBEM_E_TYPE_MISMATCH);
        assertStatus(() -> om.invokeMethod(NS, path(1), fr, params("Mode", CimValue.sint32(-1),
                "DurationInMin", CimValue.uint32(60), "Bandwidth", CimValue.uint32(1))),
                WbemStatus.WBEM_E_VALUE_OUT_OF_RANGE);
        assertStatus(() -> om.invokeMethod(NS, path(1), DfsrSchema.CHECK_CONNECTIVITY, params("Mode",
                CimValue.uint32(1))), WbemStatus.WBEM_E_INVALID_METHOD_PARAMETERS);
        assertStatus(() -> om.invokeMethod(NS, CimObjectPath.parse("DfsrConnectionInfo"),
                DfsrSchema.CHECK_CONNECTIVITY, Map.of()), WbemStatus.WBEM_E_INVALID_OBJECT_PATH);
        assertStatus(() -> om.invokeMethod(NS, path(9), DfsrSchema.CHECK_CONNECTIVITY, Map.of()),
                WbemStatus.WBEM_E_NOT_FOUND);
        assertThat(engine.calls()).extracting(FakeEngine.Call::method).containsOnly("start");
    }

    @Test
    void methodLevelFailuresAreReturnValues() {
        var r = om.invokeMethod(NS, path(2), DfsrSchema.CHECK_CONNECTIVITY, Map.of());
        assertThat(r.returnValue()).isEqualTo(CimValue.uint32(50));
        r = om.invokeMethod(NS, path(1), DfsrSchema.FORCE_REPLICATION, params("Mode", CimValue.uint32(9),
                "DurationInMin", CimValue.uint32(60), "Bandwidth", CimValue.uint32(1)));
        assertThat(r.returnValue()).isEqualTo(CimValue.uint32(87));
    }

    // ---- queries ----

    @Test
    void queriesRunOverCheckedInstances() {
        engine.trigger(Links.connection(1), ConnectionTrigger.SCHEDULE_ON)
                .inError(Links.connection(1), org.replprov.engine.spi.ConnectionFailure.SERVICE_UNREACHABLE);
        List<ResultRow> rows = om.execQuery(NS,
                "SELECT PartnerName, LastErrorMessageId FROM DfsrConnectionInfo WHERE State = 3 AND Inbound = TRUE");
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.instance().value(DfsrSchema.PARTNER_NAME)).isEqualTo(CimValue.string("BRANCH1"));
            assertThat(r.instance().value(DfsrSchema.LAST_ERROR_MESSAGE_ID)).isEqualTo(CimValue.uint32(5008));
            assertThat(r.instance().hasProperty(DfsrSchema.MEMBER_NAME)).isFalse();
            assertThat(r.path().toString()).startsWith("root\\MicrosoftDfs:DfsrConnectionInfo.ConnectionGuid=");
        });
        assertThat(om.execQuery(NS, "SELECT * FROM CIM_LogicalElement")).hasSize(2);
        assertThat(om.execQuery(NS, "select * from dfsrconnectioninfo where Inbound = 'False'"))
                .extracting(r -> r.instance().value(DfsrSchema.PARTNER_NAME).text()).containsExactly("BRANCH2");
    }

    @Test
    void badQueriesAreTheirWbemErrors() {
        assertStatus(() -> om.execQuery(NS, "SQL", "SELECT * FROM DfsrConnectionInfo", r -> { }),
                WbemStatus.WBEM_E_INVALID_QUERY_TYPE);
        assertStatus(() -> om.execQuery(NS, "SELECT SendingMemberName FROM DfsrConnectionInfo"),
                WbemStatus.WBEM_E_INVALID_QUERY);
        assertStatus(() -> om.execQuery(NS, "SELECT * FROM DfsrConnectionInfo WHERE"),
                WbemStatus.WBEM_E_INVALID_QUERY);
        assertStatus(() -> om.execQuery(NS, "SELECT * FROM Win32_Nothing"), WbemStatus.WBEM_E_INVALID_CLASS);
        assertStatus(() -> om.execQuery("root/nowhere", "SELECT * FROM DfsrConnectionInfo"),
                WbemStatus.WBEM_E_INVALID_NAMESPACE);
        assertStatus(() -> om.execQuery(NS, CREATIONS), WbemStatus.WBEM_E_NOT_SUPPORTED);
        assertStatus(() -> om.subscribe(NS, "SELECT * FROM DfsrConnectionInfo"), WbemStatus.WBEM_E_NOT_EVENT_CLASS);
        assertStatus(() -> om.subscribe(NS, "SELECT * FROM __InstanceCreationEvent"),
                WbemStatus.WBEM_E_REGISTRATION_TOO_BROAD);
    }

    // ---- indications ----

    @Test
    void subscriptionsReceiveTheEventsTheirFilterSelects() throws Exception {
        try (IndicationStream all = om.subscribe(NS,
                "SELECT * FROM __InstanceOperationEvent WHERE TargetInstance ISA 'DfsrConnectionInfo'");
             IndicationStream deletions = om.subscribe(NS, "SELECT * FROM __InstanceDeletionEvent WITHIN 10 "
                     + "WHERE TargetInstance ISA 'CIM_ManagedSystemElement'");
             IndicationStream errors = om.subscribe(NS, "SELECT * FROM __InstanceModificationEvent WHERE "
                     + "TargetInstance ISA 'DfsrConnectionInfo' AND TargetInstance.State = 3 "
                     + "AND PreviousInstance.State <> 3")) {
            engine.report(Links.inbound(3));
            engine.trigger(Links.connection(3), ConnectionTrigger.SCHEDULE_ON);
            engine.remove(Links.connection(3));
            assertThat(all.drain()).extracting(Indication::kind).containsExactly(InstanceEvent.CREATION,
                    InstanceEvent.MODIFICATION, InstanceEvent.DELETION);
            assertThat(errors.drain()).isEmpty();
            engine.trigger(Links.connection(1), ConnectionTrigger.SCHEDULE_ON)
                    .inError(Links.connection(1), org.replprov.engine.spi.ConnectionFailure.UNRECOGNIZED);
            assertThat(errors.drain()).singleElement().satisfies(e -> assertThat(
                    e.targetInstance().value(DfsrSchema.LAST_ERROR_MESSAGE_ID)).isEqualTo(CimValue.uint32(5012)));
            assertThat(deletions.poll(Duration.ofSeconds(1))).hasValueSatisfying(i -> {
                assertThat(i.eventClass()).isEqualTo(CimName.of("__InstanceDeletionEvent"));
                assertThat(i.targetInstance().value(DfsrSchema.PARTNER_NAME)).isEqualTo(CimValue.string("BRANCH3"));
            });
        }
    }

    @Test
    void closingTheLastSubscriptionDisablesTheProvider() {
        IndicationStream s = om.subscribe(NS, CREATIONS);
        s.close();
        engine.report(Links.inbound(4));
        assertStatus(s::drain, WbemStatus.WBEM_E_CALL_CANCELLED);
    }

    @Test
    void aSubscriberThatFallsBehindLosesItsSubscription() {
        var repo = MofCompiler.loadShippedSchema();
        var e = new FakeEngine(clock.clock());
        var engines = EngineHost.builder().engine("fake", e).build();
        try (engines; var small = ObjectManager.builder(repo).subscriptionCapacity(2).register(NS, DCI,
                DfsrConnectionInfoProvider.builder().schema(repo).engines(engines).scheduler(clock).build()).build();
             IndicationStream s = small.subscribe(NS, CREATIONS)) {
            engines.start();
            for (int n = 10; n < 13; n++) {
                e.report(Links.inbound(n));
            }
            assertThat(s.drain()).hasSize(2);
            assertStatus(s::drain, WbemStatus.WBEM_E_QUEUE_OVERFLOW);
        }
    }

    @Test
    void aClassWithoutEventProviderCannotBeSubscribedTo() {
        var repo = MofCompiler.loadShippedSchema();
        try (var bare = ObjectManager.builder(repo).build()) {
            assertStatus(() -> bare.subscribe(NS, CREATIONS), WbemStatus.WBEM_E_REGISTRATION_TOO_PRECISE);
            assertStatus(() -> bare.invokeMethod(NS, path(1), DfsrSchema.CHECK_CONNECTIVITY, Map.of()),
                    WbemStatus.WBEM_E_METHOD_NOT_IMPLEMENTED);
            assertThat(bare.enumerateInstances(NS, DCI)).isEmpty();
        }
    }

    @Test
    void providerFailuresAreCimErrFailed() {
        assertThat(WbemStatus.WBEM_E_PROVIDER_FAILURE.cimStatus()).isEqualTo(CimStatus.CIM_ERR_FAILED);
        CimClass c = om.getClass(NS, DCI);
        assertThat(c.isA(CimName.of("CIM_ManagedSystemElement"))).isTrue();
    }
}
