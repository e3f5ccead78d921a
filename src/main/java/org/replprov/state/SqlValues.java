package org.replprov.state;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;

/**
 * How values are written in the state database, one way for every table: GUIDs as upper-case text, times as
 * microseconds since the epoch (UTC), a NULL time meaning "never".
 */
public final class SqlValues {

    private SqlValues() {
    }

    public static String text(UUID u) {
        return u.toString().toUpperCase(Locale.ROOT);
    }

    public static UUID uuid(ResultSet rs, String column) throws SQLException {
        return UUID.fromString(rs.getString(column));
    }

    public static void setInstant(PreparedStatement ps, int i, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setLong(i, ChronoUnit.MICROS.between(Instant.EPOCH, t));
        }
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        long micros = rs.getLong(column);
        return rs.wasNull() ? null : Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
