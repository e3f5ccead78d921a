package org.replprov.drsr;

import java.time.Instant;
import java.util.Optional;

/**
 * A {@code DSTIME} (MS-DRSR §5.51): a signed 64-bit count of seconds since 1601-01-01 00:00:00 UTC. In
 * {@code REPS_TO} the value 0 means "never" (no attempt, or no success, yet).
 *
 * <p>The raw count is kept as read; {@link #toInstant()} interprets it.
 *
 * @param seconds seconds since 1601-01-01 00:00:00 UTC
 */
public record DsTime(long seconds) {

    /** The value 0: the event has not happened. */
    public static final DsTime NEVER = new DsTime(0);

    /** Seconds from 1601-01-01 to 1970-01-01, the distance between the DSTIME and Unix epochs. */
    static final long SECONDS_1601_TO_1970 = 11_644_473_600L;

    // Beyond these, seconds - SECONDS_1601_TO_1970 is not an Instant (or would overflow).
    private static final long MIN_INSTANT = Instant.MIN.getEpochSecond() + SECONDS_1601_TO_1970;
    private static final long MAX_INSTANT = Instant.MAX.getEpochSecond() + SECONDS_1601_TO_1970;

    /** The DSTIME of {@code instant}; the sub-second part is dropped because a DSTIME counts whole seconds. */
    public static DsTime of(Instant instant) {
        return new DsTime(instant.getEpochSecond() + SECONDS_1601_TO_1970);
    }

    /** True for 0, the "never" value. */
    public boolean isNever() {
        return seconds == 0;
    }

    /**
     * The point in time, or empty when the value is 0 ("never") or so far from today that {@link Instant} cannot hold
     * it (only in damaged data; {@link #isNever()} tells the two apart).
     */
    public Optional<Instant> toInstant() {
        if (isNever() || seconds < MIN_INSTANT || seconds > MAX_INSTANT) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochSecond(seconds - SECONDS_1601_TO_1970));
    }

    /** {@code 13375835803 = 2024-11-11T21:56:43Z}, {@code 0 = never}, or {@code … = out of range}. */
    @Override
    public String toString() {
        String meaning = isNever() ? "never" : toInstant().map(Instant::toString).orElse("out of range");
        return seconds + " = " + meaning;
    }
}
