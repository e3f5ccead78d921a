package org.replprov.engine;

import java.time.Duration;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.replprov.engine.spi.BacklogSource;
import org.replprov.engine.spi.BandwidthLevel;
import org.replprov.engine.spi.Capability;
import org.replprov.engine.spi.EngineException;
import org.replprov.engine.spi.IdRecordQuery;
import org.replprov.engine.spi.IdRecordSource;
import org.replprov.engine.spi.Observer;
import org.replprov.engine.spi.ReplicationEngine;
import org.replprov.engine.spi.ReplicationMode;
import org.replprov.engine.spi.Uid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An engine behind a timeout: each call runs on threads that belong to this engine alone and is abandoned (its thread
 * interrupted) when it takes longer than the timeout. At most {@link #MAX_CONCURRENT_CALLS} calls run at once; a
 * caller beyond them waits for one to end, within the same timeout. A hung adapter therefore holds at most its own
 * few threads; callers, queries and other engines go on.
 *
 * <p>Failures come out as {@link EngineException}: the adapter's own refusals unchanged, a timeout as
 * {@link EngineException.Kind#TIMED_OUT}, and an adapter bug (an unchecked exception) as
 * {@link EngineException.Kind#FAILED} naming the engine. Each failure of the engine as a whole (not a refusal) is also
 * passed to the host's failure callback, so that every class module shows the engine's links In Error.
 *
 * <p>An operation outside the engine's {@link #capabilities()} is refused with ERROR_NOT_SUPPORTED without calling it;
 * so are the {@link BacklogSource} and {@link IdRecordSource} calls of an engine that does not implement them.
 */
public final class TimedEngine implements ReplicationEngine, BacklogSource, IdRecordSource {

    private static final Logger log = LoggerFactory.getLogger(TimedEngine.class);

    /** Calls running at once per engine; beyond this a hung adapter gets no more threads. */
    static final int MAX_CONCURRENT_CALLS = 8;

    private final String name;
    private final ReplicationEngine engine;
    private final Duration timeout;
    private final ExecutorService calls;
    /** A permit per running call, given back when the adapter returns, not when its caller stops waiting. */
    private final Semaphore running = new Semaphore(MAX_CONCURRENT_CALLS);
    private final BiConsumer<String, String> failed;
    private final Set<Capability> capabilities;

    /** @param failed told (engine name, why) each time a call shows the engine failed as a whole */
    TimedEngine(String name, ReplicationEngine engine, Duration timeout, BiConsumer<String, String> failed) {
        this.name = name;
        this.engine = engine;
        this.timeout = timeout;
        this.failed = failed;
        Set<Capability> declared;
        try {
            declared = Set.copyOf(engine.capabilities());
        } catch (RuntimeException e) {
            log.warn("Engine '{}' cannot say what it supports ({}); none of its operations will be called", name,
                    e.toString());
            declared = Set.of();
        }
        this.capabilities = declared;
        AtomicInteger n = new AtomicInteger();
        this.calls = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "engine-" + name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public String name() {
        return name;
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws EngineException;
    }

    private <T> T call(String what, Call<T> call) throws EngineException {
        try {
            return attempt(what, call);
        } catch (EngineException e) {
            if (e.engineFailed() && !what.equals("start")) {
                failed.accept(name, e.getMessage());
            }
            throw e;
        }
    }

    private void require(Capability c) throws EngineException {
        if (!capabilities.contains(c)) {
            throw ReplicationEngine.notSupported();
        }
    }

    private <T> T attempt(String what, Call<T> call) throws EngineException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Future<T> f;
        try {
            if (!running.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw EngineException.timedOut("engine '" + name + "' has " + MAX_CONCURRENT_CALLS
                        + " calls outstanding; " + what + " did not start within " + timeout.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EngineException.failed("interrupted while waiting to call engine '" + name + "' (" + what + ")", e);
        }
        // Whoever claims the call first owns the permit: the task when it starts, or a caller that gives up on a
        // task that never started (a cancelled FutureTask does not run, so its finally would never release).
        AtomicBoolean claimed = new AtomicBoolean();
        try {
            f = calls.submit(() -> {
                if (!claimed.compareAndSet(false, true)) {
                    return null;
                }
                try {
                    return call.run();
                } finally {
                    running.release();
                }
            });
        } catch (RejectedExecutionException e) {
            running.release();
            throw EngineException.failed("engine '" + name + "' is closed; " + what + " not started", e);
        }
        try {
            return f.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            abandon(f, claimed);
            throw EngineException.timedOut("engine '" + name + "' did not answer " + what + " within "
                    + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            abandon(f, claimed);
            Thread.currentThread().interrupt();
            throw EngineException.failed("interrupted while waiting for engine '" + name + "' (" + what + ")", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof EngineException ee) {
                throw ee;
            }
            throw EngineException.failed("engine '" + name + "' failed in " + what + ": " + cause, cause);
        }
    }

    /** Interrupts an abandoned call; a call that never started gives its permit back here. */
    private void abandon(Future<?> f, AtomicBoolean claimed) {
        f.cancel(true);
        if (claimed.compareAndSet(false, true)) {
            running.release();
        }
    }

    @Override
    public void start(Observer observer) throws EngineException {
        call("start", () -> {
            engine.start(observer);
            return null;
        });
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public void checkConnectivity(UUID connectionGuid) throws EngineException {
        require(Capability.CHECK_CONNECTIVITY);
        call("checkConnectivity", () -> {
            engine.checkConnectivity(connectionGuid);
            return null;
        });
    }

    @Override
    public void forceReplication(UUID connectionGuid, ReplicationMode mode, BandwidthLevel bandwidth)
            throws EngineException {
        require(Capability.FORCE_REPLICATION);
        call("forceReplication", () -> {
            engine.forceReplication(connectionGuid, mode, bandwidth);
            return null;
        });
    }

    @Override
    public void forceFolderReplication(UUID connectionGuid, UUID replicatedFolderGuid, ReplicationMode mode,
                                       BandwidthLevel bandwidth) throws EngineException {
        require(Capability.FORCE_FOLDER_REPLICATION);
        call("forceFolderReplication", () -> {
            engine.forceFolderReplication(connectionGuid, replicatedFolderGuid, mode, bandwidth);
            return null;
        });
    }

    @Override
    public void forceDownload(UUID connectionGuid, UUID replicatedFolderGuid, Uid uid) throws EngineException {
        require(Capability.FORCE_DOWNLOAD);
        call("forceDownload", () -> {
            engine.forceDownload(connectionGuid, replicatedFolderGuid, uid);
            return null;
        });
    }

    /** Whether the engine computes version vectors and backlogs ({@link BacklogSource}). */
    public boolean computesBacklog() {
        return engine instanceof BacklogSource;
    }

    @Override
    public String versionVector(UUID replicatedFolderGuid) throws EngineException {
        if (!(engine instanceof BacklogSource b)) {
            throw ReplicationEngine.notSupported();
        }
        return call("versionVector", () -> b.versionVector(replicatedFolderGuid));
    }

    @Override
    public long outboundBacklog(UUID replicatedFolderGuid, String versionVector) throws EngineException {
        if (!(engine instanceof BacklogSource b)) {
            throw ReplicationEngine.notSupported();
        }
        return call("outboundBacklog", () -> b.outboundBacklog(replicatedFolderGuid, versionVector));
    }

    @Override
    public Page outboundBacklogRecords(UUID replicatedFolderGuid, String versionVector, int limit)
            throws EngineException {
        if (!(engine instanceof BacklogSource b)) {
            throw ReplicationEngine.notSupported();
        }
        if (limit < 1 || limit > MAX_BACKLOG_ID_RECORDS) {
            throw new IllegalArgumentException("limit " + limit);
        }
        Page page = call("outboundBacklogRecords", () -> b.outboundBacklogRecords(replicatedFolderGuid,
                versionVector, limit));
        if (page.records().size() > limit) {
            // As for idRecords: the provider sized its answer by the limit; an adapter that ignores it is failed.
            throw EngineException.failed("engine '" + name + "' answered " + page.records().size()
                    + " backlog ID records where " + limit + " were asked for", null);
        }
        return page;
    }

    /** Whether the engine keeps an ID table it can look records up in ({@link IdRecordSource}). */
    public boolean servesIdRecords() {
        return engine instanceof IdRecordSource;
    }

    @Override
    public Page idRecords(IdRecordQuery query, int limit) throws EngineException {
        if (!(engine instanceof IdRecordSource s)) {
            throw ReplicationEngine.notSupported();
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit " + limit);
        }
        Page page = call("idRecords", () -> s.idRecords(query, limit));
        if (page.records().size() > limit) {
            // The caller sized its memory by the limit; an adapter that ignores it is failed, not believed.
            throw EngineException.failed("engine '" + name + "' answered " + page.records().size()
                    + " ID records where " + limit + " were asked for", null);
        }
        return page;
    }

    @Override
    public void cleanupConflictDirectory(UUID replicatedFolderGuid) throws EngineException {
        require(Capability.CLEANUP_CONFLICT_DIRECTORY);
        call("cleanupConflictDirectory", () -> {
            engine.cleanupConflictDirectory(replicatedFolderGuid);
            return null;
        });
    }

    /** Closes the engine (an exception it throws is logged) and stops the call threads. */
    @Override
    public void close() {
        try {
            engine.close();
        } catch (RuntimeException e) {
            log.warn("Engine '{}' failed to close", name, e);
        } finally {
            calls.shutdownNow();
        }
    }
}
