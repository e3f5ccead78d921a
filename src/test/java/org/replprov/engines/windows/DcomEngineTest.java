package org.replprov.engines.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.cim.CimValue;
import org.replprov.config.ConfigNode;
import java.time.Instant;
import org.replprov.engine.spi.BandwidthLevel;
import org.replprov.engine.spi.Configuration;
import org.replprov.engine.spi.EngineError;
import org.replprov.engine.spi.EngineException;
import org.replprov.engine.spi.LinkHealth;
import org.replprov.engine.spi.Observation;
import org.replprov.engine.spi.ReplicationMode;
import org.replprov.engine.spi.ScopeState;
import org.replprov.engine.spi.ServiceState;
import org.replprov.engine.spi.SyncSession;
import org.replprov.engines.windows.dcom.DcomResponder;
import org.replprov.engines.windows.wmio.WmioCodec;
import org.replprov.engines.windows.wmio.WmioInstance;
import org.replprov.engines.windows.wmio.WmioValue;
import org.replprov.engines.windows.wsman.WsmanServer;
import org.replprov.providers.dfsr.ConnectionState;
import org.replprov.providers.dfsr.StateDerivation;
import org.replprov.time.SystemScheduler;

/**
 * The windows-dfsr engine with {@code transport: dcom} against the DCOM test responder as one Windows member:
 * Windows states and errors pass through, and a method call goes over MS-WMI ExecMethod with its ReturnValue back;
 * DfsrSyncInfo, DfsrInfo and the configuration classes are read the same way. A member that serves none of those
 * (WBEM_E_INVALID_CLASS) still has its links reported.
 */
class DcomEngineTest {

    static DcomResponder responder;

    @BeforeAll
    static void start() {
        responder = DcomResponder.start("127.0.0.64");
        responder.serve(List.of(
                TwoMembers.FS01.connection(TwoMembers.C1, TwoMembers.FS02, TwoMembers.GROUP, "RG-Data", true, 1, 0, 0),
                TwoMembers.FS01.connection(TwoMembers.C2, TwoMembers.FS02, TwoMembers.GROUP, "RG-Data", true, 3,
                        TwoMembers.ERROR_CODE, 5008),
                TwoMembers.FS01.folder(TwoMembers.FOLDER, "Data", TwoMembers.GROUP, "RG-Data", 4),
                TwoMembers.FS01.sync(TwoMembers.S0, TwoMembers.C1, TwoMembers.FS02, TwoMembers.GROUP, "RG-Data", true,
                        4, 1, 40, 4_000_000_000L, 0, 0),
                TwoMembers.FS01.sync(TwoMembers.S2, TwoMembers.C2, TwoMembers.FS02, TwoMembers.GROUP, "RG-Data", true,
                        6, 0, 0, 0, TwoMembers.ERROR_CODE, 5008),
                TwoMembers.FS01.info(2, "10.0.17763.1", "20240101080000.000000+000", TwoMembers.SERVICE_ERROR,
                        TwoMembers.SERVICE_EVENT),
                org.replprov.engines.windows.wsman.DfsrMember.groupConfig(TwoMembers.GROUP, "RG-Data"),
                TwoMembers.FS01.memberConfig(TwoMembers.GROUP),
                TwoMembers.FS01.folderConfig(TwoMembers.FOLDER, "Data", TwoMembers.GROUP, "D:\\Data", true, true),
                TwoMembers.FS01.connectionConfig(TwoMembers.C1, TwoMembers.FS02, TwoMembers.GROUP, true, true,
                        TwoMembers.schedule(15), false)));
        responder.method(WsmanServer.cls("DfsrConnectionInfo"), "ForceReplication", 0);
        responder.method(WsmanServer.cls("DfsrConnectionInfo"), "CheckConnectivity", 1722);
    }

    @AfterAll
    static void stop() {
        if (responder != null) {
            responder.close();
        }
    }

