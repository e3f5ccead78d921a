package org.replprov.cim;

import java.math.BigInteger;
import java.util.List;

/**
 * The DSP0004 §5.6.3.53 ValueMap qualifier: a list of permitted values for an integer or string property. For
 * integers an entry may be a range {@code "x..y"}, {@code "..y"} or {@code "x.."}; the entry {@code ".."} admits every
 * value not otherwise listed.
 */
public final class ValueMap {

    private ValueMap() {
    }

    /** True when {@code value} is one of {@code entries}. */
    public static boolean permits(List<String> entries, CimValue value) {
        for (String entry : entries) {
            if (entry.equals("..") || matches(entry.trim(), value)) {
                return true;
            }
        }
        return false;
    }

    /** The index of the entry {@code value} matches exactly, or -1; Values[i] names ValueMap[i]. */
    public static int indexOf(List<String> entries, CimValue value) {
        for (int i = 0; i < entries.size(); i++) {
            if (matches(entries.get(i).trim(), value)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean matches(String entry, CimValue value) {
        if (!(value instanceof CimValue.Int n)) {
            return entry.equals(value.text());
        }
        BigInteger v = n.bigValue();
        int dots = entry.indexOf("..");
        try {
            if (dots < 0) {
                return new BigInteger(entry).equals(v);
            }
            String lo = entry.substring(0, dots).trim();
            String hi = entry.substring(dots + 2).trim();
            return (lo.isEmpty() || v.compareTo(new BigInteger(lo)) >= 0)
                    && (hi.isEmpty() || v.compareTo(new BigInteger(hi)) <= 0);
        } catch (NumberFormatException e) {
            return false; // vendor-specific or malformed entries admit nothing
        }
    }
}
