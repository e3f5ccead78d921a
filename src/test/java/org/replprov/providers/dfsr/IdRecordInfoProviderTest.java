package org.replprov.providers.dfsr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.replprov.cim.CimException;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.WbemStatus;
import org.replprov.engine.EngineHost;
import org.replprov.engine.spi.Capability;
import org.replprov.engine.spi.IdRecordQuery;
import org.replprov.engine.spi.IdRecordSource;
import org.replprov.engine.spi.Observer;
import org.replprov.engine.spi.ReplicationEngine;
import org.replprov.engine.spi.Uid;
import org.replprov.mof.MofCompiler;
import org.replprov.provider.ObjectManager;
import org.replprov.provider.spi.MethodResult;
import org.replprov.testing.FakeEngine;
import org.replprov.wql.ResultRow;

/**
 * DfsrIdRecordInfo through the object manager over a test engine's ID table: the equalities of the WHERE clause reach
 * the engine (push-down), the answer is filtered by the whole clause, a query that leaves more than
 * {@link DfsrIdRecordInfoProvider#MAX_RECORDS} records fails with WBEM_E_QUOTA_VIOLATION, an engine without an ID
 * table has no records, and GetFullFilePath answers the record's path.
 */
class IdRecordInfoProviderTest {

    private static final UUID FOLDER = UUID.fromString("0e5b8ad4-2b44-4a6c-9a0f-5e5b8ad42b44");
    private static final UUID DATABASE = UUID.fromString("dce7fc28-5584-4d5d-bc84-2bd9d53cc2fc");

    /** An engine whose ID table is a list; it applies the pushed-down conditions as the SPI says and records them. */
    static final class TableEngine implements ReplicationEngine, IdRecordSource {
        final List<IdRecordSource.Record> table = new ArrayList<>();
        final List<IdRecordQuery> queries = new ArrayList<>();

        @Override
        public synchronized Page idRecords(IdRecordQuery q, int limit) {
            queries.add(q);
            List<IdRecordSource.Record> out = new ArrayList<>();
            for (IdRecordSource.Record r : table) {
                if (q.fileName().map(n -> n.equalsIgnoreCase(r.fileName())).orElse(true)
                        && q.uid().map(u -> u.equals(r.uid())).orElse(true)
                        && q.replicatedFolderGuid().map(g -> g.equals(r.replicatedFolderGuid())).orElse(true)) {
                    if (out.size() == limit) {
                        return new Page(out, true);
                    }
                    out.add(r);
                }
            }
            return new Page(out, false);
        }

        @Override
        public void start(Observer observer) {
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of();
        }

        @Override
        public void close() {
        }
    }

    private final TableEngine engine = new TableEngine();
    private final EngineHost host = EngineHost.builder().engine("table", engine)
            .engine("facts-only", new FakeEngine(java.time.Clock.systemUTC())).timeout(Duration.ofSeconds(5)).build();
    private final ObjectManager om;

    IdRecordInfoProviderTest() {
        host.start();
        om = ObjectManager.builder(MofCompiler.loadShippedSchema())
                .register(DfsrSchema.NAMESPACE, DfsrIdRecordInfoProvider.CLASS, new DfsrIdRecordInfoProvider(host))
                .build();
    }

    @AfterEach
    void close() {
        om.close();
        host.close();
    }

    private static IdRecordSource.Record record(long n, String name, boolean present) {
        return new IdRecordSource.Record(FOLDER, new Uid(DATABASE, n), name, "/srv/docs/" + name,
                n == 1 ? null : new Uid(DATABASE, 1), false, present, Instant.parse("2026-01-02T03:04:05Z"),
                present ? "a".repeat(40) : null);
    }

    private List<CimInstance> query(String wql) {
        return om.execQuery(DfsrSchema.NAMESPACE, wql).stream().map(ResultRow::instance).toList();
    }

