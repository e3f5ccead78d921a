package org.replprov.cim;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A method parameter: name, type and qualifiers. DSP0004 §5.6.3: {@code In} defaults to TRUE and {@code Out} to
 * FALSE; WMI numbers parameters with {@code ID}.
 */
public record CimParameter(CimName name, CimDataType dataType, CimQualifiers qualifiers) {

    public CimParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataType, "dataType");
        Objects.requireNonNull(qualifiers, "qualifiers");
    }

    public static CimParameter of(String name, CimDataType type, CimQualifier... qualifiers) {
        return new CimParameter(CimName.of(name), type, CimQualifiers.of(qualifiers));
    }

    public boolean isIn() {
        return qualifiers.get("In").map(q -> q.value() instanceof CimValue.Bool b && b.value()).orElse(true);
    }

    public boolean isOut() {
        return qualifiers.isTrue("Out");
    }

    /** The WMI {@code ID} qualifier: the parameter's position. */
    public OptionalInt id() {
        return qualifiers.integer("ID").map(v -> OptionalInt.of(v.intValue())).orElse(OptionalInt.empty());
    }
}
