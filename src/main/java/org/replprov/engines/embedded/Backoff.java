package org.replprov.engines.embedded;

import java.time.Duration;

/**
 * How long to wait before the next attempt after {@code failures} consecutive failures: the first delay, doubled
 * with each further failure, never more than the maximum. No randomness: a member retries on a predictable timetable,
 * which an operator (and a test) can follow in the log.
 */
record Backoff(Duration first, Duration max) {

    Duration after(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        Duration d = first;
        for (int i = 1; i < failures && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) > 0 ? max : d;
    }
}
