package org.replprov.engines.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimName;
import org.replprov.cim.CimValue;
import org.replprov.cim.Guids;
import org.replprov.engine.EngineHost;
import org.replprov.mof.MofCompiler;
import org.replprov.provider.ObjectManager;
import org.replprov.cim.CimObjectPath;
import org.replprov.metrics.Collector;
import org.replprov.metrics.MetricFamily;
import org.replprov.module.ModuleContext;
import org.replprov.module.OpenModule;
import org.replprov.provider.spi.MethodResult;
import org.replprov.providers.dfsr.DfsrModule;
import org.replprov.providers.dfsr.DfsrSchema;
import org.replprov.repository.ClassRepository;
import org.replprov.state.InMemoryRepsToStore;
import org.replprov.state.StateStore;
import org.replprov.time.SystemScheduler;
import org.replprov.wql.ResultRow;

/**
 * The classes the windows-dfsr engine now reads, through the DFSR module's providers and the object manager, with WQL:
 * each of the two simulated members' DfsrSyncInfo, DfsrInfo, DfsrReplicatedFolderInfo and configuration comes back
 * with the values Windows reported; the folder both host is an instance per member, in the metrics too, and
 * ForceFolderReplication reaches the member that owns the connection with the folder's Windows GUID.
 */
class WindowsDfsrClassesTest {

    @TempDir
    Path dir;
    TwoMembers members;
    SystemScheduler scheduler;
    EngineHost host;
    StateStore state;
    OpenModule module;
    ObjectManager om;
    List<Collector> metrics;

    @BeforeEach
    void start() throws Exception {
        members = new TwoMembers(dir);
        scheduler = new SystemScheduler("windows-dfsr-classes-test");
        host = EngineHost.builder().engine("branches", "windows-dfsr", members.engine(scheduler, Map.of())).build();
        ClassRepository schema = MofCompiler.loadShippedSchema();
        DfsrModule dfsr = new DfsrModule();
        state = StateStore.inMemory();
        state.migrate(dfsr.tables());
        module = dfsr.open(new ModuleContext(schema, host, state, InMemoryRepsToStore.create(), scheduler,
                new ModuleContext.Daemon("9.9.9", Instant.parse("2024-02-01T00:00:00Z"))));
        ObjectManager.Builder b = ObjectManager.builder(schema);
        module.registrations().forEach(r -> b.register(r.namespace(), r.className(), r.provider()));
        om = b.build();
        metrics = module.metrics(om);
        host.start();
    }

    @AfterEach
    void stop() throws Exception {
        om.close();
        host.close();
        module.close();
        state.close();
        scheduler.close();
        members.close();
    }

    private List<CimInstance> query(String wql) {
        return om.execQuery(DfsrSchema.NAMESPACE, wql).stream().map(ResultRow::instance).toList();
    }

    private List<CimInstance> await(String wql, Predicate<List<CimInstance>> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<CimInstance> got = query(wql);
        while (!done.test(got)) {
            assertThat(System.nanoTime()).as(wql + " answered " + got).isLessThan(deadline);
            Thread.sleep(50);
            got = query(wql);
        }
        return got;
    }

    private static String text(CimInstance i, String property) {
        CimValue v = i.value(CimName.of(property));
        return v == null ? null : v.text();
    }

    private static CimInstance with(List<CimInstance> all, String property, String value) {
        return all.stream().filter(i -> value.equals(text(i, property))).findFirst().orElseThrow(
                () -> new AssertionError("no instance with " + property + " = " + value + " in " + all));
    }

