package org.replprov.cim;

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

    private final String text;
    /** Microseconds since the epoch in UTC; meaningful only when concrete. */
    private final long epochMicros;
    private final boolean concrete;

    private CimTimestamp(String text, long epochMicros, boolean concrete) {
        this.text = text;
        this.epochMicros = epochMicros;
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
            return new CimTimestamp(text, 0, false);
        }
        try {
            LocalDateTime local = LocalDate.of(year, month, day).atTime(hour, minute, second, micros * 1000);
            long seconds = local.toEpochSecond(ZoneOffset.ofTotalSeconds(offset * 60));
            return new CimTimestamp(text, Math.addExact(Math.multiplyExact(seconds, 1_000_000L), micros), true);
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
     * @throws IllegalArgumentException when the offset is not a whole number of minutes, or the year is outside
     *     0..9999
     */
    public static CimTimestamp of(OffsetDateTime time) {
        int offsetSeconds = time.getOffset().getTotalSeconds();
        if (offsetSeconds % 60 != 0) {
            throw new IllegalArgumentException("CIM offsets are whole minutes: " + time.getOffset());
        }
        if (time.getYear() < 0 || time.getYear() > 9999) {
            throw new IllegalArgumentException("CIM years are 0000..9999: " + time);
        }
        OffsetDateTime t = time.truncatedTo(ChronoUnit.MICROS);
        int offsetMinutes = offsetSeconds / 60;
        // Digits by hand: String.format costs more than the rest of building an instance's four timestamps.
        StringBuilder sb = new StringBuilder(LENGTH);
        digits(sb, t.getYear(), 4);
        digits(sb, t.getMonthValue(), 2);
        digits(sb, t.getDayOfMonth(), 2);
        digits(sb, t.getHour(), 2);
        digits(sb, t.getMinute(), 2);
        digits(sb, t.getSecond(), 2);
        digits(sb.append('.'), t.getNano() / 1000, 6);
        digits(sb.append(offsetMinutes < 0 ? '-' : '+'), Math.abs(offsetMinutes), 3);
        return parse(sb.toString());
    }

    private static void digits(StringBuilder sb, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(s);
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
        int minutes = Integer.parseInt(text.substring(22)) * (text.charAt(21) == '-' ? -1 : 1);
        return toInstant().map(i -> i.atOffset(ZoneOffset.ofTotalSeconds(minutes * 60)));
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
        return text;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CimTimestamp other)) {
            return false;
        }
        return concrete && other.concrete ? epochMicros == other.epochMicros : text.equals(other.text);
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
        return text;
    }
}
