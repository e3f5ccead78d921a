package org.replprov.providers.dfsr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.replprov.cim.CimTimestamp;
import org.replprov.engine.spi.SyncResults;
import org.replprov.testing.ManualScheduler;
import org.replprov.testing.Links;

/** NextSyncTime under a Stop Sync override says when the next sync can happen: the override's end (issue 11). */
class NextSyncTimeTest {

    private DfsrFixture f;

    @BeforeEach
    void setUp() {
        f = new DfsrFixture();
    }

    @AfterEach
    void close() {
        f.close();
    }

    private Instant nextSyncTime() {
        return ((CimTimestamp) f.instance(1).value(DfsrSchema.NEXT_SYNC_TIME)).toInstant().orElseThrow();
    }

    private void reportNextSync(Instant next) {
        f.engine.report(Links.inbound(1)).sync(Links.connection(1), new SyncResults(null, Duration.ZERO, null, next));
    }

    @Test
    void aStopSyncOverrideMovesNextSyncTimeToItsEndWhateverTheEngineSays() {
        Instant poll = ManualScheduler.START.plusSeconds(60);
        reportNextSync(poll);
        assertThat(nextSyncTime()).isEqualTo(poll);

        assertThat(f.invoke(1, DfsrSchema.FORCE_REPLICATION, DfsrSchema.MODE, 3L, DfsrSchema.DURATION_IN_MIN, 120L,
                DfsrSchema.BANDWIDTH, 0L)).isZero();
        Instant end = ManualScheduler.START.plus(Duration.ofMinutes(120));
        assertThat(nextSyncTime()).as("at once").isEqualTo(end);

        // The engine's own view (its schedule is open, so "now") does not move it while the override lasts.
        f.clock.advance(Duration.ofMinutes(5));
        reportNextSync(f.clock.now());
        assertThat(nextSyncTime()).isEqualTo(end);
        f.clock.advance(Duration.ofMinutes(1));
        reportNextSync(f.clock.now());
        assertThat(nextSyncTime()).isEqualTo(end);

        // Once it has ended, the engine's schedule applies again.
        f.clock.advance(Duration.ofMinutes(120));
        Instant next = f.clock.now().plusSeconds(60);
        reportNextSync(next);
        assertThat(nextSyncTime()).isEqualTo(next);
    }

    @Test
    void otherOverridesLeaveTheEnginesNextSyncTime() {
        Instant poll = ManualScheduler.START.plusSeconds(60);
        reportNextSync(poll);
        assertThat(f.invoke(1, DfsrSchema.FORCE_REPLICATION, DfsrSchema.MODE, 2L, DfsrSchema.DURATION_IN_MIN, 120L,
                DfsrSchema.BANDWIDTH, 0L)).isZero();
        assertThat(nextSyncTime()).isEqualTo(poll);
    }
}
