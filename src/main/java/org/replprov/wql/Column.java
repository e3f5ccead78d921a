package org.replprov.wql;

import java.util.function.DoublePredicate;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.function.LongPredicate;
import java.util.function.Predicate;

import org.replprov.cim.CimDataType;
import org.replprov.cim.CimDateTime;
import org.replprov.cim.CimInterval;
import org.replprov.cim.CimTimestamp;
import org.replprov.cim.CimType;
import org.replprov.cim.CimValue;

/**
 * One property of every row of an {@link InstanceTable}, stored the way a condition reads it fastest: a primitive
 * array in row order where the CIM type allows, and a bitmap of the rows that have a value at all.
 *
 * <p>Row sets are bitmaps too: bit {@code r % 64} of word {@code r / 64} stands for row {@code r}. Each kind of column
 * offers {@code retain} methods that clear, in such a set, the rows whose value a test rejects. The test is the
 * condition's own decision for one value (a {@link Condition.IntegerCompare} is a {@link LongPredicate}), so the table
 * path and the instance path decide with the same code and differ only in where the value comes from.
 *
 * <p>The loops visit only the rows still in the set, read one array element each and allocate nothing. They OR each
 * decision into the kept bits instead of branching on it, since on varied data such a branch is mispredicted about
 * every other row. Each loop is called with one or two kinds of test, so the JIT inlines the decision into it.
 *
 * <p>Immutable once built. A NULL value is a row without its {@link #present} bit, whatever the arrays hold there.
 *
 * @see Condition#filter
 */
abstract sealed class Column {

    /** Bit set for each row whose value is not NULL. */
    final long[] present;

    private Column(int size) {
        this.present = new long[words(size)];
    }

    /** The number of bitmap words for {@code size} rows. */
    static int words(int size) {
        return (size + 63) >>> 6;
    }

    /**
     * The column of a property of {@code type} over {@code size} rows, reading each row's value once.
     *
     * @param value the value of a row, already of {@code type}, or null for NULL
     */
    static Column of(CimDataType type, int size, IntFunction<CimValue> value) {
        Column column;
        if (type.array() || type.type() == CimType.REFERENCE) {
            column = new Values(size);
        } else if (type.type().isInteger()) {
            column = new Integers(size, type.type() == CimType.UINT64);
        } else {
            column = switch (type.type()) {
                case REAL32, REAL64 -> new Reals(size);
                case BOOLEAN -> new Booleans(size);
                case CHAR16 -> new Chars(size);
                case STRING -> new Strings(size);
                case DATETIME -> new DateTimes(size);
                default -> throw new AssertionError(type);
            };
        }
        for (int row = 0; row < size; row++) {
            CimValue v = value.apply(row);
            if (v != null) {
                column.present[row >>> 6] |= 1L << row;
                column.set(row, v);
            }
        }
        return column;
    }

    /** Stores the non-null value of {@code row}. */
    abstract void set(int row, CimValue value);

    /** Keeps in {@code rows} those whose value is NULL ({@code expectNull}) or not NULL. */
    final void retainNull(long[] rows, boolean expectNull) {
        for (int w = 0; w < rows.length; w++) {
            rows[w] &= expectNull ? ~present[w] : present[w];
        }
    }

    /** Integers of every width, as {@link CimValue.Int#value()} holds them (uint64 above 2⁶³−1 as negative). */
    static final class Integers extends Column {
        private final long[] values;
        /** uint64, whose negative longs stand for values above 2⁶³−1. */
        private final boolean uint64;

        private Integers(int size, boolean uint64) {
            super(size);
            this.values = new long[size];
            this.uint64 = uint64;
        }

        @Override
        void set(int row, CimValue value) {
            values[row] = ((CimValue.Int) value).value();
        }

        void retain(long[] rows, LongPredicate test) {
            for (int w = 0; w < rows.length; w++) {
                long kept = 0;
                for (long bits = rows[w] & present[w]; bits != 0; bits &= bits - 1) {
                    int bit = Long.numberOfTrailingZeros(bits);
                    kept |= (test.test(values[w << 6 | bit]) ? 1L : 0L) << bit;
                }
                rows[w] = kept;
            }
        }

        /** Tests each value widened to a double, as {@link Condition.RealCompare} compares integers with reals. */
        void retainAsReal(long[] rows, DoublePredicate test) {
            for (int w = 0; w < rows.length; w++) {
                long kept = 0;
                for (long bits = rows[w] & present[w]; bits != 0; bits &= bits - 1) {
                    int bit = Long.numberOfTrailingZeros(bits);
                    kept |= (test.test(Condition.RealCompare.widen(values[w << 6 | bit], uint64)) ? 1L : 0L) << bit;
                }
                rows[w] = kept;
            }
        }
    }

    /** real32 and real64, as doubles. */
    static final class Reals extends Column {
        private final double[] values;

        private Reals(int size) {
            super(size);
            this.values = new double[size];
        }

