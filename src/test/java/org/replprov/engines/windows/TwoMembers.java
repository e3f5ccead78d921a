package org.replprov.engines.windows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.replprov.config.ConfigNode;
import org.replprov.engines.windows.wsman.DfsrMember;
import org.replprov.engines.windows.wsman.WsmanServer;
import org.replprov.time.Scheduler;

/**
 * Two simulated Windows DFSR members, FS01 and FS02, each behind its own WS-Management test server, replicating one
 * folder both ways in one group: C1 from FS02 into FS01 (Online), C2 from FS01 into FS02 (In Error). Each member
 * reports both ends of the connections it takes part in, with the same ConnectionGuid as Windows does. GetVersionVector
 * answers {@code vv-<member>}; GetOutboundBacklogFileCount counts 7 (FS02 for FS01's vector) and 3 (FS01 for FS02's).
 */
final class TwoMembers implements AutoCloseable {

    static final DfsrMember FS01 = new DfsrMember(UUID.fromString("11111111-0000-4000-8000-000000000001"), "FS01");
    static final DfsrMember FS02 = new DfsrMember(UUID.fromString("22222222-0000-4000-8000-000000000002"), "FS02");
    static final UUID GROUP = UUID.fromString("99999999-0000-4000-8000-000000000009");
    static final UUID FOLDER = UUID.fromString("ffffffff-0000-4000-8000-00000000000f");
    static final UUID C1 = UUID.fromString("c1c1c1c1-0000-4000-8000-0000000000c1");
    static final UUID C2 = UUID.fromString("c2c2c2c2-0000-4000-8000-0000000000c2");
    /** An HRESULT as DFSR reports for a partner it cannot reach (HRESULT_FROM_WIN32(ERROR_BAD_NETPATH)). */
    static final long ERROR_CODE = 0x80070035L;

    final WsmanServer fs01;
    final WsmanServer fs02;
    final Path dir;

    TwoMembers(Path dir) throws Exception {
        this.dir = dir;
        fs01 = WsmanServer.start(dir.resolve("fs01"), "monitor", "pw-01");
        fs02 = WsmanServer.start(dir.resolve("fs02"), "monitor", "pw-01");
        for (WsmanServer s : List.of(fs01, fs02)) {
            DfsrMember me = s == fs01 ? FS01 : FS02;
            DfsrMember other = s == fs01 ? FS02 : FS01;
            s.serve("DfsrReplicatedFolderInfo", List.of(me.folder(FOLDER, "Data", GROUP, "RG-Data", 4)))
                    .serve("DfsrInfo", List.of(me.info(1)))
                    .method("DfsrReplicatedFolderInfo", "GetVersionVector",
                            (i, in) -> Map.of("ReturnValue", "0", "VersionVector", "vv-" + me.name()))
                    .method("DfsrReplicatedFolderInfo", "GetOutboundBacklogFileCount", (i, in) ->
                            in.get("VersionVector").equals("vv-" + other.name())
                                    ? Map.of("ReturnValue", "0", "BacklogFileCount", me == FS02 ? "7" : "3",
                                    "IdRecordIndex", "0")
                                    : Map.of("ReturnValue", "2"));
            for (String m : List.of("CheckConnectivity", "ForceReplication", "ForceFolderReplication",
                    "ForceDownload")) {
                s.method("DfsrConnectionInfo", m, (i, in) -> Map.of("ReturnValue", "0"));
            }
        }
        fs01.serve("DfsrConnectionInfo", List.of(
                FS01.connection(C1, FS02, GROUP, "RG-Data", true, 1, 0, 0),
                FS01.connection(C2, FS02, GROUP, "RG-Data", false, 1, 0, 0)));
        fs02.serve("DfsrConnectionInfo", List.of(
                FS02.connection(C1, FS01, GROUP, "RG-Data", false, 1, 0, 0),
                FS02.connection(C2, FS01, GROUP, "RG-Data", true, 3, ERROR_CODE, 5008)));
    }

    /** Makes C2 Online too: every link of both members healthy. */
    void allOnline() {
        fs02.serve("DfsrConnectionInfo", List.of(
                FS02.connection(C1, FS01, GROUP, "RG-Data", false, 1, 0, 0),
                FS02.connection(C2, FS01, GROUP, "RG-Data", true, 1, 0, 0)));
    }

    /** The engine's settings: both members, their URLs and certificate, the password in a file; fast intervals. */
    ConfigNode settings(Map<String, Object> extra) throws Exception {
        Path password = dir.resolve("password");
        Files.writeString(password, "pw-01\n");
        List<Object> hosts = new ArrayList<>();
        for (WsmanServer s : List.of(fs01, fs02)) {
            hosts.add(Map.of("host", s == fs01 ? "fs01.example.test" : "fs02.example.test",
                    "url", s.endpoint().toString()));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hosts", hosts);
        m.put("user", "monitor");
        m.put("passwordFile", password.toString());
        m.put("wsman", Map.of("caFile", fs01.certificate().toString()));
        m.put("pollInterval", "1s");
        m.put("backlogInterval", "1s");
        m.put("callTimeout", "700ms");
        m.putAll(extra);
        return ConfigNode.of("test.yaml", "engines.dfsr", m);
    }

    WindowsDfsrEngine engine(Scheduler scheduler, Map<String, Object> extra) throws Exception {
        return new WindowsDfsrEngine(WindowsDfsrSettings.parse(settings(extra), n -> null), scheduler);
    }

    @Override
    public void close() {
        fs01.close();
        fs02.close();
    }
}
