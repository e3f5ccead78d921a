package org.replprov.providers.dfsr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.engine.spi.SyncResults;
import org.replprov.state.StateStore;
import org.replprov.testing.Links;

/** Connection rows written behind the changes: the latest value of each, deletions in order, nothing lost on close. */
class ConnectionWriterTest {

    private static final Instant T0 = Instant.parse("2024-01-15T10:00:00Z");

    @TempDir
    Path dir;

    private static Connection connection(int n, Instant lastActivity) {
        return new Connection(Links.link(n, true), new SyncResults(T0, Duration.ofSeconds(n), T0, null), "e",
                ConnectionState.ONLINE, null, true, T0, lastActivity);
    }

    @Test
    void flushWaitsUntilTheLatestValueOfEveryConnectionIsSaved() {
        try (StateStore s = StateStore.open(dir); ConnectionWriter w = new ConnectionWriter(new DfsrTables(s))) {
            for (int n = 0; n < 2 * ConnectionWriter.BATCH + 7; n++) {
                w.save(connection(n, T0));
                w.save(connection(n, T0.plusSeconds(n)));
            }
            w.forget(Links.connection(3));
            w.flush();
            var saved = new DfsrTables(s).connections();
            assertThat(saved).hasSize(2 * ConnectionWriter.BATCH + 6).doesNotContainKey(Links.connection(3));
            assertThat(saved.get(Links.connection(1500)).lastActivity()).isEqualTo(T0.plusSeconds(1500));
        }
    }

    @Test
    void aConnectionForgottenAndSeenAgainIsSavedAndOneSeenThenForgottenIsNot() {
        try (StateStore s = StateStore.open(dir); ConnectionWriter w = new ConnectionWriter(new DfsrTables(s))) {
            w.save(connection(1, T0));
            w.forget(Links.connection(1));
            w.save(connection(1, T0.plusSeconds(9)));
            w.save(connection(2, T0));
            w.forget(Links.connection(2));
            w.flush();
            assertThat(new DfsrTables(s).connections()).containsOnlyKeys(Links.connection(1));
        }
    }

    @Test
    void closeWritesWhatIsPendingAndLaterChangesAreWrittenAtOnce() {
        try (StateStore s = StateStore.open(dir)) {
            ConnectionWriter w = new ConnectionWriter(new DfsrTables(s));
            for (int n = 0; n < 500; n++) {
                w.save(connection(n, T0));
            }
            w.close();
            assertThat(new DfsrTables(s).connections()).hasSize(500);
            w.save(connection(500, T0));
            assertThat(new DfsrTables(s).connections()).hasSize(501);
        }
        try (StateStore s = StateStore.open(dir)) {
            assertThat(new DfsrTables(s).connections()).as("after reopening").hasSize(501);
        }
    }

    @Test
    void aClosedDatabaseIsLoggedAndTheWriterGoesOn() {
        StateStore s = StateStore.open(dir);
        DfsrTables tables = new DfsrTables(s);
        try (ConnectionWriter w = new ConnectionWriter(tables)) {
            s.close();
            w.save(connection(1, T0));
            w.flush();
            w.save(connection(2, T0));
            w.flush();
        }
        try (StateStore reopened = StateStore.open(dir)) {
            assertThat(new DfsrTables(reopened).connections()).isEmpty();
        }
    }
}
