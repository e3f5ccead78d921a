package org.replprov.cim;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A CIM timestamp {@code yyyymmddHHMMSS.mmmmmmsUUU}: local date and time to the microsecond and the offset from UTC in
 * minutes (DSP0004 §5.2.4, MS-WMI §2.2.2). WMI writes the offset as {@code ***} when it is unknown.
 *
 * <p>Two concrete timestamps are equal and ordered by the instant they denote, whatever their offsets; a timestamp
 * with wildcards equals only the same text.
 */
public final class CimTimestamp implements CimDateTime, Comparable<CimTimestamp> {

    /** DFSR's documented "1/1/9999" default for LastSyncTime, LastSuccessfulSyncTime and NextSyncTime. */
    public static final CimTimestamp DFSR_NEVER = parse("99990101000000.000000+000");

    /**
     * The text as written, kept only when {@link #text()} cannot render it from the instant and offset: with wildcards,
     * with an unknown offset ({@code ***}), or with {@code -000}. A concrete timestamp renders its text on demand
     * instead: query tables keep every instance they return, each with up to four timestamps, and the text (72 bytes
     * with its array) would more than triple what each timestamp costs (32 bytes).
     */
    private final String text;
    /** Microseconds since the epoch in UTC; meaningful only when concrete. */
    private final long epochMicros;
    /** The offset from UTC in minutes; meaningful only when concrete. */
    private final int offsetMinutes;
    private final boolean concrete;

    private CimTimestamp(String text, long epochMicros, int offsetMinutes, boolean concrete) {
        this.text = text;
        this.epochMicros = epochMicros;
        this.offsetMinutes = offsetMinutes;
        this.concrete = concrete;
    }

    /**
     * Parses a timestamp.
     *
     * @throws CimException WBEM_E_TYPE_MISMATCH naming the position of the first bad character
     */
    public static CimTimestamp parse(String text) {
        Fields.checkLength(text, "timestamp");
        Fields f = new Fields(text, "timestamp");
        int year = f.read(0, 4, 0, 9999, "year");
        int month = f.read(4, 2, 1, 12, "month");
        int day = f.read(6, 2, 1, 31, "day");
        int hour = f.read(8, 2, 0, 23, "hour");
        int minute = f.read(10, 2, 0, 59, "minute");
        int second = f.read(12, 2, 0, 59, "second");
        f.expect(14, '.');
        int micros = f.read(15, 6, 0, 999_999, "microseconds");
        char sign = text.charAt(21);
        if (sign != '+' && sign != '-') {
            throw f.error(21, "expected '+' or '-' before the UTC offset");
        }
        String offsetText = text.substring(22);
        boolean offsetKnown = !offsetText.equals("***");
        int offset = 0;
        if (offsetKnown) {
            for (int i = 22; i < 25; i++) {
                if (!Character.isDigit(text.charAt(i))) {
                    throw f.error(i, "UTC offset must be three digits (minutes) or ***");
                }
            }
            offset = Integer.parseInt(offsetText) * (sign == '-' ? -1 : 1);
        }
        if (f.wildcardSeen() || !offsetKnown) {
            return new CimTimestamp(text, 0, 0, false);
        }
        try {
            LocalDateTime local = LocalDate.of(year, month, day).atTime(hour, minute, second, micros * 1000);
            long seconds = local.toEpochSecond(ZoneOffset.ofTotalSeconds(offset * 60));
            long epochMicros = Math.addExact(Math.multiplyExact(seconds, 1_000_000L), micros);
            // "-000" is the one concrete text that rendering would not give back (it writes "+000").
            String kept = offset == 0 && sign == '-' ? text : null;
            return new CimTimestamp(kept, epochMicros, offset, true);
        } catch (DateTimeException e) {
            throw f.error(6, "no such date: " + e.getMessage());
        }
    }

    /** The timestamp of {@code instant} in UTC ({@code +000}), truncated to microseconds. */
    public static CimTimestamp of(Instant instant) {
        return of(instant.atOffset(ZoneOffset.UTC));
    }