        @Override
        void set(int row, CimValue value) {
            values[row] = ((CimValue.Real) value).value();
        }

        void retain(long[] rows, DoublePredicate test) {
            for (int w = 0; w < rows.length; w++) {
                long kept = 0;
                for (long bits = rows[w] & present[w]; bits != 0; bits &= bits - 1) {
                    int bit = Long.numberOfTrailingZeros(bits);
                    kept |= (test.test(values[w << 6 | bit]) ? 1L : 0L) << bit;
                }
                rows[w] = kept;
            }
        }
    }

    /** Booleans as a second bitmap: a test is two AND operations per 64 rows. */
    static final class Booleans extends Column {
        private final long[] trueBits;

        private Booleans(int size) {
            super(size);
            this.trueBits = new long[words(size)];
        }

        @Override
        void set(int row, CimValue value) {
            if (((CimValue.Bool) value).value()) {
                trueBits[row >>> 6] |= 1L << row;
            }
        }

        void retainEqual(long[] rows, boolean expected) {
            for (int w = 0; w < rows.length; w++) {
                rows[w] &= present[w] & (expected ? trueBits[w] : ~trueBits[w]);
            }
        }
    }

    /** char16 values. */
    static final class Chars extends Column {
        private final char[] values;

        private Chars(int size) {
            super(size);
            this.values = new char[size];
        }

        @Override
        void set(int row, CimValue value) {
            values[row] = ((CimValue.Char16) value).value();
        }

        void retain(long[] rows, IntPredicate test) {
            for (int w = 0; w < rows.length; w++) {
                long kept = 0;
                for (long bits = rows[w] & present[w]; bits != 0; bits &= bits - 1) {
                    int bit = Long.numberOfTrailingZeros(bits);
                    kept |= (test.test(values[w << 6 | bit]) ? 1L : 0L) << bit;
                }
                rows[w] = kept;
            }
        }
    }

    /**
     * Strings, as the instances hold them, and, once LIKE first needs them, as one array of all their characters with
     * the first four characters of each row folded and packed into a {@code long}. The {@link String} objects are
     * wherever their instances put them, so reading one costs a cache miss for the string and another for its bytes;
     * LIKE reads the packed heads and the characters from consecutive memory instead.
     */
    static final class Strings extends Column {
        /** How many leading characters {@link Text#heads} holds: four 16-bit characters fill a {@code long}. */
        static final int HEAD_LENGTH = 4;

        private final String[] values;
        /** Null until LIKE first needs it. */
        private Text text;

        /**
         * The characters of all rows end to end, row {@code r} from {@code starts[r]} to {@code starts[r + 1]}, and
         * for each row its first {@value #HEAD_LENGTH} characters {@linkplain LikePattern#fold folded}, the first in
         * the highest bits, padded with zeros.
         */
        private record Text(char[] chars, int[] starts, long[] heads) {
        }

        private Strings(int size) {
            super(size);
            this.values = new String[size];
        }

        @Override
        void set(int row, CimValue value) {
            values[row] = ((CimValue.Str) value).value();
        }

        /** Tests the strings themselves (comparisons follow {@link String#compareToIgnoreCase} exactly). */
        void retain(long[] rows, Predicate<String> test) {
            for (int w = 0; w < rows.length; w++) {
                long kept = 0;
                for (long bits = rows[w] & present[w]; bits != 0; bits &= bits - 1) {
                    int bit = Long.numberOfTrailingZeros(bits);
                    kept |= (test.test(values[w << 6 | bit]) ? 1L : 0L) << bit;
                }
                rows[w] = kept;
            }
        }

        /**
         * Keeps the rows that can start with characters of the folds in {@code foldedPrefix} (its first
         * {@value #HEAD_LENGTH} are compared). It keeps every row that does, and a few that do not (a shorter string
         * padded with zeros against a prefix with a NUL): a pre-filter for a test that decides.
         *
         * <p>The loop has no branch that depends on the data. A matcher stopping at a string's first different
         * character costs a mispredicted branch per row on varied data; this costs a compare per row.
         */
        void retainHeads(long[] rows, String foldedPrefix) {
            int k = Math.min(foldedPrefix.length(), HEAD_LENGTH);
            if (k == 0) {
                return;
            }
            long want = 0;
            for (int i = 0; i < k; i++) {
                want |= (long) foldedPrefix.charAt(i) << 16 * (HEAD_LENGTH - 1 - i);
            }
            long mask = -1L << 16 * (HEAD_LENGTH - k);
            long[] heads = text().heads();
            for (int w = 0; w < rows.length; w++) {
                long candidates = rows[w] & present[w];
                if (candidates == 0) {
                    continue;
                }
                long kept = 0;
                int base = w << 6;
                int end = Math.min(64, heads.length - base);
                for (int bit = 0; bit < end; bit++) {
                    kept |= ((heads[base + bit] & mask) == want ? 1L : 0L) << bit;
                }
                rows[w] = candidates & kept;
            }
        }