    @Test
    void eachMembersSyncSessionsAreDfsrSyncInfoWithTheWindowsValues() throws Exception {
        List<CimInstance> all = await("SELECT * FROM DfsrSyncInfo", l -> l.size() == 3);
        CimInstance s1 = with(all, "SyncGuid", Guids.format(TwoMembers.S1));
        assertThat(text(s1, "ConnectionGuid")).isEqualTo(Guids.format(TwoMembers.C1));
        assertThat(text(s1, "MemberName")).isEqualTo("FS01");
        assertThat(text(s1, "PartnerName")).isEqualTo("FS02");
        assertThat(text(s1, "Inbound")).isEqualTo("TRUE");
        assertThat(text(s1, "State")).isEqualTo("2");
        assertThat(text(s1, "InitiationReason")).isEqualTo("0");
        assertThat(text(s1, "StartTime")).isEqualTo("20240115100000.000000+000");
        assertThat(text(s1, "EndTime")).isEqualTo("16010101000000.000000+000");
        assertThat(List.of(text(s1, "UpdatesTransferred"), text(s1, "BytesTransferred"),
                text(s1, "UpdatesNotTransferred"), text(s1, "UpdatesToBeTransferred"), text(s1, "ConflictsGenerated"),
                text(s1, "TombstonesGenerated"))).containsExactly("12", "65536", "2", "5", "1", "3");
        assertThat(text(s1, "LastErrorCode")).isEqualTo("0");
        assertThat(text(s1, "ForceReplicationEndTime")).isNull();

        CimInstance s0 = with(all, "SyncGuid", Guids.format(TwoMembers.S0));
        assertThat(text(s0, "State")).isEqualTo("4");
        assertThat(text(s0, "InitiationReason")).isEqualTo("1");
        assertThat(text(s0, "EndTime")).isEqualTo("20240115101500.000000+000");
        assertThat(text(s0, "BytesTransferred")).isEqualTo("4000000000");
        assertThat(text(s0, "ForceReplicationEndTime")).isEqualTo("20240115180000.000000+000");
        assertThat(text(s0, "ForceReplicationBandwidthlevel")).isEqualTo("10");

        CimInstance s2 = with(all, "SyncGuid", Guids.format(TwoMembers.S2));
        assertThat(text(s2, "ConnectionGuid")).isEqualTo(Guids.format(TwoMembers.C2));
        assertThat(text(s2, "MemberName")).isEqualTo("FS02");
        assertThat(text(s2, "State")).isEqualTo("6");
        assertThat(text(s2, "LastErrorCode")).isEqualTo(Long.toString(TwoMembers.ERROR_CODE));
        assertThat(text(s2, "LastErrorMessageId")).isEqualTo("5008");

        assertThat(query("SELECT SyncGuid FROM DfsrSyncInfo WHERE MemberName = 'FS02'")).hasSize(1);
    }

    @Test
    void eachMembersServiceIsADfsrInfoBesideTheDaemonsOwn() throws Exception {
        List<CimInstance> all = await("SELECT * FROM DfsrInfo", l -> l.size() == 3);
        assertThat(all.get(0).className().toString()).as("the singleton, the daemon").isEqualTo("DfsrInfo");
        assertThat(text(all.get(0), "ProviderVersion")).isEqualTo("9.9.9");
        CimInstance fs01 = with(all, "Host", "fs01.example.test");
        assertThat(fs01.className().toString()).isEqualTo("ReplProv_DfsrMemberInfo");
        assertThat(text(fs01, "Engine")).isEqualTo("branches");
        assertThat(text(fs01, "State")).isEqualTo("1");
        assertThat(text(fs01, "ProviderVersion")).isEqualTo("10.0.17763.1");
        assertThat(text(fs01, "ServiceStartTime")).isEqualTo("20240101080000.000000+000");
        assertThat(text(fs01, "LastDsPollTime")).isEqualTo("20240115095500.000000+000");
        assertThat(text(fs01, "LastErrorCode")).isEqualTo("0");
        CimInstance fs02 = with(all, "Host", "fs02.example.test");
        assertThat(text(fs02, "State")).isEqualTo("2");
        assertThat(text(fs02, "ProviderVersion")).isEqualTo("10.0.20348.1");
        assertThat(text(fs02, "ServiceStartTime")).isEqualTo("20240102090000.000000+000");
        assertThat(text(fs02, "LastErrorCode")).isEqualTo(Long.toString(TwoMembers.SERVICE_ERROR));
        assertThat(text(fs02, "LastErrorMessageId")).isEqualTo(Integer.toString(TwoMembers.SERVICE_EVENT));

        assertThat(query("SELECT Host FROM ReplProv_DfsrMemberInfo WHERE State = 2"))
                .singleElement().satisfies(i -> assertThat(text(i, "Host")).isEqualTo("fs02.example.test"));
        assertThat(text(om.getInstance(DfsrSchema.NAMESPACE, org.replprov.cim.CimObjectPath.parse(
                "ReplProv_DfsrMemberInfo.Engine=\"branches\",Host=\"fs01.example.test\"")), "ProviderVersion"))
                .isEqualTo("10.0.17763.1");
    }

