package org.replprov.wql;

import java.util.ArrayList;
import java.util.List;

import org.replprov.cim.CimInstance;
import org.replprov.cim.CimInterval;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimTimestamp;
import org.replprov.cim.CimValue;
import org.replprov.wql.ast.Operator;

/**
 * A compiled WHERE clause, or one part of it, for one concrete class. Property indexes are resolved and constants
 * converted to the property's type before the first instance is tested, so {@link #test} only reads values and
 * compares them: it allocates nothing.
 *
 * <p>Negation has already been pushed down to the leaves (the compiler applies De Morgan's laws and negates
 * operators), and every leaf is false when the value it reads is NULL or not of the property's type, whichever way
 * it was negated. That is SQL's three-valued logic with "unknown" discarded at the end: a comparison with NULL is
 * never true, not even under NOT.
 */
@FunctionalInterface
interface Condition {

    /**
     * Whether the condition holds.
     *
     * @param instance the instance under test: a data query's instance, an event's TargetInstance
     * @param previous an event's PreviousInstance; null for data queries
     */
    boolean test(CimInstance instance, CimInstance previous);

    Condition TRUE = new Constant(true);
    Condition FALSE = new Constant(false);

    static Condition constant(boolean value) {
        return value ? TRUE : FALSE;
    }

    /** The conjunction of {@code parts}, with constant parts folded away. */
    static Condition all(List<Condition> parts) {
        List<Condition> kept = new ArrayList<>();
        for (Condition c : parts) {
            if (c == FALSE) {
                return FALSE;
            }
            if (c != TRUE) {
                kept.add(c);
            }
        }
        return kept.isEmpty() ? TRUE : kept.size() == 1 ? kept.get(0) : new All(kept.toArray(new Condition[0]));
    }

    /** The disjunction of {@code parts}, with constant parts folded away. */
    static Condition any(List<Condition> parts) {
        List<Condition> kept = new ArrayList<>();
        for (Condition c : parts) {
            if (c == TRUE) {
                return TRUE;
            }
            if (c != FALSE) {
                kept.add(c);
            }
        }
        return kept.isEmpty() ? FALSE : kept.size() == 1 ? kept.get(0) : new Any(kept.toArray(new Condition[0]));
    }

    /** Where a leaf reads its value: a property index of the instance, or of the previous instance. */
    record Slot(int index, boolean previous) {
        CimValue read(CimInstance instance, CimInstance previousInstance) {
            CimInstance source = previous ? previousInstance : instance;
            return source == null ? null : source.value(index);
        }
    }

    record Constant(boolean value) implements Condition {
        @Override
        public boolean test(CimInstance instance, CimInstance previous) {
            return value;
        }
    }

    record All(Condition[] parts) implements Condition {
        @Override
        public boolean test(CimInstance instance, CimInstance previous) {
            for (Condition c : parts) {
                if (!c.test(instance, previous)) {
                    return false;
                }
            }
            return true;
        }
    }

