package org.replprov.providers.dfsr;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.replprov.cim.Guids;
import org.replprov.state.StateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the connection rows to the state database behind the changes, on a thread of its own. An engine's report
 * never waits for the disk, and a burst of changes (an engine starting with thousands of links, each reported and
 * then given its first health) costs one transaction per {@value #BATCH} rows, each connection written once with its
 * latest value however often it changed while the previous batch was being written.
 *
 * <p>Durability: a change reaches the database as soon as the batch before it is written, at idle within
 * milliseconds. A process killed in that moment loses those last changes of connection rows (identity, sync times,
 * last activity), which the engines report again after a restart. The ForceReplication overrides, whose ends must
 * survive a kill, are written at once by {@link Overrides}, not here. {@link #close()} writes what is left.
 */
final class ConnectionWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConnectionWriter.class);

    /** Rows per transaction: large enough that the commit's cost vanishes, small enough to let other writers in. */
    static final int BATCH = 1000;

    private final DfsrTables tables;
    /** The latest row of each connection not yet written; an empty value forgets the connection. */
    private Map<UUID, Optional<StoredConnection>> pending = new LinkedHashMap<>();
    /** Changes handed in so far, and changes written (or failed) so far: {@link #flush()} waits for one to reach the other. */
    private long queued;
    private long written;
    private Thread thread;
    private boolean closed;

    ConnectionWriter(DfsrTables tables) {
        this.tables = tables;
    }

    /** Saves the connection's row (inserts or replaces it). */
    void save(Connection c) {
        queue(c.guid(), Optional.of(new StoredConnection(c.link(), c.sync(), c.firstSeen(), c.lastActivity(),
                c.engine())));
    }

    /** Forgets the connection's row. */
    void forget(UUID connectionGuid) {
        queue(connectionGuid, Optional.empty());
    }

    private void queue(UUID guid, Optional<StoredConnection> row) {
        synchronized (this) {
            if (!closed) {
                pending.put(guid, row);
                queued++;
                if (thread == null) {
                    thread = new Thread(this::run, "dfsr-state-writer");
                    thread.setDaemon(true);
                    thread.start();
                }
                notifyAll();
                return;
            }
        }
        // After close (an engine reporting during shutdown): written at once, if the database is still open.
        write(Map.of(guid, row));
    }

    /** Returns once every change handed in before the call is written (or failed and was logged). */
    synchronized void flush() {
        long target = queued;
        try {
            while (written < target && !closed) {
                wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (true) {
            Map<UUID, Optional<StoredConnection>> batch;
            long upTo;
            synchronized (this) {
                try {
                    while (pending.isEmpty() && !closed) {
                        wait();
                    }
                } catch (InterruptedException e) {
                    // Only close() stops the writer; what is pending is written first.
                }
                if (pending.isEmpty()) {
                    return;
                }
                batch = pending;
                pending = new LinkedHashMap<>();
                upTo = queued;
            }
            write(batch);
            synchronized (this) {
                written = upTo;
                notifyAll();
            }
        }
    }

    private void write(Map<UUID, Optional<StoredConnection>> rows) {
        Map<UUID, Optional<StoredConnection>> chunk = new LinkedHashMap<>();
        for (Map.Entry<UUID, Optional<StoredConnection>> row : rows.entrySet()) {
            chunk.put(row.getKey(), row.getValue());
            if (chunk.size() == BATCH) {
                writeChunk(chunk);
                chunk.clear();
            }
        }
        if (!chunk.isEmpty()) {
            writeChunk(chunk);
        }
    }

    private void writeChunk(Map<UUID, Optional<StoredConnection>> chunk) {
        try {
            tables.writeConnections(chunk);
        } catch (StateStoreException e) {
            // The provider keeps serving from memory; the next change of each connection tries again.
            log.error("Could not save {} connection change(s) (first {}): {}", chunk.size(),
                    Guids.format(chunk.keySet().iterator().next()), e.getMessage());
        } catch (RuntimeException e) {
            // A bug, not the disk: logged with its trace, and the writer goes on with the next batch.
            log.error("Saving {} connection change(s) failed", chunk.size(), e);
        }
    }

    /** Writes what is pending and stops the thread; later changes are written at once. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            closed = true;
            notifyAll();
            t = thread;
        }
        if (t != null) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
