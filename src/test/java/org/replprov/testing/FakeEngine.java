package org.replprov.testing;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import org.replprov.engine.spi.BandwidthLevel;
import org.replprov.engine.spi.Capability;
import org.replprov.engine.spi.ConnectionFailure;
import org.replprov.engine.spi.EngineError;
import org.replprov.engine.spi.EngineException;
import org.replprov.engine.spi.Link;
import org.replprov.engine.spi.LinkHealth;
import org.replprov.engine.spi.LinkRemoved;
import org.replprov.engine.spi.Observer;
import org.replprov.engine.spi.ReplicationEngine;
import org.replprov.engine.spi.Scope;
import org.replprov.engine.spi.ReplicationMode;
import org.replprov.engine.spi.SyncResults;
import org.replprov.engine.spi.Uid;
import org.replprov.providers.dfsr.ConnectionTrigger;

/**
 * A deterministic engine for tests: the test reports links and their health through it (synchronously, on the test's
 * thread), chooses how each call answers, and reads back the calls the provider made. The shortcuts
 * ({@link #connecting}, {@link #online}, {@link #offline}, {@link #inError}) send the facts that lead to each state.
 */
public final class FakeEngine implements ReplicationEngine {

    /** One call the provider made, with its arguments. */
    public record Call(String method, List<Object> args) {
        @Override
        public String toString() {
            return method + args;
        }
    }

    /** The retries the fake reports: one failure in a row is In Error. */
    public static final int RETRIES = 1;

    private final Clock clock;
    private final List<Call> calls = new ArrayList<>();
    private final Map<UUID, Link> links = new HashMap<>();
    private final Map<UUID, LinkHealth> health = new HashMap<>();
    private final Map<String, EngineException> refusals = new HashMap<>();
    private final Map<String, RuntimeException> bugs = new HashMap<>();
    private final Map<String, CountDownLatch> hangs = new HashMap<>();
    private final Set<Capability> capabilities = EnumSet.allOf(Capability.class);
    private volatile Observer observer;
    private volatile boolean closed;

    public FakeEngine(Clock clock) {
        this.clock = clock;
    }

    // ---- what the test drives ---------------------------------------------------------------------------------

    public synchronized FakeEngine report(Link l) {
        links.put(l.connectionGuid(), l);
        observer().observe(l);
        return this;
    }

    /** Reports any fact as it is (ScopeState, Backlog…). */
    public synchronized FakeEngine fact(org.replprov.engine.spi.Observation fact) {
        observer().observe(fact);
        return this;
    }

    public synchronized FakeEngine health(LinkHealth h) {
        health.put(h.connectionGuid(), h);
        observer().observe(h);
        return this;
    }

    /** The link's last health, or the one of its initial state: an inbound link Offline, an outbound one Online. */
    private LinkHealth last(UUID link) {
        LinkHealth h = health.get(link);
        boolean outbound = links.containsKey(link) && !links.get(link).inbound();
        return h != null ? h : new LinkHealth(link, outbound ? LinkHealth.Condition.CONNECTED
                : LinkHealth.Condition.SCHEDULE_CLOSED, null, 0, RETRIES, SyncResults.UNKNOWN);
    }

    private FakeEngine condition(UUID link, LinkHealth.Condition c, EngineError error, int failures) {
        LinkHealth h = last(link);
        return health(new LinkHealth(link, c, error, failures, RETRIES, h.sync()));
    }

    /** The schedule is open and the engine is trying (or retrying): Connecting. */
    public synchronized FakeEngine connecting(UUID link) {
        return condition(link, LinkHealth.Condition.CONNECTING, null, 0);
    }

    /** The partner answers: Online. */
    public synchronized FakeEngine online(UUID link) {
        return condition(link, LinkHealth.Condition.CONNECTED, null, 0);
    }

    /** The schedule closed: Offline. */
    public synchronized FakeEngine offline(UUID link) {
        return condition(link, LinkHealth.Condition.SCHEDULE_CLOSED, null, 0);
    }

    /** Connecting failed and the retries are used up: In Error with {@code failure}'s event. */
    public synchronized FakeEngine inError(UUID link, ConnectionFailure failure) {
        return condition(link, LinkHealth.Condition.CONNECTING, EngineError.text(failure, "fake fails: " + failure),
                RETRIES);
    }

    /**
     * The facts that make the provider walk the diagram's arrow {@code trigger} (from the state the arrow leaves):
     * Schedule ON, Disconnected and the service's retry are Connecting; Schedule OFF and Config change are Offline;
     * Connection Established is Online; Failed after multiple retries is In Error with a connection error.
     */
    public synchronized FakeEngine trigger(UUID link, ConnectionTrigger trigger) {
        return switch (trigger) {
            case SCHEDULE_ON, DISCONNECTED, SERVICE_RETRY -> connecting(link);
            case SCHEDULE_OFF, CONFIG_CHANGE -> offline(link);
            case CONNECTION_ESTABLISHED -> online(link);
            case RETRIES_EXHAUSTED -> inError(link, ConnectionFailure.CONNECTION_ERROR);
        };
    }

    /** New sync results, the condition unchanged. */
    public synchronized FakeEngine sync(UUID link, SyncResults results) {
        return health(last(link).withSync(results));
    }

    public synchronized FakeEngine remove(UUID link) {
        links.remove(link);
        health.remove(link);
        observer().observe(new LinkRemoved(link));
        return this;
    }

    /** A sync session of {@code link} that ended now and lasted {@code took}. */
    public FakeEngine syncCompleted(UUID link, Duration took) {
        var now = clock.instant();
        return sync(link, new SyncResults(now.minus(took), took, now, now.plus(Duration.ofHours(1))));
    }

    /** Reports the link again, carrying {@code scopes}. */
    public synchronized FakeEngine folders(UUID link, Scope... scopes) {
        Link l = links.get(link);
        if (l == null) {
            throw new IllegalStateException("link " + link + " was not reported");
        }
        return report(Links.withScopes(l, scopes));
    }

    /** The engine does not carry out {@code c}. */
    public FakeEngine without(Capability c) {
        capabilities.remove(c);
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

    private Observer observer() {
        if (observer == null) {
            throw new IllegalStateException("the engine was not started");
        }
        return observer;
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
    public void start(Observer o) throws EngineException {
        this.observer = o;
        record("start");
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.copyOf(capabilities);
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
    public void cleanupConflictDirectory(UUID replicatedFolderGuid) throws EngineException {
        record("cleanupConflictDirectory", replicatedFolderGuid);
    }

    @Override
    public void close() {
        closed = true;
    }
}
