package org.replprov.cim;

import java.util.Objects;
import java.util.Set;

/**
 * A qualifier attached to a class, property, method or parameter: name, value (CIM NULL allowed) and the effective
 * flavors (the declaration's defaults with the explicit ones applied). {@code propagated} is true when it was
 * inherited from a superclass element rather than written on this one.
 */
public record CimQualifier(CimName name, CimValue value, Set<CimFlavor> flavors, boolean propagated) {

    public CimQualifier {
        Objects.requireNonNull(name, "name");
        flavors = Set.copyOf(flavors);
    }

    /** A locally written qualifier with DSP0004 default flavors. */
    public static CimQualifier of(String name, CimValue value) {
        return new CimQualifier(CimName.of(name), value, CimFlavor.defaults(), false);
    }

    /** A boolean qualifier set to TRUE, as {@code [Key]} writes it. */
    public static CimQualifier flag(String name) {
        return of(name, CimValue.Bool.TRUE);
    }

    public boolean propagatesToSubclass() {
        return !flavors.contains(CimFlavor.RESTRICTED);
    }

    public boolean overridable() {
        return !flavors.contains(CimFlavor.DISABLEOVERRIDE);
    }

    public CimQualifier withFlavors(Set<CimFlavor> newFlavors) {
        return new CimQualifier(name, value, newFlavors, propagated);
    }

    public CimQualifier asPropagated() {
        return propagated ? this : new CimQualifier(name, value, flavors, true);
    }
}