    /**
     * The timestamp of {@code time} with its own offset, truncated to microseconds.
     *
     * @throws IllegalArgumentException when the offset is not a whole number of minutes or does not fit in three
     *     digits, or the year is outside 0..9999
     */
    public static CimTimestamp of(OffsetDateTime time) {
        int offsetSeconds = time.getOffset().getTotalSeconds();
        if (offsetSeconds % 60 != 0) {
            throw new IllegalArgumentException("CIM offsets are whole minutes: " + time.getOffset());
        }
        if (Math.abs(offsetSeconds / 60) > 999) {
            throw new IllegalArgumentException("CIM offsets are at most 999 minutes: " + time.getOffset());
        }
        if (time.getYear() < 0 || time.getYear() > 9999) {
            throw new IllegalArgumentException("CIM years are 0000..9999: " + time);
        }
        long epochMicros = Math.addExact(Math.multiplyExact(time.toEpochSecond(), 1_000_000L), time.getNano() / 1000);
        return new CimTimestamp(null, epochMicros, offsetSeconds / 60, true);
    }

    @Override
    public boolean isConcrete() {
        return concrete;
    }

    /** The instant, when concrete. */
    public Optional<Instant> toInstant() {
        return concrete ? Optional.of(Instant.EPOCH.plus(epochMicros, ChronoUnit.MICROS)) : Optional.empty();
    }

    /** The date and time with its own offset, when concrete. */
    public Optional<OffsetDateTime> toOffsetDateTime() {
        if (!concrete) {
            return Optional.empty();
        }
        return toInstant().map(i -> i.atOffset(ZoneOffset.ofTotalSeconds(offsetMinutes * 60)));
    }

    /** Microseconds since 1970-01-01T00:00Z; only for concrete timestamps (the WQL hot path compares these). */
    public long epochMicros() {
        if (!concrete) {
            throw new IllegalStateException("a timestamp with wildcards has no instant: " + text);
        }
        return epochMicros;
    }

    @Override
    public String text() {
        return text != null ? text : render();
    }

    /**
     * The canonical text of a concrete timestamp: its local date and time at its own offset, then the offset. Digits
     * by hand, since {@code String.format} costs more than the rest of building an instance.
     */
    private String render() {
        LocalDateTime local = LocalDateTime.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L), 0,
                ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
        byte[] b = new byte[LENGTH];
        digits(b, 0, local.getYear(), 4);
        digits(b, 4, local.getMonthValue(), 2);
        digits(b, 6, local.getDayOfMonth(), 2);
        digits(b, 8, local.getHour(), 2);
        digits(b, 10, local.getMinute(), 2);
        digits(b, 12, local.getSecond(), 2);
        b[14] = '.';
        digits(b, 15, (int) Math.floorMod(epochMicros, 1_000_000L), 6);
        b[21] = (byte) (offsetMinutes < 0 ? '-' : '+');
        digits(b, 22, Math.abs(offsetMinutes), 3);
        return new String(b, StandardCharsets.US_ASCII);
    }

    /** Writes {@code value} as {@code width} decimal digits at {@code pos}, with leading zeros. */
    private static void digits(byte[] b, int pos, int value, int width) {
        for (int i = pos + width - 1; i >= pos; i--) {
            b[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CimTimestamp other)) {
            return false;
        }
        if (concrete || other.concrete) {
            // A concrete text never equals one with wildcards or an unknown offset.
            return concrete && other.concrete && epochMicros == other.epochMicros;
        }
        return text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return concrete ? Long.hashCode(epochMicros) : text.hashCode();
    }

    /** Concrete timestamps by instant, before all others; timestamps with wildcards by text. */
    @Override
    public int compareTo(CimTimestamp o) {
        if (concrete && o.concrete) {
            return Long.compare(epochMicros, o.epochMicros);
        }
        if (concrete != o.concrete) {
            return concrete ? -1 : 1;
        }
        return text.compareTo(o.text);
    }

    @Override
    public String toString() {
        return text();
    }
}
