package org.replprov.providers.dfsr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.replprov.engine.spi.BandwidthLevel;
import org.replprov.engine.spi.Scope;
import org.replprov.engine.spi.ReplicationMode;
import org.replprov.testing.FakeEngine;
import org.replprov.testing.ManualScheduler;
import org.replprov.testing.Links;

/** Timed overrides on the controllable clock. */
class OverridesTest {

    private static final UUID C = Links.connection(1);
    private static final UUID F1 = MethodsTest.F1;
    private DfsrFixture f;

    @BeforeEach
    void setUp() {
        f = new DfsrFixture();
        f.engine.report(Links.inbound(1));
        f.engine.folders(C, Scope.folder(F1, "Data"));
    }

    @AfterEach
    void close() {
        f.close();
    }

    private long force(long mode, long minutes, long bandwidth) {
        return f.invoke(1, DfsrSchema.FORCE_REPLICATION, DfsrSchema.MODE, mode, DfsrSchema.DURATION_IN_MIN, minutes,
                DfsrSchema.BANDWIDTH, bandwidth);
    }

    private List<FakeEngine.Call> reverts() {
        return f.engine.calls().stream().filter(c -> c.args().contains(ReplicationMode.OBEY_SCHEDULE)).toList();
    }

    @Test
    void anOverrideRevertsToTheScheduleWhenItsDurationEnds() {
        assertThat(force(2, 30, 0xF)).isZero();
        assertThat(f.provider.overrides(C)).singleElement().satisfies(o -> {
            assertThat(o.mode()).isEqualTo(ReplicationMode.SYNC_NOW);
            assertThat(o.bandwidth()).isEqualTo(BandwidthLevel.INFINITE);
            assertThat(o.start()).isEqualTo(ManualScheduler.START);
            assertThat(o.end()).isEqualTo(ManualScheduler.START.plus(Duration.ofMinutes(30)));
        });
        f.clock.advance(Duration.ofMinutes(29));
        assertThat(reverts()).isEmpty();
        f.clock.advance(Duration.ofMinutes(1));
        assertThat(reverts()).singleElement().satisfies(c -> {
            assertThat(c.method()).isEqualTo("forceReplication");
            assertThat(c.args()).containsExactly(C, ReplicationMode.OBEY_SCHEDULE, BandwidthLevel.INFINITE);
        });
        assertThat(f.provider.overrides(C)).isEmpty();
    }

    @Test
    void aNewOverrideReplacesTheOldOneAndItsEnd() {
        force(2, 30, 0xF);
        f.clock.advance(Duration.ofMinutes(10));
        force(3, 60, 0);
        f.clock.advance(Duration.ofMinutes(50));
        assertThat(reverts()).isEmpty();
        assertThat(f.provider.overrides(C)).singleElement().extracting(ScheduleOverride::mode)
                .isEqualTo(ReplicationMode.STOP_SYNC);
        f.clock.advance(Duration.ofMinutes(10));
        assertThat(reverts()).hasSize(1);
    }

    @Test
    void modeOneCancelsEveryOverrideOfTheConnectionAtOnce() {
        force(2, 30, 0xF);
        f.invoke(1, DfsrSchema.FORCE_FOLDER_REPLICATION, DfsrSchema.DURATION_IN_MIN, 45L, DfsrSchema.BANDWIDTH, 3L,
                DfsrSchema.REPLICATED_FOLDER_GUID, MethodsTest.F1_TEXT);
        assertThat(f.provider.overrides(C)).hasSize(2);
        assertThat(force(1, 0, 0)).isZero();
        assertThat(f.provider.overrides(C)).isEmpty();
        assertThat(reverts()).extracting(FakeEngine.Call::method)
                .containsExactlyInAnyOrder("forceReplication", "forceFolderReplication");
        f.clock.advance(Duration.ofHours(1));
        assertThat(reverts()).hasSize(2);
    }

    @Test
    void aFolderOverrideRevertsItsFolder() {
        f.invoke(1, DfsrSchema.FORCE_FOLDER_REPLICATION, DfsrSchema.DURATION_IN_MIN, 15L, DfsrSchema.BANDWIDTH, 3L,
                DfsrSchema.REPLICATED_FOLDER_GUID, MethodsTest.F1_TEXT);
        assertThat(f.provider.overrides(C)).singleElement().satisfies(o -> {
            assertThat(o.replicatedFolderGuid()).isEqualTo(F1);
            assertThat(o.mode()).isEqualTo(ReplicationMode.SYNC_NOW);
        });
        f.clock.advance(Duration.ofMinutes(15));
        assertThat(reverts()).singleElement().extracting(FakeEngine.Call::args)
                .isEqualTo(List.of(C, F1, ReplicationMode.OBEY_SCHEDULE, BandwidthLevel.KBPS_128));
    }

    @Test
    void syncUntilInSyncEndsWhenTheConnectionHasSynchronized() {
        force(4, 600, 0xF);
        f.clock.advance(Duration.ofMinutes(5));
        f.engine.syncCompleted(Links.connection(1), Duration.ofMinutes(2));
        f.clock.advance(Duration.ZERO);
        assertThat(f.provider.overrides(C)).isEmpty();
        assertThat(reverts()).hasSize(1);
        f.clock.advance(Duration.ofHours(10));
        assertThat(reverts()).hasSize(1);
    }

    @Test
    void aSyncThatEndedBeforeTheOverrideDoesNotEndIt() {
        f.engine.syncCompleted(Links.connection(1), Duration.ofMinutes(2));
        force(4, 600, 0xF);
        f.engine.report(Links.inbound(1));
        f.clock.advance(Duration.ZERO);
        assertThat(f.provider.overrides(C)).hasSize(1);
    }

    @Test
    void removingTheConnectionDropsItsOverrides() {
        force(2, 30, 0xF);
        f.engine.remove(C);
        f.clock.advance(Duration.ofHours(1));
        assertThat(f.provider.overrides(C)).isEmpty();
        assertThat(reverts()).isEmpty();
    }
}
