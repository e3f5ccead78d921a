package org.replprov.cli;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a long-running command ({@code serve}, {@code lab}) ends: on SIGINT or SIGTERM the JVM runs its shutdown hooks,
 * the hook stops what the command started, and the command's own thread, waiting in {@link #await}, returns.
 */
final class UntilStopped {

    private static final Logger log = LoggerFactory.getLogger(UntilStopped.class);

    private final CountDownLatch stopped = new CountDownLatch(1);

    private UntilStopped() {
    }

    /** Registers {@code stop} to run once when the process is asked to stop. */
    static UntilStopped onSignal(Runnable stop) {
        UntilStopped s = new UntilStopped();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stop requested (signal)");
            try {
                stop.run();
            } finally {
                s.stopped.countDown();
            }
        }, "replprov-shutdown"));
        return s;
    }

    /** Waits until {@code stop} has run. */
    void await() throws InterruptedException {
        stopped.await();
    }
}
