package org.replprov.wql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoublePredicate;
import java.util.function.IntPredicate;
import java.util.function.LongPredicate;
import java.util.function.Predicate;

import org.replprov.cim.CimInstance;
import org.replprov.cim.CimInterval;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimTimestamp;
import org.replprov.cim.CimType;
import org.replprov.cim.CimValue;
import org.replprov.wql.ast.Operator;

/**
 * A compiled WHERE clause, or one part of it, for one concrete class. Property indexes are resolved and constants
 * converted to the property's type before the first instance is tested, so evaluating only reads values and compares
 * them: it allocates nothing per instance.
 *
 * <p>Negation has already been pushed down to the leaves (the compiler applies De Morgan's laws and negates
 * operators), and every leaf is false when the value it reads is NULL or not of the property's type, whichever way
 * it was negated. That is SQL's three-valued logic with "unknown" discarded at the end: a comparison with NULL is
 * never true, not even under NOT.
 *
 * <p>A condition is evaluated in one of two ways, and each leaf decides both ways with the same code:
 * <ul>
 *   <li>{@link #test} reads one instance (and an event's previous instance): for event filters, and for data queries
 *       over a few instances;</li>
 *   <li>{@link #filter} reads the columns of an {@link InstanceTable} and narrows a set of its rows: for data queries
 *       over many rows, where reading instance after instance would be mostly cache misses.</li>
 * </ul>
 * A leaf's decision for one value is a method of its own ({@code test(long)}, {@code test(String)}, …). The instance
 * path unwraps the value and calls it; the table path hands the leaf to the column's loop, which calls it for each row
 * still in the set (see {@link Column}).
 */
interface Condition {

    /**
     * Whether the condition holds.
     *
     * @param instance the instance under test: a data query's instance, an event's TargetInstance
     * @param previous an event's PreviousInstance; null for data queries
     */
    boolean test(CimInstance instance, CimInstance previous);

    /**
     * Removes from {@code rows} the rows of {@code table} for which the condition does not hold. The condition must
     * have been compiled for the table's class, as a data query (a table has no previous instances).
     *
     * @param rows a row set, as {@link Column} lays it out; narrowed in place
     */
    void filter(InstanceTable table, long[] rows);

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