    @Test
    void statesAndAMethodCallOverDcom(@TempDir Path dir) throws Exception {
        Path password = dir.resolve("password");
        Files.writeString(password, DcomResponder.PASSWORD + "\n");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hosts", List.of(Map.of("host", responder.address(), "transport", "dcom")));
        m.put("user", DcomResponder.DOMAIN + "\\" + DcomResponder.USER);
        m.put("passwordFile", password.toString());
        m.put("pollInterval", "1s");
        m.put("backlogInterval", "1h");
        m.put("callTimeout", "5s");
        WindowsDfsrSettings settings = WindowsDfsrSettings.parse(ConfigNode.of("test.yaml", "engines.dfsr", m),
                n -> null);
        assertThat(settings.hosts().get(0).dcom().toString()).doesNotContain(DcomResponder.PASSWORD);
        List<Observation> facts = new CopyOnWriteArrayList<>();
        try (SystemScheduler scheduler = new SystemScheduler("windows-dfsr-dcom-test");
             WindowsDfsrEngine engine = new WindowsDfsrEngine(settings, scheduler)) {
            engine.start(facts::add);
            await(facts, f -> state(f, TwoMembers.C1) != null && state(f, TwoMembers.C2) != null,
                    "health of C1 and C2");
            assertThat(state(facts, TwoMembers.C1)).isEqualTo(ConnectionState.ONLINE);
            assertThat(state(facts, TwoMembers.C2)).isEqualTo(ConnectionState.IN_ERROR);
            EngineError e = lastHealth(facts, TwoMembers.C2).lastError();
            assertThat(e.space()).isEqualTo(EngineError.CodeSpace.HRESULT);
            assertThat(e.code()).isEqualTo(TwoMembers.ERROR_CODE);
            await(facts, f -> f.stream().anyMatch(o -> o instanceof ScopeState s
                    && s.state() == ScopeState.State.NORMAL), "the replicated folder Normal");
            await(facts, f -> f.stream().anyMatch(o -> o instanceof ServiceState)
                    && f.stream().filter(SyncSession.class::isInstance).count() == 2
                    && f.stream().anyMatch(o -> o instanceof Configuration), "sessions, service, configuration");
            assertThat(facts.stream().filter(ServiceState.class::isInstance).findFirst().orElseThrow())
                    .isEqualTo(new ServiceState(responder.address(), ServiceState.State.DEGRADED, "10.0.17763.1",
                            Instant.parse("2024-01-01T08:00:00Z"), Instant.parse("2024-01-15T09:55:00Z"),
                            TwoMembers.SERVICE_ERROR, TwoMembers.SERVICE_EVENT));
            SyncSession s0 = facts.stream().filter(o -> o instanceof SyncSession x
                    && x.sessionGuid().equals(TwoMembers.S0)).map(SyncSession.class::cast).findFirst().orElseThrow();
            assertThat(s0.state()).isEqualTo(SyncSession.State.IN_SYNC);
            assertThat(s0.reason()).isEqualTo(SyncSession.Reason.FORCED);
            assertThat(s0.bytesTransferred()).isEqualTo(4_000_000_000L);
            assertThat(s0.end()).isEqualTo(Instant.parse("2024-01-15T10:15:00Z"));
            SyncSession s2 = facts.stream().filter(o -> o instanceof SyncSession x
                    && x.sessionGuid().equals(TwoMembers.S2)).map(SyncSession.class::cast).findFirst().orElseThrow();
            assertThat(s2.state()).isEqualTo(SyncSession.State.IN_ERROR);
            assertThat(s2.lastError().code()).isEqualTo(TwoMembers.ERROR_CODE);
            Configuration c = facts.stream().filter(Configuration.class::isInstance).map(Configuration.class::cast)
                    .findFirst().orElseThrow();
            assertThat(c.memberName()).isEqualTo("FS01");
            assertThat(c.folders()).containsExactly(new Configuration.Folder(TwoMembers.FOLDER, "Data", "D:\\Data",
                    "D:\\Data\\DfsrPrivate\\Staging", "D:\\Data\\DfsrPrivate\\ConflictAndDeleted", true, true));
            assertThat(c.connections()).containsExactly(new Configuration.Connection(TwoMembers.C1,
                    TwoMembers.FS02.guid(), "FS02", true, true,
                    new Configuration.WeekSchedule(TwoMembers.schedule(15), false)));
            responder.events();

            engine.forceReplication(TwoMembers.C1, ReplicationMode.SYNC_NOW, BandwidthLevel.MBPS_16);
            JsonNode call = DcomResponder.only(responder.events(), "method").get(0);
            assertThat(call.path("method").asText()).isEqualTo("ForceReplication");
            assertThat(call.path("path").asText())
                    .isEqualTo("DfsrConnectionInfo.ConnectionGuid=\"C1C1C1C1-0000-4000-8000-0000000000C1\"");
            assertThat(call.path("level").asInt()).isEqualTo(6);
            WmioInstance in = (WmioInstance) WmioCodec.standard()
                    .decodeEncodingUnit(HexFormat.of().parseHex(call.path("inParams").asText())).object();
            assertThat(in.value("Mode")).isEqualTo(WmioValue.of(CimValue.uint32(2)));
            assertThat(in.value("DurationInMin")).isEqualTo(WmioValue.of(CimValue.uint32(10080)));
            assertThat(in.value("Bandwidth")).isEqualTo(WmioValue.of(CimValue.uint32(10)));

            assertThatThrownBy(() -> engine.checkConnectivity(TwoMembers.C1))
                    .as("the Windows ReturnValue comes back unchanged")
                    .isInstanceOfSatisfying(EngineException.class, x -> assertThat(x.returnCode()).hasValue(1722));
        }
    }

