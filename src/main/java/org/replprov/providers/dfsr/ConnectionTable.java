package org.replprov.providers.dfsr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.replprov.cim.CimClass;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimValue;
import org.replprov.wql.InstanceTable;

/**
 * The connections as query tables ({@link InstanceTable}), kept from one query to the next and brought up to date
 * with the changes in between. This is what lets a query test 100 000 connections in about a millisecond: the table
 * builds the column of a property once, the first time a query tests it, and the instance of a row once, the first
 * time a query returns it, instead of every query building every instance.
 *
 * <p>Connections change far less often than monitoring queries read them, but they do change: a sync, a state
 * transition. So the connections are split into parts by a hash of their GUID, each part a table of one or two
 * thousand rows. A change marks its connection; the next query rebuilds the parts that hold marked connections from the
 * connections as they are then, and every other part keeps the columns and instances it has built. When the number of
 * connections doubles or halves, all parts are laid out afresh.
 *
 * <p>A table is only a cache of {@link Connections}: its rows are the connections themselves, and the instances it
 * keeps are exactly those {@link ConnectionInstances#build} makes of them. Queries run lock-free on the parts they
 * got; bringing the parts up to date is serialized.
 */
final class ConnectionTable {

    /**
     * About how many rows a part holds (between this and twice this). A change costs rebuilding one part: copying its
     * rows, and building again the columns and instances its queries need. A scan pays a small fixed cost per part.
     * At 100 000 connections, parts of 1 000 to 4 000 rows scan equally fast, and the smaller ones make a change
     * cheaper.
     */
    static final int PART_ROWS = 1024;

    private final CimClass cimClass;
    private final ConnectionInstances instances;
    private final Connections connections;
    private final int partRows;
    /** Connections changed since the parts were last brought up to date; recorded from the first lay-out on. */
    private final Set<UUID> changed = ConcurrentHashMap.newKeySet();
    private volatile boolean recording;
    private volatile Part[] parts;

    /** The connections whose GUIDs hash to one part, and their table. */
    private record Part(Connection[] rows, InstanceTable table) {
    }

    ConnectionTable(CimClass cimClass, ConnectionInstances instances, Connections connections) {
        this(cimClass, instances, connections, PART_ROWS);
    }

    /** With parts of about {@code partRows} rows (tests use small parts to have many). */
    ConnectionTable(CimClass cimClass, ConnectionInstances instances, Connections connections, int partRows) {
        this.cimClass = cimClass;
        this.instances = instances;
        this.connections = connections;
        this.partRows = partRows;
    }

    CimClass cimClass() {
        return cimClass;
    }

    /** Marks a connection as changed (created, modified or removed). Called while the change is made. */
    void changed(UUID guid) {
        if (recording) {
            changed.add(guid);
        }
    }

    /** The tables of all connections as they are now: those of the last call, with changed parts rebuilt. */
    List<InstanceTable> tables() {
        Part[] p = parts;
        if (p == null || !changed.isEmpty()) {
            p = update();
        }
        List<InstanceTable> out = new ArrayList<>(p.length);
        for (Part part : p) {
            out.add(part.table());
        }
        return out;
    }

    private synchronized Part[] update() {
        Part[] p = parts;
        if (p == null) {
            p = layOut();
        } else if (!changed.isEmpty()) {
            p = apply(p);
            int rows = 0;
            for (Part part : p) {
                rows += part.rows().length;
            }
            if (rows > 2 * partRows * p.length || (p.length > 1 && rows < partRows * p.length / 2)) {
                p = layOut();
            }
        }
        parts = p;
        return p;
    }

    /**
     * All connections in parts, from a copy taken while no change can happen; changes from then on are recorded, so
     * none is missed.
     */
    private Part[] layOut() {
        List<Connection> all = new ArrayList<>();
        connections.whileUnchanged(() -> {
            all.addAll(connections.all());
            changed.clear();
            recording = true;
        });
        int count = partCount(all.size());
        List<List<Connection>> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(new ArrayList<>());
        }
        for (Connection c : all) {
            rows.get(partOf(c.guid(), count)).add(c);
        }
        Part[] out = new Part[count];
        for (int i = 0; i < count; i++) {
            out[i] = part(rows.get(i));
        }
        return out;
    }

    /**
     * {@code parts} with each part that holds a changed connection rebuilt: the connection's old row dropped and its
     * current state, if it still exists, added at the end. A connection is taken out of {@link #changed} before its
     * current state is read, so a change made meanwhile stays marked for the next update.
     */
    private Part[] apply(Part[] parts) {
        Map<Integer, Set<UUID>> byPart = new HashMap<>();
        for (UUID guid : changed) {
            if (changed.remove(guid)) {
                byPart.computeIfAbsent(partOf(guid, parts.length), i -> new HashSet<>()).add(guid);
            }
        }
        Part[] out = parts.clone();
        byPart.forEach((index, guids) -> {
            List<Connection> rows = new ArrayList<>(parts[index].rows().length + guids.size());
            for (Connection c : parts[index].rows()) {
                if (!guids.contains(c.guid())) {
                    rows.add(c);
                }
            }
            for (UUID guid : guids) {
                connections.get(guid).ifPresent(rows::add);
            }
            out[index] = part(rows);
        });
        return out;
    }

    private Part part(List<Connection> list) {
        Connection[] rows = list.toArray(new Connection[0]);
        return new Part(rows, InstanceTable.of(cimClass, new InstanceTable.Source() {
            @Override
            public int size() {
                return rows.length;
            }

            @Override
            public CimValue value(int row, int property) {
                return instances.value(cimClass, rows[row], property);
            }

            @Override
            public CimInstance instance(int row) {
                return instances.build(cimClass, rows[row]);
            }
        }));
    }

    /** A power of two, so that a part is a mask of the hash, near {@code rows / partRows}. */
    private int partCount(int rows) {
        return Integer.highestOneBit(Math.max(1, rows / partRows));
    }

    /** How many parts the connections are split into (for tests). */
    int partCount() {
        Part[] p = parts;
        return p == null ? 0 : p.length;
    }

    /**
     * The part of a connection. Both halves of the GUID are mixed with odd multipliers before the top bits are taken:
     * {@link UUID#hashCode()} XORs the halves, which cancels out in GUIDs that differ in the same bits of both.
     */
    private static int partOf(UUID guid, int parts) {
        long h = guid.getMostSignificantBits() * 0x9E37_79B9_7F4A_7C15L
                ^ guid.getLeastSignificantBits() * 0xC2B2_AE3D_27D4_EB4FL;
        return (int) (h >>> 33) & (parts - 1);
    }
}