    record Any(Condition[] parts) implements Condition {
        @Override
        public boolean test(CimInstance instance, CimInstance previous) {
            for (Condition c : parts) {
                if (c.test(instance, previous)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code IS NULL} when {@code expectNull}, else {@code IS NOT NULL}. */
    record IsNull(Slot slot, boolean expectNull) implements Condition {
        @Override
        public boolean test(CimInstance instance, CimInstance previous) {
            return (slot.read(instance, previous) == null) == expectNull;
        }
    }

    /**
     * An integer property against an integer constant that lies in the property's range; {@code unsigned} for
     * uint64, whose values above {@link Long#MAX_VALUE} are stored as negative longs.
     */
    record IntegerCompare(Slot slot, Operator operator, long constant, boolean unsigned) implements Condition {
        @Override
        public boolean test(CimInstance instance, CimInstance previous) {
            if (!(slot.read(instance, previous) instanceof CimValue.Int n)) {
                return false;
            }
            return operator.holds(unsigned ? Long.compareUnsigned(n.value(), constant) : Long.compare(n.value(), constant));
        }
    }

    /** A real property, or an integer property against a constant with a fraction. */
    record RealCompare(Slot slot, Operator operator, double constant) implements Condition {
        @Override
        public boolean test(CimInstance instance, CimInstance previous) {
            CimValue v = slot.read(instance, previous);
            double d;
            if (v instanceof CimValue.Real r) {
                d = r.value();
            } else if (v instanceof CimValue.Int n) {
                d = n.isUnsignedHigh() ? n.bigValue().doubleValue() : n.value();
            } else {
                return false;
            }
            return !Double.isNaN(d) && operator.holds(d < constant ? -1 : d > constant ? 1 : 0);
        }
    }

    /** A string property, compared ignoring case (MS-WMI §2.2.1.1: WQL string comparisons are case-insensitive). */
    record StringCompare(Slot slot, Operator operator, String constant) implements Condition {
        @Override
        public boolean test(CimInstance instance, CimInstance previous) {
            return slot.read(instance, previous) instanceof CimValue.Str s
                    && operator.holds(s.value().compareToIgnoreCase(constant));
        }
    }

    /** A char16 property, compared ignoring case like a one-character string. */
    record CharCompare(Slot slot, Operator operator, char constant) implements Condition {
        @Override
        public boolean test(CimInstance instance, CimInstance previous) {
            return slot.read(instance, previous) instanceof CimValue.Char16 c
                    && operator.holds(Character.compare(fold(c.value()), fold(constant)));
        }

        /** The folding {@link String#compareToIgnoreCase} applies to each character. */
        private static char fold(char c) {
            return Character.toLowerCase(Character.toUpperCase(c));
        }
    }

    /** A boolean property equal to {@code expected}. */
    record BooleanEquals(Slot slot, boolean expected) implements Condition {
        @Override
        public boolean test(CimInstance instance, CimInstance previous) {
            return slot.read(instance, previous) instanceof CimValue.Bool b && b.value() == expected;
        }
    }

    /**
     * A datetime property holding a timestamp, against a concrete timestamp: compared by instant, whatever the UTC
     * offsets. A value with wildcards equals no concrete constant and has no order.
     */
    record TimestampCompare(Slot slot, Operator operator, long epochMicros) implements Condition {
        @Override
        public boolean test(CimInstance instance, CimInstance previous) {
            if (!(slot.read(instance, previous) instanceof CimTimestamp t)) {
                return false;
            }
            return t.isConcrete() ? operator.holds(Long.compare(t.epochMicros(), epochMicros))
                    : operator == Operator.NOT_EQUAL;
        }
    }

    /** A datetime property holding an interval, against a concrete interval: compared by length. */
    record IntervalCompare(Slot slot, Operator operator, CimInterval constant) implements Condition {
        @Override
        public boolean test(CimInstance instance, CimInstance previous) {
            if (!(slot.read(instance, previous) instanceof CimInterval i)) {
                return false;
            }
            return i.isConcrete() ? operator.holds(i.compareTo(constant)) : operator == Operator.NOT_EQUAL;
        }
    }

    /** A reference property naming (or, when not {@code expected}, not naming) the instance of {@code path}. */
    record ReferenceEquals(Slot slot, CimObjectPath path, boolean expected) implements Condition {
        @Override
        public boolean test(CimInstance instance, CimInstance previous) {
            return slot.read(instance, previous) instanceof CimObjectPath p && p.sameModelPath(path) == expected;
        }
    }

    /** A string property matching (or, when not {@code expected}, not matching) a LIKE pattern. */
    record Like(Slot slot, LikePattern pattern, boolean expected) implements Condition {
        @Override
        public boolean test(CimInstance instance, CimInstance previous) {
            return slot.read(instance, previous) instanceof CimValue.Str s && pattern.matches(s.value()) == expected;
        }
    }
}