        /** The column of the property in {@code table}; only a data query's slots have one. */
        Column column(InstanceTable table) {
            if (previous) {
                throw new IllegalStateException("a table holds no previous instances; event conditions test instances");
            }
            return table.column(index);
        }
    }

    record Constant(boolean value) implements Condition {
        @Override
        public boolean test(CimInstance instance, CimInstance previous) {
            return value;
        }

        @Override
        public void filter(InstanceTable table, long[] rows) {
            if (!value) {
                Arrays.fill(rows, 0);
            }
        }
    }

    /** Each part narrows the rows left by the one before, so later parts test only what earlier ones kept. */
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

        @Override
        public void filter(InstanceTable table, long[] rows) {
            for (Condition c : parts) {
                c.filter(table, rows);
            }
        }
    }

    /** Each part tests only the rows no earlier part accepted. */
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

        @Override
        public void filter(InstanceTable table, long[] rows) {
            long[] undecided = rows.clone();
            Arrays.fill(rows, 0);
            for (Condition c : parts) {
                long[] accepted = undecided.clone();
                c.filter(table, accepted);
                for (int w = 0; w < rows.length; w++) {
                    rows[w] |= accepted[w];
                    undecided[w] &= ~accepted[w];
                }
            }
        }
    }

    /** {@code IS NULL} when {@code expectNull}, else {@code IS NOT NULL}. */
    record IsNull(Slot slot, boolean expectNull) implements Condition {
        @Override
        public boolean test(CimInstance instance, CimInstance previous) {
            return (slot.read(instance, previous) == null) == expectNull;
        }

        @Override
        public void filter(InstanceTable table, long[] rows) {
            slot.column(table).retainNull(rows, expectNull);
        }
    }

    /**
     * An integer property against an integer constant that lies in the property's range; {@code unsigned} for
     * uint64, whose values above {@link Long#MAX_VALUE} are stored as negative longs.
     */
    record IntegerCompare(Slot slot, Operator operator, long constant, boolean unsigned)
            implements Condition, LongPredicate {
        @Override
        public boolean test(CimInstance instance, CimInstance previous) {
            return slot.read(instance, previous) instanceof CimValue.Int n && test(n.value());
        }

        @Override
        public void filter(InstanceTable table, long[] rows) {
            ((Column.Integers) slot.column(table)).retain(rows, this);
        }

        /** The decision for a value, as {@link CimValue.Int#value()} holds it. */
        @Override
        public boolean test(long value) {
            return operator.holds(unsigned ? Long.compareUnsigned(value, constant) : Long.compare(value, constant));
        }
    }

    /** A real property, or an integer property against a constant with a fraction. */
    record RealCompare(Slot slot, Operator operator, double constant) implements Condition, DoublePredicate {
        @Override
        public boolean test(CimInstance instance, CimInstance previous) {
            CimValue v = slot.read(instance, previous);
            if (v instanceof CimValue.Real r) {
                return test(r.value());
            }
            return v instanceof CimValue.Int n && test(widen(n.value(), n.type() == CimType.UINT64));
        }

        @Override
        public void filter(InstanceTable table, long[] rows) {
            Column c = slot.column(table);
            if (c instanceof Column.Integers integers) {
                integers.retainAsReal(rows, this);
            } else {
                ((Column.Reals) c).retain(rows, this);
            }
        }

        /** The decision for a value; NaN compares with nothing. */
        @Override
        public boolean test(double value) {
            return !Double.isNaN(value) && operator.holds(value < constant ? -1 : value > constant ? 1 : 0);
        }

        /**
         * An integer as the nearest double. A uint64 above 2⁶³−1 is held as a negative long: halving it unsigned
         * while keeping the lowest bit as a sticky bit, then doubling, rounds exactly as converting the unsigned
         * value would, without a {@code BigInteger}.
         */
        static double widen(long value, boolean uint64) {
            return uint64 && value < 0 ? (double) ((value >>> 1) | (value & 1)) * 2.0 : value;
        }
    }

    /** A string property, compared ignoring case (MS-WMI §2.2.1.1: WQL string comparisons are case-insensitive). */
    record StringCompare(Slot slot, Operator operator, String constant) implements Condition, Predicate<String> {
        @Override
        public boolean test(CimInstance instance, CimInstance previous) {
            return slot.read(instance, previous) instanceof CimValue.Str s && test(s.value());
        }

        @Override
        public void filter(InstanceTable table, long[] rows) {
            ((Column.Strings) slot.column(table)).retain(rows, this);
        }

        @Override
        public boolean test(String value) {
            return operator.holds(value.compareToIgnoreCase(constant));
        }
    }

    /** A char16 property, compared ignoring case like a one-character string. */
    record CharCompare(Slot slot, Operator operator, char constant) implements Condition, IntPredicate {
        @Override
        public boolean test(CimInstance instance, CimInstance previous) {
            return slot.read(instance, previous) instanceof CimValue.Char16 c && test(c.value());
        }

        @Override
        public void filter(InstanceTable table, long[] rows) {
            ((Column.Chars) slot.column(table)).retain(rows, this);
        }

        /** The decision for a character (an int only because the JDK has no char predicate). */
        @Override
        public boolean test(int value) {
            return operator.holds(Character.compare(fold((char) value), fold(constant)));
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

        /** Booleans are bits in the column, so the test is bit arithmetic on 64 rows at a time. */
        @Override
        public void filter(InstanceTable table, long[] rows) {
            ((Column.Booleans) slot.column(table)).retainEqual(rows, expected);
        }
    }

    /**
     * A datetime property holding a timestamp, against a concrete timestamp: compared by instant, whatever the UTC
     * offsets. A value with wildcards equals no concrete constant and has no order.
     */
    record TimestampCompare(Slot slot, Operator operator, long epochMicros) implements Condition, LongPredicate {
        @Override
        public boolean test(CimInstance instance, CimInstance previous) {
            if (!(slot.read(instance, previous) instanceof CimTimestamp t)) {
                return false;
            }
            return t.isConcrete() ? test(t.epochMicros()) : wildcardHolds();
        }

        @Override
        public void filter(InstanceTable table, long[] rows) {
            ((Column.DateTimes) slot.column(table)).retain(rows, true, this, wildcardHolds());
        }

        /** The decision for a concrete timestamp, in microseconds since the epoch. */
        @Override
        public boolean test(long micros) {
            return operator.holds(Long.compare(micros, epochMicros));
        }

        /** A value with wildcards differs from every concrete constant and is neither before nor after it. */
        private boolean wildcardHolds() {
            return operator == Operator.NOT_EQUAL;
        }
    }

    /** A datetime property holding an interval, against a concrete interval of {@code micros}: compared by length. */
    record IntervalCompare(Slot slot, Operator operator, long micros) implements Condition, LongPredicate {
        @Override
        public boolean test(CimInstance instance, CimInstance previous) {
            if (!(slot.read(instance, previous) instanceof CimInterval i)) {
                return false;
            }
            return i.isConcrete() ? test(i.micros()) : wildcardHolds();
        }

        @Override
        public void filter(InstanceTable table, long[] rows) {
            ((Column.DateTimes) slot.column(table)).retain(rows, false, this, wildcardHolds());
        }

        /** The decision for a concrete interval's length in microseconds. */
        @Override
        public boolean test(long value) {
            return operator.holds(Long.compare(value, micros));
        }

        private boolean wildcardHolds() {
            return operator == Operator.NOT_EQUAL;
        }
    }

    /** A reference property naming (or, when not {@code expected}, not naming) the instance of {@code path}. */
    record ReferenceEquals(Slot slot, CimObjectPath path, boolean expected) implements Condition, Predicate<CimValue> {
        @Override
        public boolean test(CimInstance instance, CimInstance previous) {
            CimValue v = slot.read(instance, previous);
            return v != null && test(v);
        }

        @Override
        public void filter(InstanceTable table, long[] rows) {
            ((Column.Values) slot.column(table)).retain(rows, this);
        }

        @Override
        public boolean test(CimValue value) {
            return value instanceof CimObjectPath p && p.sameModelPath(path) == expected;
        }
    }

    /**
     * A string property matching (or, when not {@code expected}, not matching) a LIKE pattern.
     *
     * <p>On a table it reads the column's characters laid end to end, not the strings. A pattern that starts with
     * literal characters ({@code 'fs-lon-%'}) first keeps only the rows whose first characters fold to the same, which
     * is a comparison of packed {@code long}s without a branch per row; the matcher then decides the few rows left.
     */
    record Like(Slot slot, LikePattern pattern, boolean expected, String foldedPrefix)
            implements Condition, Predicate<CharSequence> {

        Like(Slot slot, LikePattern pattern, boolean expected) {
            this(slot, pattern, expected, pattern.foldedPrefix());
        }

        @Override
        public boolean test(CimInstance instance, CimInstance previous) {
            return slot.read(instance, previous) instanceof CimValue.Str s && test(s.value());
        }

        @Override
        public void filter(InstanceTable table, long[] rows) {
            Column.Strings strings = (Column.Strings) slot.column(table);
            if (expected) {
                strings.retainHeads(rows, foldedPrefix);
            }
            strings.retainText(rows, this);
        }

        @Override
        public boolean test(CharSequence value) {
            return pattern.matches(value) == expected;
        }
    }
}
