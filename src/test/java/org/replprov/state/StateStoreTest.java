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
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.config.ConfigurationException;


class StateStoreTest {

    @TempDir
    Path dir;

    private static final TableSet ROWS = new TableSet("test", List.of(
            List.of("CREATE TABLE test_row (n INTEGER PRIMARY KEY, pad BLOB NOT NULL)"),
            List.of("ALTER TABLE test_row ADD COLUMN label TEXT")));

    private static void rows(StateStore s, int count) {
        s.migrate(ROWS);
        for (int i = 0; i < count; i++) {
            int n = i;
            s.update("INSERT INTO test_row VALUES (?, ?, ?)", ps -> {
                ps.setInt(1, n);
                ps.setBytes(2, new byte[200]);
                ps.setString(3, "row " + n);
            });
        }
    }

    private static int version(Path dir, String owner) throws SQLException {
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(StateStore.FILE_NAME));
             var rs = db.createStatement().executeQuery("SELECT version FROM table_set WHERE owner = '" + owner
                     + "'")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    @Test
    void aModulesTablesAreCreatedMigratedStepByStepAndKept() throws SQLException {
        TableSet first = new TableSet("test", ROWS.migrations().subList(0, 1));
        try (StateStore s = StateStore.open(dir)) {
            s.migrate(first);
            s.update("INSERT INTO test_row VALUES (?, ?)", ps -> {
                ps.setInt(1, 7);
                ps.setBytes(2, new byte[] {1});
            });
        }
        assertThat(version(dir, "test")).isEqualTo(1);
        try (StateStore s = StateStore.open(dir)) {
            s.migrate(ROWS);
            s.migrate(ROWS); // again: nothing to do
            String row = s.query("SELECT n, label FROM test_row", rs -> rs.next() ? rs.getInt(1) + "/"
                    + rs.getString(2) : "none");
            assertThat(row).isEqualTo("7/null");
        }
        assertThat(version(dir, "test")).isEqualTo(2);
        assertThat(version(dir, "other")).as("each owner apart").isZero();
    }

    @Test
    void aModulesTablesOfANewerVersionAreRefusedAndLeftAlone() {
        try (StateStore s = StateStore.open(dir)) {
            s.migrate(ROWS);
        }
        try (StateStore s = StateStore.open(dir)) {
            TableSet older = new TableSet("test", ROWS.migrations().subList(0, 1));
            assertThatThrownBy(() -> s.migrate(older)).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("the tables of 'test' were written by a newer version of replprov "
                            + "(version 2; this version reads up to 1)");
            int count = s.query("SELECT count(*) FROM test_row", rs -> rs.getInt(1));
            assertThat(count).isZero();
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
            rows(s, 500);
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

    /**
     * A database of schema version 1 (the DfsrConnectionInfo tables only) gains the repsTo table, and hands its
     * connection and override tables, with the on_demand column added, to the dfsr table set at version 1.
     */
    @Test
    void aVersionOneDatabaseIsMigratedAndItsDfsrTablesHandedOver() throws SQLException {
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(StateStore.FILE_NAME));
             Statement st = db.createStatement()) {
            st.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)");
            st.execute("INSERT INTO schema_version VALUES (1)");
            st.execute("CREATE TABLE connection (connection_guid TEXT PRIMARY KEY, inbound INTEGER NOT NULL, "
                    + "member_guid TEXT NOT NULL, member_name TEXT NOT NULL, partner_guid TEXT NOT NULL, "
                    + "partner_name TEXT NOT NULL, group_guid TEXT NOT NULL, group_name TEXT NOT NULL, "
                    + "first_seen INTEGER NOT NULL, last_activity INTEGER NOT NULL, last_sync INTEGER, "
                    + "last_sync_seconds INTEGER NOT NULL, last_success INTEGER, next_sync INTEGER)");
            st.execute("CREATE TABLE override (connection_guid TEXT NOT NULL, folder_guid TEXT NOT NULL, "
                    + "mode INTEGER NOT NULL, bandwidth INTEGER NOT NULL, start_time INTEGER NOT NULL, "
                    + "end_time INTEGER NOT NULL, PRIMARY KEY (connection_guid, folder_guid))");
            st.execute("INSERT INTO connection VALUES ('A', 0, 'M', 'FS01', 'P', 'FS02', 'G', 'RG', 1, 2, NULL, 0, "
                    + "NULL, NULL)");
        }
        try (StateStore s = StateStore.open(dir)) {
            assertThat(s.repsTo()).isEmpty();
            int onDemand = s.query("SELECT on_demand FROM connection WHERE connection_guid = 'A'", rs -> rs.getInt(1));
            assertThat(onDemand).as("an outbound connection of version 1 was on demand").isEqualTo(1);
        }
        assertThat(version(dir, "dfsr")).isEqualTo(1);
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(StateStore.FILE_NAME));
             var rs = db.createStatement().executeQuery("SELECT version FROM schema_version")) {
            assertThat(rs.getInt(1)).isEqualTo(StateStore.SCHEMA_VERSION);
        }
    }

    @Test
    void anEmptyDatabaseHasOnlyTheCoreTables() throws SQLException {
        StateStore.open(dir).close();
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(StateStore.FILE_NAME));
             var rs = db.createStatement().executeQuery(
                     "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
            List<String> tables = new java.util.ArrayList<>();
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
            assertThat(tables).containsExactly("reps_to", "schema_version", "table_set");
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
