package org.replprov.testing;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import org.replprov.engine.spi.BandwidthLevel;
import org.replprov.engine.spi.ConnectionFailure;
import org.replprov.engine.spi.ConnectionListener;
import org.replprov.engine.spi.ConnectionSnapshot;
import org.replprov.engine.spi.ConnectionTrigger;
import org.replprov.engine.spi.EngineException;
import org.replprov.engine.spi.ReplicatedFolder;
import org.replprov.engine.spi.ReplicationEngine;
import org.replprov.engine.spi.ReplicationMode;
import org.replprov.engine.spi.SyncResults;
import org.replprov.engine.spi.Uid;

/**
 * A deterministic engine for tests: the test reports connections and triggers through it (synchronously, on the
 * test's thread), chooses how each call answers, and reads back the calls the provider made.
 */
public final class FakeEngine implements ReplicationEngine {

    /** One call the provider made, with its arguments. */
    public record Call(String method, List<Object> args) {
        @Override
        public String toString() {
            return method + args;
        }
    }

    private final Clock clock;
    private final List<Call> calls = new ArrayList<>();
    private final Map<UUID, List<ReplicatedFolder>> folders = new HashMap<>();
    private final Map<String, EngineException> refusals = new HashMap<>();
    private final Map<String, RuntimeException> bugs = new HashMap<>();
    private final Map<String, CountDownLatch> hangs = new HashMap<>();
    private volatile ConnectionListener listener;
    private volatile boolean closed;

    public FakeEngine(Clock clock) {
        this.clock = clock;
    }

    // ---- what the test drives ---------------------------------------------------------------------------------

    public FakeEngine report(ConnectionSnapshot s) {
        listener().connectionReported(s);
        return this;
    }

    public FakeEngine trigger(UUID connection, ConnectionTrigger trigger) {
        listener().stateChanged(connection, trigger);
        return this;
    }

    public FakeEngine fail(UUID connection, ConnectionFailure failure) {
        listener().stateChanged(connection, ConnectionTrigger.RETRIES_EXHAUSTED, failure);
        return this;
    }

    public FakeEngine remove(UUID connection) {
        listener().connectionRemoved(connection);
        return this;
    }

    /** Reports {@code s} with a sync session that ended now and lasted {@code took}. */
    public FakeEngine syncCompleted(ConnectionSnapshot s, Duration took) {
        var now = clock.instant();
        return report(s.withSyncResults(new SyncResults(now.minus(took), took, now, now.plus(Duration.ofHours(1)))));
    }

    public FakeEngine folders(UUID connection, ReplicatedFolder... fs) {
        synchronized (folders) {
            folders.put(connection, List.of(fs));
        }
        return this;
    }

    /** The next calls of {@code method} are refused with {@code code}. */
    public FakeEngine refuse(String method, int code) {
        synchronized (refusals) {
            refusals.put(method, EngineException.refused(code, "fake refuses " + method));
        }
        return this;
    }

    /** The next calls of {@code method} throw {@code bug}, as a broken adapter would. */
    public FakeEngine breakWith(String method, RuntimeException bug) {
        synchronized (bugs) {
            bugs.put(method, bug);
        }
        return this;
    }

    /** Calls of {@code method} block until the returned latch is released (or the thread is interrupted). */
    public CountDownLatch hang(String method) {
        CountDownLatch latch = new CountDownLatch(1);
        synchronized (hangs) {
            hangs.put(method, latch);
        }
        return latch;
    }

    public void heal() {
        synchronized (refusals) {
            refusals.clear();
        }
        synchronized (bugs) {
            bugs.clear();
        }
    }

    public List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    public List<Call> calls(String method) {
        return calls().stream().filter(c -> c.method().equals(method)).toList();
    }

    public boolean isClosed() {
        return closed;
    }

    private ConnectionListener listener() {
        if (listener == null) {
            throw new IllegalStateException("the engine was not started");
        }
        return listener;
    }

    // ---- the engine ---------------------------------------------------------------------------------------------

    private void record(String method, Object... args) throws EngineException {
        synchronized (calls) {
            calls.add(new Call(method, List.of(args)));
        }
        CountDownLatch hang;
        synchronized (hangs) {
            hang = hangs.get(method);
        }
        if (hang != null) {
            try {
                hang.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw EngineException.failed("interrupted", e);
            }
        }
        synchronized (bugs) {
            if (bugs.containsKey(method)) {
                throw bugs.get(method);
            }
        }
        synchronized (refusals) {
            if (refusals.containsKey(method)) {
                throw refusals.get(method);
            }
        }
    }

    @Override
    public void start(ConnectionListener l) throws EngineException {
        this.listener = l;
        record("start");
    }

    @Override
    public List<ReplicatedFolder> replicatedFolders(UUID connectionGuid) throws EngineException {
        record("replicatedFolders", connectionGuid);
        synchronized (folders) {
            return folders.getOrDefault(connectionGuid, List.of());
        }
    }

    @Override
    public void checkConnectivity(UUID connectionGuid) throws EngineException {
        record("checkConnectivity", connectionGuid);
    }

    @Override
    public void forceReplication(UUID connectionGuid, ReplicationMode mode, BandwidthLevel bandwidth)
            throws EngineException {
        record("forceReplication", connectionGuid, mode, bandwidth);
    }

    @Override
    public void forceFolderReplication(UUID connectionGuid, UUID replicatedFolderGuid, ReplicationMode mode,
                                       BandwidthLevel bandwidth) throws EngineException {
        record("forceFolderReplication", connectionGuid, replicatedFolderGuid, mode, bandwidth);
    }

    @Override
    public void forceDownload(UUID connectionGuid, UUID replicatedFolderGuid, Uid uid) throws EngineException {
        record("forceDownload", connectionGuid, replicatedFolderGuid, uid);
    }

    @Override
    public void close() {
        closed = true;
    }
}