    @Test
    void eachMembersConfigurationIsInTheConfigurationClasses() throws Exception {
        String fs02Folder = Guids.format(DfsrFacts.folderKey(TwoMembers.FS02.guid(), TwoMembers.FOLDER));
        List<CimInstance> folders = await("SELECT * FROM DfsrReplicatedFolderConfig",
                l -> l.size() == 2 && l.stream().anyMatch(i -> fs02Folder.equals(text(i, "ReplicatedFolderGuid")))
                        && l.stream().allMatch(i -> text(i, "RootPath") != null));
        CimInstance fs01 = with(folders, "ReplicatedFolderGuid", Guids.format(TwoMembers.FOLDER));
        assertThat(text(fs01, "MemberGuid")).isEqualTo(Guids.format(TwoMembers.FS01.guid()));
        assertThat(text(fs01, "ReplicatedFolderName")).isEqualTo("Data");
        assertThat(text(fs01, "RootPath")).isEqualTo("D:\\Data");
        assertThat(text(fs01, "StagingPath")).isEqualTo("D:\\Data\\DfsrPrivate\\Staging");
        assertThat(text(fs01, "ConflictPath")).isEqualTo("D:\\Data\\DfsrPrivate\\ConflictAndDeleted");
        assertThat(text(fs01, "ReadOnly")).isEqualTo("FALSE");
        assertThat(text(fs01, "Enabled")).isEqualTo("TRUE");
        CimInstance fs02 = with(folders, "ReplicatedFolderGuid", fs02Folder);
        assertThat(text(fs02, "MemberGuid")).isEqualTo(Guids.format(TwoMembers.FS02.guid()));
        assertThat(text(fs02, "RootPath")).isEqualTo("E:\\Data");
        assertThat(text(fs02, "ReadOnly")).isEqualTo("TRUE");

        List<CimInstance> memberships = query("SELECT * FROM DfsrLocalMemberConfig");
        assertThat(memberships).extracting(i -> text(i, "MemberName")).containsExactlyInAnyOrder("FS01", "FS02");
        assertThat(query("SELECT * FROM DfsrReplicationGroupConfig")).singleElement()
                .satisfies(g -> assertThat(text(g, "ReplicationGroupName")).isEqualTo("RG-Data"));

        List<CimInstance> connections = await("SELECT * FROM DfsrConnectionConfig", l -> l.size() == 4);
        CimInstance c1 = with(connections, "ConnectionGuid", Guids.format(TwoMembers.C1));
        assertThat(text(c1, "MemberGuid")).isEqualTo(Guids.format(TwoMembers.FS01.guid()));
        assertThat(text(c1, "Inbound")).isEqualTo("TRUE");
        assertThat(text(c1, "ScheduleInUtc")).isEqualTo("TRUE");
        assertThat(bytes(c1)).isEqualTo(TwoMembers.schedule(15));
        CimInstance c2Out = with(connections, "ConnectionGuid",
                Guids.format(DfsrFacts.key(TwoMembers.FS01.guid(), TwoMembers.C2, false)));
        assertThat(text(c2Out, "Enabled")).isEqualTo("FALSE");
        assertThat(text(c2Out, "ScheduleInUtc")).isEqualTo("FALSE");
        assertThat(bytes(c2Out)).isEqualTo(TwoMembers.schedule(3));
    }

