package org.replprov.providers.dfsr;

import static org.replprov.state.SqlValues.instant;
import static org.replprov.state.SqlValues.setInstant;
import static org.replprov.state.SqlValues.text;
import static org.replprov.state.SqlValues.uuid;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.replprov.engine.spi.BandwidthLevel;
import org.replprov.engine.spi.Link;
import org.replprov.engine.spi.ReplicationMode;
import org.replprov.engine.spi.SyncResults;
import org.replprov.state.StateStore;
import org.replprov.state.TableSet;

/**
 * The DfsrConnectionInfo provider's tables in the state database: each connection's identity, first-seen time, last
 * activity and sync results ({@code connection}), and the ForceReplication overrides with their ends
 * ({@code override}). Each method is one transaction; the connection rows are written by {@link ConnectionWriter}.
 */
final class DfsrTables {

    /**
     * Version 1 is the layout the core schema had up to its version 3, which hands these tables over as they are;
     * version 2 records the reporting engine instance.
     * Times are microseconds since the epoch (UTC); GUIDs upper-case text; a NULL time means "never".
     */
    static final TableSet TABLES = new TableSet("dfsr", List.of(List.of(
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
            next_sync          INTEGER,
            on_demand          INTEGER NOT NULL DEFAULT 0
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
        )"""),
        // Version 2: the engine instance that reports each connection, so that an engine that fails to start shows
        // the connections it had In Error.
        List.of("ALTER TABLE connection ADD COLUMN engine TEXT")));

    /** The folder column of a whole-connection override (the column is part of the key, so not NULL). */
    private static final String NO_FOLDER = "";

    private final StateStore store;

    /** Over {@code store}, whose tables it brings to {@link #TABLES}' version. */
    DfsrTables(StateStore store) {
        this.store = store;
        store.migrate(TABLES);
    }

    // ---- connections ------------------------------------------------------------------------------------------

    /** Every saved connection, by ConnectionGuid. */
    Map<UUID, StoredConnection> connections() {
        return store.query("SELECT * FROM connection ORDER BY connection_guid", rs -> {
            Map<UUID, StoredConnection> out = new LinkedHashMap<>();
            while (rs.next()) {
                Link link = new Link(uuid(rs, "connection_guid"), uuid(rs, "member_guid"),
                        rs.getString("member_name"), uuid(rs, "partner_guid"), rs.getString("partner_name"),
                        uuid(rs, "group_guid"), rs.getString("group_name"), rs.getInt("inbound") != 0,
                        rs.getInt("on_demand") != 0, List.of());
                SyncResults sync = new SyncResults(instant(rs, "last_sync"),
                        Duration.ofSeconds(rs.getLong("last_sync_seconds")), instant(rs, "last_success"),
                        instant(rs, "next_sync"));
                out.put(link.connectionGuid(), new StoredConnection(link, sync, instant(rs, "first_seen"),
                        instant(rs, "last_activity"), rs.getString("engine")));
            }
            return out;
        });
    }

    /**
     * Writes connection rows in one transaction: each present value inserts or replaces its connection's row, each
     * empty one deletes it. (A removed connection's overrides are deleted by {@link Overrides}, at once.)
     */
    void writeConnections(Map<UUID, Optional<StoredConnection>> rows) {
        store.transaction(db -> {
            try (PreparedStatement save = db.prepareStatement("INSERT OR REPLACE INTO connection (connection_guid, "
                    + "inbound, member_guid, member_name, partner_guid, partner_name, group_guid, group_name, "
                    + "first_seen, last_activity, last_sync, last_sync_seconds, last_success, next_sync, on_demand, "
                    + "engine) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement forget = db.prepareStatement("DELETE FROM connection WHERE connection_guid = ?")) {
                for (Map.Entry<UUID, Optional<StoredConnection>> row : rows.entrySet()) {
                    if (row.getValue().isPresent()) {
                        bind(save, row.getValue().get());
                        save.executeUpdate();
                    } else {
                        forget.setString(1, text(row.getKey()));
                        forget.executeUpdate();
                    }
                }
            }
            return null;
        });
    }

    private static void bind(PreparedStatement ps, StoredConnection c) throws SQLException {
        Link s = c.link();
        SyncResults r = c.sync();
        ps.setString(1, text(s.connectionGuid()));
        ps.setInt(2, s.inbound() ? 1 : 0);
        ps.setString(3, text(s.memberGuid()));
        ps.setString(4, s.memberName());
        ps.setString(5, text(s.partnerGuid()));
        ps.setString(6, s.partnerName());
        ps.setString(7, text(s.replicationGroupGuid()));
        ps.setString(8, s.replicationGroupName());
        setInstant(ps, 9, c.firstSeen());
        setInstant(ps, 10, c.lastActivity());
        setInstant(ps, 11, r.lastSyncTime());
        ps.setLong(12, r.lastSyncDuration().getSeconds());
        setInstant(ps, 13, r.lastSuccessfulSyncTime());
        setInstant(ps, 14, r.nextSyncTime());
        ps.setInt(15, s.onDemand() ? 1 : 0);
        ps.setString(16, c.engine());
    }

    // ---- overrides --------------------------------------------------------------------------------------------

    List<ScheduleOverride> overrides() {
        return store.query("SELECT * FROM override ORDER BY connection_guid, folder_guid", rs -> {
            List<ScheduleOverride> out = new ArrayList<>();
            while (rs.next()) {
                String folder = rs.getString("folder_guid");
                int mode = rs.getInt("mode");
                int bandwidth = rs.getInt("bandwidth");
                out.add(new ScheduleOverride(uuid(rs, "connection_guid"),
                        folder.equals(NO_FOLDER) ? null : UUID.fromString(folder),
                        ReplicationMode.of(mode).orElseThrow(() -> store.damaged("override mode " + mode
                                + " is unknown", null)),
                        BandwidthLevel.of(bandwidth).orElseThrow(() -> store.damaged("override bandwidth "
                                + bandwidth + " is unknown", null)),
                        instant(rs, "start_time"), instant(rs, "end_time")));
            }
            return out;
        });
    }

    /** Saves an override, replacing the one with the same key. */
    void saveOverride(ScheduleOverride o) {
        store.update("INSERT OR REPLACE INTO override VALUES (?, ?, ?, ?, ?, ?)", ps -> {
            ps.setString(1, text(o.connectionGuid()));
            ps.setString(2, o.replicatedFolderGuid() == null ? NO_FOLDER : text(o.replicatedFolderGuid()));
            ps.setInt(3, o.mode().value());
            ps.setInt(4, o.bandwidth().value());
            setInstant(ps, 5, o.start());
            setInstant(ps, 6, o.end());
        });
    }

    void deleteOverride(ScheduleOverride.Key key) {
        store.update("DELETE FROM override WHERE connection_guid = ? AND folder_guid = ?", ps -> {
            ps.setString(1, text(key.connectionGuid()));
            ps.setString(2, key.replicatedFolderGuid() == null ? NO_FOLDER : text(key.replicatedFolderGuid()));
        });
    }
}
