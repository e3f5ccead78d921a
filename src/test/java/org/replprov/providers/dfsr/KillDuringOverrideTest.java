package org.replprov.providers.dfsr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.engine.spi.BandwidthLevel;
import org.replprov.engine.spi.ReplicationMode;
import org.replprov.engine.EngineHost;
import org.replprov.state.StateStore;
import org.replprov.testing.FakeEngine;
import org.replprov.testing.Links;

/** Kills a child JVM (SIGKILL, no shutdown hooks) while an override runs, then restarts on its state. */
class KillDuringOverrideTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void anOverrideSurvivesKillNine() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                KillTarget.class.getName(), dir.toString()).redirectErrorStream(true).start();
        Instant end = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            StringBuilder seen = new StringBuilder();
            while ((line = out.readLine()) != null) {
                seen.append(line).append('\n');
                if (line.startsWith("OVERRIDE ")) {
                    end = Instant.parse(line.substring("OVERRIDE ".length()));
                    break;
                }
            }
            assertThat(end).as("child output:\n" + seen).isNotNull();
            child.destroyForcibly(); // SIGKILL
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.exitValue()).isEqualTo(137); // 128 + SIGKILL

        Instant savedEnd = end;
        FakeEngine engine = new FakeEngine(Clock.systemUTC());
        EngineHost host = EngineHost.builder().engine("fake", engine).build();
        try (host; StateStore state = StateStore.open(dir);
             DfsrConnectionInfoProvider p = DfsrConnectionInfoProvider.builder().cimClass(DfsrFixture.CLASS)
                .engines(host).stateStore(state).build()) {
            host.start();
            var overrides = p.overrides(Links.connection(1));
            assertThat(overrides).singleElement().satisfies(o -> {
                assertThat(o.mode()).isEqualTo(ReplicationMode.SYNC_NOW);
                assertThat(o.bandwidth()).isEqualTo(BandwidthLevel.INFINITE);
                assertThat(o.end()).isEqualTo(savedEnd);
                assertThat(o.remaining(Instant.now())).isGreaterThan(Duration.ofMinutes(55))
                        .isLessThanOrEqualTo(Duration.ofMinutes(60));
            });
            engine.report(Links.inbound(1));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (engine.calls("forceReplication").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(engine.calls("forceReplication")).singleElement().extracting(FakeEngine.Call::args)
                    .isEqualTo(List.of(Links.connection(1), ReplicationMode.SYNC_NOW, BandwidthLevel.INFINITE));
        }
    }
}
