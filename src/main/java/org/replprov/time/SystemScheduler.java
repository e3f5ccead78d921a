package org.replprov.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The wall clock and one daemon timer thread. */
public final class SystemScheduler implements Scheduler, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SystemScheduler.class);

    private final Clock clock;
    private final ScheduledExecutorService timer;

    public SystemScheduler(String threadName) {
        this(Clock.systemUTC(), threadName);
    }

    public SystemScheduler(Clock clock, String threadName) {
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Cancellable schedule(Instant at, Runnable task) {
        long delayMillis = Math.max(0, Duration.between(clock.instant(), at).toMillis());
        ScheduledFuture<?> f = timer.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("Scheduled task failed", e);
            }
        }, delayMillis, TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
