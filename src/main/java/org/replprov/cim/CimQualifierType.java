package org.replprov.cim;

import java.util.Objects;
import java.util.Set;

/**
 * A qualifier declaration (DSP0004 §5.6.1): {@code Qualifier MaxLen : uint32 = null, Scope(property, method,
 * parameter);}. The default value may be null; scopes and default flavors are fixed sets.
 */
public record CimQualifierType(CimName name, CimDataType dataType, CimValue defaultValue, Set<CimScope> scopes,
                               Set<CimFlavor> flavors) {

    public CimQualifierType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataType, "dataType");
        scopes = Set.copyOf(scopes);
        flavors = Set.copyOf(flavors);
        if (defaultValue != null) {
            defaultValue = defaultValue.coerce(dataType);
        }
    }

    /** True when a qualifier of this type may be attached to an element of {@code scope}. */
    public boolean appliesTo(CimScope scope) {
        if (scopes.contains(CimScope.ANY) || scopes.contains(scope)) {
            return true;
        }
        // An association is a class and a reference is a property (DSP0004 §5.6.1.1).
        return (scope == CimScope.ASSOCIATION || scope == CimScope.INDICATION) && scopes.contains(CimScope.CLASS)
                || scope == CimScope.REFERENCE && scopes.contains(CimScope.PROPERTY);
    }
}