        /** Tests each string as a view of its characters in the shared array (what LIKE reads). */
        void retainText(long[] rows, Predicate<CharSequence> test) {
            Text t = text();
            Slice slice = new Slice(t.chars());
            for (int w = 0; w < rows.length; w++) {
                long kept = 0;
                for (long bits = rows[w] & present[w]; bits != 0; bits &= bits - 1) {
                    int bit = Long.numberOfTrailingZeros(bits);
                    int row = w << 6 | bit;
                    slice.from = t.starts()[row];
                    slice.to = t.starts()[row + 1];
                    kept |= (test.test(slice) ? 1L : 0L) << bit;
                }
                rows[w] = kept;
            }
        }

        /**
         * Built once. Two threads may both build it; either copy is complete when seen, since a {@link Text}'s arrays
         * are filled before it is constructed and reached through its final fields.
         */
        private Text text() {
            Text t = text;
            if (t == null) {
                int[] starts = new int[values.length + 1];
                long length = 0;
                for (int row = 0; row < values.length; row++) {
                    length += values[row] == null ? 0 : values[row].length();
                    if (length > Integer.MAX_VALUE - 8) {
                        throw new IllegalStateException("a string column over 2³¹ characters");
                    }
                    starts[row + 1] = (int) length;
                }
                char[] chars = new char[(int) length];
                long[] heads = new long[values.length];
                for (int row = 0; row < values.length; row++) {
                    String v = values[row];
                    if (v != null) {
                        v.getChars(0, v.length(), chars, starts[row]);
                        for (int i = 0; i < Math.min(v.length(), HEAD_LENGTH); i++) {
                            heads[row] |= (long) LikePattern.fold(v.charAt(i)) << 16 * (HEAD_LENGTH - 1 - i);
                        }
                    }
                }
                t = new Text(chars, starts, heads);
                text = t;
            }
            return t;
        }

        /** A window on the shared characters, moved from row to row by the scan; never leaves it. */
        private static final class Slice implements CharSequence {
            private final char[] chars;
            int from;
            int to;

            Slice(char[] chars) {
                this.chars = chars;
            }

            @Override
            public int length() {
                return to - from;
            }

            @Override
            public char charAt(int index) {
                return chars[from + index];
            }

            @Override
            public CharSequence subSequence(int start, int end) {
                return new String(chars, from + start, end - start);
            }

            @Override
            public String toString() {
                return new String(chars, from, to - from);
            }
        }
    }

    /**
     * Datetimes as microseconds: since the epoch for a timestamp, the length for an interval, with a bitmap telling
     * the two apart and one marking the values without wildcards.
     */
    static final class DateTimes extends Column {
        private final long[] micros;
        private final long[] timestamps;
        private final long[] concrete;

        private DateTimes(int size) {
            super(size);
            this.micros = new long[size];
            this.timestamps = new long[words(size)];
            this.concrete = new long[words(size)];
        }

        @Override
        void set(int row, CimValue value) {
            if (value instanceof CimTimestamp) {
                timestamps[row >>> 6] |= 1L << row;
            }
            if (((CimDateTime) value).isConcrete()) {
                concrete[row >>> 6] |= 1L << row;
                micros[row] = value instanceof CimTimestamp t ? t.epochMicros() : ((CimInterval) value).micros();
            }
        }

        /**
         * Keeps the rows holding a timestamp ({@code timestamps}) or an interval whose microseconds {@code test}
         * accepts; a value with wildcards is kept when {@code wildcardHolds}.
         */
        void retain(long[] rows, boolean timestamps, LongPredicate test, boolean wildcardHolds) {
            for (int w = 0; w < rows.length; w++) {
                long kind = timestamps ? this.timestamps[w] : present[w] & ~this.timestamps[w];
                long candidates = rows[w] & kind;
                long kept = wildcardHolds ? candidates & ~concrete[w] : 0;
                for (long bits = candidates & concrete[w]; bits != 0; bits &= bits - 1) {
                    int bit = Long.numberOfTrailingZeros(bits);
                    kept |= (test.test(micros[w << 6 | bit]) ? 1L : 0L) << bit;
                }
                rows[w] = kept;
            }
        }
    }

    /** References and arrays, as the values themselves: equality tests on paths, and IS NULL. */
    static final class Values extends Column {
        private final CimValue[] values;

        private Values(int size) {
            super(size);
            this.values = new CimValue[size];
        }

        @Override
        void set(int row, CimValue value) {
            values[row] = value;
        }

        void retain(long[] rows, Predicate<CimValue> test) {
            for (int w = 0; w < rows.length; w++) {
                long kept = 0;
                for (long bits = rows[w] & present[w]; bits != 0; bits &= bits - 1) {
                    int bit = Long.numberOfTrailingZeros(bits);
                    kept |= (test.test(values[w << 6 | bit]) ? 1L : 0L) << bit;
                }
                rows[w] = kept;
            }
        }
    }
}