    /** FS02's folder: FS01, listed first, keeps the Windows GUID. */
    private static final String FS02_FOLDER = Guids.format(DfsrFacts.folderKey(TwoMembers.FS02.guid(),
            TwoMembers.FOLDER));
    private static final String WINDOWS_FOLDER = Guids.format(TwoMembers.FOLDER);

    private long enumerations(org.replprov.engines.windows.wsman.WsmanServer s) {
        return s.actions().stream().filter(a -> a.endsWith("/Enumerate")).count();
    }

    /** Until each member was polled once more: eight classes a poll. */
    private void awaitAPollOfEach() throws InterruptedException {
        long fs01 = enumerations(members.fs01);
        long fs02 = enumerations(members.fs02);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (enumerations(members.fs01) < fs01 + 8 || enumerations(members.fs02) < fs02 + 8) {
            assertThat(System.nanoTime()).as("a poll of each member").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void aFolderBothMembersHostIsAnInstancePerMemberWithItsValuesPollAfterPoll() throws Exception {
        String wql = "SELECT * FROM DfsrReplicatedFolderInfo";
        await(wql, l -> l.size() == 2 && l.stream().allMatch(i -> text(i, "State") != null));
        for (int poll = 0; poll < 4; poll++) {
            List<CimInstance> all = query(wql);
            assertThat(all).as("poll " + poll).hasSize(2);
            CimInstance fs01 = with(all, "ReplicatedFolderGuid", WINDOWS_FOLDER);
            assertThat(text(fs01, "MemberGuid")).isEqualTo(Guids.format(TwoMembers.FS01.guid()));
            assertThat(text(fs01, "MemberName")).isEqualTo("FS01");
            assertThat(text(fs01, "ReplicatedFolderName")).isEqualTo("Data");
            assertThat(text(fs01, "ReplicationGroupGuid")).isEqualTo(Guids.format(TwoMembers.GROUP));
            assertThat(text(fs01, "ReplicationGroupName")).isEqualTo("RG-Data");
            assertThat(text(fs01, "State")).isEqualTo("4");
            assertThat(text(fs01, "LastErrorCode")).isEqualTo("0");
            assertThat(text(fs01, "LastErrorMessageId")).isEqualTo("0");
            assertThat(text(fs01, "CurrentStageSizeInMb")).isEqualTo("12");
            assertThat(text(fs01, "CurrentConflictSizeInMb")).isEqualTo("0");
            assertThat(text(fs01, "LastConflictCleanupTime")).isNull();
            CimInstance fs02 = with(all, "ReplicatedFolderGuid", FS02_FOLDER);
            assertThat(text(fs02, "MemberGuid")).isEqualTo(Guids.format(TwoMembers.FS02.guid()));
            assertThat(text(fs02, "MemberName")).isEqualTo("FS02");
            assertThat(text(fs02, "ReplicatedFolderName")).isEqualTo("Data");
            assertThat(text(fs02, "ReplicationGroupGuid")).isEqualTo(Guids.format(TwoMembers.GROUP));
            assertThat(text(fs02, "State")).isEqualTo("2");
            assertThat(text(fs02, "LastErrorCode")).isEqualTo(Long.toString(TwoMembers.FOLDER_ERROR));
            assertThat(text(fs02, "LastErrorMessageId")).as("folder events are not public: NULL").isNull();
            assertThat(text(fs02, "CurrentStageSizeInMb")).isEqualTo("300");
            assertThat(text(fs02, "CurrentConflictSizeInMb")).isEqualTo("45");
            assertThat(text(fs02, "LastConflictCleanupTime")).isEqualTo("20240114020000.000000+000");
            awaitAPollOfEach();
        }
        assertThat(query("SELECT ReplicatedFolderGuid FROM DfsrReplicatedFolderInfo WHERE MemberName = 'FS02'"))
                .singleElement().satisfies(i -> assertThat(text(i, "ReplicatedFolderGuid")).isEqualTo(FS02_FOLDER));
        assertThat(query("SELECT RootPath FROM DfsrReplicatedFolderConfig WHERE ReplicatedFolderGuid = '"
                + FS02_FOLDER + "'")).as("the member's configuration of its folder has the same key")
                .singleElement().satisfies(i -> assertThat(text(i, "RootPath")).isEqualTo("E:\\Data"));
        assertThat(text(om.getInstance(DfsrSchema.NAMESPACE, CimObjectPath.parse(
                "DfsrReplicatedFolderInfo.ReplicatedFolderGuid=\"" + FS02_FOLDER + "\"")), "MemberName"))
                .isEqualTo("FS02");
    }

    @Test
    void whenTheMemberListedFirstHostsTheFolderAgainTheOtherMovesBackToItsOwnKey() throws Exception {
        String wql = "SELECT * FROM DfsrReplicatedFolderInfo";
        await(wql, l -> l.size() == 2 && l.stream().allMatch(i -> text(i, "State") != null));
        List<CimInstance> hosted = List.of(TwoMembers.FS01.folder(TwoMembers.FOLDER, "Data", TwoMembers.GROUP,
                "RG-Data", 4));
        members.fs01.serve("DfsrReplicatedFolderInfo", List.of()).serve("DfsrReplicatedFolderConfig", List.of());
        await(wql, l -> l.stream().anyMatch(i -> WINDOWS_FOLDER.equals(text(i, "ReplicatedFolderGuid"))
                && "FS02".equals(text(i, "MemberName")) && "2".equals(text(i, "State"))));

        members.fs01.serve("DfsrReplicatedFolderInfo", hosted);
        await(wql, l -> l.stream().anyMatch(i -> WINDOWS_FOLDER.equals(text(i, "ReplicatedFolderGuid"))
                && "FS01".equals(text(i, "MemberName")) && "4".equals(text(i, "State"))));
        awaitAPollOfEach();
        awaitAPollOfEach();
        List<CimInstance> all = query(wql);
        assertThat(all).hasSize(2);
        assertThat(with(all, "ReplicatedFolderGuid", WINDOWS_FOLDER)).satisfies(i -> {
            assertThat(text(i, "MemberName")).isEqualTo("FS01");
            assertThat(text(i, "State")).isEqualTo("4");
            assertThat(text(i, "CurrentStageSizeInMb")).isEqualTo("12");
        });
        assertThat(with(all, "ReplicatedFolderGuid", FS02_FOLDER)).satisfies(i -> {
            assertThat(text(i, "MemberName")).isEqualTo("FS02");
            assertThat(text(i, "State")).isEqualTo("2");
        });
    }

    @Test
    void forceFolderReplicationOnTheSecondMembersConnectionReachesItWithTheWindowsGuid() throws Exception {
        await("SELECT * FROM DfsrConnectionInfo WHERE ConnectionGuid = '" + Guids.format(TwoMembers.C2) + "'",
                l -> l.size() == 1);
        CimObjectPath c2 = CimObjectPath.parse("DfsrConnectionInfo.ConnectionGuid=\""
                + Guids.format(TwoMembers.C2) + "\"");
        MethodResult r = om.invokeMethod(DfsrSchema.NAMESPACE, c2, CimName.of("ForceFolderReplication"), Map.of(
                CimName.of("DurationInMin"), CimValue.uint32(30), CimName.of("Bandwidth"), CimValue.uint32(9),
                CimName.of("ReplicatedFolderGuid"), CimValue.string(FS02_FOLDER)));
        assertThat(r.returnValue()).isEqualTo(CimValue.uint32(0));
        assertThat(members.fs02.invocations()).filteredOn(i -> i.method().equals("ForceFolderReplication"))
                .singleElement().satisfies(i -> {
                    assertThat(i.selectors()).containsEntry("ConnectionGuid", Guids.format(TwoMembers.C2));
                    assertThat(i.inputs()).as("the Windows GUID, never the derived one")
                            .containsEntry("ReplicatedFolderGuid", WINDOWS_FOLDER);
                });
        assertThat(members.fs01.invocations()).noneMatch(i -> i.method().startsWith("Force"));

        MethodResult other = om.invokeMethod(DfsrSchema.NAMESPACE, c2, CimName.of("ForceFolderReplication"),
                Map.of(CimName.of("DurationInMin"), CimValue.uint32(30), CimName.of("Bandwidth"), CimValue.uint32(9),
                        CimName.of("ReplicatedFolderGuid"), CimValue.string(WINDOWS_FOLDER)));
        assertThat(other.returnValue()).as("FS01's folder is not carried by FS02's connection: ERROR_NOT_FOUND")
                .isEqualTo(CimValue.uint32(1168));
        assertThat(members.fs02.invocations()).filteredOn(i -> i.method().equals("ForceFolderReplication"))
                .hasSize(1);
    }

    private List<MetricFamily.Sample> samples(String family) {
        return metrics.stream().flatMap(c -> c.collect().stream()).filter(f -> f.name().equals(family))
                .flatMap(f -> f.samples().stream()).toList();
    }

    private static String label(MetricFamily.Sample s, String name) {
        return s.labelValues().get(s.labelNames().indexOf(name));
    }

    @Test
    void theFolderMetricsHaveASeriesPerMember() throws Exception {
        await("SELECT * FROM DfsrReplicatedFolderInfo", l -> l.size() == 2);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (samples("replprov_dfsr_backlog_files").size() < 2) {
            assertThat(System.nanoTime()).as("both backlogs counted").isLessThan(deadline);
            Thread.sleep(50);
        }
        assertThat(samples("replprov_dfsr_replicated_folder_state")).hasSize(2)
                .anySatisfy(s -> {
                    assertThat(label(s, "member")).isEqualTo("FS01");
                    assertThat(label(s, "folder_guid")).isEqualTo(WINDOWS_FOLDER);
                    assertThat(label(s, "folder")).isEqualTo("Data");
                    assertThat(s.value()).isEqualTo(4);
                })
                .anySatisfy(s -> {
                    assertThat(label(s, "member")).isEqualTo("FS02");
                    assertThat(label(s, "folder_guid")).isEqualTo(FS02_FOLDER);
                    assertThat(label(s, "folder")).isEqualTo("Data");
                    assertThat(s.value()).isEqualTo(2);
                });
        assertThat(samples("replprov_dfsr_backlog_files")).hasSize(2)
                .anySatisfy(s -> {
                    assertThat(List.of(label(s, "member"), label(s, "partner"), label(s, "direction"),
                            label(s, "folder"))).containsExactly("FS01", "FS02", "inbound", "Data");
                    assertThat(s.value()).isEqualTo(7);
                })
                .anySatisfy(s -> {
                    assertThat(List.of(label(s, "member"), label(s, "partner"), label(s, "direction"),
                            label(s, "folder"))).containsExactly("FS02", "FS01", "inbound", "Data");
                    assertThat(s.value()).isEqualTo(3);
                });
    }

    private static byte[] bytes(CimInstance i) {
        List<CimValue> elements = ((CimValue.Array) i.value(CimName.of("Schedule"))).elements();
        List<Byte> out = new ArrayList<>();
        elements.forEach(e -> out.add((byte) ((CimValue.Int) e).value()));
        byte[] b = new byte[out.size()];
        for (int n = 0; n < b.length; n++) {
            b[n] = out.get(n);
        }
        return b;
    }
}
