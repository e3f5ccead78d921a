package org.replprov.cim;

import java.time.Duration;
import java.util.Optional;

/**
 * A CIM interval {@code ddddddddHHMMSS.mmmmmm:000}: days, hours, minutes, seconds and microseconds, always ending in
 * the literal {@code :000} (DSP0004 §5.2.4; WMI "Interval Format").
 */
public final class CimInterval implements CimDateTime, Comparable<CimInterval> {

    private static final long MAX_DAYS = 99_999_999L;

    private final String text;
    private final long micros;
    private final boolean concrete;

    private CimInterval(String text, long micros, boolean concrete) {
        this.text = text;
        this.micros = micros;
        this.concrete = concrete;
    }

    /**
     * Parses an interval.
     *
     * @throws CimException WBEM_E_TYPE_MISMATCH naming the position of the first bad character
     */
    public static CimInterval parse(String text) {
        Fields.checkLength(text, "interval");
        Fields f = new Fields(text, "interval");
        int days = f.read(0, 8, 0, (int) MAX_DAYS, "days");
        int hours = f.read(8, 2, 0, 23, "hours");
        int minutes = f.read(10, 2, 0, 59, "minutes");
        int seconds = f.read(12, 2, 0, 59, "seconds");
        f.expect(14, '.');
        int micros = f.read(15, 6, 0, 999_999, "microseconds");
        if (!text.startsWith(":000", 21)) {
            throw f.error(21, "an interval ends in ':000'");
        }
        if (f.wildcardSeen()) {
            return new CimInterval(text, 0, false);
        }
        long total = ((((long) days * 24 + hours) * 60 + minutes) * 60 + seconds) * 1_000_000L + micros;
        return new CimInterval(text, total, true);
    }

    /**
     * The interval for {@code duration}, truncated to microseconds.
     *
     * @throws IllegalArgumentException when negative or longer than 99 999 999 days
     */
    public static CimInterval of(Duration duration) {
        if (duration.isNegative() || duration.toDays() > MAX_DAYS) {
            throw new IllegalArgumentException("CIM intervals are 0 .. 99999999 days: " + duration);
        }
        long micros = duration.getNano() / 1000;
        long s = duration.getSeconds();
        return parse(String.format("%08d%02d%02d%02d.%06d:000", s / 86_400, s / 3600 % 24, s / 60 % 60, s % 60,
                micros));
    }

    @Override
    public boolean isConcrete() {
        return concrete;
    }

    /** The length in microseconds; only for concrete intervals (the WQL hot path compares these). */
    public long micros() {
        if (!concrete) {
            throw new IllegalStateException("an interval with wildcards has no length: " + text);
        }
        return micros;
    }

    public Optional<Duration> toDuration() {
        return concrete ? Optional.of(Duration.ofSeconds(micros / 1_000_000L, micros % 1_000_000L * 1000)) : Optional.empty();
    }

    @Override
    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CimInterval other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** Concrete intervals by length, before those with wildcards, which order by text. */
    @Override
    public int compareTo(CimInterval o) {
        if (concrete && o.concrete) {
            return Long.compare(micros, o.micros);
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
