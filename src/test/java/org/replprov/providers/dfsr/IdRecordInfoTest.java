package org.replprov.providers.dfsr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimName;
import org.replprov.cim.CimTimestamp;
import org.replprov.cim.CimValue;
import org.replprov.cim.Guids;
import org.replprov.engine.EngineHost;
import org.replprov.engine.spi.IdRecords;
import org.replprov.engine.spi.Uid;
import org.replprov.mof.MofCompiler;
import org.replprov.provider.ObjectManager;
import org.replprov.testing.FakeEngine;
import org.replprov.wql.ResultRow;

/**
 * DfsrIdRecordInfo from {@link IdRecords} facts: one instance per record, found by FileName through WQL, each fact
 * replacing the engine's records of its folder and an empty one withdrawing them.
 */
class IdRecordInfoTest {

    private static final Instant NOW = Instant.parse("2026-12-06T04:00:00Z");
    private static final UUID DOCS = UUID.fromString("0e5b8ad4-2b44-4a6c-9a0f-5e5b8ad42b44");
    private static final UUID PICS = UUID.fromString("1e5b8ad4-2b44-4a6c-9a0f-5e5b8ad42b44");

    private final FakeEngine engine = new FakeEngine(java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC));
    private final EngineHost host = EngineHost.builder().engine("fake", engine).timeout(Duration.ofSeconds(5)).build();
    private final DfsrIdRecordInfoProvider provider = new DfsrIdRecordInfoProvider();
    private final ObjectManager om;

    IdRecordInfoTest() {
        host.subscribe(provider);
        host.start();
        om = ObjectManager.builder(MofCompiler.loadShippedSchema())
                .register(DfsrSchema.NAMESPACE, DfsrIdRecordInfoProvider.CLASS, provider).build();
    }

    @AfterEach
    void close() {
        om.close();
        host.close();
    }

    private List<CimInstance> query(String wql) {
        return om.execQuery(DfsrSchema.NAMESPACE, wql).stream().map(ResultRow::instance).toList();
    }

    private static IdRecords.Record record(UUID folder, long v, String name, boolean present) {
        return new IdRecords.Record(new Uid(folder, v), name, "/srv/" + name, present, present ? NOW : null);
    }

    @Test
    void recordsAreFoundByNameAndEachFactReplacesTheFoldersRecords() {
        engine.fact(new IdRecords(DOCS, List.of(record(DOCS, 7, "a.txt", true), record(DOCS, 9, "b.txt", false)),
                true, NOW));
        engine.fact(new IdRecords(PICS, List.of(record(PICS, 3, "a.txt", true)), false, NOW));

        List<CimInstance> b = query("SELECT * FROM DfsrIdRecordInfo WHERE FileName = 'b.txt'");
        assertThat(b).hasSize(1);
        CimInstance r = b.get(0);
        assertThat(r.value(CimName.of("Uid"))).isEqualTo(CimValue.string(
                "{" + Guids.format(DOCS).toUpperCase() + "}-v9"));
        assertThat(r.value(CimName.of("ReplicatedFolderGuid"))).isEqualTo(CimValue.string(Guids.format(DOCS)));
        assertThat(r.value(CimName.of("Flags"))).as("a deletion: PRESENT_FLAG clear").isEqualTo(CimValue.uint8(0));
        assertThat(r.value(CimName.of("FullPathName"))).isEqualTo(CimValue.string("/srv/b.txt"));
        assertThat(r.value(CimName.of("UpdateTime"))).isNull();
        CimInstance a = query("SELECT * FROM DfsrIdRecordInfo WHERE Uid = '{" + Guids.format(DOCS).toUpperCase()
                + "}-v7'").get(0);
        assertThat(a.value(CimName.of("Flags"))).isEqualTo(CimValue.uint8(DfsrIdRecordInfoProvider.PRESENT_FLAG));
        assertThat(a.value(CimName.of("UpdateTime"))).isEqualTo(CimTimestamp.of(NOW));
        assertThat(query("SELECT Uid FROM DfsrIdRecordInfo WHERE FileName = 'a.txt'")).hasSize(2);

        engine.fact(new IdRecords(DOCS, List.of(record(DOCS, 12, "c.txt", true)), false, NOW));
        assertThat(query("SELECT Uid FROM DfsrIdRecordInfo WHERE ReplicatedFolderGuid = '" + Guids.format(DOCS)
                + "'")).as("replaced").extracting(i -> i.value(CimName.of("Uid")))
                .containsExactly(CimValue.string("{" + Guids.format(DOCS).toUpperCase() + "}-v12"));

        engine.fact(new IdRecords(DOCS, List.of(), false, NOW));
        assertThat(query("SELECT * FROM DfsrIdRecordInfo")).as("withdrawn; the other folder's stay").hasSize(1);
    }
}
