package org.replprov.cim;

import java.util.Objects;

/**
 * The declared type of a property, parameter, method result or qualifier: an intrinsic type, whether it is an array,
 * and for references the class referred to.
 */
public record CimDataType(CimType type, boolean array, CimName referenceClass) {

    public static final CimDataType UINT8 = scalar(CimType.UINT8);
    public static final CimDataType SINT8 = scalar(CimType.SINT8);
    public static final CimDataType UINT16 = scalar(CimType.UINT16);
    public static final CimDataType SINT16 = scalar(CimType.SINT16);
    public static final CimDataType UINT32 = scalar(CimType.UINT32);
    public static final CimDataType SINT32 = scalar(CimType.SINT32);
    public static final CimDataType UINT64 = scalar(CimType.UINT64);
    public static final CimDataType SINT64 = scalar(CimType.SINT64);
    public static final CimDataType REAL32 = scalar(CimType.REAL32);
    public static final CimDataType REAL64 = scalar(CimType.REAL64);
    public static final CimDataType BOOLEAN = scalar(CimType.BOOLEAN);
    public static final CimDataType STRING = scalar(CimType.STRING);
    public static final CimDataType CHAR16 = scalar(CimType.CHAR16);
    public static final CimDataType DATETIME = scalar(CimType.DATETIME);
    public static final CimDataType STRING_ARRAY = arrayOf(CimType.STRING);

    public CimDataType {
        Objects.requireNonNull(type, "type");
        if ((type == CimType.REFERENCE) != (referenceClass != null)) {
            throw new IllegalArgumentException("a reference type, and only a reference type, names a class");
        }
    }

    public static CimDataType scalar(CimType type) {
        return new CimDataType(type, false, null);
    }

    public static CimDataType arrayOf(CimType type) {
        return new CimDataType(type, true, null);
    }

    public static CimDataType reference(CimName referenceClass) {
        return new CimDataType(CimType.REFERENCE, false, Objects.requireNonNull(referenceClass));
    }

    /** The element type of an array type, or this type. */
    public CimDataType elementType() {
        return array ? new CimDataType(type, false, referenceClass) : this;
    }

    public CimDataType asArray() {
        return array ? this : new CimDataType(type, true, referenceClass);
    }

    /** MOF spelling: {@code uint32}, {@code string[]}, {@code CIM_Foo REF}. */
    @Override
    public String toString() {
        String base = type == CimType.REFERENCE ? referenceClass + " REF" : type.keyword();
        return array ? base + "[]" : base;
    }
}
