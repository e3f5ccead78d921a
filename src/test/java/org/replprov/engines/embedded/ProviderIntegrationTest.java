package org.replprov.engines.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimValue;
import org.replprov.engine.EngineLoader;
import org.replprov.engine.spi.EngineContext;
import org.replprov.engine.spi.Uid;
import org.replprov.mof.MofCompiler;
import org.replprov.provider.ObjectManager;
import org.replprov.provider.spi.MethodResult;
import org.replprov.providers.dfsr.DfsrConnectionInfoProvider;
import org.replprov.providers.ad.RepsToProvider;
import org.replprov.providers.ad.RepsToSchema;
import org.replprov.providers.dfsr.DfsrSchema;
import org.replprov.repository.ClassRepository;
import org.replprov.state.InMemoryRepsToStore;
import org.replprov.state.StateStore;
import org.replprov.engine.EngineHost;
import org.replprov.testing.Settings;
import org.replprov.time.SystemScheduler;
import org.replprov.wql.ResultRow;

/**
 * The embedded engine behind the real DfsrConnectionInfo provider and object manager, chosen by name as the daemon
 * chooses it: a hub and a branch, the branch's inbound connection Online with real sync times, the hub's outbound
 * connection from the branch's announcement, and the methods invoked as a WMI client invokes them.
 */
class ProviderIntegrationTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final ClassRepository SCHEMA = MofCompiler.loadShippedSchema();

    @TempDir
    Path dir;
    final List<AutoCloseable> open = new ArrayList<>();
    final SystemScheduler scheduler = new SystemScheduler("engine-timer");

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        scheduler.close();
    }

    /** A member as the daemon assembles it: engine by name, provider, object manager. */
    record Member(ObjectManager om, EmbeddedEngine engine) {
    }

    Member member(Map<String, String> settings, PeerHttpServer server) {
        StateStore state = StateStore.inMemory();
        InMemoryRepsToStore repsTo = InMemoryRepsToStore.writingThrough(state);
        EmbeddedEngine engine = (EmbeddedEngine) EngineLoader.fromClassPath()
                .create(new EngineContext("embedded", "embedded", Settings.node(settings),
                        Path.of(settings.get("baseDirectory"), "state"), scheduler, repsTo));
        server.serve(engine);
        EngineHost host = EngineHost.builder().engine("embedded", engine).build();
        DfsrConnectionInfoProvider dfsr = DfsrConnectionInfoProvider.builder().schema(SCHEMA)
                .engines(host).stateStore(state).build();
        RepsToProvider repsToProvider = RepsToProvider.builder().schema(SCHEMA).source(repsTo).build();
        ObjectManager om = ObjectManager.builder(SCHEMA).register(DfsrSchema.NAMESPACE, DfsrSchema.CLASS, dfsr)
                .register(RepsToSchema.NAMESPACE, RepsToSchema.CLASS, repsToProvider).build();
        open.add(state);
        open.add(om);
        open.add(host);
        host.start();
        return new Member(om, engine);
    }

    /** The hub's repsTo values as a WQL client reads them. */
    static List<CimInstance> repsTo(ObjectManager om, String where) {
        List<CimInstance> out = new ArrayList<>();
        for (ResultRow row : om.execQuery(RepsToSchema.NAMESPACE, "SELECT * FROM ReplProv_RepsTo WHERE " + where)) {
            out.add(row.instance());
        }
        return out;
    }

    static CimInstance await(ObjectManager om, String where, Predicate<CimInstance> condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            for (ResultRow row : om.execQuery(DfsrSchema.NAMESPACE, "SELECT * FROM DfsrConnectionInfo WHERE " + where)) {
                if (condition.test(row.instance())) {
                    return row.instance();
                }
            }
            assertThat(System.nanoTime()).as("an instance with " + where).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    static String text(CimInstance i, String property) {
        return i.value(property).text();
    }

    static MethodResult invoke(ObjectManager om, CimInstance c, String method, Map<String, CimValue> in) {
        Map<CimName, CimValue> params = new HashMap<>();
        in.forEach((k, v) -> params.put(CimName.of(k), v));
        return om.invokeMethod(DfsrSchema.NAMESPACE, CimObjectPath.parse("DfsrConnectionInfo.ConnectionGuid=\""
                + text(c, "ConnectionGuid") + "\""), CimName.of(method), params);
    }

    @Test
    void twoMembersAsAWmiClientSeesThem() throws Exception {
        Members.write(dir.resolve("hub/docs/a.txt"), "alpha");
        PeerHttpServer hubServer = PeerHttpServer.start("peer", "peer-pw");
        PeerHttpServer branchServer = PeerHttpServer.start("peer", "peer-pw");
        open.add(hubServer);
        open.add(branchServer);
        Map<String, String> hubSettings = Map.of("member", "hub", "group", "Demo",
                "baseDirectory", dir.resolve("hub").toString(), "folders.docs.path", "docs",
                "peer.notifyDelay", "50ms");
        Map<String, String> branchSettings = new HashMap<>(Map.of("member", "branch1", "group", "Demo",
                "baseDirectory", dir.resolve("branch1").toString(), "folders.docs.path", "docs",
                "inbound.hub.upstream", dir.resolve("hub").toUri().toString(),
                "inbound.hub.peer", hubServer.uri().toString(), "inbound.hub.peerUser", "peer",
                "inbound.hub.peerPassword", "peer-pw", "peer.address", branchServer.uri().toString()));
        ObjectManager hub = member(hubSettings, hubServer).om();
        Member branchMember = member(branchSettings, branchServer);
        ObjectManager branch = branchMember.om();

        CimInstance in = await(branch, "Inbound = TRUE AND State = 1",
                i -> !text(i, "LastSuccessfulSyncTime").startsWith("9999"));
        assertThat(text(in, "PartnerName")).isEqualTo("hub");
        assertThat(text(in, "ReplicationGroupName")).isEqualTo("Demo");
        assertThat(text(in, "LastErrorCode")).isEqualTo("0");
        assertThat(Files.readString(dir.resolve("branch1/docs/a.txt"))).isEqualTo("alpha");

        CimInstance out = await(hub, "Inbound = FALSE", i -> true);
        assertThat(text(out, "PartnerName")).isEqualTo("branch1");
        assertThat(text(out, "ConnectionGuid")).isEqualTo(text(in, "ConnectionGuid"));

        // The repsTo entry the branch's announcement made, and the result of a notification, read with WQL.
        List<CimInstance> entries = repsTo(hub, "NamingContext = 'CN=Demo,CN=DFSR-GlobalSettings,CN=System'");
        assertThat(entries).hasSize(1);
        assertThat(text(entries.get(0), "NaDsa")).isEqualTo(branchServer.uri().toString());
        assertThat(text(entries.get(0), "UuidDsa")).isEqualToIgnoringCase(text(in, "MemberGuid"));
        assertThat(entries.get(0).value("TimeLastAttempt")).isNull();
        Members.write(dir.resolve("hub/docs/notified.txt"), "notified");
        long notified = System.nanoTime() + WAIT.toNanos();
        while (repsTo(hub, "ResultLastAttemptName = 'ERROR_SUCCESS' AND TimeLastSuccess IS NOT NULL").isEmpty()) {
            assertThat(System.nanoTime()).as("a successful notification recorded").isLessThan(notified);
            Thread.sleep(20);
        }
        assertThat(text(repsTo(hub, "ConsecutiveFailures = 0").get(0), "NaDsa"))
                .isEqualTo(branchServer.uri().toString());

        assertThat(invoke(branch, in, "CheckConnectivity", Map.of()).returnValue().text()).isEqualTo("0");
        MethodResult stop = invoke(branch, in, "ForceReplication", Map.of("Mode", CimValue.uint32(3),
                "DurationInMin", CimValue.uint32(60), "Bandwidth", CimValue.uint32(0xF)));
        assertThat(stop.returnValue().text()).isEqualTo("0");
        await(branch, "Inbound = TRUE AND State = 2", i -> true);

        var ids = Members.connection(branchMember.engine()).folders().get(0).mirror().ids();
        Uid uid = new Uid(ids.databaseGuid(), ids.records().get("a.txt").uid());
        String folderGuid = Members.docs(branchMember.engine()).toString();
        Members.write(dir.resolve("hub/docs/a.txt"), "alpha, downloaded while stopped");
        MethodResult download = invoke(branch, in, "ForceDownload", Map.of(
                "ReplicatedFolderGuid", CimValue.string(folderGuid),
                "Uid", CimValue.string(uid.toString())));
        assertThat(download.returnValue().text()).isEqualTo("0");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Files.readString(dir.resolve("branch1/docs/a.txt")).equals("alpha, downloaded while stopped")) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(20);
        }
        MethodResult unknown = invoke(branch, in, "ForceDownload", Map.of(
                "ReplicatedFolderGuid", CimValue.string(folderGuid),
                "Uid", CimValue.string(new Uid(uid.databaseGuid(), 424242).toString())));
        assertThat(unknown.returnValue().text()).isEqualTo("2");

        MethodResult resume = invoke(branch, in, "ForceReplication", Map.of("Mode", CimValue.uint32(1),
                "DurationInMin", CimValue.uint32(0), "Bandwidth", CimValue.uint32(0xF)));
        assertThat(resume.returnValue().text()).isEqualTo("0");
        await(branch, "Inbound = TRUE AND State = 1", i -> true);
    }
}
