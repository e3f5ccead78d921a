package org.replprov.provider.spi;

import java.util.LinkedHashMap;
import java.util.Map;

import org.replprov.cim.CimName;
import org.replprov.cim.CimValue;

/**
 * What a method returns: its return value (the out-class property ReturnValue of MS-WMIO §2.3.3) and its out
 * parameters by name. Either may be CIM NULL (Java null / absent).
 */
public record MethodResult(CimValue returnValue, Map<CimName, CimValue> outParameters) {

    public MethodResult {
        outParameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outParameters));
    }

    /** A result with a return value and no out parameters. */
    public static MethodResult of(CimValue returnValue) {
        return new MethodResult(returnValue, Map.of());
    }
}
