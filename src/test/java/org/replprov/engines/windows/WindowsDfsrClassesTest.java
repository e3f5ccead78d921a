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
import org.replprov.providers.dfsr.DfsrConfigProvider;
import org.replprov.providers.dfsr.DfsrInfoProvider;
import org.replprov.providers.dfsr.DfsrSchema;
import org.replprov.providers.dfsr.DfsrSyncInfoProvider;
import org.replprov.time.SystemScheduler;
import org.replprov.wql.ResultRow;

/**
 * The classes the windows-dfsr engine now reads, through the DFSR providers and the object manager, with WQL: each of
 * the two simulated members' DfsrSyncInfo, DfsrInfo and configuration comes back with the values Windows reported.
 */
class WindowsDfsrClassesTest {

    @TempDir
    Path dir;
    TwoMembers members;
    SystemScheduler scheduler;
    EngineHost host;
    ObjectManager om;

    @BeforeEach
    void start() throws Exception {
        members = new TwoMembers(dir);
        scheduler = new SystemScheduler("windows-dfsr-classes-test");
        host = EngineHost.builder().engine("branches", "windows-dfsr", members.engine(scheduler, Map.of())).build();
        DfsrSyncInfoProvider sync = new DfsrSyncInfoProvider(connection -> List.of());
        DfsrConfigProvider config = new DfsrConfigProvider("9.9.9");
        DfsrInfoProvider info = new DfsrInfoProvider(new DfsrInfoProvider.Service("9.9.9",
                Instant.parse("2024-02-01T00:00:00Z"), host::status));
        host.subscribe(sync);
        host.subscribe(config);
        host.subscribe(info);
        ObjectManager.Builder b = ObjectManager.builder(MofCompiler.loadShippedSchema())
                .register(DfsrSchema.NAMESPACE, DfsrSyncInfoProvider.CLASS, sync)
                .register(DfsrSchema.NAMESPACE, DfsrInfoProvider.CLASS, info)
                .register(DfsrSchema.NAMESPACE, DfsrInfoProvider.MEMBER_CLASS, info);
        DfsrConfigProvider.CLASSES.forEach(c -> b.register(DfsrSchema.NAMESPACE, c, config));
        om = b.build();
        host.start();
    }

    @AfterEach
    void stop() {
        om.close();
        host.close();
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
                l -> l.size() == 2 && l.stream().anyMatch(i -> fs02Folder.equals(text(i, "ReplicatedFolderGuid"))));
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
