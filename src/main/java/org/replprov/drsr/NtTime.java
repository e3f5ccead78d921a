package org.replprov.drsr;

import java.time.Instant;
import java.util.Optional;

/**
 * An {@code NTTIME} (MS-DTYP §2.3.3 FILETIME as one 64-bit integer): 100-nanosecond intervals since
 * 1601-01-01 00:00:00 UTC, unsigned. 0 means "never".
 *
 * <p>Samba keeps {@code last_sync_success} of a {@code replUpToDateVector} cursor in this unit ({@code drsuapi.idl}
 * declares it {@code NTTIME}, and its replication code stores {@code unix_to_nt_time(now)}). MS-DRSR types the same
 * field {@code DSTIME} (seconds); the raw value is kept either way, and {@link #toInstant()} reads it as Samba
 * writes it.
 *
 * @param ticks the raw 64 bits, read as unsigned
 */
public record NtTime(long ticks) {

    /** The value 0: the event has not happened. */
    public static final NtTime NEVER = new NtTime(0);

    private static final long TICKS_PER_SECOND = 10_000_000L;

    /** The NTTIME of {@code instant}, truncated to 100 ns; only instants from 1601 on have one. */
    public static NtTime of(Instant instant) {
        long seconds = Math.addExact(instant.getEpochSecond(), DsTime.SECONDS_1601_TO_1970);
        if (seconds < 0) {
            throw new IllegalArgumentException(instant + " is before 1601, which an NTTIME cannot hold");
        }
        return new NtTime(Math.addExact(Math.multiplyExact(seconds, TICKS_PER_SECOND), instant.getNano() / 100));
    }

    /** True for 0, the "never" value. */
    public boolean isNever() {
        return ticks == 0;
    }

    /** The raw value as an unsigned decimal string, as Samba prints it. */
    public String unsigned() {
        return Long.toUnsignedString(ticks);
    }

    /**
     * The point in time, or empty for 0 ("never"). Every other value is an instant: the unsigned range ends in the
     * year 60056, within what {@link Instant} holds.
     */
    public Optional<Instant> toInstant() {
        if (isNever()) {
            return Optional.empty();
        }
        long seconds = Long.divideUnsigned(ticks, TICKS_PER_SECOND);
        long nanos = Long.remainderUnsigned(ticks, TICKS_PER_SECOND) * 100;
        return Optional.of(Instant.ofEpochSecond(seconds - DsTime.SECONDS_1601_TO_1970, nanos));
    }

    /** {@code 133758358030000000 = 2024-11-11T21:56:43Z}, or {@code 0 = never}. */
    @Override
    public String toString() {
        return unsigned() + " = " + toInstant().map(Instant::toString).orElse("never");
    }
}
