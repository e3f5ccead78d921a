package org.replprov.engines.windows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.replprov.cim.CimTimestamp;
import org.replprov.cim.CimValue;
import org.replprov.config.ConfigNode;
import org.replprov.engines.windows.wsman.DfsrMember;
import org.replprov.engines.windows.wsman.WsmanServer;
import org.replprov.time.Scheduler;

/**
 * Two simulated Windows DFSR members, FS01 and FS02, each behind its own WS-Management test server, replicating one
 * folder both ways in one group: C1 from FS02 into FS01 (Online), C2 from FS01 into FS02 (In Error). Each member
 * reports both ends of the connections it takes part in, with the same ConnectionGuid as Windows does. Both host the
 * folder under its one Windows GUID, each with values of its own: Normal with 12 MB staged on FS01; Initial Sync with
 * an error, 300 MB staged, 45 MB of conflicts cleaned up on 14 January on FS02. GetVersionVector answers
 * {@code vv-<member>}; GetOutboundBacklogFileCount counts 7 (FS02 for FS01's vector) and 3 (FS01 for FS02's).
 *
 * <p>Sessions (DfsrSyncInfo): on FS01, S0 on C1 ended In Sync (forced) and S1 on C1 In Progress (schedule), and
 * OUT, FS01's outbound side of C2; on FS02, S2 on C2 In Error. DfsrInfo: FS01 Running, FS02 Degraded with an error.
 * Configuration: both members of the group, the folder at D:\Data on FS01 and read-only at E:\Data on FS02, each
 * connection end with a schedule of its own (C2's outbound end on FS01 disabled, in local time).
 */
final class TwoMembers implements AutoCloseable {

    static final DfsrMember FS01 = new DfsrMember(UUID.fromString("11111111-0000-4000-8000-000000000001"), "FS01");
    static final DfsrMember FS02 = new DfsrMember(UUID.fromString("22222222-0000-4000-8000-000000000002"), "FS02");
    static final UUID GROUP = UUID.fromString("99999999-0000-4000-8000-000000000009");
    static final UUID FOLDER = UUID.fromString("ffffffff-0000-4000-8000-00000000000f");
    /** FS02's error on the folder (HRESULT_FROM_WIN32(ERROR_DISK_FULL)). */
    static final long FOLDER_ERROR = 0x80070070L;
    static final UUID C1 = UUID.fromString("c1c1c1c1-0000-4000-8000-0000000000c1");
    static final UUID C2 = UUID.fromString("c2c2c2c2-0000-4000-8000-0000000000c2");
    /** An HRESULT as DFSR reports for a partner it cannot reach (HRESULT_FROM_WIN32(ERROR_BAD_NETPATH)). */
    static final long ERROR_CODE = 0x80070035L;
    static final UUID S0 = UUID.fromString("50505050-0000-4000-8000-000000000050");
    static final UUID S1 = UUID.fromString("51515151-0000-4000-8000-000000000051");
    static final UUID S2 = UUID.fromString("52525252-0000-4000-8000-000000000052");
    static final UUID OUT = UUID.fromString("5f5f5f5f-0000-4000-8000-00000000005f");
    /** FS02's service-wide error: an HRESULT and the event that logs it, as DfsrInfo reports them. */
    static final long SERVICE_ERROR = 0x8007203AL;
    static final int SERVICE_EVENT = 1202;

    /** A schedule: every hour of the week at {@code level} in each quarter, but the first hour, which is closed. */
    static byte[] schedule(int level) {
        byte[] b = new byte[336];
        java.util.Arrays.fill(b, (byte) (level << 4 | level));
        b[0] = 0;
        b[1] = 0;
        return b;
    }

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
            s.serve("DfsrReplicatedFolderInfo", List.of(me == FS01 ? FS01.folder(FOLDER, "Data", GROUP, "RG-Data", 4)
                            : FS02.folder(FOLDER, "Data", GROUP, "RG-Data", 2).toBuilder()
                            .set("CurrentStageSizeInMb", CimValue.uint32(300))
                            .set("CurrentConflictSizeInMb", CimValue.uint32(45))
                            .set("LastConflictCleanupTime", CimTimestamp.parse("20240114020000.000000+000"))
                            .set("LastErrorCode", CimValue.uint32(FOLDER_ERROR))
                            .set("LastErrorMessageId", CimValue.uint32(4004))
                            .build()))
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
        fs01.serve("DfsrSyncInfo", List.of(
                        FS01.sync(S0, C1, FS02, GROUP, "RG-Data", true, 4, 1, 40, 4_000_000_000L, 0, 0),
                        FS01.sync(S1, C1, FS02, GROUP, "RG-Data", true, 2, 0, 12, 65536, 0, 0),
                        FS01.sync(OUT, C2, FS02, GROUP, "RG-Data", false, 2, 0, 1, 1, 0, 0)))
                .serve("DfsrInfo", List.of(FS01.info(1, "10.0.17763.1", "20240101080000.000000+000", 0, 0)))
                .serve("DfsrReplicatedFolderConfig", List.of(FS01.folderConfig(FOLDER, "Data", GROUP, "D:\\Data",
                        false, true)))
                .serve("DfsrConnectionConfig", List.of(
                        FS01.connectionConfig(C1, FS02, GROUP, true, true, schedule(15), true),
                        FS01.connectionConfig(C2, FS02, GROUP, false, false, schedule(3), false)));
        fs02.serve("DfsrSyncInfo", List.of(
                        FS02.sync(S2, C2, FS01, GROUP, "RG-Data", true, 6, 1, 0, 0, ERROR_CODE, 5008)))
                .serve("DfsrInfo", List.of(FS02.info(2, "10.0.20348.1", "20240102090000.000000+000", SERVICE_ERROR,
                        SERVICE_EVENT)))
                .serve("DfsrReplicatedFolderConfig", List.of(FS02.folderConfig(FOLDER, "Data", GROUP, "E:\\Data",
                        true, true)))
                .serve("DfsrConnectionConfig", List.of(
                        FS02.connectionConfig(C1, FS01, GROUP, false, true, schedule(15), true),
                        FS02.connectionConfig(C2, FS01, GROUP, true, true, schedule(3), false)));
        for (WsmanServer s : List.of(fs01, fs02)) {
            DfsrMember me = s == fs01 ? FS01 : FS02;
            s.serve("DfsrReplicationGroupConfig", List.of(DfsrMember.groupConfig(GROUP, "RG-Data")))
                    .serve("DfsrLocalMemberConfig", List.of(me.memberConfig(GROUP)));
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
