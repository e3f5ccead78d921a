package org.replprov.providers.dfsr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimValue;
import org.replprov.mof.MofCompiler;
import org.replprov.engine.EngineStatus;
import org.replprov.provider.ObjectManager;
import org.replprov.wql.ResultRow;

/** DfsrInfo=@ follows the daemon's engines: Running, Degraded while one failed, Shutting Down once closing. */
class DfsrInfoProviderTest {

    private static final Instant STARTED = Instant.parse("2026-12-06T04:00:00Z");

    private final AtomicReference<List<EngineStatus>> engines = new AtomicReference<>(
            List.of(new EngineStatus("embedded", "embedded", Optional.empty())));
    private final DfsrInfoProvider provider = new DfsrInfoProvider(new DfsrInfoProvider.Service("1.2.3", STARTED,
            engines::get));

    private CimInstance query(ObjectManager om, String wql) {
        List<ResultRow> rows = om.execQuery(DfsrSchema.NAMESPACE, wql);
        assertThat(rows).hasSize(1);
        return rows.get(0).instance();
    }

    @Test
    void theSingletonFollowsTheEngines() {
        try (ObjectManager om = ObjectManager.builder(MofCompiler.loadShippedSchema())
                .register(DfsrSchema.NAMESPACE, DfsrInfoProvider.CLASS, provider).build()) {
            CimInstance running = query(om, "SELECT * FROM DfsrInfo");
            assertThat(running.path()).isEqualTo(CimObjectPath.parse("DfsrInfo=@"));
            assertThat(running.value(CimName.of("State"))).isEqualTo(CimValue.uint8(1));
            assertThat(running.value(CimName.of("ProviderVersion"))).isEqualTo(CimValue.string("1.2.3"));
            assertThat(running.value(CimName.of("ServiceStartTime")).text()).isEqualTo("20261206040000.000000+000");
            assertThat(running.value(CimName.of("LastErrorCode"))).isEqualTo(CimValue.uint32(0));
            assertThat(om.getInstance(DfsrSchema.NAMESPACE, CimObjectPath.parse("DfsrInfo=@"))).isEqualTo(running);

            engines.set(List.of(new EngineStatus("embedded", "embedded",
                    Optional.of("cannot open the ID database"))));
            CimInstance degraded = query(om, "SELECT State, LastErrorCode FROM DfsrInfo WHERE State = 2");
            assertThat(degraded.value(CimName.of("LastErrorCode"))).as("no DFSR code for an engine failure").isNull();

            provider.close();
            assertThat(query(om, "SELECT State FROM DfsrInfo").value(CimName.of("State"))).isEqualTo(CimValue.uint8(3));
        }
    }
}
