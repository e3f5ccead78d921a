package org.replprov.drsr;

import java.util.Objects;

/**
 * {@code REPLTIMES} (MS-DRSR §5.165): a weekly schedule of 672 bits, one per 15-minute slot from Sunday 00:00 UTC, the
 * earliest slot in the most significant bit of each byte. {@code REPS_FROM} holds the periodic replication schedule
 * here; {@code REPS_TO} does not use it and stores zeros.
 *
 * @param rgTimes the 84 schedule bytes as stored
 */
public record ReplTimes(Bytes rgTimes) {

    /** Bytes on the wire. */
    public static final int SIZE = 84;

    /** The all-zero schedule that {@code REPS_TO} stores. */
    public static final ReplTimes NONE = new ReplTimes(Bytes.zeros(SIZE));

    public ReplTimes {
        Objects.requireNonNull(rgTimes, "rgTimes");
        if (rgTimes.length() != SIZE) {
            throw new IllegalArgumentException("REPLTIMES holds " + SIZE + " bytes, not " + rgTimes.length());
        }
    }

    /** The 84 bytes as 168 lowercase hex digits. */
    public String toHex() {
        return rgTimes.toHex();
    }
}
