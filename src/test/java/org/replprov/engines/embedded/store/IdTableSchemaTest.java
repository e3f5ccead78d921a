package org.replprov.engines.embedded.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.engines.embedded.transport.Entry;

/**
 * The ID table's schema versions: a database written before versions were kept (version 0, no file name key) is
 * migrated when opened and its records are then found by file name; a newer one is refused and left as it is; the
 * name lookup ignores case as WQL does and uses the index.
 */
class IdTableSchemaTest {

    private static final UUID FOLDER = UUID.fromString("0e5b8ad4-2b44-4a6c-9a0f-5e5b8ad42b44");

    @TempDir
    Path dir;

    private Connection raw() throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(EmbeddedDatabase.FILE_NAME));
    }

    @Test
    void aVersionZeroDatabaseIsMigratedAndItsRecordsFoundByName() throws Exception {
        try (Connection c = raw(); Statement st = c.createStatement()) {
            // The schema as the engine wrote it before issue 15.
            st.execute("CREATE TABLE folder (folder_guid TEXT PRIMARY KEY, database_guid TEXT NOT NULL,"
                    + " next_uid INTEGER NOT NULL)");
            st.execute("CREATE TABLE id_record (folder_guid TEXT NOT NULL, path TEXT NOT NULL, uid INTEGER NOT NULL,"
                    + " directory INTEGER NOT NULL, installed INTEGER NOT NULL, size INTEGER, mtime INTEGER,"
                    + " sha1 TEXT, PRIMARY KEY (folder_guid, path))");
            st.execute("CREATE UNIQUE INDEX id_record_uid ON id_record (folder_guid, uid)");
            st.execute("INSERT INTO folder VALUES ('0E5B8AD4-2B44-4A6C-9A0F-5E5B8AD42B44',"
                    + " 'DCE7FC28-5584-4D5D-BC84-2BD9D53CC2FC', 4)");
            st.execute("INSERT INTO id_record VALUES ('0E5B8AD4-2B44-4A6C-9A0F-5E5B8AD42B44', 'Reports', 1, 1, 1, 0,"
                    + " 0, ''), ('0E5B8AD4-2B44-4A6C-9A0F-5E5B8AD42B44', 'Reports/Ärger.DOCX', 2, 0, 0, NULL, NULL,"
                    + " NULL), ('0E5B8AD4-2B44-4A6C-9A0F-5E5B8AD42B44', 'ärger.docx', 3, 0, 0, NULL, NULL, NULL)");
        }
        try (EmbeddedDatabase db = EmbeddedDatabase.open(dir)) {
            EmbeddedDatabase.Folder ids = db.folder(FOLDER);
            assertThat(ids.databaseGuid()).isEqualTo(UUID.fromString("dce7fc28-5584-4d5d-bc84-2bd9d53cc2fc"));
            assertThat(ids.byFileName("ÄRGER.docx", 10)).extracting(IdRecord::path)
                    .containsExactly("Reports/Ärger.DOCX", "ärger.docx");
            assertThat(ids.byFileName("ÄRGER.docx", 1)).extracting(IdRecord::uid).containsExactly(2L);
            assertThat(ids.byFileName("reports", 10)).extracting(IdRecord::uid).containsExactly(1L);
            assertThat(ids.byFileName("rger.docx", 10)).isEmpty();
            // Records written after the migration carry the key too.
            ids.assignUids(List.of(new Entry("Reports/new.TXT", false, 1, Instant.EPOCH)));
            assertThat(ids.byFileName("New.txt", 10)).extracting(IdRecord::uid).containsExactly(4L);
            assertThat(ids.scan(2, 2)).extracting(IdRecord::uid).containsExactly(2L, 3L);
        }
        try (Connection c = raw(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
                assertThat(rs.getInt(1)).isEqualTo(EmbeddedDatabase.SCHEMA_VERSION);
            }
            try (ResultSet rs = st.executeQuery("EXPLAIN QUERY PLAN SELECT * FROM id_record"
                    + " WHERE folder_guid = 'x' AND name_key = 'y' ORDER BY uid LIMIT 5")) {
                rs.next();
                assertThat(rs.getString("detail")).contains("USING INDEX id_record_name");
            }
        }
    }

    @Test
    void aNewerDatabaseIsRefusedAndLeftAsItIs() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.open(dir)) {
            db.folder(FOLDER);
        }
        try (Connection c = raw(); Statement st = c.createStatement()) {
            st.execute("PRAGMA user_version = " + (EmbeddedDatabase.SCHEMA_VERSION + 1));
        }
        assertThatThrownBy(() -> EmbeddedDatabase.open(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("newer version of replprov");
        try (Connection c = raw(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM folder")) {
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }
}
