package org.replprov.cim;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * A non-null CIM value of one of the DSP0004 types. CIM NULL is Java {@code null} wherever a value may be absent
 * (property values, parameters, defaults).
 *
 * <p>Integers of every width share {@link Int}; datetimes are {@link CimTimestamp} and {@link CimInterval}; a
 * reference is a {@link CimObjectPath}; an embedded instance is {@link Embedded}; arrays are {@link Array}.
 */
public sealed interface CimValue permits CimValue.Int, CimValue.Real, CimValue.Bool, CimValue.Str, CimValue.Char16,
        CimDateTime, CimObjectPath, CimValue.Embedded, CimValue.Array {

    /** The type of this value; for a reference, the class the path names. */
    CimDataType dataType();

    /** The value as MOF and CIM-XML {@code <VALUE>} text (strings unquoted, booleans TRUE/FALSE). */
    String text();

    // ---- factories --------------------------------------------------------------------------------------------

    static Int uint8(int v) {
        return Int.of(CimType.UINT8, v);
    }

    static Int uint16(int v) {
        return Int.of(CimType.UINT16, v);
    }

    static Int uint32(long v) {
        return Int.of(CimType.UINT32, v);
    }

    static Int uint64(long v) {
        return Int.of(CimType.UINT64, v);
    }

    static Int sint32(int v) {
        return Int.of(CimType.SINT32, v);
    }

    static Int sint64(long v) {
        return Int.of(CimType.SINT64, v);
    }

    static Str string(String v) {
        return new Str(v);
    }

    static Bool bool(boolean v) {
        return v ? Bool.TRUE : Bool.FALSE;
    }

    /**
     * Parses {@code text} as a value of {@code type}: decimal or {@code 0x} hex integers, TRUE/FALSE, reals,
     * strings as they are, one character, CIM datetimes, object paths. This is how CIM-XML, the CLI and key values
     * become typed.
     *
     * @throws CimException WBEM_E_TYPE_MISMATCH when the text is not of the type, WBEM_E_VALUE_OUT_OF_RANGE when an
     *     integer does not fit
     */
    static CimValue parse(CimDataType type, String text) {
        Objects.requireNonNull(text, "text");
        if (type.array()) {
            throw new CimException(WbemStatus.WBEM_E_TYPE_MISMATCH, "an array value cannot be read from one string");
        }
        CimType t = type.type();
        if (t.isInteger()) {
            return Int.parse(t, text);
        }
        return switch (t) {
            case REAL32, REAL64 -> Real.parse(t, text);
            case BOOLEAN -> Bool.parse(text);
            case STRING -> new Str(text);
            case CHAR16 -> {
                if (text.length() != 1) {
                    throw new CimException(WbemStatus.WBEM_E_TYPE_MISMATCH, "char16 needs one character: '" + text + "'");
                }
                yield new Char16(text.charAt(0));
            }
            case DATETIME -> CimDateTime.parse(text);
            case REFERENCE -> CimObjectPath.parse(text);
            default -> throw new AssertionError(t);
        };
    }

    /**
     * This value converted to {@code target}: integers across widths (range-checked) and to reals, text parsed, an
     * array element by element. Returns {@code this} when it already has the type.
     *
     * @throws CimException WBEM_E_TYPE_MISMATCH or WBEM_E_VALUE_OUT_OF_RANGE
     */
    default CimValue coerce(CimDataType target) {
        CimDataType mine = dataType();
        if (mine.type() == target.type() && mine.array() == target.array()) {
            return this;
        }
        throw mismatch(this, target);
    }

    private static CimException mismatch(CimValue v, CimDataType target) {
        return new CimException(WbemStatus.WBEM_E_TYPE_MISMATCH,
                "cannot use " + v.dataType() + " value '" + v.text() + "' as " + target);
    }

    // ---- the value kinds --------------------------------------------------------------------------------------

    /** An integer of any width; {@code value} holds UINT64 values above {@link Long#MAX_VALUE} as unsigned bits. */
    record Int(CimType type, long value) implements CimValue, Comparable<Int> {
        private static final BigInteger UNSIGNED_BIAS = BigInteger.ONE.shiftLeft(64);

        public Int {
            if (!type.isInteger()) {
                throw new IllegalArgumentException(type + " is not an integer type");
            }
            if (!type.inRange(value)) {
                throw new CimException(WbemStatus.WBEM_E_VALUE_OUT_OF_RANGE, value + " is out of range for " + type);
            }
        }

        /**
         * The integer {@code value} of {@code type}. Values from 0 to {@link #SHARED_MAX} are shared, as
         * {@link Integer#valueOf} shares small integers: states, flags and error codes repeat across many instances.
         */
        public static Int of(CimType type, long value) {
            return value >= 0 && value <= SHARED_MAX ? Shared.VALUES[type.ordinal()][(int) value] : new Int(type, value);
        }

        /** The largest shared value; every integer type can hold it. */
        static final int SHARED_MAX = 127;

        /** The shared small values of each integer type, by {@link CimType#ordinal()}. */
        private static final class Shared {
            static final Int[][] VALUES = new Int[CimType.SINT64.ordinal() + 1][SHARED_MAX + 1];

            static {
                for (CimType t : CimType.values()) {
                    if (t.isInteger()) {
                        for (int v = 0; v <= SHARED_MAX; v++) {
                            VALUES[t.ordinal()][v] = new Int(t, v);
                        }
                    }
                }
            }
        }

        static Int parse(CimType type, String text) {
            String s = text.trim();
            BigInteger big;
            try {
                boolean negative = s.startsWith("-");
                String digits = negative || s.startsWith("+") ? s.substring(1) : s;
                if (digits.length() > 2 && (digits.startsWith("0x") || digits.startsWith("0X"))) {
                    big = new BigInteger(digits.substring(2), 16);
                } else if (!digits.isEmpty() && Character.isDigit(digits.charAt(0))) {
                    big = new BigInteger(digits);
                } else {
                    throw new NumberFormatException();
                }
                if (negative) {
                    big = big.negate();
                }
            } catch (NumberFormatException e) {
                throw new CimException(WbemStatus.WBEM_E_TYPE_MISMATCH, "not an integer: '" + text + "'");
            }
            return fromBig(type, big);
        }

        static Int fromBig(CimType type, BigInteger big) {
            boolean fits = type == CimType.UINT64
                    ? big.signum() >= 0 && big.bitLength() <= 64
                    : big.bitLength() <= 63 && type.inRange(big.longValue());
            if (!fits) {
                throw new CimException(WbemStatus.WBEM_E_VALUE_OUT_OF_RANGE, big + " is out of range for " + type);
            }
            return of(type, big.longValue());
        }

        /** The exact value, unsigned-aware. */
        public BigInteger bigValue() {
            return type == CimType.UINT64 && value < 0 ? BigInteger.valueOf(value).add(UNSIGNED_BIAS)
                    : BigInteger.valueOf(value);
        }

        /** True when this is a UINT64 beyond the signed range, so {@link #value()} must be read as unsigned. */
        public boolean isUnsignedHigh() {
            return type == CimType.UINT64 && value < 0;
        }

        @Override
        public CimDataType dataType() {
            return CimDataType.scalar(type);
        }

        @Override
        public String text() {
            return type == CimType.UINT64 ? Long.toUnsignedString(value) : Long.toString(value);
        }

        @Override
        public CimValue coerce(CimDataType target) {
            if (target.array()) {
                return CimValue.super.coerce(target);
            }
            CimType t = target.type();
            if (t == type) {
                return this;
            }
            if (t.isInteger()) {
                return fromBig(t, bigValue());
            }
            if (t.isReal()) {
                return new Real(t, bigValue().doubleValue());
            }
            if (t == CimType.STRING) {
                return new Str(text());
            }
            return CimValue.super.coerce(target);
        }

        /** Numeric order, across widths and signedness. */
        @Override
        public int compareTo(Int o) {
            if (isUnsignedHigh() || o.isUnsignedHigh()) {
                return bigValue().compareTo(o.bigValue());
            }
            return Long.compare(value, o.value);
        }
    }

    /** A real32 or real64; real32 values are held widened. */
    record Real(CimType type, double value) implements CimValue {
        public Real {
            if (!type.isReal()) {
                throw new IllegalArgumentException(type + " is not a real type");
            }
            if (type == CimType.REAL32) {
                value = (float) value;
            }
        }

        static Real parse(CimType type, String text) {
            try {
                return new Real(type, Double.parseDouble(text.trim()));
            } catch (NumberFormatException e) {
                throw new CimException(WbemStatus.WBEM_E_TYPE_MISMATCH, "not a real number: '" + text + "'");
            }
        }

        @Override
        public CimDataType dataType() {
            return CimDataType.scalar(type);
        }

        @Override
        public String text() {
            return type == CimType.REAL32 ? Float.toString((float) value) : Double.toString(value);
        }

        @Override
        public CimValue coerce(CimDataType target) {
            if (!target.array() && target.type().isReal()) {
                return new Real(target.type(), value);
            }
            return CimValue.super.coerce(target);
        }
    }

    /** A boolean. */
    record Bool(boolean value) implements CimValue {
        public static final Bool TRUE = new Bool(true);
        public static final Bool FALSE = new Bool(false);

        static Bool parse(String text) {
            String s = text.trim();
            if (s.equalsIgnoreCase("true")) {
                return TRUE;
            }
            if (s.equalsIgnoreCase("false")) {
                return FALSE;
            }
            throw new CimException(WbemStatus.WBEM_E_TYPE_MISMATCH, "not a boolean (TRUE or FALSE): '" + text + "'");
        }

        @Override
        public CimDataType dataType() {
            return CimDataType.BOOLEAN;
        }

        @Override
        public String text() {
            return value ? "TRUE" : "FALSE";
        }
    }

    /** A string. */
    record Str(String value) implements CimValue {
        public Str {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public CimDataType dataType() {
            return CimDataType.STRING;
        }

        @Override
        public String text() {
            return value;
        }

        /** Text converts to any scalar type by {@link CimValue#parse}. */
        @Override
        public CimValue coerce(CimDataType target) {
            if (!target.array() && target.type() != CimType.STRING) {
                return CimValue.parse(target, value);
            }
            return CimValue.super.coerce(target);
        }
    }

    /** A UCS-2 character. */
    record Char16(char value) implements CimValue {
        @Override
        public CimDataType dataType() {
            return CimDataType.CHAR16;
        }

        @Override
        public String text() {
            return String.valueOf(value);
        }
    }

    /**
     * An embedded instance (DSP0004 §5.6.3, qualifier EmbeddedInstance): the value of a string-typed property,
     * parameter or method result that the EmbeddedInstance qualifier marks as holding an instance of a named class.
     * Its declared type is {@code string}, as DSP0004 has it, so an array of them is a {@code string[]}; the wire
     * encodings write it as the instance itself (CIM-XML: escaped {@code INSTANCE} text, DSP0201 §3.2.6; JSON: a
     * nested instance object). An embedded instance has no object path of its own.
     */
    record Embedded(CimInstance instance) implements CimValue {
        public Embedded {
            Objects.requireNonNull(instance, "instance");
        }

        @Override
        public CimDataType dataType() {
            return CimDataType.STRING;
        }

        /** The instance in the MOF-like form of {@link CimInstance#toString()}, for messages and logs. */
        @Override
        public String text() {
            return instance.toString();
        }
    }

    /** An array of non-null values of one element type. */
    record Array(CimDataType elementType, List<CimValue> elements) implements CimValue {
        public Array {
            if (elementType.array()) {
                throw new IllegalArgumentException("array of arrays");
            }
            elements = List.copyOf(elements);
            for (CimValue e : elements) {
                if (e.dataType().type() != elementType.type() || e.dataType().array()) {
                    throw new CimException(WbemStatus.WBEM_E_TYPE_MISMATCH,
                            "array of " + elementType + " holds a " + e.dataType() + " element");
                }
            }
        }

        public static Array ofStrings(List<String> values) {
            return new Array(CimDataType.STRING, values.stream().<CimValue>map(Str::new).toList());
        }

        @Override
        public CimDataType dataType() {
            return elementType.asArray();
        }

        /** MOF array syntax without quotes: {@code {a, b}}. */
        @Override
        public String text() {
            StringBuilder sb = new StringBuilder("{");
            for (int i = 0; i < elements.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(elements.get(i).text());
            }
            return sb.append('}').toString();
        }

        @Override
        public CimValue coerce(CimDataType target) {
            if (target.array()) {
                CimDataType element = target.elementType();
                return new Array(element, elements.stream().map(e -> e.coerce(element)).toList());
            }
            return CimValue.super.coerce(target);
        }
    }
}
