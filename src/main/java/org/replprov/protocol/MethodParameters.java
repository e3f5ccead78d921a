package org.replprov.protocol;

import java.util.ArrayList;
import java.util.List;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimException;
import org.replprov.cim.CimMethod;
import org.replprov.cim.CimName;
import org.replprov.cim.CimParameter;
import org.replprov.cim.CimValue;
import org.replprov.cim.WbemStatus;

/**
 * Types method input parameters against the method's declaration, the same way for every protocol.
 *
 * <p>Clients differ: wbemcli sends {@code PARAMVALUE} without {@code PARAMTYPE}, SBLIM and pywbem send it, the JSON
 * API and the command line send text or JSON numbers. Every value is therefore coerced to the declared type
 * ({@link CimValue#coerce}), so that {@code "2"}, {@code sint64 2} and {@code uint32 2} all reach the provider as
 * {@code uint32 2}.
 */
public final class MethodParameters {

    private MethodParameters() {
    }

    /**
     * The method {@code methodName} of {@code cimClass}.
     *
     * @throws CimException WBEM_E_INVALID_METHOD (CIM_ERR_METHOD_NOT_FOUND) when the class has no such method
     */
    public static CimMethod method(CimClass cimClass, CimName methodName) {
        return cimClass.method(methodName).orElseThrow(() -> new CimException(WbemStatus.WBEM_E_INVALID_METHOD,
                "class " + cimClass.name() + " has no method " + methodName, methodName));
    }

    /**
     * The parameters typed by {@code method}'s declaration, in the order given, spelled as declared.
     *
     * @throws CimException WBEM_E_INVALID_METHOD_PARAMETERS naming a parameter the method lacks, one that is not an
     *     input parameter, or one given twice; WBEM_E_TYPE_MISMATCH or WBEM_E_VALUE_OUT_OF_RANGE naming a value
     *     that does not convert
     */
    public static List<ParamValue> bind(CimMethod method, List<ParamValue> given) {
        List<ParamValue> bound = new ArrayList<>(given.size());
        for (ParamValue p : given) {
            CimParameter declared = method.parameter(p.name()).filter(CimParameter::isIn).orElseThrow(() ->
                    new CimException(WbemStatus.WBEM_E_INVALID_METHOD_PARAMETERS,
                            "method " + method.name() + " has no input parameter " + p.name(), p.name()));
            if (bound.stream().anyMatch(b -> b.name().equals(declared.name()))) {
                throw new CimException(WbemStatus.WBEM_E_INVALID_METHOD_PARAMETERS,
                        "parameter " + declared.name() + " is given twice", declared.name());
            }
            bound.add(new ParamValue(declared.name(), coerce(declared, p.value())));
        }
        return bound;
    }

    private static CimValue coerce(CimParameter declared, CimValue value) {
        if (value == null) {
            return null;
        }
        try {
            return value.coerce(declared.dataType());
        } catch (CimException e) {
            throw new CimException(e.status(), "parameter " + declared.name() + ": " + e.description(),
                    declared.name());
        }
    }
}
