package org.replprov.engines.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimValue;
import org.replprov.cim.Guids;
import org.replprov.engine.EngineHost;
import org.replprov.engines.embedded.store.EmbeddedDatabase;
import org.replprov.engines.embedded.store.IdRecord;
import org.replprov.mof.MofCompiler;
import org.replprov.provider.ObjectManager;
import org.replprov.provider.spi.MethodResult;
import org.replprov.providers.dfsr.DfsrConnectionInfoProvider;
import org.replprov.providers.dfsr.DfsrIdRecordInfoProvider;
import org.replprov.providers.dfsr.DfsrSchema;
import org.replprov.state.StateStore;
import org.replprov.wql.ResultRow;

/**
 * DfsrIdRecordInfo over the real embedded engine after it replicated a folder: every instance is a row of the ID
 * table (Uid, FileName, ParentUid, ReplicatedFolderGuid, FullPathName), the FileName query finds the file's Uid, and
 * DfsrConnectionInfo.ForceDownload with that Uid answers 0 and downloads the file.
 */
class IdRecordIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private EngineHost host;
    private ObjectManager om;
    private StateStore state;

    @AfterEach
    void close() {
        if (om != null) {
            om.close();
        }
        if (host != null) {
            host.close();
        }
        if (state != null) {
            state.close();
        }
    }

    @Test
    void theFileNameQueryFindsTheUidForceDownloadTakes() throws Exception {
        Path upstream = dir.resolve("upstream");
        Members.write(upstream.resolve("docs/Reports/report.docx"), "v1");
        Members.write(upstream.resolve("docs/a.txt"), "alpha");
        EmbeddedEngine engine = Members.engine(Members.settings(dir, upstream.toUri().toString()),
                Clock.systemUTC());
        host = EngineHost.builder().engine("embedded", engine).build();
        state = StateStore.inMemory();
        var schema = MofCompiler.loadShippedSchema();
        om = ObjectManager.builder(schema)
                .register(DfsrSchema.NAMESPACE, DfsrSchema.CLASS, DfsrConnectionInfoProvider.builder().schema(schema)
                        .engines(host).stateStore(state).build())
                .register(DfsrSchema.NAMESPACE, DfsrIdRecordInfoProvider.CLASS, new DfsrIdRecordInfoProvider(host))
                .build();
        host.start();
        Path replica = dir.resolve("replica/docs");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Files.exists(replica.resolve("Reports/report.docx"))) {
            assertThat(System.nanoTime()).as("the first replication").isLessThan(deadline);
            Thread.sleep(20);
        }

        EmbeddedDatabase.Folder ids = Members.connection(engine).folders().get(0).mirror().ids();
        Map<String, IdRecord> table = ids.records();
        String folderGuid = Guids.format(Members.docs(engine));
        List<CimInstance> all = query("SELECT * FROM DfsrIdRecordInfo");
        assertThat(all).hasSize(table.size()).hasSize(3);
        for (CimInstance i : all) {
            String path = replica.relativize(Path.of(i.value("FullPathName").text())).toString();
            IdRecord r = table.get(path);
            assertThat(r).as(path).isNotNull();
            assertThat(i.value("Uid").text()).isEqualTo("{" + Guids.format(ids.databaseGuid()) + "}-v" + r.uid());
            assertThat(i.value("FileName").text()).isEqualTo(IdRecord.fileName(path));
            assertThat(i.value("ReplicatedFolderGuid").text()).isEqualTo(folderGuid);
            assertThat(i.value("Flags").text()).isEqualTo("1");
        }
        CimInstance report = query("SELECT * FROM DfsrIdRecordInfo WHERE FileName = 'REPORT.docx'").get(0);
        assertThat(report.value("ParentUid").text())
                .isEqualTo("{" + Guids.format(ids.databaseGuid()) + "}-v" + table.get("Reports").uid());
        assertThat(report.value("FileHash").text()).isEqualTo(table.get("Reports/report.docx").installed().sha1());

        List<CimInstance> found = query("SELECT Uid FROM DfsrIdRecordInfo WHERE FileName = 'a.txt'");
        assertThat(found).hasSize(1);
        String uid = found.get(0).value("Uid").text();
        assertThat(uid).endsWith("-v" + table.get("a.txt").uid());

        MethodResult path = om.invokeMethod(DfsrSchema.NAMESPACE,
                CimObjectPath.parse("DfsrIdRecordInfo.Uid=\"" + uid + "\""), CimName.of("GetFullFilePath"), Map.of());
        assertThat(path.returnValue().text()).isEqualTo("0");
        assertThat(path.outParameters().get(CimName.of("FullPath")).text())
                .isEqualTo(replica.resolve("a.txt").toString());

        // Pause the connection, change the file upstream, and fetch it by the Uid found above.
        CimObjectPath connection = CimObjectPath.parse("DfsrConnectionInfo.ConnectionGuid=\""
                + Guids.format(Members.inbound(engine)) + "\"");
        assertThat(om.invokeMethod(DfsrSchema.NAMESPACE, connection, CimName.of("ForceReplication"), Map.of(
                CimName.of("Mode"), CimValue.uint32(3), CimName.of("DurationInMin"), CimValue.uint32(60),
                CimName.of("Bandwidth"), CimValue.uint32(0xF))).returnValue().text()).isEqualTo("0");
        Members.write(upstream.resolve("docs/a.txt"), "alpha, downloaded while paused");
        MethodResult download = om.invokeMethod(DfsrSchema.NAMESPACE, connection, CimName.of("ForceDownload"),
                Map.of(CimName.of("ReplicatedFolderGuid"), CimValue.string(folderGuid),
                        CimName.of("Uid"), CimValue.string(uid)));
        assertThat(download.returnValue().text()).isEqualTo("0");
        deadline = System.nanoTime() + WAIT.toNanos();
        while (!Files.readString(replica.resolve("a.txt")).equals("alpha, downloaded while paused")) {
            assertThat(System.nanoTime()).as("the forced download").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private List<CimInstance> query(String wql) {
        return om.execQuery(DfsrSchema.NAMESPACE, wql).stream().map(ResultRow::instance).toList();
    }
}
