package org.replprov.engines.windows.wmio;

import java.util.Optional;
import org.replprov.cim.CimType;

/**
 * An MS-WMIO CimType (§2.2.82): a CimBaseType, optionally combined with the CimArrayFlag 0x2000.
 *
 * <p>The array constants in the specification's table (CIM-ARRAY-UINT32 = 8201, CIM-ARRAY-BOOLEAN = 8203, …) do not
 * all equal their base type ORed with 0x2000, which is the rule the same section states; the specification's own
 * example encodes {@code uint32 Array[]} as 0x2013 (§3), and so does Windows as far as the examples show. This codec
 * follows the rule.
 */
public record WireType(Base base, boolean array) {

    /** The CimArrayFlag. */
    static final int ARRAY_FLAG = 0x2000;
    /** The Inherited bit of a PropertyType (§2.2.32), outside the CimType proper. */
    static final int INHERITED_FLAG = 0x4000;

    /** The CimBaseType values, with the size of their EncodedValue (§2.2.71). */
    public enum Base {
        SINT8(16, 1, CimType.SINT8),
        UINT8(17, 1, CimType.UINT8),
        SINT16(2, 2, CimType.SINT16),
        UINT16(18, 2, CimType.UINT16),
        SINT32(3, 4, CimType.SINT32),
        UINT32(19, 4, CimType.UINT32),
        SINT64(20, 8, CimType.SINT64),
        UINT64(21, 8, CimType.UINT64),
        REAL32(4, 4, CimType.REAL32),
        REAL64(5, 8, CimType.REAL64),
        BOOLEAN(11, 2, CimType.BOOLEAN),
        STRING(8, 4, CimType.STRING),
        DATETIME(101, 4, CimType.DATETIME),
        REFERENCE(102, 4, CimType.REFERENCE),
        CHAR16(103, 2, CimType.CHAR16),
        /** An embedded CIM object: a HeapRef to ObjectEncodingLength and an ObjectBlock. No DSP0004 counterpart. */
        OBJECT(13, 4, null);

        private final int code;
        private final int size;
        private final CimType cimType;

        Base(int code, int size, CimType cimType) {
            this.code = code;
            this.size = size;
            this.cimType = cimType;
        }

        public int code() {
            return code;
        }

        /** Octets of the EncodedValue in a ValueTable, Encoded-Array or qualifier. */
        int size() {
            return size;
        }

        /** Values of these types live in the heap; the EncodedValue is a HeapRef. */
        boolean inHeap() {
            return this == STRING || this == DATETIME || this == REFERENCE || this == OBJECT;
        }

        /** The DSP0004 type; empty for OBJECT. */
        public Optional<CimType> cimType() {
            return Optional.ofNullable(cimType);
        }

        static Optional<Base> ofCode(int code) {
            for (Base b : values()) {
                if (b.code == code) {
                    return Optional.of(b);
                }
            }
            return Optional.empty();
        }

        static Base of(CimType type) {
            for (Base b : values()) {
                if (b.cimType == type) {
                    return b;
                }
            }
            throw new AssertionError(type);
        }
    }

    public static WireType scalar(Base base) {
        return new WireType(base, false);
    }

    public static WireType arrayOf(Base base) {
        return new WireType(base, true);
    }

    /** The 16-bit CimType code. */
    public int code() {
        return base.code | (array ? ARRAY_FLAG : 0);
    }

    /** Octets of the EncodedValue: the value itself, or a HeapRef for strings, objects and arrays. */
    int slotSize() {
        return array ? 4 : base.size;
    }

    /**
     * The type for a code; only the low 16 bits count (§2.2.82), and {@code extraBits} (the Inherited flag of a
     * PropertyType) are ignored.
     */
    static Optional<WireType> ofCode(int code, int extraBits) {
        int c = code & 0xFFFF & ~extraBits;
        return Base.ofCode(c & ~ARRAY_FLAG).map(b -> new WireType(b, (c & ARRAY_FLAG) != 0));
    }

    @Override
    public String toString() {
        return base.name().toLowerCase(java.util.Locale.ROOT) + (array ? "[]" : "");
    }
}
