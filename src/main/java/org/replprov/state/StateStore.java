package org.replprov.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.replprov.config.ConfigurationException;
import org.replprov.drsr.Layout;
import org.replprov.drsr.MalformedBlobException;
import org.replprov.drsr.RepsFromToCodec;
import org.replprov.drsr.RepsTo;
import org.replprov.engine.spi.RepsToEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's durable state in one SQLite database ({@value #FILE_NAME} in the state directory): the core tables
 * (the repsTo values the engines fill, and the versions of the table sets) and the tables each class module keeps
 * ({@link TableSet}, applied with {@link #migrate(TableSet)}; the module reads and writes them with {@link #query},
 * {@link #update} and {@link #transaction}).
 *
 * <p>Durability: write-ahead log with {@code synchronous=NORMAL}, so every committed write survives the process being
 * killed (a power loss may lose the last few). Each method is one transaction.
 *
 * <p>Versions: the {@code schema_version} table holds the core schema's version; {@link #SCHEMA_VERSION} is the one
 * this build writes. An empty database is created at that version, an older one is migrated step by step, and a newer
 * one is refused: this build would not know what it is missing. The {@code table_set} table holds each module's
 * version of its own tables, migrated and refused the same way, apart from the core and from each other.
 */
public final class StateStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StateStore.class);

    public static final String FILE_NAME = "replprov-state.db";

    /** The schema version this build reads and writes. */
    public static final int SCHEMA_VERSION = 4;

    /**
     * The form a {@code repsTo} value is stored in: the {@code REPS_TO} structure (MS-DRSR §5.171) that Windows Server
     * 2008 and later write, version 2 in the Windows layout. Its {@code DSA_RPC_INST} holds a network address of any
     * length, where version 1's {@code MTX_ADDR} stops at 255 bytes.
     */
    public static final int REPS_TO_VERSION = 2;
    public static final Layout REPS_TO_LAYOUT = Layout.WINDOWS;

    private static final String REPS_TO_TABLE = """
        CREATE TABLE reps_to (
            naming_context_key TEXT NOT NULL,
            uuid_dsa           TEXT NOT NULL,
            naming_context     TEXT NOT NULL,
            value              BLOB NOT NULL,
            PRIMARY KEY (naming_context_key, uuid_dsa)
        )""";

    private static final String TABLE_SET_TABLE = """
        CREATE TABLE table_set (
            owner   TEXT PRIMARY KEY,
            version INTEGER NOT NULL
        )""";

    /** What an empty database is created with: the core tables at {@link #SCHEMA_VERSION}. */
    private static final List<String> CORE = List.of(REPS_TO_TABLE, TABLE_SET_TABLE);

    /**
     * Migration {@code i} takes a database written by an earlier version from core version {@code i} to {@code i + 1}.
     * Until version 4 the DfsrConnectionInfo provider's tables ({@code connection}, {@code override}) were core
     * tables; version 4 hands them to the {@code dfsr} table set at its version 1, which has the same columns. Times
     * are microseconds since the epoch (UTC); GUIDs are upper-case text; a NULL time means "never"; a {@code repsTo}
     * value is the blob {@link #REPS_TO_VERSION} gives, under its naming context lower-cased (distinguished names
     * compare ignoring case) and its partner's GUID.
     */
    private static final List<List<String>> MIGRATIONS = List.of(List.of(
        """
        CREATE TABLE connection (
            connection_guid    TEXT PRIMARY KEY,
            inbound            INTEGER NOT NULL,
            member_guid        TEXT NOT NULL,
            member_name        TEXT NOT NULL,
            partner_guid       TEXT NOT NULL,
            partner_name       TEXT NOT NULL,
            group_guid         TEXT NOT NULL,
            group_name         TEXT NOT NULL,
            first_seen         INTEGER NOT NULL,
            last_activity      INTEGER NOT NULL,
            last_sync          INTEGER,
            last_sync_seconds  INTEGER NOT NULL,
            last_success       INTEGER,
            next_sync          INTEGER
        )""",
        """
        CREATE TABLE override (
            connection_guid TEXT NOT NULL,
            folder_guid     TEXT NOT NULL,
            mode            INTEGER NOT NULL,
            bandwidth       INTEGER NOT NULL,
            start_time      INTEGER NOT NULL,
            end_time        INTEGER NOT NULL,
            PRIMARY KEY (connection_guid, folder_guid)
        )"""
    ), List.of(REPS_TO_TABLE), List.of(
        // Links an engine keeps only while the partner uses them expire when idle; until version 3 those were
        // exactly the outbound ones (engine.spi.Link#onDemand).
        "ALTER TABLE connection ADD COLUMN on_demand INTEGER NOT NULL DEFAULT 0",
        "UPDATE connection SET on_demand = 1 WHERE inbound = 0"
    ), List.of(
        TABLE_SET_TABLE,
        "INSERT INTO table_set VALUES ('dfsr', 1)"
    ));

    private final String where;
    private final Connection db;

    private StateStore(String where, Connection db) {
        this.where = where;
        this.db = db;
    }

    /**
     * Opens (or creates) the database in {@code directory}, creating the directory when needed.
     *
     * @throws ConfigurationException when the database is corrupt, is not a replprov state database, or was written
     *     by a newer version; the file is left as it is
     */
    public static StateStore open(Path directory) {
        Path file = directory.resolve(FILE_NAME).toAbsolutePath();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new ConfigurationException("cannot create the state directory " + directory + ": " + e, e);
        }
        try {
            // SQLite takes an empty file for an empty database and would write a new schema into it; but replprov
            // never leaves its database empty (the schema is written when the file is made), so something else
            // truncated it, and what was in it may still be recoverable from a backup.
            if (Files.exists(file) && Files.size(file) == 0) {
                throw refuse(file.toString(), "it is empty (0 bytes), so not the database replprov wrote", null);
            }
        } catch (IOException e) {
            throw refuse(file.toString(), "it cannot be read (" + e.getMessage() + ")", e);
        }
        StateStore store = connect("jdbc:sqlite:" + file, file.toString());
        log.info("State database {} opened (schema version {}, {} repsTo values)", file, SCHEMA_VERSION,
                store.count("reps_to"));
        return store;
    }

    /** A store that lives as long as the process: for embedding and tests that need no durability. */
    public static StateStore inMemory() {
        return connect("jdbc:sqlite::memory:", "in-memory state");
    }

    private static StateStore connect(String url, String where) {
        Connection db;
        try {
            db = DriverManager.getConnection(url);
        } catch (SQLException e) {
            throw new ConfigurationException("cannot open the state database " + where + ": " + e.getMessage(), e);
        }
        StateStore store = new StateStore(where, db);
        try {
            store.checkAndMigrate();
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private void checkAndMigrate() {
        int version;
        try (Statement st = db.createStatement()) {
            // Reading the schema is what fails first on a file that is not a database at all.
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            try (ResultSet rs = st.executeQuery("PRAGMA quick_check")) {
                String verdict = rs.next() ? rs.getString(1) : "no answer";
                if (!"ok".equals(verdict)) {
                    throw refuse("it is corrupt (integrity check: " + verdict + ")", null);
                }
            }
            if (tables.isEmpty()) {
                version = 0;
            } else if (!tables.contains("schema_version")) {
                throw refuse("it is not a replprov state database (tables " + tables + ")", null);
            } else {
                try (ResultSet rs = st.executeQuery("SELECT version FROM schema_version")) {
                    version = rs.next() ? rs.getInt(1) : -1;
                }
            }
            if (version > SCHEMA_VERSION) {
                throw refuse("it was written by a newer version of replprov (schema version " + version
                        + "; this version reads up to " + SCHEMA_VERSION + ")", null);
            }
            if (version < 0) {
                throw refuse("its schema_version table is empty", null);
            }
            st.execute("PRAGMA journal_mode = WAL");
            st.execute("PRAGMA synchronous = NORMAL");
            st.execute("PRAGMA busy_timeout = 5000");
        } catch (SQLException e) {
            throw refuse("it cannot be read (" + e.getMessage() + ")", e);
        }
        if (version < SCHEMA_VERSION) {
            migrate(version);
        }
    }

    private void migrate(int from) {
        transaction(c -> {
            try (Statement st = c.createStatement()) {
                if (from == 0) {
                    st.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)");
                    st.execute("INSERT INTO schema_version VALUES (" + SCHEMA_VERSION + ")");
                    for (String sql : CORE) {
                        st.execute(sql);
                    }
                    return null;
                }
                for (int v = from; v < SCHEMA_VERSION; v++) {
                    for (String sql : MIGRATIONS.get(v)) {
                        st.execute(sql);
                    }
                }
                st.execute("UPDATE schema_version SET version = " + SCHEMA_VERSION);
            }
            return null;
        });
        if (from > 0) {
            log.info("State database {} migrated from schema version {} to {}", where, from, SCHEMA_VERSION);
        }
    }

    /**
     * Brings a module's tables to the version its migrations lead to: creates them in an empty database, migrates
     * them step by step from the version recorded for their owner, in one transaction. Calling it again does nothing.
     *
     * @throws ConfigurationException when the tables were written by a newer version of the module; they are left as
     *     they are
     */
    public synchronized void migrate(TableSet set) {
        if (set.migrations().isEmpty()) {
            return;
        }
        int from = query("SELECT version FROM table_set WHERE owner = ?", ps -> ps.setString(1, set.owner()),
                rs -> rs.next() ? rs.getInt(1) : 0);
        if (from > set.version()) {
            throw refuse("the tables of '" + set.owner() + "' were written by a newer version of replprov (version "
                    + from + "; this version reads up to " + set.version() + ")", null);
        }
        if (from == set.version()) {
            return;
        }
        transaction(c -> {
            try (Statement st = c.createStatement()) {
                for (int v = from; v < set.version(); v++) {
                    for (String sql : set.migrations().get(v)) {
                        st.execute(sql);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO table_set VALUES (?, ?)")) {
                ps.setString(1, set.owner());
                ps.setInt(2, set.version());
                ps.executeUpdate();
            }
            return null;
        });
        log.info("State database {}: the tables of '{}' {} version {}", where, set.owner(),
                from == 0 ? "were created at" : "were migrated from version " + from + " to", set.version());
    }

    /**
     * The state a module read is damaged (a value no version wrote): start-up stops with a message naming the file,
     * which is left as it is.
     */
    public ConfigurationException damaged(String why, Throwable cause) {
        return refuse(why, cause);
    }

    private ConfigurationException refuse(String why, Throwable cause) {
        return refuse(where, why, cause);
    }

    private static ConfigurationException refuse(String where, String why, Throwable cause) {
        return new ConfigurationException("the state database " + where + " cannot be used: " + why
                + ". It was left as it is; move it aside to start with empty state, or restore a backup.", cause);
    }

    // ---- repsTo values ----------------------------------------------------------------------------------------

    /**
     * Every saved {@code repsTo} value, by naming context and partner GUID.
     *
     * @throws ConfigurationException when a stored blob does not decode: the database is damaged
     */
    public synchronized List<RepsToEntry> repsTo() {
        return query("SELECT naming_context, value FROM reps_to ORDER BY naming_context_key, uuid_dsa", rs -> {
            List<RepsToEntry> out = new ArrayList<>();
            while (rs.next()) {
                String namingContext = rs.getString("naming_context");
                try {
                    out.add(new RepsToEntry(namingContext, RepsTo.from(RepsFromToCodec.decode(rs.getBytes("value")))));
                } catch (MalformedBlobException e) {
                    throw refuse("a repsTo value of " + namingContext + " is damaged (" + e.getMessage() + ")", e);
                }
            }
            return out;
        });
    }

    /** Saves a {@code repsTo} value as its {@code REPS_TO} blob, replacing the one with the same key. */
    public synchronized void saveRepsTo(RepsToEntry entry) {
        RepsToEntry.Key key = entry.key();
        byte[] value = RepsFromToCodec.encode(entry.repsTo().toBlob(REPS_TO_VERSION, REPS_TO_LAYOUT));
        update("INSERT OR REPLACE INTO reps_to VALUES (?, ?, ?, ?)", ps -> {
            ps.setString(1, key.namingContext());
            ps.setString(2, SqlValues.text(key.uuidDsa()));
            ps.setString(3, entry.namingContext());
            ps.setBytes(4, value);
        });
    }

    public synchronized void deleteRepsTo(RepsToEntry.Key key) {
        update("DELETE FROM reps_to WHERE naming_context_key = ? AND uuid_dsa = ?", ps -> {
            ps.setString(1, key.namingContext());
            ps.setString(2, SqlValues.text(key.uuidDsa()));
        });
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            log.warn("Closing the state database {} failed", where, e);
        }
    }

    // ---- plumbing ---------------------------------------------------------------------------------------------

    /** Sets a statement's parameters. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Reads a query's rows. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Work in one transaction, given the database connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection db) throws SQLException;
    }

    /** Runs {@code work} as one transaction on the database ({@link SqlTransaction}). */
    public synchronized <T> T transaction(Work<T> work) {
        try {
            return SqlTransaction.run(db, () -> work.run(db));
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Runs one statement with parameters. */
    public synchronized void update(String sql, Binder binder) {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            binder.bind(ps);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Runs one query without parameters. */
    public synchronized <T> T query(String sql, Reader<T> reader) {
        return query(sql, ps -> { }, reader);
    }

    /** Runs one query with parameters. */
    public synchronized <T> T query(String sql, Binder binder, Reader<T> reader) {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return reader.read(rs);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private long count(String table) {
        return query("SELECT count(*) FROM " + table, rs -> rs.next() ? rs.getLong(1) : 0);
    }

    /** A failure after start-up (disk full, I/O error): the caller logs it; the provider keeps serving from memory. */
    private StateStoreException failure(SQLException e) {
        return new StateStoreException("state database " + where + ": " + e.getMessage(), e);
    }

}
