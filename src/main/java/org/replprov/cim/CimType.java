package org.replprov.cim;

import java.util.Locale;
import java.util.Optional;

/** The DSP0004 intrinsic data types (§5.2, Table 2), by their MOF keyword. */
public enum CimType {
    UINT8("uint8", 0, 0xFFL),
    SINT8("sint8", Byte.MIN_VALUE, Byte.MAX_VALUE),
    UINT16("uint16", 0, 0xFFFFL),
    SINT16("sint16", Short.MIN_VALUE, Short.MAX_VALUE),
    UINT32("uint32", 0, 0xFFFF_FFFFL),
    SINT32("sint32", Integer.MIN_VALUE, Integer.MAX_VALUE),
    /** Unsigned 64-bit: values above {@link Long#MAX_VALUE} are held in a {@code long} read as unsigned. */
    UINT64("uint64", 0, -1L),
    SINT64("sint64", Long.MIN_VALUE, Long.MAX_VALUE),
    REAL32("real32", 0, 0),
    REAL64("real64", 0, 0),
    BOOLEAN("boolean", 0, 0),
    STRING("string", 0, 0),
    CHAR16("char16", 0, 0),
    DATETIME("datetime", 0, 0),
    /** An object path; the referenced class travels in {@link CimDataType#referenceClass()}. */
    REFERENCE("ref", 0, 0);

    private final String keyword;
    private final long min;
    private final long max;

    CimType(String keyword, long min, long max) {
        this.keyword = keyword;
        this.min = min;
        this.max = max;
    }

    /** The MOF and CIM-XML spelling ({@code uint32}, {@code datetime}, {@code reference} is {@code ref}). */
    public String keyword() {
        return keyword;
    }

    public boolean isInteger() {
        return ordinal() <= SINT64.ordinal();
    }

    public boolean isSigned() {
        return this == SINT8 || this == SINT16 || this == SINT32 || this == SINT64;
    }

    public boolean isReal() {
        return this == REAL32 || this == REAL64;
    }

    public boolean isNumeric() {
        return isInteger() || isReal();
    }

    /** True when {@code value} lies in this integer type's range ({@code value} read as unsigned for UINT64). */
    public boolean inRange(long value) {
        if (!isInteger()) {
            throw new IllegalStateException(this + " is not an integer type");
        }
        return this == UINT64 || this == SINT64 || (value >= min && value <= max);
    }

    /** The type for a MOF/CIM-XML keyword, case-insensitively; {@code reference} is accepted for {@code ref}. */
    public static Optional<CimType> fromKeyword(String keyword) {
        String k = keyword.toLowerCase(Locale.ROOT);
        if (k.equals("reference")) {
            return Optional.of(REFERENCE);
        }
        for (CimType t : values()) {
            if (t.keyword.equals(k)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return keyword;
    }
}
