package org.replprov.cim;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The DSP0004 §5.6.3.53 ValueMap qualifier: a list of permitted values for an integer or string property. For
 * integers an entry may be a range {@code "x..y"}, {@code "..y"} or {@code "x.."}; the entry {@code ".."} admits every
 * value not otherwise listed.
 *
 * <p>Read once per property ({@link #of}) into ranges and texts, because the object manager checks every value a
 * provider produces against it.
 */
public final class ValueMap {

    /** An integer entry: a bound that is null is open. */
    private record Range(BigInteger lo, BigInteger hi) {
        boolean contains(BigInteger v) {
            return (lo == null || v.compareTo(lo) >= 0) && (hi == null || v.compareTo(hi) <= 0);
        }
    }

    private final List<String> entries;
    private final boolean any;
    private final Set<String> texts;
    private final List<Range> ranges;
    /** The ranges as longs, when every bound fits: the common case, compared without allocating. */
    private final long[] los;
    private final long[] his;

    private ValueMap(List<String> entries) {
        this.entries = List.copyOf(entries);
        Set<String> t = new HashSet<>();
        List<Range> r = new ArrayList<>();
        boolean dotdot = false;
        for (String e : this.entries) {
            String entry = e.trim();
            dotdot |= entry.equals("..");
            t.add(entry);
            range(entry).ifPresent(r::add);
        }
        this.any = dotdot;
        this.texts = Set.copyOf(t);
        this.ranges = List.copyOf(r);
        long[] lo = new long[r.size()];
        long[] hi = new long[r.size()];
        boolean fit = true;
        for (int i = 0; i < lo.length && fit; i++) {
            fit = fits(r.get(i).lo()) && fits(r.get(i).hi());
            lo[i] = r.get(i).lo() == null ? Long.MIN_VALUE : r.get(i).lo().longValue();
            hi[i] = r.get(i).hi() == null ? Long.MAX_VALUE : r.get(i).hi().longValue();
        }
        this.los = fit ? lo : null;
        this.his = fit ? hi : null;
    }

    /** The ValueMap with these entries, as the qualifier lists them. */
    public static ValueMap of(List<String> entries) {
        return new ValueMap(entries);
    }

    public List<String> entries() {
        return entries;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** True when {@code value} is one of the entries. */
    public boolean permits(CimValue value) {
        if (any) {
            return true;
        }
        if (!(value instanceof CimValue.Int n)) {
            return texts.contains(value.text());
        }
        if (los != null && !n.isUnsignedHigh()) {
            long v = n.value();
            for (int i = 0; i < los.length; i++) {
                if (v >= los[i] && v <= his[i]) {
                    return true;
                }
            }
            return false;
        }
        BigInteger v = n.bigValue();
        return ranges.stream().anyMatch(r -> r.contains(v));
    }

    @Override
    public String toString() {
        return entries.toString();
    }

    /** {@code "x"}, {@code "x..y"}, {@code "..y"} or {@code "x.."}; vendor-specific or malformed entries admit none. */
    private static Optional<Range> range(String entry) {
        int dots = entry.indexOf("..");
        try {
            if (dots < 0) {
                BigInteger v = new BigInteger(entry);
                return Optional.of(new Range(v, v));
            }
            String lo = entry.substring(0, dots).trim();
            String hi = entry.substring(dots + 2).trim();
            if (lo.isEmpty() && hi.isEmpty()) {
                return Optional.empty(); // "..": every value, handled apart
            }
            return Optional.of(new Range(lo.isEmpty() ? null : new BigInteger(lo),
                    hi.isEmpty() ? null : new BigInteger(hi)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean fits(BigInteger b) {
        return b == null || b.bitLength() <= 63;
    }
}
