package org.replprov.cim;

import java.util.Objects;

/**
 * A property as a class declares it: name, type, default value (null for none), qualifiers, the class that first
 * declared it ({@code classOrigin}) and whether this class inherited it unchanged ({@code propagated}).
 */
public record CimProperty(CimName name, CimDataType dataType, CimValue defaultValue, CimQualifiers qualifiers,
                          CimName classOrigin, boolean propagated) {

    public CimProperty {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataType, "dataType");
        Objects.requireNonNull(qualifiers, "qualifiers");
        if (defaultValue != null) {
            defaultValue = defaultValue.coerce(dataType);
        }
    }

    /** A locally declared property without default; the class origin is set when the class is built. */
    public static CimProperty of(String name, CimDataType type, CimQualifier... qualifiers) {
        return new CimProperty(CimName.of(name), type, null, CimQualifiers.of(qualifiers), null, false);
    }

    public boolean isKey() {
        return qualifiers.isTrue("Key");
    }

    public CimProperty withDefault(CimValue value) {
        return new CimProperty(name, dataType, value, qualifiers, classOrigin, propagated);
    }

    CimProperty inheritedBy() {
        return new CimProperty(name, dataType, defaultValue, inheritedQualifiers(), classOrigin, true);
    }

    CimProperty withOrigin(CimName origin) {
        return new CimProperty(name, dataType, defaultValue, qualifiers, origin, propagated);
    }

    CimProperty overriding(CimProperty parent, CimName className) {
        CimQualifiers merged = CimQualifiers.inherit(parent.qualifiers, qualifiers, className + "." + name);
        return new CimProperty(name, dataType, defaultValue, merged, className, false);
    }

    private CimQualifiers inheritedQualifiers() {
        return CimQualifiers.inherit(qualifiers, CimQualifiers.NONE, name.toString());
    }
}
