package org.replprov.server;

import java.time.Duration;
import java.time.Instant;

/** How long ago this process started: the "Ready in" figure is what an operator waited, not just the listeners. */
final class ProcessStart {

    private ProcessStart() {
    }

    static long millisSince() {
        return ProcessHandle.current().info().startInstant()
                .map(start -> Duration.between(start, Instant.now()).toMillis())
                .orElse(-1L);
    }
}
