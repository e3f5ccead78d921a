package org.replprov.providers.dfsr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.engine.spi.BandwidthLevel;
import org.replprov.engine.spi.ReplicationMode;
import org.replprov.engine.spi.SyncResults;
import org.replprov.state.StateStore;
import org.replprov.testing.Links;
import org.replprov.testing.ManualScheduler;

/** The DfsrConnectionInfo provider's own tables in the state database, across reopening. */
class DfsrTablesTest {

    private static final Instant T0 = Instant.parse("2024-01-15T10:00:00.123456Z");

    @TempDir
    Path dir;

    private static StoredConnection connection(int n) {
        return new StoredConnection(Links.link(n, n % 2 == 1), new SyncResults(T0, Duration.ofSeconds(17),
                T0.minusSeconds(60), null), T0.minusSeconds(3600), T0, "engine-" + n);
    }

    @Test
    void keepsConnectionsAndOverridesAcrossReopening() {
        ScheduleOverride whole = new ScheduleOverride(Links.connection(1), null, ReplicationMode.STOP_SYNC,
                BandwidthLevel.OFF, T0, T0.plusSeconds(600));
        ScheduleOverride folder = new ScheduleOverride(Links.connection(1), UUID.randomUUID(),
                ReplicationMode.SYNC_NOW, BandwidthLevel.MBPS_2, T0, T0.plusSeconds(60));
        try (StateStore s = StateStore.open(dir)) {
            DfsrTables t = new DfsrTables(s);
            t.writeConnections(Map.of(Links.connection(1), Optional.of(connection(1)),
                    Links.connection(2), Optional.of(connection(2))));
            StoredConnection two = connection(2);
            t.writeConnections(Map.of(Links.connection(2), Optional.of(new StoredConnection(two.link(), two.sync(),
                    two.firstSeen(), T0.plusSeconds(5), two.engine()))));
            t.saveOverride(whole);
            t.saveOverride(folder);
        }
        try (StateStore s = StateStore.open(dir)) {
            DfsrTables t = new DfsrTables(s);
            assertThat(t.connections()).hasSize(2);
            assertThat(t.connections().get(Links.connection(1))).isEqualTo(connection(1));
            assertThat(t.connections().get(Links.connection(2)).link().onDemand()).as("outbound, on demand").isTrue();
            assertThat(t.connections().get(Links.connection(2)).lastActivity()).isEqualTo(T0.plusSeconds(5));
            assertThat(t.overrides()).containsExactlyInAnyOrder(whole, folder);
            t.deleteOverride(folder.key());
            assertThat(t.overrides()).containsExactly(whole);
            t.writeConnections(Map.of(Links.connection(1), Optional.empty()));
            assertThat(t.connections()).containsOnlyKeys(Links.connection(2));
            // A removed connection's overrides are deleted by Overrides at once, not behind with the row.
            Overrides overrides = new Overrides(t, new ManualScheduler(), o -> { });
            overrides.restore();
            overrides.dropConnection(Links.connection(1));
            assertThat(t.overrides()).isEmpty();
        }
    }
}