    @Test
    void theFileNameEqualityReachesTheEngineAndTheInstanceCarriesTheRecord() {
        engine.table.add(record(1, "Reports", true));
        engine.table.add(record(2, "report.docx", true));
        engine.table.add(record(3, "other.docx", false));

        List<CimInstance> found = query("SELECT * FROM DfsrIdRecordInfo WHERE FileName = 'REPORT.DOCX' AND Flags = 1");
        assertThat(found).hasSize(1);
        CimInstance r = found.get(0);
        assertThat(r.value("Uid").text()).isEqualTo("{DCE7FC28-5584-4D5D-BC84-2BD9D53CC2FC}-v2");
        assertThat(r.value("FileName").text()).isEqualTo("report.docx");
        assertThat(r.value("ParentUid").text()).isEqualTo("{DCE7FC28-5584-4D5D-BC84-2BD9D53CC2FC}-v1");
        assertThat(r.value("ReplicatedFolderGuid").text()).isEqualTo("0E5B8AD4-2B44-4A6C-9A0F-5E5B8AD42B44");
        assertThat(r.value("FullPathName").text()).isEqualTo("/srv/docs/report.docx");
        assertThat(r.value("Flags").text()).isEqualTo("1");
        assertThat(r.value("Attributes").text()).isEqualTo("128");
        assertThat(r.value("FileHash").text()).isEqualTo("a".repeat(40));
        assertThat(r.value("UpdateTime").text()).isEqualTo("20260102030405.000000+000");
        assertThat(r.value("GVsn")).isNull();
        assertThat(engine.queries).containsExactly(IdRecordQuery.ALL.withFileName("REPORT.DOCX"));

        engine.queries.clear();
        assertThat(query("SELECT Uid FROM DfsrIdRecordInfo WHERE (Uid = '{dce7fc28-5584-4d5d-bc84-2bd9d53cc2fc}-V3'"
                + " AND ReplicatedFolderGuid = '0e5b8ad4-2b44-4a6c-9a0f-5e5b8ad42b44')")).hasSize(1);
        assertThat(engine.queries).containsExactly(IdRecordQuery.ALL.withUid(new Uid(DATABASE, 3))
                .withReplicatedFolderGuid(FOLDER));

        // Under OR nothing is pushed down; the object manager still filters.
        engine.queries.clear();
        assertThat(query("SELECT Uid FROM DfsrIdRecordInfo WHERE FileName = 'other.docx' OR FileName = 'Reports'"))
                .hasSize(2);
        assertThat(engine.queries).containsExactly(IdRecordQuery.ALL);

        // A Uid that is not one matches nothing: the engine is not asked.
        engine.queries.clear();
        assertThat(query("SELECT Uid FROM DfsrIdRecordInfo WHERE Uid = 'report.docx'")).isEmpty();
        assertThat(engine.queries).isEmpty();
    }

    @Test
    void aQueryThatLeavesMoreRecordsThanTheCapFailsWithAQuotaViolation() {
        for (int i = 1; i <= DfsrIdRecordInfoProvider.MAX_RECORDS; i++) {
            engine.table.add(record(i, "f" + i + ".txt", true));
        }
        assertThat(query("SELECT Uid FROM DfsrIdRecordInfo")).hasSize(DfsrIdRecordInfoProvider.MAX_RECORDS);

        engine.table.add(record(DfsrIdRecordInfoProvider.MAX_RECORDS + 1, "f1.txt", true));
        assertThatThrownBy(() -> query("SELECT Uid FROM DfsrIdRecordInfo WHERE Flags = 1"))
                .isInstanceOfSatisfying(CimException.class, e -> {
                    assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_QUOTA_VIOLATION);
                    assertThat(e.getMessage()).contains("FileName = '...'");
                });
        assertThatThrownBy(() -> om.enumerateInstances(DfsrSchema.NAMESPACE, DfsrIdRecordInfoProvider.CLASS))
                .isInstanceOfSatisfying(CimException.class,
                        e -> assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_QUOTA_VIOLATION));
        // Narrowed by the indexed name, the same table answers.
        assertThat(query("SELECT Uid FROM DfsrIdRecordInfo WHERE FileName = 'f1.txt'")).hasSize(2);
    }

    @Test
    void getInstanceAndGetFullFilePathFindTheRecordByItsUid() {
        engine.table.add(record(7, "report.docx", true));
        CimObjectPath path = CimObjectPath.parse(
                "DfsrIdRecordInfo.Uid=\"{DCE7FC28-5584-4D5D-BC84-2BD9D53CC2FC}-v7\"");
        assertThat(om.getInstance(DfsrSchema.NAMESPACE, path).value("FileName").text()).isEqualTo("report.docx");

        MethodResult r = om.invokeMethod(DfsrSchema.NAMESPACE, path, CimName.of("GetFullFilePath"), Map.of());
        assertThat(r.returnValue().text()).isEqualTo("0");
        assertThat(r.outParameters().get(CimName.of("FullPath")).text()).isEqualTo("/srv/docs/report.docx");

        CimObjectPath none = CimObjectPath.parse("DfsrIdRecordInfo.Uid=\"{DCE7FC28-5584-4D5D-BC84-2BD9D53CC2FC}-v8\"");
        assertThatThrownBy(() -> om.invokeMethod(DfsrSchema.NAMESPACE, none, CimName.of("GetFullFilePath"), Map.of()))
                .isInstanceOfSatisfying(CimException.class,
                        e -> assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_NOT_FOUND));
    }
}
