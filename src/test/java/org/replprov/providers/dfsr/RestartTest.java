package org.replprov.providers.dfsr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimValue;
import org.replprov.engine.spi.BandwidthLevel;
import org.replprov.engine.spi.ReplicationMode;
import org.replprov.testing.ManualScheduler;
import org.replprov.testing.Links;

/** What survives a restart of the provider on the same state directory. */
class RestartTest {

    private static final UUID C1 = Links.connection(1);

    @TempDir
    Path dir;

    private static long forceSyncNow(DfsrFixture f, long minutes) {
        return f.invoke(1, DfsrSchema.FORCE_REPLICATION, DfsrSchema.MODE, 2L, DfsrSchema.DURATION_IN_MIN, minutes,
                DfsrSchema.BANDWIDTH, 0xFL);
    }

    @Test
    void anOverrideResumesItsRemainingDurationAndIsSentAgain() {
        CimInstance before;
        try (DfsrFixture a = DfsrFixture.onDisk(new ManualScheduler(), dir)) {
            a.engine.report(Links.inbound(1)).syncCompleted(Links.connection(1), Duration.ofSeconds(40));
            assertThat(forceSyncNow(a, 60)).isZero();
            a.clock.advance(Duration.ofMinutes(20));
            before = a.instance(1);
        }
        ManualScheduler later = new ManualScheduler();
        later.advance(Duration.ofMinutes(25)); // five minutes of downtime
        try (DfsrFixture b = DfsrFixture.onDisk(later, dir)) {
            assertThat(b.provider.overrides(C1)).singleElement().satisfies(o -> {
                assertThat(o.end()).isEqualTo(ManualScheduler.START.plus(Duration.ofMinutes(60)));
                assertThat(o.remaining(later.now())).isEqualTo(Duration.ofMinutes(35));
            });
            b.engine.report(Links.inbound(1));
            b.clock.advance(Duration.ZERO);
            assertThat(b.engine.calls("forceReplication")).singleElement().extracting(c -> c.args())
                    .isEqualTo(java.util.List.of(C1, ReplicationMode.SYNC_NOW, BandwidthLevel.INFINITE));
            CimInstance after = b.instance(1);
            // Sync results and InstallDate came back from the database; the engine's report knew neither.
            assertThat(after.value(DfsrSchema.LAST_SUCCESSFUL_SYNC_TIME))
                    .isEqualTo(before.value(DfsrSchema.LAST_SUCCESSFUL_SYNC_TIME));
            assertThat(after.value(DfsrSchema.LAST_SYNC_DURATION)).isEqualTo(CimValue.uint32(40));
            assertThat(after.value(DfsrSchema.INSTALL_DATE)).isEqualTo(before.value(DfsrSchema.INSTALL_DATE));

            b.clock.advance(Duration.ofMinutes(34));
            assertThat(b.engine.calls("forceReplication")).hasSize(1);
            b.clock.advance(Duration.ofMinutes(1));
            assertThat(b.engine.calls("forceReplication")).hasSize(2)
                    .last().extracting(c -> c.args().get(1)).isEqualTo(ReplicationMode.OBEY_SCHEDULE);
            assertThat(b.provider.overrides(C1)).isEmpty();
        }
        try (DfsrFixture c = DfsrFixture.onDisk(new ManualScheduler(), dir)) {
            assertThat(c.provider.overrides(C1)).isEmpty();
        }
    }

    @Test
    void anOverrideThatEndedWhileDownIsRevertedWhenTheConnectionIsReported() {
        try (DfsrFixture a = DfsrFixture.onDisk(new ManualScheduler(), dir)) {
            a.engine.report(Links.inbound(1));
            forceSyncNow(a, 10);
        }
        ManualScheduler later = new ManualScheduler();
        later.advance(Duration.ofHours(1));
        try (DfsrFixture b = DfsrFixture.onDisk(later, dir)) {
            assertThat(b.provider.overrides(C1)).isEmpty();
            b.engine.report(Links.inbound(1));
            b.clock.advance(Duration.ZERO);
            assertThat(b.engine.calls("forceReplication")).singleElement()
                    .extracting(c -> c.args().get(1)).isEqualTo(ReplicationMode.OBEY_SCHEDULE);
        }
    }

    @Test
    void outboundConnectionsComeBackAndKeepTheirIdleTime() {
        try (DfsrFixture a = DfsrFixture.onDisk(new ManualScheduler(), dir)) {
            a.engine.report(Links.outbound(2));
            a.clock.advance(Duration.ofHours(2));
            a.engine.report(Links.outbound(2));
        }
        ManualScheduler later = new ManualScheduler();
        later.advance(Duration.ofHours(6));
        try (DfsrFixture b = DfsrFixture.onDisk(later, dir)) {
            assertThat(b.exists(2)).isTrue();
            assertThat(b.state(2)).isEqualTo(ConnectionState.OFFLINE.value());
            b.clock.advance(Duration.ofHours(7).plusMinutes(59));
            assertThat(b.exists(2)).isTrue();
            b.clock.advance(Duration.ofMinutes(2));
            assertThat(b.exists(2)).isFalse();
        }
        try (DfsrFixture c = DfsrFixture.onDisk(new ManualScheduler(), dir)) {
            assertThat(c.exists(2)).isFalse();
        }
    }

    @Test
    void outboundConnectionsIdleTooLongWhileDownAreRemovedAtStart() {
        try (DfsrFixture a = DfsrFixture.onDisk(new ManualScheduler(), dir)) {
            a.engine.report(Links.outbound(2));
        }
        ManualScheduler later = new ManualScheduler();
        later.advance(Duration.ofDays(1));
        try (DfsrFixture b = DfsrFixture.onDisk(later, dir)) {
            b.clock.advance(Duration.ZERO);
            assertThat(b.exists(2)).isFalse();
        }
    }

    @Test
    void restoredTimesAreExact() {
        Instant[] end = new Instant[1];
        try (DfsrFixture a = DfsrFixture.onDisk(new ManualScheduler(), dir)) {
            a.engine.report(Links.inbound(1));
            a.clock.advance(Duration.ofNanos(123_456_000));
            forceSyncNow(a, 7);
            end[0] = a.provider.overrides(C1).get(0).end();
        }
        try (DfsrFixture b = DfsrFixture.onDisk(new ManualScheduler(), dir)) {
            assertThat(b.provider.overrides(C1).get(0).end()).isEqualTo(end[0]);
        }
    }
}
