package org.replprov.engines.embedded;

import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

import org.replprov.engine.spi.EngineError;
import org.replprov.engine.spi.Link;
import org.replprov.engine.spi.LinkHealth;
import org.replprov.engine.spi.LinkRemoved;
import org.replprov.engine.spi.Observation;
import org.replprov.engine.spi.Observer;
import org.replprov.engine.spi.SyncResults;
import org.replprov.engine.spi.SyncSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the host about one link: its identity and, whenever one of them changes, its health facts. It also keeps the
 * link's phase, the engine's own view of what it is doing, which the owner's control loop decides by. Observer calls
 * run on the engine's event thread, in order, never under the owner's lock. Not thread-safe: the owner calls it under
 * its own lock.
 */
final class Reporter {

    private static final Logger log = LoggerFactory.getLogger(Reporter.class);

    /** What the engine is doing with the link. */
    enum Phase {
        /** The schedule is closed. */
        OFFLINE,
        /** Trying to reach the partner, or waiting to retry. */
        CONNECTING,
        /** The partner answers. */
        ONLINE,
        /** The retries are used up; the engine retries after its back-off. */
        IN_ERROR
    }

    private final Link link;
    private final String name;
    private final int retries;
    private final Observer observer;
    private final ExecutorService events;
    private Phase phase;
    private EngineError error;
    private int failures;
    private SyncResults sync = SyncResults.UNKNOWN;
    private LinkHealth reported;

    /**
     * @param retries failures in a row before the link is In Error (LinkHealth#retries)
     */
    Reporter(Link link, String name, Phase initial, int retries, Observer observer, ExecutorService events) {
        this.link = Objects.requireNonNull(link, "link");
        this.name = name;
        this.phase = initial;
        this.retries = retries;
        this.observer = observer;
        this.events = events;
    }

    Phase phase() {
        return phase;
    }

    Link link() {
        return link;
    }

    /** Reports the link's identity, then its health. */
    void reportLink() {
        emit(link);
        reportHealth();
    }

    /** The engine now does {@code to}. */
    void move(Phase to) {
        if (phase != to) {
            log.info("{}: {} -> {}", name, phase, to);
            phase = to;
            reportHealth();
        }
    }

    /** The partner answered: the failures in a row end. */
    void online() {
        failures = 0;
        error = null;
        move(Phase.ONLINE);
        reportHealth();
    }

    /** The schedule closed: nothing is attempted, and the failures in a row no longer count. */
    void offline() {
        failures = 0;
        error = null;
        move(Phase.OFFLINE);
        reportHealth();
    }

    /**
     * Records the {@code failures}-th failed attempt in a row: Online goes to Connecting, and Connecting to In Error
     * once the retries are used up.
     *
     * @return true when the link went In Error now
     */
    boolean failed(int failuresInARow, EngineError cause) {
        failures = failuresInARow;
        error = cause;
        boolean exhausted = failures >= retries;
        boolean entered = exhausted && phase != Phase.IN_ERROR;
        move(exhausted ? Phase.IN_ERROR : Phase.CONNECTING);
        reportHealth();
        return entered;
    }

    /** The sync results changed. */
    void sync(SyncResults results) {
        sync = results;
        reportHealth();
    }

    /** A synchronization session started or changed (DfsrSyncInfo). */
    void session(SyncSession s) {
        emit(s);
    }

    void removed() {
        emit(new LinkRemoved(link.connectionGuid()));
    }

    private void reportHealth() {
        LinkHealth.Condition condition = switch (phase) {
            case OFFLINE -> LinkHealth.Condition.SCHEDULE_CLOSED;
            case CONNECTING, IN_ERROR -> LinkHealth.Condition.CONNECTING;
            case ONLINE -> LinkHealth.Condition.CONNECTED;
        };
        LinkHealth now = new LinkHealth(link.connectionGuid(), condition, error, failures, retries, sync);
        if (!now.equals(reported)) {
            reported = now;
            emit(now);
        }
    }

    private void emit(Observation fact) {
        try {
            events.submit(() -> {
                try {
                    observer.observe(fact);
                } catch (RuntimeException e) {
                    log.warn("The observer failed for {}", name, e);
                }
            });
        } catch (RejectedExecutionException e) {
            // the engine is closing: nobody listens any more
        }
    }
}
