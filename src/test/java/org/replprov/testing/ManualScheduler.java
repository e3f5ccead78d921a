package org.replprov.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.replprov.time.Scheduler;

/**
 * A scheduler whose time moves only in {@link #advance}: due tasks run on the calling thread, in time order, each with
 * the clock set to its own due time. Deterministic by construction.
 */
public final class ManualScheduler implements Scheduler {

    /** A fixed, recognisable start: 2024-01-15T10:00:00Z. */
    public static final Instant START = Instant.parse("2024-01-15T10:00:00Z");

    private final ManualClock clock = new ManualClock();
    private final List<Task> tasks = new ArrayList<>();
    private long sequence;
    private Instant now = START;

    private record Task(Instant at, long seq, Runnable run) {
    }

    private final class ManualClock extends Clock {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            synchronized (ManualScheduler.this) {
                return now;
            }
        }
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public synchronized Cancellable schedule(Instant at, Runnable task) {
        Task t = new Task(at, sequence++, task);
        tasks.add(t);
        return () -> {
            synchronized (ManualScheduler.this) {
                tasks.remove(t);
            }
        };
    }

    /** Moves time forward by {@code d}, running every task that falls due on the way. */
    public void advance(Duration d) {
        Instant target;
        synchronized (this) {
            target = now.plus(d);
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> !t.at().isAfter(target))
                        .min(Comparator.comparing(Task::at).thenComparing(Task::seq)).orElse(null);
                if (next == null) {
                    now = target;
                    return;
                }
                tasks.remove(next);
                if (next.at().isAfter(now)) {
                    now = next.at();
                }
            }
            next.run().run();
        }
    }

}
