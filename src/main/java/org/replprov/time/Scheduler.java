package org.replprov.time;

import java.time.Clock;
import java.time.Instant;

/**
 * The clock and the timer of a component. Production uses {@link SystemScheduler}; tests pass one whose time moves
 * only when the test says so, which makes expiry deterministic.
 */
public interface Scheduler {

    /** The clock every timestamp of the component comes from. */
    Clock clock();

    default Instant now() {
        return clock().instant();
    }

    /**
     * Runs {@code task} once, at or soon after {@code at} (at once when {@code at} has passed). Tasks must not block;
     * an exception they throw is logged and does not stop later tasks.
     */
    Cancellable schedule(Instant at, Runnable task);

    /** A scheduled task that has not run yet can be cancelled; cancelling a task that ran does nothing. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}
