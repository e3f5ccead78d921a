package org.replprov.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.config.ConfigurationException;
import org.replprov.engine.spi.BandwidthLevel;
import org.replprov.engine.spi.ReplicationMode;
import org.replprov.engine.spi.SyncResults;
import org.replprov.testing.Links;

class StateStoreTest {

    private static final Instant T0 = Instant.parse("2024-01-15T10:00:00.123456Z");

    @TempDir
    Path dir;

    private static StoredConnection connection(int n) {
        return new StoredConnection(Links.inbound(n), new SyncResults(T0, Duration.ofSeconds(17),
                T0.minusSeconds(60), null), T0.minusSeconds(3600), T0);
    }

    @Test
    void keepsConnectionsAndOverridesAcrossReopening() {
        ScheduleOverride whole = new ScheduleOverride(Links.connection(1), null, ReplicationMode.STOP_SYNC,
                BandwidthLevel.OFF, T0, T0.plusSeconds(600));
        ScheduleOverride folder = new ScheduleOverride(Links.connection(1), UUID.randomUUID(),
                ReplicationMode.SYNC_NOW, BandwidthLevel.MBPS_2, T0, T0.plusSeconds(60));
        try (StateStore s = StateStore.open(dir)) {
            s.saveConnection(connection(1));
            s.saveConnection(connection(2));
            s.touchConnection(Links.connection(2), T0.plusSeconds(5));
            s.saveOverride(whole);
            s.saveOverride(folder);
        }
        try (StateStore s = StateStore.open(dir)) {
            assertThat(s.connections()).hasSize(2);
            assertThat(s.connections().get(Links.connection(1))).isEqualTo(connection(1));
            assertThat(s.connections().get(Links.connection(2)).lastActivity()).isEqualTo(T0.plusSeconds(5));
            assertThat(s.overrides()).containsExactlyInAnyOrder(whole, folder);
            s.deleteOverride(folder.key());
            assertThat(s.overrides()).containsExactly(whole);
            s.deleteConnection(Links.connection(1));
            assertThat(s.overrides()).isEmpty();
            assertThat(s.connections()).containsOnlyKeys(Links.connection(2));
        }
    }

    @Test
    void usesTheWriteAheadLog() throws SQLException {
        StateStore.open(dir).close();
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(StateStore.FILE_NAME));
             var rs = db.createStatement().executeQuery("PRAGMA journal_mode")) {
            assertThat(rs.getString(1)).isEqualTo("wal");
        }
    }

    @Test
    void aFileThatIsNotADatabaseIsRefusedAndLeftAlone() throws IOException {
        Path file = dir.resolve(StateStore.FILE_NAME);
        byte[] junk = "this is not a database, it is a text file that happens to sit here".repeat(100).getBytes();
        Files.write(file, junk);
        assertThatThrownBy(() -> StateStore.open(dir))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("cannot be used")
                .hasMessageContaining("left as it is");
        assertThat(Files.readAllBytes(file)).isEqualTo(junk);
    }

    @Test
    void aDamagedDatabaseIsRefusedAndLeftAlone() throws IOException {
        try (StateStore s = StateStore.open(dir)) {
            for (int i = 0; i < 500; i++) {
                s.saveConnection(connection(i));
            }
        }
        Path file = dir.resolve(StateStore.FILE_NAME);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(4096 * 2);
            for (int i = 0; i < 4096 * 4; i++) {
                raf.write(0x5A);
            }
        }
        byte[] damaged = Files.readAllBytes(file);
        assertThatThrownBy(() -> StateStore.open(dir))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("cannot be used");
        assertThat(Files.readAllBytes(file)).isEqualTo(damaged);
    }

    @Test
    void aNewerSchemaIsRefused() throws SQLException {
        StateStore.open(dir).close();
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(StateStore.FILE_NAME));
             Statement st = db.createStatement()) {
            st.execute("UPDATE schema_version SET version = " + (StateStore.SCHEMA_VERSION + 1));
        }
        assertThatThrownBy(() -> StateStore.open(dir))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("written by a newer version of replprov (schema version "
                        + (StateStore.SCHEMA_VERSION + 1) + "; this version reads up to " + StateStore.SCHEMA_VERSION
                        + ")");
    }

    @Test
    void aVersionOneDatabaseGainsTheRepsToTable() throws SQLException {
        try (StateStore s = StateStore.open(dir)) {
            s.saveConnection(connection(1));
        }
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(StateStore.FILE_NAME));
             Statement st = db.createStatement()) {
            st.execute("DROP TABLE reps_to");
            st.execute("ALTER TABLE connection DROP COLUMN on_demand");
            st.execute("UPDATE schema_version SET version = 1");
        }
        try (StateStore s = StateStore.open(dir)) {
            assertThat(s.connections()).containsOnlyKeys(Links.connection(1));
            assertThat(s.repsTo()).isEmpty();
        }
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(StateStore.FILE_NAME));
             var rs = db.createStatement().executeQuery("SELECT version FROM schema_version")) {
            assertThat(rs.getInt(1)).isEqualTo(StateStore.SCHEMA_VERSION);
        }
    }

    @Test
    void someoneElsesDatabaseIsRefused() throws SQLException {
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(StateStore.FILE_NAME));
             Statement st = db.createStatement()) {
            st.execute("CREATE TABLE invoices (id INTEGER)");
        }
        assertThatThrownBy(() -> StateStore.open(dir))
                .hasMessageContaining("not a replprov state database (tables [invoices])");
    }

    @Test
    void theStateDirectoryIsCreated() {
        Path nested = dir.resolve("a/b");
        StateStore.open(nested).close();
        assertThat(nested.resolve(StateStore.FILE_NAME)).exists();
    }
}
