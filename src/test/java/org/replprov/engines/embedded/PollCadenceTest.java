package org.replprov.engines.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One poll, one change of NextSyncTime: it names the poll's slot on the interval's cadence, stays put while the session
 * runs however late it started, and moves once, with LastSyncTime, when the session ends (issue 11).
 */
class PollCadenceTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private EmbeddedEngine engine;
    private final RecordingObserver listener = new RecordingObserver();

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void nextSyncTimeMovesOncePerPollAndKeepsTheCadence() throws Exception {
        Members.write(dir.resolve("upstream/docs/a.txt"), "alpha");
        Instant t0 = Instant.parse("2026-11-23T07:00:00Z");
        ManualClock clock = new ManualClock(t0);
        engine = Members.engine(Members.settings(dir, "file:upstream"), clock);
        engine.start(listener);
        listener.awaitSnapshot(x -> t0.equals(x.syncResults().lastSuccessfulSyncTime()), WAIT);
        Duration poll = Duration.ofMillis(200);
        assertThat(listener.lastSnapshot().syncResults().nextSyncTime()).isEqualTo(t0.plus(poll));
        int before = listener.snapshots().size();

        // The control thread wakes 7 ms after the poll was due.
        Instant late = t0.plus(poll).plusMillis(7);
        clock.set(late);
        Members.connection(engine).wake();
        listener.awaitSnapshot(x -> late.equals(x.syncResults().lastSyncTime())
                && x.syncResults().lastSuccessfulSyncTime() != null
                && !x.syncResults().lastSuccessfulSyncTime().isBefore(late), WAIT);
        List<Instant> moves = listener.snapshots().subList(before, listener.snapshots().size()).stream()
                .map(RecordingObserver.Snapshot::syncResults).map(r -> r.nextSyncTime()).filter(Objects::nonNull)
                .distinct().toList();
        assertThat(moves).as("NextSyncTime after the poll, on the cadence t0 + k * 200 ms")
                .containsExactly(t0.plus(poll.multipliedBy(2)));

        // A session that ends after several slots went by skips to the next slot, still on the cadence.
        clock.set(t0.plusMillis(1_050));
        Members.connection(engine).wake();
        listener.awaitSnapshot(x -> t0.plusMillis(1_200).equals(x.syncResults().nextSyncTime()), WAIT);
    }
}
