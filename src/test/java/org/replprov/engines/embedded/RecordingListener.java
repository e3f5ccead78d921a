package org.replprov.engines.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import org.replprov.engine.spi.ConnectionFailure;
import org.replprov.engine.spi.ConnectionListener;
import org.replprov.engine.spi.ConnectionSnapshot;
import org.replprov.engine.spi.ConnectionTrigger;

/**
 * Records what an engine reports, in order, and lets a test wait for a report: the engine's side of the provider
 * contract, checked without the provider.
 */
final class RecordingListener implements ConnectionListener {

    /** One trigger as reported. */
    record Transition(UUID connection, ConnectionTrigger trigger, ConnectionFailure failure) {
    }

    private final List<Object> events = new ArrayList<>();

    @Override
    public synchronized void connectionReported(ConnectionSnapshot snapshot) {
        events.add(snapshot);
        notifyAll();
    }

    @Override
    public synchronized void stateChanged(UUID connectionGuid, ConnectionTrigger trigger, ConnectionFailure failure) {
        events.add(new Transition(connectionGuid, trigger, failure));
        notifyAll();
    }

    @Override
    public synchronized void connectionRemoved(UUID connectionGuid) {
        events.add(connectionGuid);
        notifyAll();
    }

    synchronized List<ConnectionTrigger> triggers() {
        return events.stream().filter(Transition.class::isInstance).map(e -> ((Transition) e).trigger()).toList();
    }

    synchronized List<Transition> transitions() {
        return events.stream().filter(Transition.class::isInstance).map(Transition.class::cast).toList();
    }

    /** The connections reported removed. */
    synchronized List<UUID> removed() {
        return events.stream().filter(UUID.class::isInstance).map(UUID.class::cast).toList();
    }

    /** Every snapshot reported, in order. */
    synchronized List<ConnectionSnapshot> snapshots() {
        return events.stream().filter(ConnectionSnapshot.class::isInstance).map(ConnectionSnapshot.class::cast)
                .toList();
    }

    synchronized ConnectionSnapshot lastSnapshot() {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i) instanceof ConnectionSnapshot s) {
                return s;
            }
        }
        return null;
    }

    /** Waits until a snapshot satisfies {@code condition}; returns it. */
    synchronized ConnectionSnapshot awaitSnapshot(Predicate<ConnectionSnapshot> condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (int i = events.size() - 1; i >= 0; i--) {
                if (events.get(i) instanceof ConnectionSnapshot s && condition.test(s)) {
                    return s;
                }
            }
            long left = deadline - System.nanoTime();
            assertThat(left).as("a matching snapshot within " + timeout + "; reported: " + events).isPositive();
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Waits until the {@code n}-th occurrence (1-based) of {@code trigger}; returns it. */
    synchronized Transition await(ConnectionTrigger trigger, int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Transition> seen = transitions().stream().filter(t -> t.trigger() == trigger).toList();
            if (seen.size() >= n) {
                return seen.get(n - 1);
            }
            long left = deadline - System.nanoTime();
            assertThat(left).as(trigger + " #" + n + " within " + timeout + "; triggers: " + triggers()).isPositive();
            wait(Math.max(1, left / 1_000_000));
        }
    }

    Transition await(ConnectionTrigger trigger, Duration timeout) throws InterruptedException {
        return await(trigger, 1, timeout);
    }
}