    @Test
    void aMemberThatStopsAnsweringGoesInErrorWithErrorTimeout(@TempDir Path dir) throws Exception {
        try (DcomResponder hanging = DcomResponder.start("127.0.0.65")) {
            hanging.serve(List.of(TwoMembers.FS01.connection(TwoMembers.C1, TwoMembers.FS02, TwoMembers.GROUP,
                    "RG-Data", true, 1, 0, 0),
                    TwoMembers.FS01.folder(TwoMembers.FOLDER, "Data", TwoMembers.GROUP, "RG-Data", 4)));
            Path password = dir.resolve("password");
            Files.writeString(password, DcomResponder.PASSWORD + "\n");
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("hosts", List.of(hanging.address()));
            m.put("transport", "dcom");
            m.put("user", DcomResponder.USER + "@" + DcomResponder.DOMAIN);
            m.put("passwordFile", password.toString());
            m.put("pollInterval", "1s");
            m.put("backlogInterval", "1h");
            m.put("callTimeout", "1s");
            WindowsDfsrSettings settings = WindowsDfsrSettings.parse(ConfigNode.of("test.yaml", "engines.dfsr", m),
                    n -> null);
            List<Observation> facts = new CopyOnWriteArrayList<>();
            try (SystemScheduler scheduler = new SystemScheduler("windows-dfsr-dcom-hang");
                 WindowsDfsrEngine engine = new WindowsDfsrEngine(settings, scheduler)) {
                engine.start(facts::add);
                await(facts, f -> state(f, TwoMembers.C1) == ConnectionState.ONLINE, "C1 Online");
                assertThat(DcomResponder.only(hanging.events(), "query")).as("the classes it refuses are asked too")
                        .anySatisfy(q -> assertThat(q.path("wql").asText()).isEqualTo("SELECT * FROM DfsrSyncInfo"));
                assertThat(facts).noneMatch(o -> o instanceof SyncSession || o instanceof ServiceState);
                hanging.hang(true);
                await(facts, f -> state(f, TwoMembers.C1) == ConnectionState.IN_ERROR, "C1 In Error");
                EngineError e = lastHealth(facts, TwoMembers.C1).lastError();
                assertThat(e.space()).isEqualTo(EngineError.CodeSpace.WIN32);
                assertThat(e.code()).isEqualTo(1460L); // ERROR_TIMEOUT
            }
        }
    }

    private static void await(List<Observation> facts, Predicate<List<Observation>> done, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!done.test(List.copyOf(facts))) {
            assertThat(System.nanoTime()).as(what + "; heard " + facts).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static LinkHealth lastHealth(List<Observation> facts, UUID link) {
        LinkHealth last = null;
        for (Observation o : facts) {
            if (o instanceof LinkHealth h && h.connectionGuid().equals(link)) {
                last = h;
            }
        }
        return last;
    }

    private static ConnectionState state(List<Observation> facts, UUID link) {
        LinkHealth h = lastHealth(facts, link);
        return h == null ? null : StateDerivation.state(h);
    }
}
