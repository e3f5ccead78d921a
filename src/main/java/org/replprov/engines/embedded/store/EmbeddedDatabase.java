package org.replprov.engines.embedded.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.replprov.drsr.Layout;
import org.replprov.drsr.MalformedBlobException;
import org.replprov.drsr.RepsFromToCodec;
import org.replprov.drsr.RepsTo;
import org.replprov.engines.embedded.transport.Entry;
import org.replprov.state.SqlTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded engine's durable state in one SQLite database: per replicated folder, a database GUID (the GUID part
 * of every Uid, DfsrIdRecordInfo.Uid) and one {@link IdRecord} per path; per replication group, the repsTo list
 * ({@link Downstream}, each kept as a {@code REPS_TO} value).
 *
 * <p>Write-ahead log with {@code synchronous=NORMAL}: a committed write survives the process being killed. The engine
 * writes a record only after the file it describes is in place, so after a crash the table may lag behind the
 * replica, never run ahead of it; the next pass notices files that match upstream and records them.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    public static final String FILE_NAME = "embedded.db";

    /**
     * The schema version this build reads and writes, kept in SQLite's {@code user_version}. Version 0 is a database
     * written before versions were kept (the tables below without {@code id_record.name_key}); version 1 adds the
     * file name key and its index, for DfsrIdRecordInfo lookups by FileName. An older database is migrated when it
     * is opened; a newer one is refused, since this build would not keep what it does not know of up to date.
     */
    public static final int SCHEMA_VERSION = 1;

    /** DfsrIdRecordInfo WHERE FileName = '...': one index seek per folder, in Uid order without a sort. */
    private static final String NAME_INDEX =
            "CREATE INDEX IF NOT EXISTS id_record_name ON id_record (folder_guid, name_key, uid)";

    private static final List<String> SCHEMA = List.of(
            """
            CREATE TABLE IF NOT EXISTS folder (
                folder_guid   TEXT PRIMARY KEY,
                database_guid TEXT NOT NULL,
                next_uid      INTEGER NOT NULL
            )""",
            // installed = 0: seen upstream only; size/mtime/sha1 are then NULL. name_key: the last segment of path,
            // folded by IdRecord.nameKey (version 1).
            """
            CREATE TABLE IF NOT EXISTS id_record (
                folder_guid TEXT NOT NULL,
                path        TEXT NOT NULL,
                uid         INTEGER NOT NULL,
                directory   INTEGER NOT NULL,
                installed   INTEGER NOT NULL,
                size        INTEGER,
                mtime       INTEGER,
                sha1        TEXT,
                name_key    TEXT NOT NULL,
                PRIMARY KEY (folder_guid, path)
            )""",
            "CREATE UNIQUE INDEX IF NOT EXISTS id_record_uid ON id_record (folder_guid, uid)",
            NAME_INDEX,
            // value: the REPS_TO value (MS-DRSR §5.171), version 2, MS-DRSR layout; last_seen in ms since the epoch.
            """
            CREATE TABLE IF NOT EXISTS reps_to (
                group_guid      TEXT NOT NULL,
                uuid_dsa        TEXT NOT NULL,
                value           BLOB NOT NULL,
                connection_guid TEXT NOT NULL,
                member_name     TEXT NOT NULL,
                notify_token    TEXT NOT NULL,
                last_seen       INTEGER NOT NULL,
                PRIMARY KEY (group_guid, uuid_dsa)
            )""");

    private final Connection db;
    private final String where;

    private EmbeddedDatabase(Connection db, String where) {
        this.db = db;
        this.where = where;
    }

    /** Opens or creates {@value #FILE_NAME} in {@code directory}. */
    public static EmbeddedDatabase open(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(FILE_NAME).toAbsolutePath();
        // SQLite would take an empty file for an empty database and start new ID tables (new database GUIDs, so
        // new Uids); the schema is written when the file is made, so an empty one was truncated by something else.
        if (Files.exists(file) && Files.size(file) == 0) {
            throw new IOException("the ID database " + file + " is empty (0 bytes), so not the database replprov "
                    + "wrote. It was left as it is; move it aside to start with new ID tables, or restore a backup.");
        }
        return connect("jdbc:sqlite:" + file, file.toString());
    }

    /** A database that lives as long as this object: for tests. */
    public static EmbeddedDatabase inMemory() throws IOException {
        return connect("jdbc:sqlite::memory:", "in-memory ID table");
    }

    private static EmbeddedDatabase connect(String url, String where) throws IOException {
        try {
            Connection db = DriverManager.getConnection(url);
            try {
                try (Statement st = db.createStatement()) {
                    st.execute("PRAGMA journal_mode = WAL");
                    st.execute("PRAGMA synchronous = NORMAL");
                    st.execute("PRAGMA busy_timeout = 5000");
                }
                SqlTransaction.run(db, () -> {
                    migrate(db, where);
                    return null;
                });
            } catch (SQLException | RuntimeException e) {
                db.close();
                throw e;
            }
            return new EmbeddedDatabase(db, where);
        } catch (SQLException e) {
            throw new IOException("cannot open the ID database " + where + ": " + e.getMessage(), e);
        }
    }

    /** Brings the schema to {@link #SCHEMA_VERSION}, in the caller's transaction. */
    private static void migrate(Connection db, String where) throws SQLException {
        int version;
        boolean empty;
        try (Statement st = db.createStatement()) {
            try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
                version = rs.next() ? rs.getInt(1) : 0;
            }
            try (ResultSet rs = st.executeQuery("SELECT 1 FROM sqlite_master WHERE name = 'id_record'")) {
                empty = !rs.next();
            }
        }
        if (version > SCHEMA_VERSION) {
            throw new SQLException("it was written by a newer version of replprov (schema version " + version
                    + "; this version reads up to " + SCHEMA_VERSION + "). It was left as it is.");
        }
        if (version == 0 && !empty) {
            // Version 0 to 1: the name key of every record, computed here since SQLite's lower() folds ASCII only.
            try (Statement st = db.createStatement()) {
                st.execute("ALTER TABLE id_record ADD COLUMN name_key TEXT NOT NULL DEFAULT ''");
            }
            int rows = 0;
            try (PreparedStatement read = db.prepareStatement("SELECT rowid, path FROM id_record");
                 PreparedStatement write = db.prepareStatement("UPDATE id_record SET name_key = ? WHERE rowid = ?");
                 ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    write.setString(1, IdRecord.nameKey(IdRecord.fileName(rs.getString(2))));
                    write.setLong(2, rs.getLong(1));
                    write.addBatch();
                    if (++rows % 10_000 == 0) {
                        write.executeBatch();
                    }
                }
                write.executeBatch();
            }
            log.info("ID database {} migrated from schema version 0 to {}: file name keys of {} record(s)", where,
                    SCHEMA_VERSION, rows);
        }
        try (Statement st = db.createStatement()) {
            for (String sql : SCHEMA) {
                st.execute(sql);
            }
            st.execute("PRAGMA user_version = " + SCHEMA_VERSION);
        }
    }

    /** The ID table of one replicated folder; its database GUID is made on first use. */
    public synchronized Folder folder(UUID replicatedFolderGuid) throws IOException {
        String key = text(replicatedFolderGuid);
        return sql(() -> {
            try (PreparedStatement ps = db.prepareStatement("SELECT database_guid FROM folder WHERE folder_guid = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return new Folder(key, UUID.fromString(rs.getString(1)));
                    }
                }
            }
            UUID databaseGuid = UUID.randomUUID();
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO folder VALUES (?, ?, 1)")) {
                ps.setString(1, key);
                ps.setString(2, text(databaseGuid));
                ps.executeUpdate();
            }
            return new Folder(key, databaseGuid);
        });
    }

    /** The repsTo list of a replication group, by downstream member GUID. */
    public synchronized Map<UUID, Downstream> repsTo(UUID groupGuid) throws IOException {
        return sql(() -> {
            Map<UUID, Downstream> out = new LinkedHashMap<>();
            try (PreparedStatement ps = db.prepareStatement(
                    "SELECT * FROM reps_to WHERE group_guid = ? ORDER BY member_name")) {
                ps.setString(1, text(groupGuid));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        RepsTo r;
                        try {
                            r = RepsTo.from(RepsFromToCodec.decode(rs.getBytes("value")));
                        } catch (MalformedBlobException e) {
                            throw new SQLException("stored REPS_TO value of " + rs.getString("member_name")
                                    + " is malformed: " + e.getMessage(), e);
                        }
                        out.put(r.uuidDsa(), new Downstream(r, UUID.fromString(rs.getString("connection_guid")),
                                rs.getString("member_name"), rs.getString("notify_token"),
                                Instant.ofEpochMilli(rs.getLong("last_seen"))));
                    }
                }
            }
            return out;
        });
    }

    /** Saves (inserts or replaces) a repsTo entry of a group. */
    public synchronized void saveRepsTo(UUID groupGuid, Downstream e) throws IOException {
        sql(() -> {
            try (PreparedStatement ps = db.prepareStatement(
                    "INSERT OR REPLACE INTO reps_to VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, text(groupGuid));
                ps.setString(2, text(e.memberGuid()));
                ps.setBytes(3, RepsFromToCodec.encode(e.repsTo().toBlob(2, Layout.WINDOWS)));
                ps.setString(4, text(e.connectionGuid()));
                ps.setString(5, e.memberName());
                ps.setString(6, e.notifyToken());
                ps.setLong(7, e.lastSeen().toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Removes the repsTo entry of a downstream member. */
    public synchronized void deleteRepsTo(UUID groupGuid, UUID memberGuid) throws IOException {
        sql(() -> {
            try (PreparedStatement ps = db.prepareStatement(
                    "DELETE FROM reps_to WHERE group_guid = ? AND uuid_dsa = ?")) {
                ps.setString(1, text(groupGuid));
                ps.setString(2, text(memberGuid));
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            // nothing left to save: every write was committed when it returned
        }
    }

    /** One replicated folder's records. All methods are atomic. */
    public final class Folder {

        private final String key;
        private final UUID databaseGuid;

        private Folder(String key, UUID databaseGuid) {
            this.key = key;
            this.databaseGuid = databaseGuid;
        }

        /** The GUID part of this folder's Uids. */
        public UUID databaseGuid() {
            return databaseGuid;
        }

        /** Every record, by path. */
        public Map<String, IdRecord> records() throws IOException {
            synchronized (EmbeddedDatabase.this) {
                return sql(() -> {
                    Map<String, IdRecord> out = new HashMap<>();
                    try (PreparedStatement ps = db.prepareStatement("SELECT * FROM id_record WHERE folder_guid = ?")) {
                        ps.setString(1, key);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                IdRecord r = record(rs);
                                out.put(r.path(), r);
                            }
                        }
                    }
                    return out;
                });
            }
        }

        /** Whether any record is installed: the folder has replicated something (its initial sync is behind it). */
        public boolean anyInstalled() throws IOException {
            synchronized (EmbeddedDatabase.this) {
                return sql(() -> {
                    try (PreparedStatement ps = db.prepareStatement(
                            "SELECT 1 FROM id_record WHERE folder_guid = ? AND installed = 1 LIMIT 1")) {
                        ps.setString(1, key);
                        try (ResultSet rs = ps.executeQuery()) {
                            return rs.next();
                        }
                    }
                });
            }
        }

        /** The record with Uid version {@code uid}. */
        public Optional<IdRecord> byUid(long uid) throws IOException {
            synchronized (EmbeddedDatabase.this) {
                return sql(() -> {
                    try (PreparedStatement ps = db.prepareStatement(
                            "SELECT * FROM id_record WHERE folder_guid = ? AND uid = ?")) {
                        ps.setString(1, key);
                        ps.setLong(2, uid);
                        try (ResultSet rs = ps.executeQuery()) {
                            return rs.next() ? Optional.of(record(rs)) : Optional.empty();
                        }
                    }
                });
            }
        }

        /** The record of {@code path}. */
        public Optional<IdRecord> byPath(String path) throws IOException {
            synchronized (EmbeddedDatabase.this) {
                return sql(() -> {
                    try (PreparedStatement ps = db.prepareStatement(
                            "SELECT * FROM id_record WHERE folder_guid = ? AND path = ?")) {
                        ps.setString(1, key);
                        ps.setString(2, path);
                        try (ResultSet rs = ps.executeQuery()) {
                            return rs.next() ? Optional.of(record(rs)) : Optional.empty();
                        }
                    }
                });
            }
        }

        /**
         * At most {@code limit} records whose file name (the last segment of the path) equals {@code fileName}
         * ignoring case ({@link IdRecord#nameKey}), by Uid: an index seek, whatever the size of the table.
         */
        public List<IdRecord> byFileName(String fileName, int limit) throws IOException {
            return select("SELECT * FROM id_record WHERE folder_guid = ? AND name_key = ? ORDER BY uid LIMIT ?",
                    IdRecord.nameKey(fileName), limit);
        }

        /** At most {@code limit} records, by Uid, from the first whose Uid version is {@code fromUid} or more. */
        public List<IdRecord> scan(long fromUid, int limit) throws IOException {
            return select("SELECT * FROM id_record WHERE folder_guid = ? AND uid >= ? ORDER BY uid LIMIT ?",
                    fromUid, limit);
        }

        private List<IdRecord> select(String query, Object value, int limit) throws IOException {
            synchronized (EmbeddedDatabase.this) {
                return sql(() -> {
                    List<IdRecord> out = new ArrayList<>();
                    try (PreparedStatement ps = db.prepareStatement(query)) {
                        ps.setString(1, key);
                        ps.setObject(2, value);
                        ps.setInt(3, limit);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                out.add(record(rs));
                            }
                        }
                    }
                    return out;
                });
            }
        }

        /** Gives each upstream entry a new Uid and saves it as seen, not installed; returns the new records. */
        public List<IdRecord> assignUids(Collection<Entry> seen) throws IOException {
            if (seen.isEmpty()) {
                return List.of();
            }
            synchronized (EmbeddedDatabase.this) {
                return transaction(() -> {
                    long next;
                    try (PreparedStatement ps = db.prepareStatement("SELECT next_uid FROM folder WHERE folder_guid = ?")) {
                        ps.setString(1, key);
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            next = rs.getLong(1);
                        }
                    }
                    List<IdRecord> added = new ArrayList<>(seen.size());
                    for (Entry e : seen) {
                        added.add(IdRecord.pending(e.path(), next++, e.directory()));
                    }
                    upsert(added);
                    try (PreparedStatement ps = db.prepareStatement("UPDATE folder SET next_uid = ? WHERE folder_guid = ?")) {
                        ps.setLong(1, next);
                        ps.setString(2, key);
                        ps.executeUpdate();
                    }
                    return added;
                });
            }
        }

        /** Saves records (inserted or replaced by path), all in one transaction. */
        public void save(Collection<IdRecord> records) throws IOException {
            if (records.isEmpty()) {
                return;
            }
            synchronized (EmbeddedDatabase.this) {
                transaction(() -> {
                    upsert(records);
                    return null;
                });
            }
        }

        /** Forgets paths, all in one transaction. */
        public void remove(Collection<String> paths) throws IOException {
            if (paths.isEmpty()) {
                return;
            }
            synchronized (EmbeddedDatabase.this) {
                transaction(() -> {
                    try (PreparedStatement ps = db.prepareStatement(
                            "DELETE FROM id_record WHERE folder_guid = ? AND path = ?")) {
                        for (String p : paths) {
                            ps.setString(1, key);
                            ps.setString(2, p);
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                    return null;
                });
            }
        }

        private void upsert(Collection<IdRecord> records) throws SQLException {
            // An update in place where the path is known: INSERT OR REPLACE would delete the row and insert it again,
            // rewriting both indexes.
            try (PreparedStatement ps = db.prepareStatement("""
                    INSERT INTO id_record (folder_guid, path, uid, directory, installed, size, mtime, sha1, name_key)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (folder_guid, path) DO UPDATE SET uid = excluded.uid, directory = excluded.directory,
                        installed = excluded.installed, size = excluded.size, mtime = excluded.mtime,
                        sha1 = excluded.sha1""")) {
                for (IdRecord r : records) {
                    ps.setString(1, key);
                    ps.setString(2, r.path());
                    ps.setLong(3, r.uid());
                    ps.setInt(4, r.directory() ? 1 : 0);
                    ps.setInt(5, r.installed() != null ? 1 : 0);
                    if (r.installed() != null) {
                        ps.setLong(6, r.installed().size());
                        ps.setLong(7, r.installed().lastModified().toEpochMilli());
                        ps.setString(8, r.installed().sha1());
                    } else {
                        ps.setNull(6, Types.INTEGER);
                        ps.setNull(7, Types.INTEGER);
                        ps.setNull(8, Types.VARCHAR);
                    }
                    ps.setString(9, IdRecord.nameKey(IdRecord.fileName(r.path())));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }

        private IdRecord record(ResultSet rs) throws SQLException {
            IdRecord.Version v = rs.getInt("installed") == 0 ? null : new IdRecord.Version(rs.getLong("size"),
                    Instant.ofEpochMilli(rs.getLong("mtime")), rs.getString("sha1"));
            return new IdRecord(rs.getString("path"), rs.getLong("uid"), rs.getInt("directory") != 0, v);
        }
    }

    // ---- plumbing ---------------------------------------------------------------------------------------------

    private <T> T sql(SqlTransaction.Work<T> work) throws IOException {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new IOException("ID database " + where + ": " + e.getMessage(), e);
        }
    }

    private <T> T transaction(SqlTransaction.Work<T> work) throws IOException {
        return sql(() -> SqlTransaction.run(db, work));
    }

    private static String text(UUID u) {
        return u.toString().toUpperCase(Locale.ROOT);
    }
}
