package org.replprov.engines.embedded.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

import org.replprov.engine.spi.BandwidthLevel;

/**
 * A DFSR connection schedule (DfsrConnectionConfig class documentation, Schedule property): 336 bytes, 7 days × 24 hours × 2 bytes,
 * each hour four 4-bit BANDWIDTH_LEVEL values, one per quarter hour. Level 0 (OFF) closes the schedule; 0xF
 * (INFINITE) replicates without a limit.
 *
 * <p>The byte layout is documented only as far as "two bytes per hour, four nibbles"; the order within it is ours,
 * chosen to match REPLTIMES (MS-DRSR §5.165: the week starts on Sunday, the earliest slot in the most significant
 * bits): byte {@code 48·day + 2·hour + quarter/2}, Sunday = day 0, and the earlier quarter of each byte in the high
 * nibble.
 *
 * <p>A schedule is read in its time zone (ScheduleInUtc: UTC unless configured otherwise). Its readable form is
 * {@link ScheduleSyntax}.
 */
public final class Schedule {

    /** The size of the binary form. */
    public static final int BYTES = 336;

    /** Quarter hours in a week. */
    public static final int SLOTS = 2 * BYTES;

    static final Duration SLOT = Duration.ofMinutes(15);

    /** Full bandwidth all week, in UTC. */
    public static final Schedule ALWAYS = uniform(BandwidthLevel.INFINITE, ZoneOffset.UTC);

    /** Closed all week (the "disabled by schedule" case: every byte zero). */
    public static final Schedule NEVER = uniform(BandwidthLevel.OFF, ZoneOffset.UTC);

    private final byte[] slots;
    private final ZoneId zone;

    Schedule(byte[] slots, ZoneId zone) {
        if (slots.length != SLOTS) {
            throw new IllegalArgumentException("a schedule has " + SLOTS + " quarter hours, not " + slots.length);
        }
        this.slots = slots.clone();
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** The same level in every quarter hour. */
    public static Schedule uniform(BandwidthLevel level, ZoneId zone) {
        byte[] s = new byte[SLOTS];
        Arrays.fill(s, (byte) level.value());
        return new Schedule(s, zone);
    }

    /** The schedule in its 336-byte binary form. */
    public static Schedule fromBytes(byte[] bytes, ZoneId zone) {
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("a schedule is " + BYTES + " bytes, not " + bytes.length);
        }
        byte[] s = new byte[SLOTS];
        for (int i = 0; i < BYTES; i++) {
            s[2 * i] = (byte) ((bytes[i] >> 4) & 0xF);
            s[2 * i + 1] = (byte) (bytes[i] & 0xF);
        }
        return new Schedule(s, zone);
    }

    /** The 336-byte binary form. */
    public byte[] toBytes() {
        byte[] out = new byte[BYTES];
        for (int i = 0; i < BYTES; i++) {
            out[i] = (byte) (slots[2 * i] << 4 | slots[2 * i + 1]);
        }
        return out;
    }

    /** The binary form as 672 hex digits (the {@code hex:} form of the configuration). */
    public String toHex() {
        return HexFormat.of().formatHex(toBytes());
    }

    public ZoneId zone() {
        return zone;
    }

    /** The same slots read in another time zone. */
    public Schedule inZone(ZoneId other) {
        return new Schedule(slots, other);
    }

    /** The level of quarter hour {@code slot} (0 = Sunday 00:00). */
    public BandwidthLevel level(int slot) {
        return BandwidthLevel.of(slots[slot]).orElseThrow();
    }

    /** The level in force at {@code t}. */
    public BandwidthLevel levelAt(Instant t) {
        return level(slotOf(t));
    }

    /** True when replication may run at {@code t}. */
    public boolean isOpen(Instant t) {
        return levelAt(t) != BandwidthLevel.OFF;
    }

    /** True when the schedule is closed all week. */
    public boolean neverOpen() {
        for (byte b : slots) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The first instant after {@code t} where the level differs from the level at {@code t}; empty when it is the
     * same all week.
     */
    public Optional<Instant> nextChange(Instant t) {
        int from = slotOf(t);
        ZonedDateTime slotStart = startOfSlot(t);
        for (int i = 1; i <= SLOTS; i++) {
            if (slots[(from + i) % SLOTS] != slots[from]) {
                return Optional.of(slotStart.plus(SLOT.multipliedBy(i)).toInstant());
            }
        }
        return Optional.empty();
    }

    /** {@code t} itself when the schedule is open then, else the next instant it opens; empty when it never does. */
    public Optional<Instant> nextOpen(Instant t) {
        if (isOpen(t)) {
            return Optional.of(t);
        }
        return neverOpen() ? Optional.empty() : nextChange(t);
    }

    private int slotOf(Instant t) {
        ZonedDateTime z = t.atZone(zone);
        int day = z.getDayOfWeek().getValue() % 7; // Sunday = 0
        return day * 96 + z.getHour() * 4 + z.getMinute() / 15;
    }

    private ZonedDateTime startOfSlot(Instant t) {
        ZonedDateTime z = t.atZone(zone).truncatedTo(ChronoUnit.MINUTES);
        return z.withMinute(z.getMinute() / 15 * 15);
    }

    byte[] slots() {
        return slots.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schedule s && Arrays.equals(slots, s.slots) && zone.equals(s.zone);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(slots) * 31 + zone.hashCode();
    }

    /** The readable form ({@link ScheduleSyntax#format}). */
    @Override
    public String toString() {
        return ScheduleSyntax.format(this);
    }
}
