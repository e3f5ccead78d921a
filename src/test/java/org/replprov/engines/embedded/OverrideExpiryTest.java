package org.replprov.engines.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimValue;
import org.replprov.mof.MofCompiler;
import org.replprov.provider.ObjectManager;
import org.replprov.providers.dfsr.DfsrConnectionInfoProvider;
import org.replprov.providers.dfsr.DfsrSchema;
import org.replprov.repository.ClassRepository;
import org.replprov.state.StateStore;
import org.replprov.engine.EngineHost;
import org.replprov.testing.ManualScheduler;

/**
 * A ForceReplication override on a closed schedule, with the provider and the engine on one controllable clock: the
 * connection replicates while the override lasts and goes Offline when the provider ends it, at its end time.
 */
class OverrideExpiryTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final ClassRepository SCHEMA = MofCompiler.loadShippedSchema();

    @TempDir
    Path dir;
    ObjectManager om;
    EngineHost host;

    @AfterEach
    void close() {
        if (host != null) {
            host.close();
        }
        if (om != null) {
            om.close();
        }
    }

    CimInstance inbound() {
        return om.enumerateInstances(DfsrSchema.NAMESPACE, DfsrSchema.CLASS).stream()
                .filter(i -> i.value("Inbound").text().equalsIgnoreCase("true")).findFirst().orElse(null);
    }

    void awaitState(int state) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (inbound() == null || !inbound().value("State").text().equals(Integer.toString(state))) {
            assertThat(System.nanoTime()).as("State " + state).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void theOverrideEndsAtItsEndTimeOnTheSharedClock() throws Exception {
        Members.write(dir.resolve("upstream/docs/a.txt"), "alpha");
        ManualScheduler scheduler = new ManualScheduler();
        Map<String, String> s = Members.settings(dir, "file:upstream");
        s.put("inbound.hub.schedule", "* off");
        EmbeddedEngine engine = Members.engine(s, scheduler.clock());
        host = EngineHost.builder().engine("embedded", engine).build();
        DfsrConnectionInfoProvider dfsr = DfsrConnectionInfoProvider.builder().schema(SCHEMA)
                .engines(host).stateStore(StateStore.inMemory()).scheduler(scheduler).build();
        om = ObjectManager.builder(SCHEMA).register(DfsrSchema.NAMESPACE, DfsrSchema.CLASS, dfsr).build();
        host.start();
        awaitState(2); // Offline: the schedule is closed

        CimValue result = om.invokeMethod(DfsrSchema.NAMESPACE,
                CimObjectPath.parse("DfsrConnectionInfo.ConnectionGuid=\"" + inbound().value("ConnectionGuid").text()
                        + "\""), CimName.of("ForceReplication"), Map.of(CimName.of("Mode"), CimValue.uint32(2),
                        CimName.of("DurationInMin"), CimValue.uint32(30), CimName.of("Bandwidth"),
                        CimValue.uint32(0xF))).returnValue();
        assertThat(result.text()).isEqualTo("0");
        awaitState(1);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Files.exists(dir.resolve("replica/docs/a.txt"))) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(20);
        }

        scheduler.advance(Duration.ofMinutes(29));
        Thread.sleep(300);
        assertThat(inbound().value("State").text()).as("still forced after 29 minutes").isEqualTo("1");
        scheduler.advance(Duration.ofMinutes(1));
        awaitState(2);
    }
}
