package org.replprov.drsr;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code SCHEDULE} value of an {@code nTDSConnection}'s {@code schedule} attribute (MS-ADTS §7.1.4.5.2; the layout
 * of {@code SCHEDULE} and {@code SCHEDULE_HEADER} in schedule.h): a 12-byte header ({@code Size}, {@code Bandwidth},
 * {@code NumberOfSchedules}), one 8-byte {@code SCHEDULE_HEADER} ({@code Type} = {@code SCHEDULE_INTERVAL},
 * {@code Offset}) and, at {@code Offset}, {@code SCHEDULE_DATA_ENTRIES} = 168 bytes, one per hour of the week from
 * Sunday 00:00 UTC. The low four bits of each byte are the hour's four 15-minute slots, the earliest in the most
 * significant of them (0x8 = minutes 0–14, 0x1 = minutes 45–59); the high four bits are unused. The usual value is
 * 188 bytes: the data right after the header.
 *
 * @param hours the 168 hour bytes as stored (the unused high bits included)
 */
public record Schedule(Bytes hours) {

    /** {@code SCHEDULE_DATA_ENTRIES}: hours in a week. */
    public static final int DATA_ENTRIES = 7 * 24;
    /** {@code SCHEDULE_INTERVAL}, the only {@code Type} in use. */
    public static final int SCHEDULE_INTERVAL = 0;
    /** The length of the usual value: header, one {@code SCHEDULE_HEADER}, the data. */
    public static final int SIZE = 12 + 8 + DATA_ENTRIES;
    /** 15-minute slots in a week. */
    public static final int SLOTS = DATA_ENTRIES * 4;

    private static final Duration SLOT = Duration.ofMinutes(15);
    /** 1970-01-04T00:00Z was a Sunday: weeks of the schedule start at this many seconds after the epoch, mod 7 days. */
    private static final long FIRST_SUNDAY = 3 * 86_400L;
    private static final long WEEK = 7 * 86_400L;

    public Schedule {
        Objects.requireNonNull(hours, "hours");
        if (hours.length() != DATA_ENTRIES) {
            throw new IllegalArgumentException("a schedule has " + DATA_ENTRIES + " hours, not " + hours.length());
        }
    }

    /**
     * Decodes a stored value. Every field is checked against the value before it is used; anything else is a
     * {@link MalformedBlobException} naming the field and its offset.
     */
    public static Schedule decode(byte[] value) throws MalformedBlobException {
        Objects.requireNonNull(value, "value");
        if (value.length < 20) {
            throw new MalformedBlobException("Size", 0, "Size: the value holds " + value.length
                    + " bytes, less than the 20 of SCHEDULE and one SCHEDULE_HEADER");
        }
        ByteBuffer b = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN);
        long size = Integer.toUnsignedLong(b.getInt(0));
        if (size != value.length) {
            throw new MalformedBlobException("Size", 0, "Size=" + size + " is not the value's length " + value.length);
        }
        long count = Integer.toUnsignedLong(b.getInt(8));
        if (count != 1) {
            throw new MalformedBlobException("NumberOfSchedules", 8, "NumberOfSchedules=" + count
                    + " (a connection's schedule has exactly one)");
        }
        long type = Integer.toUnsignedLong(b.getInt(12));
        if (type != SCHEDULE_INTERVAL) {
            throw new MalformedBlobException("Type", 12, "Type=" + type + " is not SCHEDULE_INTERVAL (0)");
        }
        long offset = Integer.toUnsignedLong(b.getInt(16));
        if (offset < 20 || offset + DATA_ENTRIES > value.length) {
            throw new MalformedBlobException("Offset", 16, "Offset=" + offset + " does not leave " + DATA_ENTRIES
                    + " bytes of data after the header in a value of " + value.length);
        }
        byte[] hours = new byte[DATA_ENTRIES];
        System.arraycopy(value, (int) offset, hours, 0, DATA_ENTRIES);
        return new Schedule(Bytes.of(hours));
    }

    /** The usual 188-byte value of these hours. */
    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(SIZE).putInt(0).putInt(1).putInt(SCHEDULE_INTERVAL).putInt(20).put(hours.toArray());
        return b.array();
    }

    /** A schedule whose only open slots are {@code slots} (0 = Sunday 00:00–00:14 UTC, up to {@link #SLOTS} − 1). */
    public static Schedule openAt(int... slots) {
        byte[] hours = new byte[DATA_ENTRIES];
        for (int s : slots) {
            if (s < 0 || s >= SLOTS) {
                throw new IllegalArgumentException("no slot " + s);
            }
            hours[s / 4] |= (byte) (0x8 >> (s % 4));
        }
        return new Schedule(Bytes.of(hours));
    }

    /** The slot of the week {@code t} falls in. */
    public static int slotOf(Instant t) {
        return (int) (Math.floorMod(t.getEpochSecond() - FIRST_SUNDAY, WEEK) / SLOT.toSeconds());
    }

    /** Whether slot {@code slot} of the week is open. */
    public boolean isOpen(int slot) {
        int s = Math.floorMod(slot, SLOTS);
        return (hours.toArray()[s / 4] & (0x8 >> (s % 4))) != 0;
    }

    /** Whether the slot {@code t} falls in is open. */
    public boolean isOpenAt(Instant t) {
        return isOpen(slotOf(t));
    }

    /**
     * The start of the first open slot after the one {@code t} falls in, within the next week; empty when no slot
     * is open.
     */
    public Optional<Instant> nextOpenAfter(Instant t) {
        byte[] h = hours.toArray();
        int current = slotOf(t);
        long slotStart = t.getEpochSecond() - Math.floorMod(t.getEpochSecond() - FIRST_SUNDAY, SLOT.toSeconds());
        for (int k = 1; k <= SLOTS; k++) {
            int s = (current + k) % SLOTS;
            if ((h[s / 4] & (0x8 >> (s % 4))) != 0) {
                return Optional.of(Instant.ofEpochSecond(slotStart + k * SLOT.toSeconds()));
            }
        }
        return Optional.empty();
    }
}
