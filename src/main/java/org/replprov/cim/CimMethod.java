package org.replprov.cim;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A method: return type, parameters in order, qualifiers, class origin and whether it was inherited unchanged. */
public record CimMethod(CimName name, CimDataType returnType, List<CimParameter> parameters, CimQualifiers qualifiers,
                        CimName classOrigin, boolean propagated) {

    public CimMethod {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(returnType, "returnType");
        parameters = List.copyOf(parameters);
        Objects.requireNonNull(qualifiers, "qualifiers");
        for (int i = 0; i < parameters.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (parameters.get(i).name().equals(parameters.get(j).name())) {
                    throw new CimException(WbemStatus.WBEM_E_INVALID_DUPLICATE_PARAMETER,
                            "method " + name + " declares parameter " + parameters.get(i).name() + " twice",
                            parameters.get(i).name());
                }
            }
        }
    }

    public static CimMethod of(String name, CimDataType returnType, List<CimParameter> parameters,
                               CimQualifier... qualifiers) {
        return new CimMethod(CimName.of(name), returnType, parameters, CimQualifiers.of(qualifiers), null, false);
    }

    public Optional<CimParameter> parameter(CimName name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public List<CimParameter> inParameters() {
        return parameters.stream().filter(CimParameter::isIn).toList();
    }

    CimMethod withOrigin(CimName origin) {
        return new CimMethod(name, returnType, parameters, qualifiers, origin, propagated);
    }

    CimMethod inheritedBy() {
        return new CimMethod(name, returnType, parameters,
                CimQualifiers.inherit(qualifiers, CimQualifiers.NONE, name.toString()), classOrigin, true);
    }

    CimMethod overriding(CimMethod parent, CimName className) {
        CimQualifiers merged = CimQualifiers.inherit(parent.qualifiers, qualifiers, className + "." + name + "()");
        return new CimMethod(name, returnType, parameters, merged, className, false);
    }
}
